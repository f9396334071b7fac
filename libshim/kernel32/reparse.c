/* Host symbolic links are Windows symbolic links: reported as reparse points (fileinfo.h), opened
 * themselves with FILE_FLAG_OPEN_REPARSE_POINT (file_open.c), read with
 * DeviceIoControl(FSCTL_GET_REPARSE_POINT), made with CreateSymbolicLink. A target is stored in
 * host form: an absolute Windows target becomes its host path, a relative one keeps its names with
 * '/' for '\'; reading it back gives the Windows forms (\??\Z:\... or the relative names). Also
 * CreateHardLink. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../loader/status.h"
#include "../ntdll/unicode.h"
#include "fileinfo.h"
#include "kernel32.h"
#include "path.h"
#include "reparse.h"

#define FSCTL_GET_REPARSE_POINT 0x000900A8u
#define ERROR_MORE_DATA 234
#define ERROR_NOT_A_REPARSE_POINT 4390
#define SYMLINK_FLAG_RELATIVE 1
#define SYMBOLIC_LINK_FLAG_DIRECTORY 0x1
#define SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE 0x2

int link_to_dir_at(int dirfd, const char *name, const struct stat *lst)
{
	struct stat st;
	return S_ISLNK(lst->st_mode) && fstatat(dirfd, name, &st, 0) == 0 && S_ISDIR(st.st_mode);
}

int fd_path(int fd, char *buf, size_t size)
{
	char proc[32];
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(proc, buf, size - 1);
	if (n < 0 || buf[0] != '/') { /* a pipe or socket has no path */
		win_set_last_error(n < 0 ? win_error_from_errno(errno) : ERROR_INVALID_HANDLE);
		return -1;
	}
	buf[n] = 0;
	return 0;
}

int handle_entry(HANDLE h, struct stat *st, DWORD *attrs)
{
	int fd = kernel32_handle_fd(h);
	if (fd < 0)
		return -1;
	if (fstat(fd, st) < 0) {
		win_set_last_error(win_error_from_errno(errno));
		return -1;
	}
	char path[4096];
	*attrs = entry_attributes(st, S_ISLNK(st->st_mode) && fd_path(fd, path, sizeof path) == 0 &&
					      link_to_dir_at(AT_FDCWD, path, st));
	return 0;
}

/* REPARSE_DATA_BUFFER with its SymbolicLinkReparseBuffer (ntifs.h). */
struct symlink_reparse {
	DWORD ReparseTag;
	WORD ReparseDataLength, Reserved;
	WORD SubstituteNameOffset, SubstituteNameLength, PrintNameOffset, PrintNameLength;
	DWORD Flags;
	WCHAR PathBuffer[];
};
_Static_assert(sizeof(struct symlink_reparse) == 20, "REPARSE_DATA_BUFFER");

/* The link's target as Windows shows it: substitute and print names (UTF-8, malloc'd). */
static int target_names(const char *target, char **subst, char **print, DWORD *flags)
{
	if (target[0] == '/') {
		*print = path_from_host(target);
		*subst = *print ? malloc(strlen(*print) + 5) : 0;
		if (*subst)
			stpcpy(stpcpy(*subst, "\\??\\"), *print);
		*flags = 0;
	} else {
		*print = strdup(target);
		*subst = strdup(target);
		for (char *p = *print; p && *p; p++)
			if (*p == '/')
				*p = (*subst)[p - *print] = '\\';
		*flags = SYMLINK_FLAG_RELATIVE;
	}
	return *subst && *print ? 0 : -1;
}

