/* Access tokens as a standard (not elevated) Windows 10 user's (libshim/advapi32/token.c).
 * Expected results follow Microsoft's documentation of OpenThreadToken (ERROR_NO_TOKEN without
 * impersonation), LookupPrivilegeValue (the LUIDs are winnt.h's SE_*_PRIVILEGE values) and
 * AdjustTokenPrivileges (TRUE with ERROR_NOT_ALL_ASSIGNED for a privilege the token lacks; the
 * previous state lists what changed). */
#include <stdio.h>
#include <windows.h>

static void show(const char *what, BOOL ok)
{
	printf("%s: %d, error %lu\n", what, ok, ok ? 0 : GetLastError());
}

static void adjust(HANDLE t, const WCHAR *name, DWORD attributes)
{
	TOKEN_PRIVILEGES tp = { 1 }, prev;
	DWORD len = 0;
	LookupPrivilegeValueW(NULL, name, &tp.Privileges[0].Luid);
	tp.Privileges[0].Attributes = attributes;
	SetLastError(12345);
	BOOL ok = AdjustTokenPrivileges(t, FALSE, &tp, sizeof prev, &prev, &len);
	printf("adjust %ls to %lu: %d, last error %lu, previous state: %lu change(s)", name, attributes,
	       ok, GetLastError(), prev.PrivilegeCount);
	for (DWORD i = 0; i < prev.PrivilegeCount; i++)
		printf(" luid %lu attributes %lu", prev.Privileges[i].Luid.LowPart, prev.Privileges[i].Attributes);
	printf(", %lu bytes\n", len);
}

int main(void)
{
	HANDLE t;
	show("OpenThreadToken without impersonation", OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, FALSE, &t));
	show("ImpersonateSelf", ImpersonateSelf(SecurityImpersonation));
	show("OpenThreadToken", OpenThreadToken(GetCurrentThread(), TOKEN_QUERY | TOKEN_ADJUST_PRIVILEGES, FALSE, &t));
	LUID luid;
	BOOL ok = LookupPrivilegeValueW(NULL, L"SeCreateSymbolicLinkPrivilege", &luid);
	printf("LookupPrivilegeValue SeCreateSymbolicLinkPrivilege: %d, luid %lu\n", ok, luid.LowPart);
	ok = LookupPrivilegeValueA(NULL, "sedebugprivilege", &luid);
	printf("LookupPrivilegeValue sedebugprivilege: %d, luid %lu\n", ok, luid.LowPart);
	show("LookupPrivilegeValue SeNoSuchPrivilege", LookupPrivilegeValueW(NULL, L"SeNoSuchPrivilege", &luid));
	adjust(t, L"SeCreateSymbolicLinkPrivilege", SE_PRIVILEGE_ENABLED);
	adjust(t, L"SeShutdownPrivilege", SE_PRIVILEGE_ENABLED);
	adjust(t, L"SeShutdownPrivilege", SE_PRIVILEGE_ENABLED);
	adjust(t, L"SeShutdownPrivilege", 0);
	show("CloseHandle", CloseHandle(t));
	show("RevertToSelf", RevertToSelf());
	show("OpenThreadToken after RevertToSelf", OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, FALSE, &t));
	show("OpenProcessToken", OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &t));
	show("CloseHandle", CloseHandle(t));
	return 0;
}
