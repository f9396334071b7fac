/* The current directory and paths handed back to programs, in Windows form (path.h):
 * Get/SetCurrentDirectory, GetFullPathName, GetTempPath, GetTempFileName, GetLongPathName,
 * GetDriveType. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "../ntdll/unicode.h"
#include "kernel32.h"
#include "path.h"

#define ERROR_DIRECTORY 267

/* Hand back a malloc'd UTF-8 string (NULL: the last error is set) in an A or W buffer. */
static DWORD give_a(char *s, char *buf, DWORD n)
{
	DWORD r = s ? path_return_a(s, buf, n) : 0;
	free(s);
	return r;
}

static DWORD give_w(char *s, WCHAR *buf, DWORD n)
{
	DWORD r = s ? path_return_w(s, buf, n) : 0;
	free(s);
	return r;
}

WINAPI DWORD kernel32_GetCurrentDirectoryA(DWORD n, LPSTR buf)
{
	return give_a(path_cwd(), buf, n);
}

WINAPI DWORD kernel32_GetCurrentDirectoryW(DWORD n, LPWSTR buf)
{
	return give_w(path_cwd(), buf, n);
}

static BOOL set_cwd(char *host)
{
	if (!host)
		return FALSE;
	int r = chdir(host);
	if (r < 0)
		win_set_last_error(errno == ENOTDIR ? ERROR_DIRECTORY : path_error(host, errno));
	free(host);
	return r == 0;
}

WINAPI BOOL kernel32_SetCurrentDirectoryA(LPCSTR name)
{
	return set_cwd(path_to_host(name));
}

WINAPI BOOL kernel32_SetCurrentDirectoryW(LPCWSTR name)
{
	return set_cwd(path_to_host_w(name));
}

/* The final component's start in a full path, or NULL when it ends in a separator. */
static size_t file_part(const char *full)
{
	const char *last = strrchr(full, '\\');
	return last && last[1] ? (size_t)(last + 1 - full) : (size_t)-1;
}

WINAPI DWORD kernel32_GetFullPathNameA(LPCSTR name, DWORD n, LPSTR buf, LPSTR *part)
{
	char *full = path_full(name);
	if (!full)
		return 0;
	size_t at = file_part(full);
	DWORD r = path_return_a(full, buf, n);
	if (part && r < n)
		*part = at == (size_t)-1 ? 0 : buf + at;
	free(full);
	return r;
}

WINAPI DWORD kernel32_GetFullPathNameW(LPCWSTR name, DWORD n, LPWSTR buf, LPWSTR *part)
{
	char *a = utf16_to_utf8_dup(name), *full = a ? path_full(a) : 0;
	free(a);
	if (!full)
		return 0;
	size_t at = file_part(full);
	DWORD r = path_return_w(full, buf, n);
	if (part && r < n)
		*part = at == (size_t)-1 ? 0 : buf + utf8_to_utf16(full, (ptrdiff_t)at, 0, 0);
	free(full);
	return r;
}

/* TMP, then TEMP (Windows' order), then the host's TMPDIR, then /tmp; as a full path ending in a
 * backslash. */
static char *temp_path(void)
{
	const char *v = getenv("TMP");
	if (!v || !*v)
		v = getenv("TEMP");
	if (!v || !*v)
		v = getenv("TMPDIR");
	if (!v || !*v)
		v = "/tmp";
	char *full = path_full(v);
	if (!full)
		return 0;
	size_t n = strlen(full);
	if (full[n - 1] != '\\') {
		char *f = realloc(full, n + 2);
		if (!f) {
			free(full);
			win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
			return 0;
		}
		full = f;
		strcpy(full + n, "\\");
	}
	return full;
}

WINAPI DWORD kernel32_GetTempPathA(DWORD n, LPSTR buf)
{
	return give_a(temp_path(), buf, n);
}

WINAPI DWORD kernel32_GetTempPathW(DWORD n, LPWSTR buf)
{
	return give_w(temp_path(), buf, n);
}

#define MAX_PATH 260

/* "DIR\PREuuuu.tmp": up to three characters of prefix, then the unique number in hex. With unique
 * 0 numbers are tried from a time-based start until a new file can be created; otherwise the
 * name is only made (and its number's low 16 bits returned). The name is in Windows form. */