static BOOL get_reparse_point(int fd, void *out, DWORD size, DWORD *returned)
{
	char target[4096];
	ssize_t n = readlinkat(fd, "", target, sizeof target - 1);
	if (n < 0) {
		win_set_last_error(errno == EINVAL || errno == ENOENT ? ERROR_NOT_A_REPARSE_POINT
								    : win_error_from_errno(errno));
		return FALSE;
	}
	target[n] = 0;
	char *subst, *print;
	DWORD flags;
	BOOL ok = FALSE;
	if (target_names(target, &subst, &print, &flags) < 0) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		goto out;
	}
	size_t ls = utf8_to_utf16(subst, -1, 0, 0) - 1, lp = utf8_to_utf16(print, -1, 0, 0) - 1;
	size_t total = sizeof(struct symlink_reparse) + 2 * (ls + lp);
	if (size < total) {
		win_set_last_error(size < 8 ? ERROR_INSUFFICIENT_BUFFER : ERROR_MORE_DATA);
		goto out;
	}
	struct symlink_reparse *r = out;
	r->ReparseTag = IO_REPARSE_TAG_SYMLINK;
	r->ReparseDataLength = (WORD)(total - 8);
	r->Reserved = 0;
	r->SubstituteNameOffset = 0;
	r->SubstituteNameLength = (WORD)(2 * ls);
	r->PrintNameOffset = (WORD)(2 * ls);
	r->PrintNameLength = (WORD)(2 * lp);
	r->Flags = flags;
	utf8_to_utf16(subst, -1, r->PathBuffer, ls + 1);
	utf8_to_utf16(print, -1, r->PathBuffer + ls, lp + 1);
	if (returned)
		*returned = (DWORD)total;
	ok = TRUE;
out:
	free(subst);
	free(print);
	return ok;
}

/* Of the device and file-system controls only FSCTL_GET_REPARSE_POINT is implemented; any other
 * ends the process as a missing import does. */
WINAPI BOOL kernel32_DeviceIoControl(HANDLE h, DWORD code, void *in, DWORD in_size, void *out,
				     DWORD out_size, DWORD *returned, void *overlapped)
{
	(void)in, (void)in_size;
	if (code != FSCTL_GET_REPARSE_POINT || overlapped) {
		fprintf(stderr, "xabi: kernel32!DeviceIoControl(0x%x%s) called but not implemented\n",
			code, overlapped ? ", overlapped" : "");
		exit(XABI_STATUS_MISSING_IMPORT);
	}
	int fd = kernel32_handle_fd(h);
	return fd >= 0 && get_reparse_point(fd, out, out_size, returned);
}

/* A Windows link target in host form: absolute (a drive, a root, \\?\) through the path mapping,
 * relative with '/' for '\' and nothing else changed (it is resolved against the link's
 * directory, as Windows resolves it). */
static char *host_target(const char *t)
{
	if (t[0] == '\\' || t[0] == '/' || (t[0] && t[1] == ':'))
		return path_to_host(t);
	char *s = strdup(t);
	if (!s)
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	for (char *p = s; p && *p; p++)
		if (*p == '\\')
			*p = '/';
	return s;
}

/* The directory flag is not kept: the host has one kind of link, reported as a directory link
 * when its target is a directory (libshim/README.md). */
static BOOLEAN symlink_make(char *link, char *target, DWORD flags)
{
	BOOLEAN ok = FALSE;
	if (flags & ~(DWORD)(SYMBOLIC_LINK_FLAG_DIRECTORY | SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE))
		win_set_last_error(ERROR_INVALID_PARAMETER);
	else if (link && target && symlink(target, link) < 0)
		win_set_last_error(errno == EEXIST ? ERROR_ALREADY_EXISTS : path_error(link, errno));
	else
		ok = link && target;
	free(link);
	free(target);
	return ok;
}

WINAPI BOOLEAN kernel32_CreateSymbolicLinkA(LPCSTR link, LPCSTR target, DWORD flags)
{
	return symlink_make(path_to_host(link), host_target(target), flags);
}

WINAPI BOOLEAN kernel32_CreateSymbolicLinkW(LPCWSTR link, LPCWSTR target, DWORD flags)
{
	char *t = utf16_to_utf8_dup(target);
	BOOLEAN r = symlink_make(path_to_host_w(link), t ? host_target(t) : 0, flags);
	free(t);
	return r;
}

static BOOL hardlink_make(char *name, char *existing)
{
	BOOL ok = name && existing && link(existing, name) == 0;
	if (name && existing && !ok)
		win_set_last_error(errno == EEXIST ? ERROR_ALREADY_EXISTS
				   : path_error(errno == ENOENT && access(existing, F_OK) ? existing : name, errno));
	free(name);
	free(existing);
	return ok;
}

WINAPI BOOL kernel32_CreateHardLinkA(LPCSTR link, LPCSTR existing, void *sa)
{
	(void)sa;
	return hardlink_make(path_to_host(link), path_to_host(existing));
}

WINAPI BOOL kernel32_CreateHardLinkW(LPCWSTR link, LPCWSTR existing, void *sa)
{
	(void)sa;
	return hardlink_make(path_to_host_w(link), path_to_host_w(existing));
}
