/* Operations on names: DeleteFile, CreateDirectory, RemoveDirectory, MoveFile[Ex], CopyFile. Each
 * A and W entry maps its paths (path.h) and runs one host operation with Windows' last errors. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "../ntdll/unicode.h"
#include "kernel32.h"
#include "path.h"

#define ERROR_DIRECTORY 267
#define MOVEFILE_REPLACE_EXISTING 0x1
#define MOVEFILE_COPY_ALLOWED 0x2
#define MOVEFILE_DELAY_UNTIL_REBOOT 0x4
#define MOVEFILE_WRITE_THROUGH 0x8

typedef BOOL op1(const char *host);
typedef BOOL op2(const char *from, const char *to, DWORD flags);

static BOOL failed(const char *host)
{
	win_set_last_error(path_error(host, errno));
	return FALSE;
}

static BOOL name_a(LPCSTR n, op1 *f)
{
	char *h = path_to_host(n);
	BOOL r = h && f(h);
	free(h);
	return r;
}

static BOOL name_w(LPCWSTR n, op1 *f)
{
	char *h = path_to_host_w(n);
	BOOL r = h && f(h);
	free(h);
	return r;
}

static BOOL names(char *a, char *b, DWORD flags, op2 *f)
{
	BOOL r = a && b && f(a, b, flags);
	free(a), free(b);
	return r;
}

/* A read-only file cannot be deleted on Windows (on Linux that is up to its directory). */
static BOOL delete_file(const char *host)
{
	struct stat st;
	if (lstat(host, &st) == 0 && !S_ISLNK(st.st_mode) && !(st.st_mode & S_IWUSR)) {
		win_set_last_error(ERROR_ACCESS_DENIED);
		return FALSE;
	}
	return unlink(host) == 0 || failed(host);
}

WINAPI BOOL kernel32_DeleteFileA(LPCSTR n) { return name_a(n, delete_file); }
WINAPI BOOL kernel32_DeleteFileW(LPCWSTR n) { return name_w(n, delete_file); }

static BOOL create_directory(const char *host)
{
	if (mkdir(host, 0777) == 0)
		return TRUE;
	win_set_last_error(errno == ENOENT ? ERROR_PATH_NOT_FOUND : win_error_from_errno(errno));
	return FALSE;
}

/* The security attributes (NULL: the default) have no host meaning. */
WINAPI BOOL kernel32_CreateDirectoryA(LPCSTR n, void *sa) { (void)sa; return name_a(n, create_directory); }
WINAPI BOOL kernel32_CreateDirectoryW(LPCWSTR n, void *sa) { (void)sa; return name_w(n, create_directory); }

static BOOL remove_directory(const char *host)
{
	if (rmdir(host) == 0)
		return TRUE;
	if (errno == ENOTDIR) {
		struct stat st;
		if (stat(host, &st) == 0) { /* the name is a file: "The directory name is invalid" */
			win_set_last_error(ERROR_DIRECTORY);
			return FALSE;
		}
	}
	if (errno == EEXIST)
		errno = ENOTEMPTY;
	return failed(host);
}

WINAPI BOOL kernel32_RemoveDirectoryA(LPCSTR n) { return name_a(n, remove_directory); }
WINAPI BOOL kernel32_RemoveDirectoryW(LPCWSTR n) { return name_w(n, remove_directory); }

/* Copy from's data, permissions and times to a new or truncated file. */
static BOOL copy_file(const char *from, const char *to, DWORD fail_if_exists)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (in < 0 || fstat(in, &st) < 0) {
		if (in >= 0)
			close(in);
		return failed(from);
	}
	if (S_ISDIR(st.st_mode)) {
		close(in);
		win_set_last_error(ERROR_ACCESS_DENIED);
		return FALSE;
	}
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | (fail_if_exists ? O_EXCL : 0),
		       st.st_mode & 0777);
	if (out < 0) {
		close(in);
		if (errno == EEXIST) {
			win_set_last_error(ERROR_FILE_EXISTS);
			return FALSE;
		}
		return failed(to);
	}
	char buf[65536];
	ssize_t n = 0;
	while ((n = read(in, buf, sizeof buf)) > 0)
		for (ssize_t done = 0, w; done < n; done += w)
			if ((w = write(out, buf + done, (size_t)(n - done))) < 0) {
				n = -1;
				break;
			}
	int e = errno;
	struct timespec ts[2] = { st.st_atim, st.st_mtim };
	if (n == 0) {
		futimens(out, ts);
		fchmod(out, st.st_mode & 0777);
	}
	close(in);
	close(out);
	if (n < 0) {
		win_set_last_error(win_error_from_errno(e));
		return FALSE;
	}
	return TRUE;
}

