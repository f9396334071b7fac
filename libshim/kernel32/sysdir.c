/* The system directory: where Windows keeps its system DLLs. xabi's system DLLs are built into
 * the xabi executable, so the system directory is the directory xabi runs from, in Windows form
 * (Z:\usr\local\bin for /usr/local/bin/xabi): it exists, as programs expect of it (Go checks long
 * path support by opening a long name there). The shim's DLLs report their file names in it
 * (module.c), and LoadLibrary of such a path is the shim's DLL (thunks/shim.c). */
#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kernel32.h"
#include "path.h"

static char host_dir[PATH_MAX], win_dir[PATH_MAX];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void find(void)
{
	ssize_t n = readlink("/proc/self/exe", host_dir, sizeof host_dir - 1);
	host_dir[n > 0 ? n : 0] = 0;
	char *slash = strrchr(host_dir, '/');
	if (slash)
		*(slash == host_dir ? slash + 1 : slash) = 0;
	else
		strcpy(host_dir, "/");
	char *win = path_from_host(host_dir);
	strncpy(win_dir, win ? win : "Z:\\", sizeof win_dir - 1);
	free(win);
}

const char *system_directory(void)
{
	pthread_once(&once, find);
	return win_dir;
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
	pthread_once(&once, find);
	size_t n = (size_t)(sep - name);
	return same_dir(name, n, win_dir) || same_dir(name, n, host_dir) ? sep + 1 : 0;
}

WINAPI UINT kernel32_GetSystemDirectoryA(LPSTR buf, UINT n)
{
	return path_return_a(system_directory(), buf, n);
}

WINAPI UINT kernel32_GetSystemDirectoryW(LPWSTR buf, UINT n)
{
	return path_return_w(system_directory(), buf, n);
}
