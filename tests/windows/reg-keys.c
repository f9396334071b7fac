/* The registry's read side (advapi32): opening keys, values, enumeration, key information and the
 * error codes Microsoft documents for each (the Reg* functions return them; the last error is
 * not theirs). Expected: reg-keys.expected. */
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

NTSYSAPI NTSTATUS NTAPI RtlGetVersion(RTL_OSVERSIONINFOW *);

#define CV L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"
#define TZ CV L"\\Time Zones"

static void show(const char *what, LONG e)
{
	printf("%s: %ld\n", what, (long)e);
}

static void versions(void)
{
	HKEY k;
	DWORD type, size, n;
	WCHAR s[64];
	char a[64];
	show("open CurrentVersion", RegOpenKeyExW(HKEY_LOCAL_MACHINE, CV, 0, KEY_READ, &k));
	size = sizeof s;
	show("CurrentBuildNumber", RegQueryValueExW(k, L"CurrentBuildNumber", NULL, &type, (BYTE *)s, &size));
	printf("  type %lu size %lu \"%ls\"\n", type, size, s);
	/* The same build as the version functions report. */
	RTL_OSVERSIONINFOW v = { sizeof v };
	RtlGetVersion(&v);
	printf("  equals RtlGetVersion's build: %d\n", (DWORD)_wtoi(s) == v.dwBuildNumber);
	size = sizeof n;
	show("CurrentMajorVersionNumber", RegQueryValueExW(k, L"CurrentMajorVersionNumber", NULL, &type, (BYTE *)&n, &size));
	printf("  type %lu size %lu value %lu equals RtlGetVersion's: %d\n", type, size, n, n == v.dwMajorVersion);
	size = sizeof n;
	show("CurrentMinorVersionNumber", RegQueryValueExW(k, L"CurrentMinorVersionNumber", NULL, &type, (BYTE *)&n, &size));
	printf("  value %lu equals RtlGetVersion's: %d\n", n, n == v.dwMinorVersion);
	/* Sizes: NULL data gives the size; a short buffer ERROR_MORE_DATA (234) and the size. */
	size = 0;
	show("size only", RegQueryValueExW(k, L"CurrentBuild", NULL, &type, NULL, &size));
	printf("  type %lu size %lu\n", type, size);
	size = 4;
	show("short buffer", RegQueryValueExW(k, L"CurrentBuild", NULL, &type, (BYTE *)s, &size));
	printf("  size %lu\n", size);
	size = sizeof a;
	show("ANSI CurrentBuild", RegQueryValueExA(k, "CurrentBuild", NULL, &type, (BYTE *)a, &size));
	printf("  type %lu size %lu \"%s\"\n", type, size, a);
	show("missing value", RegQueryValueExW(k, L"NoSuchValue", NULL, &type, NULL, &size));
	show("default value (none)", RegQueryValueExW(k, NULL, NULL, &type, NULL, &size));
	/* RegGetValue checks the type asked for. */
	size = sizeof n;
	show("RegGetValue DWORD", RegGetValueW(HKEY_LOCAL_MACHINE, CV, L"CurrentMajorVersionNumber", RRF_RT_REG_DWORD, &type, &n, &size));
	printf("  value %lu\n", n);
	size = sizeof n;
	show("RegGetValue SZ as DWORD", RegGetValueW(k, NULL, L"CurrentBuild", RRF_RT_REG_DWORD, &type, &n, &size));
	size = sizeof s;
	show("RegGetValue no type", RegGetValueW(k, NULL, L"CurrentBuild", 0, &type, s, &size));
	size = sizeof s;
	show("RegGetValue expanding", RegGetValueW(k, NULL, L"CurrentBuild", RRF_RT_REG_SZ | RRF_RT_REG_EXPAND_SZ, &type, s, &size));
	size = sizeof s;
	show("RegGetValue SZ", RegGetValueW(k, NULL, L"CurrentBuild", RRF_RT_REG_SZ, &type, s, &size));
	printf("  type %lu size %lu \"%ls\"\n", type, size, s);
	show("close", RegCloseKey(k));
	show("close again", RegCloseKey(k));
}

