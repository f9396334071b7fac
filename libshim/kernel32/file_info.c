/* What Windows tells about a file: by handle (GetFileInformationByHandle, Get/SetFileTime) and by
 * name (Get/SetFileAttributes[Ex]). Attributes and times come from the host's stat
 * (fileinfo.h); the creation time is the host's status-change time, the nearest Linux keeps. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fileinfo.h"
#include "kernel32.h"
#include "path.h"
#include "reparse.h"

typedef struct {
	DWORD dwFileAttributes;
	FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
	DWORD dwVolumeSerialNumber, nFileSizeHigh, nFileSizeLow, nNumberOfLinks;
	DWORD nFileIndexHigh, nFileIndexLow;
} BY_HANDLE_FILE_INFORMATION;
_Static_assert(sizeof(BY_HANDLE_FILE_INFORMATION) == 52, "BY_HANDLE_FILE_INFORMATION");

typedef struct {
	DWORD dwFileAttributes;
	FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
	DWORD nFileSizeHigh, nFileSizeLow;
} WIN32_FILE_ATTRIBUTE_DATA;
_Static_assert(sizeof(WIN32_FILE_ATTRIBUTE_DATA) == 36, "WIN32_FILE_ATTRIBUTE_DATA");

static int handle_stat(HANDLE h, struct stat *st)
{
	DWORD attrs;
	return handle_entry(h, st, &attrs);
}

WINAPI BOOL kernel32_GetFileInformationByHandle(HANDLE h, BY_HANDLE_FILE_INFORMATION *info)
{
	struct stat st;
	DWORD attrs;
	if (handle_entry(h, &st, &attrs) < 0)
		return FALSE;
	uint64_t size = entry_size(&st);
	info->dwFileAttributes = attrs;
	info->ftCreationTime = filetime_from_timespec(st.st_ctim);
	info->ftLastAccessTime = filetime_from_timespec(st.st_atim);
	info->ftLastWriteTime = filetime_from_timespec(st.st_mtim);
	info->dwVolumeSerialNumber = (DWORD)st.st_dev;
	info->nFileSizeHigh = (DWORD)(size >> 32);
	info->nFileSizeLow = (DWORD)size;
	info->nNumberOfLinks = (DWORD)st.st_nlink;
	info->nFileIndexHigh = (DWORD)((uint64_t)st.st_ino >> 32);
	info->nFileIndexLow = (DWORD)st.st_ino;
	return TRUE;
}

WINAPI BOOL kernel32_GetFileTime(HANDLE h, FILETIME *created, FILETIME *accessed, FILETIME *written)
{
	struct stat st;
	if (handle_stat(h, &st) < 0)
		return FALSE;
	if (created)
		*created = filetime_from_timespec(st.st_ctim);
	if (accessed)
		*accessed = filetime_from_timespec(st.st_atim);
	if (written)
		*written = filetime_from_timespec(st.st_mtim);
	return TRUE;
}

/* A NULL or zero FILETIME leaves that time alone (as does 0xffffffff'ffffffff, which on Windows
 * also stops later updates through the handle). Linux cannot set a creation time: ignored. */
static struct timespec wanted(const FILETIME *f)
{
	uint64_t v = f ? filetime_value(f) : 0;
	if (!v || v == ~0ULL)
		return (struct timespec){ 0, UTIME_OMIT };
	return timespec_from_filetime(v);
}

WINAPI BOOL kernel32_SetFileTime(HANDLE h, const FILETIME *created, const FILETIME *accessed,
				 const FILETIME *written)
{
	(void)created;
	int fd = kernel32_handle_fd(h);
	if (fd < 0)
		return FALSE;
	struct timespec ts[2] = { wanted(accessed), wanted(written) };
	if (futimens(fd, ts) < 0) {
		win_set_last_error(win_error_from_errno(errno));
		return FALSE;
	}
	return TRUE;
}

/* lstat() of a Windows path and its attributes: as on Windows a symbolic link is described
 * itself, not its target. 0, or -1 with the last error set. */
static int name_stat(const char *host, struct stat *st, DWORD *attrs)
{
	if (!host)
		return -1;
	if (lstat(host, st) < 0) {
		win_set_last_error(path_error(host, errno));
		return -1;
	}
	*attrs = entry_attributes(st, link_to_dir_at(AT_FDCWD, host, st));
	return 0;
}

static DWORD attributes(char *host)
{
	struct stat st;
	DWORD a;
	if (name_stat(host, &st, &a) < 0)
		a = INVALID_FILE_ATTRIBUTES;
	free(host);
	return a;
}

WINAPI DWORD kernel32_GetFileAttributesA(LPCSTR name)
{
	return attributes(path_to_host(name));
}

WINAPI DWORD kernel32_GetFileAttributesW(LPCWSTR name)
{
	return attributes(path_to_host_w(name));
}

static BOOL attributes_ex(char *host, int level, WIN32_FILE_ATTRIBUTE_DATA *d)
{
	struct stat st;
	DWORD attrs;
	int r = level ? (win_set_last_error(ERROR_INVALID_PARAMETER), -1) : name_stat(host, &st, &attrs);
	free(host);
	if (r < 0)
		return FALSE;
	d->dwFileAttributes = attrs;
	d->ftCreationTime = filetime_from_timespec(st.st_ctim);
	d->ftLastAccessTime = filetime_from_timespec(st.st_atim);
	d->ftLastWriteTime = filetime_from_timespec(st.st_mtim);
	d->nFileSizeHigh = (DWORD)(entry_size(&st) >> 32);
	d->nFileSizeLow = (DWORD)entry_size(&st);
	return TRUE;
}

/* level 0 is GetFileExInfoStandard, the only one there is. */
WINAPI BOOL kernel32_GetFileAttributesExA(LPCSTR name, int level, WIN32_FILE_ATTRIBUTE_DATA *d)
{
	return attributes_ex(path_to_host(name), level, d);
}

WINAPI BOOL kernel32_GetFileAttributesExW(LPCWSTR name, int level, WIN32_FILE_ATTRIBUTE_DATA *d)
{
	return attributes_ex(path_to_host_w(name), level, d);
}

/* Only FILE_ATTRIBUTE_READONLY has a host meaning (no write permission; a directory's is ignored,
 * as Windows ignores it); HIDDEN, SYSTEM, ARCHIVE and the rest are accepted and not kept. */
static BOOL set_attributes(char *host, DWORD attrs)
{
	struct stat st;
	DWORD old;
	BOOL ok = host && stat(host, &st) == 0; /* a link's target gets the attribute */
	if (host && !ok && name_stat(host, &st, &old) == 0)
		ok = TRUE, st.st_mode = S_IFLNK; /* a dangling link: nothing to change */
	if (ok && S_ISREG(st.st_mode)) {
		mode_t m = st.st_mode & 07777;
		if (attrs & FILE_ATTRIBUTE_READONLY) {
			m &= ~0222u;
		} else if (!(m & S_IWUSR)) {
			mode_t mask = umask(022);
			umask(mask);
			m |= 0222 & ~mask;
		}
		if (chmod(host, m) < 0) {
			win_set_last_error(win_error_from_errno(errno));
			ok = FALSE;
		}
	}
	free(host);
	return ok;
}

WINAPI BOOL kernel32_SetFileAttributesA(LPCSTR name, DWORD attrs)
{
	return set_attributes(path_to_host(name), attrs);
}

WINAPI BOOL kernel32_SetFileAttributesW(LPCWSTR name, DWORD attrs)
{
	return set_attributes(path_to_host_w(name), attrs);
}
