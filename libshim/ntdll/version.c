/* The Windows version xabi reports: Windows 10 22H2, 10.0.19045, a workstation (README.md,
 * "Version"). The PEB carries it from start-up (loader/start_windows.c); these read it there. */
#include <string.h>
#include "teb.h"

#define STATUS_SUCCESS 0
#define STATUS_INVALID_PARAMETER 0xC000000Du
#define VER_PLATFORM_WIN32_NT 2
#define VER_NT_WORKSTATION 1
#define VER_SUITE_SINGLEUSERTS 0x100

typedef struct {
	ULONG dwOSVersionInfoSize, dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
	WCHAR szCSDVersion[128];
	WORD wServicePackMajor, wServicePackMinor, wSuiteMask;
	BYTE wProductType, wReserved;
} RTL_OSVERSIONINFOEXW;
_Static_assert(offsetof(RTL_OSVERSIONINFOEXW, wServicePackMajor) == 276, "OSVERSIONINFOW's size");
_Static_assert(sizeof(RTL_OSVERSIONINFOEXW) == 284, "OSVERSIONINFOEXW");

/* Fills an OSVERSIONINFOW, and the EX fields when the size given is an OSVERSIONINFOEXW's; a
 * smaller size is refused rather than written past. */
WINAPI LONG ntdll_RtlGetVersion(RTL_OSVERSIONINFOEXW *v)
{
	const PEB *peb = NtCurrentTeb()->Peb;
	ULONG size = v->dwOSVersionInfoSize;
	if (size < offsetof(RTL_OSVERSIONINFOEXW, wServicePackMajor))
		return (LONG)STATUS_INVALID_PARAMETER;
	memset((char *)v + sizeof size, 0, (size >= sizeof *v ? sizeof *v : 276) - sizeof size);
	v->dwMajorVersion = peb->OSMajorVersion;
	v->dwMinorVersion = peb->OSMinorVersion;
	v->dwBuildNumber = peb->OSBuildNumber;
	v->dwPlatformId = peb->OSPlatformId;
	if (size >= sizeof *v) {
		v->wSuiteMask = VER_SUITE_SINGLEUSERTS;
		v->wProductType = VER_NT_WORKSTATION;
	}
	return STATUS_SUCCESS;
}

/* The build number's top nibble is 0xF on a release ("free") build of Windows. */
WINAPI void ntdll_RtlGetNtVersionNumbers(ULONG *major, ULONG *minor, ULONG *build)
{
	const PEB *peb = NtCurrentTeb()->Peb;
	if (major)
		*major = peb->OSMajorVersion;
	if (minor)
		*minor = peb->OSMinorVersion;
	if (build)
		*build = 0xF0000000u | peb->OSBuildNumber;
}

WINAPI PEB *ntdll_RtlGetCurrentPeb(void)
{
	return NtCurrentTeb()->Peb;
}
