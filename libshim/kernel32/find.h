/* FindFirstFile's data (find.c), shared with msvcrt's _findfirst. */
#ifndef XABI_KERNEL32_FIND_H
#define XABI_KERNEL32_FIND_H

#include "../windef.h"

#define MAX_PATH 260

typedef struct {
	DWORD dwFileAttributes;
	FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
	DWORD nFileSizeHigh, nFileSizeLow, dwReserved0, dwReserved1;
	char cFileName[MAX_PATH];
	char cAlternateFileName[14];
} WIN32_FIND_DATAA;
_Static_assert(sizeof(WIN32_FIND_DATAA) == 320, "WIN32_FIND_DATAA");

typedef struct {
	DWORD dwFileAttributes;
	FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
	DWORD nFileSizeHigh, nFileSizeLow, dwReserved0, dwReserved1;
	WCHAR cFileName[MAX_PATH];
	WCHAR cAlternateFileName[14];
} WIN32_FIND_DATAW;
_Static_assert(sizeof(WIN32_FIND_DATAW) == 592, "WIN32_FIND_DATAW");

WINAPI HANDLE kernel32_FindFirstFileA(LPCSTR spec, WIN32_FIND_DATAA *d);
WINAPI HANDLE kernel32_FindFirstFileW(LPCWSTR spec, WIN32_FIND_DATAW *d);
WINAPI BOOL kernel32_FindNextFileA(HANDLE h, WIN32_FIND_DATAA *d);
WINAPI BOOL kernel32_FindNextFileW(HANDLE h, WIN32_FIND_DATAW *d);
WINAPI BOOL kernel32_FindClose(HANDLE h);

#endif
