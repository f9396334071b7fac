/* Directories and names: _mkdir, _rmdir, _chdir, _getcwd, _fullpath, remove/_unlink, rename.
 * Each runs the kernel32 function msvcrt uses and maps its error (_dosmaperr); paths come back in
 * Windows form ("Z:\tmp"). rename, like MoveFile, fails when the target exists (EEXIST, as
 * _dosmaperr gives for ERROR_ALREADY_EXISTS). */
#include <stdlib.h>
#include <string.h>
#include "../kernel32/kernel32.h"
#include "../kernel32/path.h"
#include "../ntdll/unicode.h"
#include "files.h"
#include "msvcrt.h"

WINAPI BOOL kernel32_CreateDirectoryA(LPCSTR n, void *sa);
WINAPI BOOL kernel32_RemoveDirectoryA(LPCSTR n);
WINAPI BOOL kernel32_SetCurrentDirectoryA(LPCSTR n);
WINAPI BOOL kernel32_DeleteFileA(LPCSTR n);
WINAPI BOOL kernel32_MoveFileExA(LPCSTR from, LPCSTR to, DWORD flags);

static int result(BOOL ok)
{
	if (ok)
		return 0;
	msvcrt_set_errno_win(kernel32_GetLastError());
	return -1;
}

/* A wide path as UTF-8 for f (ENOMEM when it cannot be converted). */
static int wide(const WCHAR *path, int (WINAPI *f)(const char *))
{
	char *a = utf16_to_utf8_dup(path);
	int r = a ? f(a) : (*msvcrt__errno() = 12, -1);
	free(a);
	return r;
}

WINAPI int msvcrt__mkdir(const char *p) { return result(kernel32_CreateDirectoryA(p, 0)); }
WINAPI int msvcrt__rmdir(const char *p) { return result(kernel32_RemoveDirectoryA(p)); }
WINAPI int msvcrt__chdir(const char *p) { return result(kernel32_SetCurrentDirectoryA(p)); }
WINAPI int msvcrt__unlink(const char *p) { return result(kernel32_DeleteFileA(p)); }
WINAPI int msvcrt_remove(const char *p) { return msvcrt__unlink(p); }
WINAPI int msvcrt__wmkdir(const WCHAR *p) { return wide(p, msvcrt__mkdir); }
WINAPI int msvcrt__wrmdir(const WCHAR *p) { return wide(p, msvcrt__rmdir); }
WINAPI int msvcrt__wchdir(const WCHAR *p) { return wide(p, msvcrt__chdir); }
WINAPI int msvcrt__wunlink(const WCHAR *p) { return wide(p, msvcrt__unlink); }
WINAPI int msvcrt__wremove(const WCHAR *p) { return wide(p, msvcrt__unlink); }

WINAPI int msvcrt_rename(const char *from, const char *to)
{
	return result(kernel32_MoveFileExA(from, to, 2 /* MOVEFILE_COPY_ALLOWED */));
}

WINAPI int msvcrt__wrename(const WCHAR *from, const WCHAR *to)
{
	char *a = utf16_to_utf8_dup(from), *b = utf16_to_utf8_dup(to);
	int r = a && b ? msvcrt_rename(a, b) : (*msvcrt__errno() = 12, -1);
	free(a), free(b);
	return r;
}

/* s handed back as _getcwd and _fullpath do: in buf when it fits (else ERANGE), or in a new
 * allocation of at least n bytes when buf is NULL. s is freed. */
static char *give(char *s, char *buf, size_t n)
{
	if (!s) {
		msvcrt_set_errno_win(kernel32_GetLastError());
		return 0;
	}
	size_t len = strlen(s) + 1;
	if (!buf) {
		buf = malloc(len > n ? len : n);
		if (!buf)
			*msvcrt__errno() = 12;
	} else if (len > n) {
		*msvcrt__errno() = 34; /* ERANGE */
		buf = 0;
	}
	if (buf)
		memcpy(buf, s, len);
	free(s);
	return buf;
}

static WCHAR *give_w(char *s, WCHAR *buf, size_t n)
{
	if (!s) {
		msvcrt_set_errno_win(kernel32_GetLastError());
		return 0;
	}
	size_t len = utf8_to_utf16(s, -1, 0, 0);
	if (!buf) {
		buf = malloc((len > n ? len : n) * sizeof *buf);
		if (!buf)
			*msvcrt__errno() = 12;
	} else if (len > n) {
		*msvcrt__errno() = 34;
		buf = 0;
	}
	if (buf)
		utf8_to_utf16(s, -1, buf, len);
	free(s);
	return buf;
}

WINAPI char *msvcrt__getcwd(char *buf, int n)
{
	return give(path_cwd(), buf, n > 0 ? (size_t)n : 0);
}

WINAPI WCHAR *msvcrt__wgetcwd(WCHAR *buf, int n)
{
	return give_w(path_cwd(), buf, n > 0 ? (size_t)n : 0);
}

/* rel NULL or "" is the current directory. */
WINAPI char *msvcrt__fullpath(char *buf, const char *rel, size_t n)
{
	return give(rel && *rel ? path_full(rel) : path_cwd(), buf, buf ? n : 260);
}

WINAPI WCHAR *msvcrt__wfullpath(WCHAR *buf, const WCHAR *rel, size_t n)
{
	char *a = rel && *rel ? utf16_to_utf8_dup(rel) : 0;
	WCHAR *r = give_w(a ? path_full(a) : path_cwd(), buf, buf ? n : 260);
	free(a);
	return r;
}