WINAPI BOOL kernel32_CopyFileA(LPCSTR from, LPCSTR to, BOOL fail_if_exists)
{
	return names(path_to_host(from), path_to_host(to), (DWORD)fail_if_exists, copy_file);
}

WINAPI BOOL kernel32_CopyFileW(LPCWSTR from, LPCWSTR to, BOOL fail_if_exists)
{
	return names(path_to_host_w(from), path_to_host_w(to), (DWORD)fail_if_exists, copy_file);
}

/* Without MOVEFILE_REPLACE_EXISTING an existing target is ERROR_ALREADY_EXISTS (renameat2's
 * RENAME_NOREPLACE, so there is no window between the check and the rename); with
 * MOVEFILE_COPY_ALLOWED a move across file systems copies and deletes. */
static BOOL move_file(const char *from, const char *to, DWORD flags)
{
	if (flags & MOVEFILE_DELAY_UNTIL_REBOOT) {
		win_set_last_error(ERROR_NOT_SUPPORTED); /* there is no reboot to wait for */
		return FALSE;
	}
	struct stat st;
	if (lstat(from, &st) < 0)
		return failed(from);
	int r;
	struct stat t;
	if ((flags & MOVEFILE_REPLACE_EXISTING) && lstat(to, &t) == 0 && S_ISDIR(t.st_mode) &&
	    (t.st_dev != st.st_dev || t.st_ino != st.st_ino)) {
		win_set_last_error(ERROR_ACCESS_DENIED); /* Windows replaces no directory */
		return FALSE;
	}
	if (flags & MOVEFILE_REPLACE_EXISTING) {
		r = rename(from, to);
	} else {
		r = (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 1 /* RENAME_NOREPLACE */);
		if (r < 0 && (errno == EINVAL || errno == ENOSYS)) /* a file system without it */
			r = lstat(to, &t) == 0 ? (errno = EEXIST, -1) : rename(from, to);
	}
	if (r == 0)
		return TRUE;
	if (errno == EXDEV && (flags & MOVEFILE_COPY_ALLOWED) && !S_ISDIR(st.st_mode)) {
		if (!copy_file(from, to, !(flags & MOVEFILE_REPLACE_EXISTING)))
			return FALSE;
		return unlink(from) == 0 || failed(from);
	}
	if (errno == EEXIST || (errno == ENOTEMPTY && !(flags & MOVEFILE_REPLACE_EXISTING))) {
		win_set_last_error(ERROR_ALREADY_EXISTS);
		return FALSE;
	}
	if (errno == EXDEV)
		win_set_last_error(17); /* ERROR_NOT_SAME_DEVICE */
	else
		win_set_last_error(path_error(to, errno));
	return FALSE;
}

/* path_to_host finds an existing name whatever its case, so "a" renamed "A" would be "a" again:
 * when the target is the source's own entry, its last name is taken as the program spelled it
 * (how Windows changes the case of a name). to_host is changed in place. */
static char *respelled(const char *from_host, char *to_host, const char *to)
{
	if (!from_host || !to_host || strcmp(from_host, to_host))
		return to_host;
	const char *name = to + strlen(to);
	while (name > to && name[-1] != '\\' && name[-1] != '/')
		name--;
	size_t n = strlen(name);
	while (n && (name[n - 1] == '.' || name[n - 1] == ' ')) /* dropped, as path.c does */
		n--;
	char *last = strrchr(to_host, '/');
	if (last && strlen(last + 1) == n)
		memcpy(last + 1, name, n);
	return to_host;
}

WINAPI BOOL kernel32_MoveFileExA(LPCSTR from, LPCSTR to, DWORD flags)
{
	char *f = path_to_host(from);
	return names(f, to ? respelled(f, path_to_host(to), to) : 0, flags, move_file);
}

WINAPI BOOL kernel32_MoveFileExW(LPCWSTR from, LPCWSTR to, DWORD flags)
{
	char *f = path_to_host_w(from), *t = to ? utf16_to_utf8_dup(to) : 0;
	BOOL r = names(f, t ? respelled(f, path_to_host(t), t) : 0, flags, move_file);
	free(t);
	return r;
}

WINAPI BOOL kernel32_MoveFileA(LPCSTR from, LPCSTR to)
{
	return kernel32_MoveFileExA(from, to, MOVEFILE_COPY_ALLOWED);
}

WINAPI BOOL kernel32_MoveFileW(LPCWSTR from, LPCWSTR to)
{
	return kernel32_MoveFileExW(from, to, MOVEFILE_COPY_ALLOWED);
}