static void opening(void)
{
	HKEY k, k2;
	show("open lower case", RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"software\\MICROSOFT\\windows nt\\currentVERSION", 0, KEY_READ, &k));
	show("open relative", RegOpenKeyExW(k, L"Time Zones\\UTC\\", 0, KEY_QUERY_VALUE, &k2));
	RegCloseKey(k2);
	show("open same (empty name)", RegOpenKeyExW(k, L"", 0, KEY_READ, &k2));
	RegCloseKey(k2);
	RegCloseKey(k);
	show("open with a leading backslash", RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"\\SOFTWARE", 0, KEY_READ, &k));
	show("open with a doubled backslash", RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\\\Microsoft", 0, KEY_READ, &k2));
	RegCloseKey(k2);
	show("open missing", RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\NoSuchKey\\x", 0, KEY_READ, &k));
	show("open under bad handle", RegOpenKeyExW((HKEY)(ULONG_PTR)0x1234, L"x", 0, KEY_READ, &k));
	show("open ANSI", RegOpenKeyExA(HKEY_LOCAL_MACHINE, "SOFTWARE\\Microsoft", 0, KEY_READ, &k));
	RegCloseKey(k);
	show("predefined roots: HKCU", RegOpenKeyExW(HKEY_CURRENT_USER, NULL, 0, KEY_READ, &k));
	RegCloseKey(k);
	show("predefined roots: HKCR", RegOpenKeyExW(HKEY_CLASSES_ROOT, L"", 0, KEY_READ, &k));
	RegCloseKey(k);
	/* A handle opened without KEY_QUERY_VALUE cannot read values. */
	RegOpenKeyExW(HKEY_LOCAL_MACHINE, CV, 0, KEY_ENUMERATE_SUB_KEYS, &k);
	DWORD size;
	show("query without KEY_QUERY_VALUE", RegQueryValueExW(k, L"CurrentBuild", NULL, NULL, NULL, &size));
	RegCloseKey(k);
}

static void writing(void)
{
	HKEY k;
	DWORD disp, v = 1;
	show("open HKLM for writing", RegOpenKeyExW(HKEY_LOCAL_MACHINE, CV, 0, KEY_SET_VALUE, &k));
	show("create key", RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\xabi-test", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, &disp));
	RegOpenKeyExW(HKEY_LOCAL_MACHINE, CV, 0, KEY_READ, &k);
	show("set value on a read handle", RegSetValueExW(k, L"x", 0, REG_DWORD, (BYTE *)&v, sizeof v));
	show("delete value", RegDeleteValueW(k, L"CurrentBuild"));
	RegCloseKey(k);
}

static void zones(void)
{
	HKEY k, z;
	WCHAR name[256], prev[256] = L"";
	DWORD i, n, longest = 0, sorted = 1, seen_utc = 0, seen_cest = 0;
	show("open Time Zones", RegOpenKeyExW(HKEY_LOCAL_MACHINE, TZ, 0, KEY_ENUMERATE_SUB_KEYS | KEY_QUERY_VALUE, &k));
	for (i = 0;; i++) {
		n = 256;
		LONG e = RegEnumKeyExW(k, i, name, &n, NULL, NULL, NULL, NULL);
		if (e) {
			printf("enumeration ends with %ld\n", (long)e);
			break;
		}
		if (n != wcslen(name))
			printf("name length %lu for \"%ls\"\n", n, name);
		if (_wcsicmp(prev, name) >= 0)
			sorted = 0;
		wcscpy(prev, name);
		longest = n > longest ? n : longest;
		seen_utc |= !wcscmp(name, L"UTC");
		seen_cest |= !wcscmp(name, L"Central Europe Standard Time");
	}
	printf("at least 130 zones: %d, sorted: %lu, UTC: %lu, Central Europe: %lu\n", i >= 130, sorted, seen_utc, seen_cest);
	DWORD nsub, maxsub, nval;
	show("RegQueryInfoKey", RegQueryInfoKeyW(k, NULL, NULL, NULL, &nsub, &maxsub, NULL, &nval, NULL, NULL, NULL, NULL));
	printf("  subkeys equal: %d, longest equal: %d, values %lu\n", nsub == i, maxsub == longest, nval);
	n = 3;
	show("enum short buffer", RegEnumKeyExW(k, 0, name, &n, NULL, NULL, NULL, NULL));
	printf("  length left %lu\n", n);

	/* Pacific Standard Time's TZI as Microsoft documents the US rule: bias 480, daylight -60,
	 * standard from the first Sunday of November at 2:00, daylight from the second Sunday of
	 * March at 2:00. */
	struct {
		LONG Bias, StandardBias, DaylightBias;
		SYSTEMTIME StandardDate, DaylightDate;
	} tzi;
	show("open Pacific", RegOpenKeyExW(k, L"Pacific Standard Time", 0, KEY_READ, &z));
	n = sizeof tzi;
	DWORD type;
	show("TZI", RegQueryValueExW(z, L"TZI", NULL, &type, (BYTE *)&tzi, &n));
	printf("  type %lu size %lu bias %ld %ld %ld std %u/%u/%u %u:%02u dlt %u/%u/%u %u:%02u\n", type, n,
	       tzi.Bias, tzi.StandardBias, tzi.DaylightBias,
	       tzi.StandardDate.wMonth, tzi.StandardDate.wDay, tzi.StandardDate.wDayOfWeek, tzi.StandardDate.wHour, tzi.StandardDate.wMinute,
	       tzi.DaylightDate.wMonth, tzi.DaylightDate.wDay, tzi.DaylightDate.wDayOfWeek, tzi.DaylightDate.wHour, tzi.DaylightDate.wMinute);
	n = sizeof name;
	RegQueryValueExW(z, L"Std", NULL, &type, (BYTE *)name, &n);
	printf("  Std \"%ls\"\n", name);
	n = sizeof name;
	RegQueryValueExW(z, L"Dlt", NULL, &type, (BYTE *)name, &n);
	printf("  Dlt \"%ls\"\n", name);
	/* Std is a plain string, not an "@file,-id" reference. */
	n = sizeof name;
	show("RegLoadMUIString of a plain string", RegLoadMUIStringW(z, L"Std", name, sizeof name, &n, 0, NULL));
	show("RegLoadMUIString of no value", RegLoadMUIStringW(z, L"NoSuchValue", name, sizeof name, &n, 0, NULL));
	/* Values come back in order; past the last, ERROR_NO_MORE_ITEMS (259). */
	for (i = 0;; i++) {
		n = 256;
		DWORD size = 0;
		LONG e = RegEnumValueW(z, i, name, &n, NULL, &type, NULL, &size);
		if (e) {
			printf("values end at %lu with %ld\n", i, (long)e);
			break;
		}
		printf("  value %ls type %lu size %lu\n", name, type, size);
	}
	RegCloseKey(z);
	show("open UTC", RegOpenKeyExW(k, L"utc", 0, KEY_READ, &z));
	n = sizeof tzi;
	RegQueryValueExW(z, L"TZI", NULL, &type, (BYTE *)&tzi, &n);
	printf("  bias %ld %ld %ld months %u %u\n", tzi.Bias, tzi.StandardBias, tzi.DaylightBias, tzi.StandardDate.wMonth, tzi.DaylightDate.wMonth);
	RegCloseKey(z);
	RegCloseKey(k);
}

int main(void)
{
	versions();
	opening();
	writing();
	zones();
	return 0;
}
