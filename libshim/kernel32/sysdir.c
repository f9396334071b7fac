/* The system directory, where Windows keeps its system DLLs: system32 in the Windows directory
 * (windir.c). xabi's system DLLs are built into the xabi executable: they report their file
 * names there (module.c), and LoadLibrary of such a path, or of one in the standard
 * C:\Windows\System32 that programs write out, is the shim's DLL (thunks/shim.c). */
#include <ctype.h>
#include <string.h>
#include "kernel32.h"
#include "path.h"
#include "windir.h"

const char *system_directory(void)
{
	return windows_system_directory();
}

/* Is the first n bytes of a the directory dir, '\' and '/' alike, case aside (as Windows
 * compares names)? */
static int same_dir(const char *a, size_t n, const char *dir)
{
	size_t m = strlen(dir);
	if (m && (dir[m - 1] == '\\' || dir[m - 1] == '/'))
		m--; /* a root keeps its separator */
	if (n != m)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char x = a[i] == '/' ? '\\' : a[i], y = dir[i] == '/' ? '\\' : dir[i];
		if (tolower((unsigned char)x) != tolower((unsigned char)y))
			return 0;
	}
	return 1;
}

/* No side effect (no last error: the loader asks before the first thread has a TEB). */
const char *system_directory_dll(const char *name)
{
	const char *sep = strrchr(name, '\\'), *slash = strrchr(name, '/');
	if (slash > sep)
		sep = slash;
	if (!sep)
		return 0;
	size_t n = (size_t)(sep - name);
	return same_dir(name, n, windows_system_directory()) ||
			       same_dir(name, n, windows_system_directory_host()) ||
			       same_dir(name, n, "C:\\Windows\\System32")
		       ? sep + 1
		       : 0;
}

WINAPI UINT kernel32_GetSystemDirectoryA(LPSTR buf, UINT n)
{
	return path_return_a(system_directory(), buf, n);
}

WINAPI UINT kernel32_GetSystemDirectoryW(LPWSTR buf, UINT n)
{
	return path_return_w(system_directory(), buf, n);
}

/* The Windows directory; xabi has no per-user (Terminal Services) one, so the shared one is the
 * same. */
WINAPI UINT kernel32_GetWindowsDirectoryA(LPSTR buf, UINT n)
{
	return path_return_a(windows_directory(), buf, n);
}

WINAPI UINT kernel32_GetWindowsDirectoryW(LPWSTR buf, UINT n)
{
	return path_return_w(windows_directory(), buf, n);
}

WINAPI UINT kernel32_GetSystemWindowsDirectoryA(LPSTR buf, UINT n)
{
	return path_return_a(windows_directory(), buf, n);
}

WINAPI UINT kernel32_GetSystemWindowsDirectoryW(LPWSTR buf, UINT n)
{
	return path_return_w(windows_directory(), buf, n);
}
