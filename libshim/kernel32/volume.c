/* Volumes: GetFinalPathNameByHandle (the path a handle was opened on, in Windows form),
 * GetVolumeInformation[ByHandle] and GetDiskFreeSpaceEx. A volume is a host file system: its
 * serial number is the low 32 bits of st_dev (what GetFileInformationByHandle reports), its name
 * empty, its file system "NTFS" with the flags of what xabi gives programs (case-sensitive,
 * case-preserving Unicode names, symbolic links as reparse points, hard links). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include "../ntdll/unicode.h"
#include "kernel32.h"
#include "path.h"
#include "reparse.h"

#define VOLUME_NAME_DOS 0x0
#define VOLUME_NAME_GUID 0x1
#define VOLUME_NAME_NT 0x2
#define VOLUME_NAME_NONE 0x4
#define FILE_NAME_OPENED 0x8

#define FILE_CASE_SENSITIVE_SEARCH 0x1
#define FILE_CASE_PRESERVED_NAMES 0x2
#define FILE_UNICODE_ON_DISK 0x4
#define FILE_SUPPORTS_REPARSE_POINTS 0x80
#define FILE_SUPPORTS_HARD_LINKS 0x400000
#define VOLUME_FLAGS (FILE_CASE_SENSITIVE_SEARCH | FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK | \
		      FILE_SUPPORTS_REPARSE_POINTS | FILE_SUPPORTS_HARD_LINKS)
#define MAX_COMPONENT 255

/* "\\?\Z:\dir\name" (VOLUME_NAME_DOS) or "\dir\name" (VOLUME_NAME_NONE); the normalized and
 * the opened name are the same here. GUID and NT volume names do not exist for host file
 * systems: ERROR_NOT_SUPPORTED (libshim/README.md). */
static char *final_path(HANDLE h, DWORD flags)
{
	int fd = kernel32_handle_fd(h);
	char host[4096];
	if (fd < 0 || fd_path(fd, host, sizeof host) < 0)
		return 0;
	DWORD volume = flags & ~(DWORD)FILE_NAME_OPENED;
	if (volume != VOLUME_NAME_DOS && volume != VOLUME_NAME_NONE) {
		win_set_last_error(volume == VOLUME_NAME_GUID || volume == VOLUME_NAME_NT ? ERROR_NOT_SUPPORTED
											    : ERROR_INVALID_PARAMETER);
		return 0;
	}
	char *win = path_from_host(host), *s = win ? malloc(strlen(win) + 5) : 0;
	if (s && volume == VOLUME_NAME_DOS)
		strcpy(stpcpy(s, "\\\\?\\"), win);
	else if (s)
		strcpy(s, win + 2);
	free(win);
	if (!s)
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	return s;
}

WINAPI DWORD kernel32_GetFinalPathNameByHandleA(HANDLE h, LPSTR buf, DWORD n, DWORD flags)
{
	char *s = final_path(h, flags);
	DWORD r = s ? path_return_a(s, buf, n) : 0;
	free(s);
	return r;
}

WINAPI DWORD kernel32_GetFinalPathNameByHandleW(HANDLE h, LPWSTR buf, DWORD n, DWORD flags)
{
	char *s = final_path(h, flags);
	DWORD r = s ? path_return_w(s, buf, n) : 0;
	free(s);
	return r;
}

/* The fixed facts of a volume whose root has status st. */
static BOOL volume_info(const struct stat *st, LPWSTR name, DWORD name_size, DWORD *serial,
			DWORD *max_component, DWORD *fs_flags, LPWSTR fs_name, DWORD fs_name_size)
{
	static const WCHAR ntfs[] = { 'N', 'T', 'F', 'S', 0 };
	if ((name && name_size < 1) || (fs_name && fs_name_size < 5)) {
		win_set_last_error(ERROR_BAD_LENGTH);
		return FALSE;
	}
	if (name)
		name[0] = 0;
	if (fs_name)
		memcpy(fs_name, ntfs, sizeof ntfs);
	if (serial)
		*serial = (DWORD)st->st_dev;
	if (max_component)
		*max_component = MAX_COMPONENT;
	if (fs_flags)
		*fs_flags = VOLUME_FLAGS;
	return TRUE;
}

WINAPI BOOL kernel32_GetVolumeInformationByHandleW(HANDLE h, LPWSTR name, DWORD name_size, DWORD *serial,
						   DWORD *max_component, DWORD *fs_flags, LPWSTR fs_name,
						   DWORD fs_name_size)
{
	struct stat st;
	DWORD attrs;
	return handle_entry(h, &st, &attrs) == 0 &&
	       volume_info(&st, name, name_size, serial, max_component, fs_flags, fs_name, fs_name_size);
}

/* root names a volume's root directory ("Z:\"); NULL is the current directory's. */
static int root_stat(char *host, struct stat *st)
{
	int ok = host && stat(host, st) == 0;
	if (host && !ok)
		win_set_last_error(path_error(host, errno));
	free(host);
	return ok;
}

WINAPI BOOL kernel32_GetVolumeInformationW(LPCWSTR root, LPWSTR name, DWORD name_size, DWORD *serial,
					   DWORD *max_component, DWORD *fs_flags, LPWSTR fs_name,
					   DWORD fs_name_size)
{
	struct stat st;
	static const WCHAR dot[] = { '.', 0 };
	return root_stat(path_to_host_w(root ? root : dot), &st) &&
	       volume_info(&st, name, name_size, serial, max_component, fs_flags, fs_name, fs_name_size);
}

WINAPI BOOL kernel32_GetDiskFreeSpaceExW(LPCWSTR dir, ULONGLONG *avail, ULONGLONG *total, ULONGLONG *free_bytes)
{
	static const WCHAR dot[] = { '.', 0 };
	char *host = path_to_host_w(dir ? dir : dot);
	struct statvfs v;
	int ok = host && statvfs(host, &v) == 0;
	if (host && !ok)
		win_set_last_error(path_error(host, errno));
	free(host);
	if (!ok)
		return FALSE;
	if (avail)
		*avail = (ULONGLONG)v.f_bavail * v.f_frsize;
	if (total)
		*total = (ULONGLONG)v.f_blocks * v.f_frsize;
	if (free_bytes)
		*free_bytes = (ULONGLONG)v.f_bfree * v.f_frsize;
	return TRUE;
}