static UINT temp_file_name(const char *dir, const char *prefix, UINT unique, char *out)
{
	char *full = path_full(dir), *host = path_to_host(dir);
	struct stat st;
	if (!full || !host || stat(host, &st) < 0 || !S_ISDIR(st.st_mode)) {
		if (full && host)
			win_set_last_error(ERROR_DIRECTORY);
		free(full), free(host);
		return 0;
	}
	size_t n = strlen(full);
	const char *sep = full[n - 1] == '\\' ? "" : "\\";
	UINT start = unique ? unique & 0xffff : (UINT)((time(0) ^ getpid()) & 0xffff), u = start;
	UINT r = 0;
	for (int tries = 0; tries < 0x10000; tries++, u = (u + 1) & 0xffff) {
		if (!u)
			continue;
		char name[MAX_PATH + 32];
		if (snprintf(name, sizeof name, "%s%s%.3s%X.tmp", full, sep, prefix, u) >= MAX_PATH) {
			win_set_last_error(ERROR_FILENAME_EXCED_RANGE);
			break;
		}
		if (unique) {
			strcpy(out, name);
			r = u;
			break;
		}
		char *h = path_to_host(name);
		int fd = h ? open(h, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666) : -1;
		int e = errno;
		free(h);
		if (fd >= 0) {
			close(fd);
			strcpy(out, name);
			r = u;
			break;
		}
		if (e != EEXIST) {
			win_set_last_error(win_error_from_errno(e));
			break;
		}
	}
	free(full), free(host);
	return r;
}

WINAPI UINT kernel32_GetTempFileNameA(LPCSTR dir, LPCSTR prefix, UINT unique, LPSTR out)
{
	return temp_file_name(dir, prefix ? prefix : "", unique, out);
}

WINAPI UINT kernel32_GetTempFileNameW(LPCWSTR dir, LPCWSTR prefix, UINT unique, LPWSTR out)
{
	char *d = utf16_to_utf8_dup(dir), *p = prefix ? utf16_to_utf8_dup(prefix) : strdup("");
	char name[MAX_PATH + 32];
	UINT r = d && p ? temp_file_name(d, p, unique, name) : 0;
	if (r)
		utf8_to_utf16(name, -1, out, MAX_PATH);
	free(d), free(p);
	return r;
}

/* There are no 8.3 short names, so every name is already long: the path comes back as given,
 * once it is known to exist. */
static char *existing(char *a)
{
	char *host = a ? path_to_host(a) : 0;
	struct stat st;
	if (host && stat(host, &st) < 0 && lstat(host, &st) < 0) {
		win_set_last_error(path_error(host, errno));
		free(a);
		a = 0;
	}
	if (!host) {
		free(a);
		a = 0;
	}
	free(host);
	return a;
}

WINAPI DWORD kernel32_GetLongPathNameA(LPCSTR name, LPSTR buf, DWORD n)
{
	return give_a(existing(strdup(name)), buf, n);
}

WINAPI DWORD kernel32_GetLongPathNameW(LPCWSTR name, LPWSTR buf, DWORD n)
{
	return give_w(existing(utf16_to_utf8_dup(name)), buf, n);
}

#define DRIVE_NO_ROOT_DIR 1
#define DRIVE_FIXED 3

/* A drive's root ("C:\", "C:", NULL for the current one): fixed when it is mapped (Z:, and those
 * XABI_DRIVE_<LETTER> names), else there is no such root. */
static UINT drive_type(const char *root)
{
	if (root && !(isalpha((unsigned char)root[0]) && root[1] == ':' &&
		      (!root[2] || ((root[2] == '\\' || root[2] == '/') && !root[3]))))
		return DRIVE_NO_ROOT_DIR;
	char probe[] = "?:\\";
	probe[0] = root ? root[0] : 'Z';
	char *host = path_to_host(probe);
	struct stat st;
	UINT t = host && stat(host, &st) == 0 && S_ISDIR(st.st_mode) ? DRIVE_FIXED : DRIVE_NO_ROOT_DIR;
	free(host);
	return t;
}

WINAPI UINT kernel32_GetDriveTypeA(LPCSTR root)
{
	return drive_type(root);
}

WINAPI UINT kernel32_GetDriveTypeW(LPCWSTR root)
{
	char *a = root ? utf16_to_utf8_dup(root) : 0;
	UINT t = drive_type(a);
	free(a);
	return t;
}
