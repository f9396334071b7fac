/* GetTimeZoneInformation and GetDynamicTimeZoneInformation for the host's zone (TZ), printed for
 * tests/suites/windows-registry.sh to compare with what Python's zoneinfo says of the same zone
 * this year; and the zone's registry key must hold the same names and rule. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

static void rule(const char *what, const WCHAR *name, const SYSTEMTIME *d)
{
	printf("%s \"%ls\" %u/%u/%u %u:%02u\n", what, name, d->wMonth, d->wDay, d->wDayOfWeek, d->wHour,
	       d->wMinute);
}

int main(void)
{
	TIME_ZONE_INFORMATION tz;
	DYNAMIC_TIME_ZONE_INFORMATION dyn;
	DWORD id = GetTimeZoneInformation(&tz);
	printf("id %lu\n", id);
	printf("bias %ld standard %ld daylight %ld\n", tz.Bias, tz.StandardBias, tz.DaylightBias);
	rule("standard", tz.StandardName, &tz.StandardDate);
	rule("daylight", tz.DaylightName, &tz.DaylightDate);
	DWORD id2 = GetDynamicTimeZoneInformation(&dyn);
	printf("key \"%ls\"\n", dyn.TimeZoneKeyName);
	printf("dynamic agrees: %d\n", id2 == id && dyn.Bias == tz.Bias &&
	       !memcmp(&dyn.StandardDate, &tz.StandardDate, sizeof tz.StandardDate) &&
	       !memcmp(&dyn.DaylightDate, &tz.DaylightDate, sizeof tz.DaylightDate) &&
	       !wcscmp(dyn.StandardName, tz.StandardName) && !wcscmp(dyn.DaylightName, tz.DaylightName));

	/* The key's Std, Dlt and TZI are what GetTimeZoneInformation gave. */
	WCHAR path[300] = L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Time Zones\\";
	wcscat(path, dyn.TimeZoneKeyName);
	HKEY k;
	if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_READ, &k)) {
		printf("no registry key\n");
		return 0;
	}
	WCHAR std[64], dlt[64];
	struct {
		LONG Bias, StandardBias, DaylightBias;
		SYSTEMTIME StandardDate, DaylightDate;
	} tzi;
	DWORD n1 = sizeof std, n2 = sizeof dlt, n3 = sizeof tzi;
	LONG e = RegQueryValueExW(k, L"Std", NULL, NULL, (BYTE *)std, &n1) |
		 RegQueryValueExW(k, L"Dlt", NULL, NULL, (BYTE *)dlt, &n2) |
		 RegQueryValueExW(k, L"TZI", NULL, NULL, (BYTE *)&tzi, &n3);
	printf("registry agrees: %d\n", !e && !wcscmp(std, tz.StandardName) &&
	       !wcscmp(dlt, tz.DaylightName) && tzi.Bias == tz.Bias &&
	       tzi.StandardBias == tz.StandardBias && tzi.DaylightBias == tz.DaylightBias &&
	       !memcmp(&tzi.StandardDate, &tz.StandardDate, sizeof tz.StandardDate) &&
	       !memcmp(&tzi.DaylightDate, &tz.DaylightDate, sizeof tz.DaylightDate));
	RegCloseKey(k);
	return 0;
}
