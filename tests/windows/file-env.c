/* Environment variables: GetEnvironmentVariable's size rules and ERROR_ENVVAR_NOT_FOUND (203),
 * names without regard to case, SetEnvironmentVariable(NULL) deletes, the W forms, the block,
 * ExpandEnvironmentStrings, and msvcrt's getenv/_putenv/_wgetenv. (On Windows msvcrt keeps its own
 * copy that SetEnvironmentVariable does not change; xabi shares one, so getenv after
 * SetEnvironmentVariable is not checked: README "limits".)
 * The suite sets XABI_TEST_VAR=hello. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

/* The CRT's wide string functions are not what is tested here. */
static size_t wlen(const WCHAR *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

static int wsame(const WCHAR *a, const WCHAR *b)
{
	return a && wlen(a) == wlen(b) && !memcmp(a, b, wlen(a) * sizeof *a);
}

int main(void)
{
	char buf[64];
	DWORD n = GetEnvironmentVariableA("XABI_TEST_VAR", buf, sizeof buf);
	printf("get %lu [%s]\n", n, buf);
	n = GetEnvironmentVariableA("xabi_test_var", buf, sizeof buf);
	printf("get lower case %lu [%s]\n", n, buf);
	n = GetEnvironmentVariableA("XABI_TEST_VAR", buf, 5);
	printf("small buffer %lu\n", n);
	n = GetEnvironmentVariableA("XABI_TEST_VAR", buf, 6);
	printf("exact buffer %lu\n", n);
	SetLastError(0);
	n = GetEnvironmentVariableA("XABI_NO_SUCH", buf, sizeof buf);
	printf("missing %lu error %lu\n", n, GetLastError());
	printf("set %d\n", SetEnvironmentVariableA("XABI_NEW", "v1"));
	n = GetEnvironmentVariableA("xabi_new", buf, sizeof buf);
	printf("get other case %lu [%s]\n", n, buf);
	printf("set other case %d\n", SetEnvironmentVariableA("xabi_new", "v2"));
	n = GetEnvironmentVariableA("XABI_NEW", buf, sizeof buf);
	printf("get %lu [%s]\n", n, buf);
	printf("set empty %d\n", SetEnvironmentVariableA("XABI_EMPTY", ""));
	n = GetEnvironmentVariableA("XABI_EMPTY", buf, sizeof buf);
	printf("get empty %lu\n", n);
	printf("delete %d\n", SetEnvironmentVariableA("XABI_NEW", NULL));
	SetLastError(0);
	n = GetEnvironmentVariableA("XABI_NEW", buf, sizeof buf);
	printf("deleted %lu error %lu\n", n, GetLastError());
	SetLastError(0);
	BOOL ok = SetEnvironmentVariableA("A=B", "x");
	printf("name with = %d error %lu\n", ok, GetLastError());

	WCHAR w[64];
	n = GetEnvironmentVariableW(L"XABI_TEST_VAR", w, 64);
	printf("W %lu [%ls]\n", n, w);
	SetEnvironmentVariableW(L"XABI_WIDE", L"\x00e9t\x00e9");
	n = GetEnvironmentVariableA("XABI_WIDE", buf, sizeof buf);
	printf("W set, A get %lu bytes (UTF-8)\n", n);
	printf("_wgetenv %d\n", wsame(_wgetenv(L"XABI_WIDE"), L"\x00e9t\x00e9"));

	printf("_putenv %d\n", _putenv("XABI_PUT=p"));
	printf("getenv [%s]\n", getenv("XABI_PUT"));
	n = GetEnvironmentVariableA("XABI_PUT", buf, sizeof buf);
	printf("kernel32 sees it %lu [%s]\n", n, buf);
	_putenv("XABI_PUT=");
	printf("_putenv removes %d\n", getenv("XABI_PUT") == NULL);
	printf("_putenv_s %d\n", _putenv_s("XABI_S", "s"));
	printf("getenv [%s]\n", getenv("XABI_S"));

	char *block = GetEnvironmentStringsA();
	int found = 0;
	for (char *p = block; *p; p += strlen(p) + 1)
		found += !strcmp(p, "XABI_TEST_VAR=hello");
	FreeEnvironmentStringsA(block);
	printf("block has it %d\n", found);
	WCHAR *wb = GetEnvironmentStringsW();
	found = 0;
	for (WCHAR *p = wb; *p; p += wlen(p) + 1)
		found += wsame(p, L"XABI_S=s");
	FreeEnvironmentStringsW(wb);
	printf("W block has _putenv_s's %d\n", found);

	n = ExpandEnvironmentStringsA("[%XABI_TEST_VAR%] [%XABI_NO_SUCH%] [100%] [%%]", buf, sizeof buf);
	printf("expand %lu [%s]\n", n, buf);
	n = ExpandEnvironmentStringsA("%XABI_TEST_VAR%", buf, 3);
	printf("expand small %lu\n", n);
	return 0;
}
