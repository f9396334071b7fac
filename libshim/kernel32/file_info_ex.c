/* GetFileInformationByHandleEx and SetFileInformationByHandle: the FILE_INFO_BY_HANDLE_CLASS
 * records (winbase.h layouts) from the host's fstat; directory listings are in dir_info.c.
 * Classes xabi does not implement end the process as a missing import does. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "../../loader/status.h"
#include "../ntdll/unicode.h"
#include "dir_info.h"
#include "fileinfo.h"
#include "kernel32.h"
#include "path.h"
#include "reparse.h"

enum {
	FileBasicInfo = 0,
	FileStandardInfo = 1,
	FileNameInfo = 2,
	FileRenameInfo = 3,
	FileDispositionInfo = 4,
	FileEndOfFileInfo = 6,
	FileAttributeTagInfo = 9,
	FileIdInfo = 18,
	FileDispositionInfoEx = 21,
	FileRenameInfoEx = 22,
};

#define ERROR_MORE_DATA 234
#define FILE_DISPOSITION_FLAG_DELETE 0x1
#define FILE_RENAME_FLAG_REPLACE_IF_EXISTS 0x1

typedef struct {
	LONGLONG CreationTime, LastAccessTime, LastWriteTime, ChangeTime;
	DWORD FileAttributes;
} FILE_BASIC_INFO;
_Static_assert(sizeof(FILE_BASIC_INFO) == 40, "FILE_BASIC_INFO");

typedef struct {
	LONGLONG AllocationSize, EndOfFile;
	DWORD NumberOfLinks;
	BOOLEAN DeletePending, Directory;
} FILE_STANDARD_INFO;
_Static_assert(sizeof(FILE_STANDARD_INFO) == 24, "FILE_STANDARD_INFO");

typedef struct {
	DWORD FileAttributes, ReparseTag;
} FILE_ATTRIBUTE_TAG_INFO;

typedef struct {
	ULONGLONG VolumeSerialNumber;
	BYTE FileId[16];
} FILE_ID_INFO;
_Static_assert(sizeof(FILE_ID_INFO) == 24, "FILE_ID_INFO");

typedef struct {
	DWORD Flags; /* FileRenameInfo: its first byte is BOOLEAN ReplaceIfExists */
	HANDLE RootDirectory;
	DWORD FileNameLength; /* bytes */
	WCHAR FileName[];
} FILE_RENAME_INFO;
_Static_assert(sizeof(FILE_RENAME_INFO) == 24, "FILE_RENAME_INFO");

static _Noreturn void not_implemented(const char *fn, int cls)
{
	fprintf(stderr, "xabi: kernel32!%s(class %d) called but not implemented\n", fn, cls);
	exit(XABI_STATUS_MISSING_IMPORT);
}

static BOOL too_small(void)
{
	win_set_last_error(ERROR_BAD_LENGTH);
	return FALSE;
}

static LONGLONG filetime_ll(struct timespec ts)
{
	FILETIME f = filetime_from_timespec(ts);
	return (LONGLONG)filetime_value(&f);
}

/* FILE_NAME_INFO: the path without its drive ("\tmp\x"); a short buffer gets what fits and
 * ERROR_MORE_DATA, FileNameLength the whole length. */
static BOOL name_info(int fd, void *buf, DWORD size)
{
	char host[4096];
	if (size < 4)
		return too_small();
	if (fd_path(fd, host, sizeof host) < 0)
		return FALSE;
	char *win = path_from_host(host);
	if (!win) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	const char *rest = win[0] && win[1] == ':' ? win + 2 : win;
	size_t units = utf8_to_utf16(rest, -1, 0, 0) - 1, room = (size - 4) / 2;
	WCHAR *w = malloc((units + 1) * 2);
	if (w)
		utf8_to_utf16(rest, -1, w, units + 1);
	free(win);
	if (!w) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	*(DWORD *)buf = (DWORD)(2 * units);
	memcpy((char *)buf + 4, w, 2 * (units < room ? units : room));
	free(w);
	if (units > room) {
		win_set_last_error(ERROR_MORE_DATA);
		return FALSE;
	}
	return TRUE;
}

WINAPI BOOL kernel32_GetFileInformationByHandleEx(HANDLE h, int cls, void *buf, DWORD size)
{
	if (dir_info_class(cls))
		return dir_info(h, cls, buf, size);
	struct stat st;
	DWORD attrs;
	if (cls != FileBasicInfo && cls != FileStandardInfo && cls != FileNameInfo &&
	    cls != FileAttributeTagInfo && cls != FileIdInfo)
		not_implemented("GetFileInformationByHandleEx", cls);
	if (handle_entry(h, &st, &attrs) < 0)
		return FALSE;
	switch (cls) {
	case FileBasicInfo: {
		if (size < sizeof(FILE_BASIC_INFO))
			return too_small();
		FILE_BASIC_INFO *b = buf;
		b->CreationTime = filetime_ll(st.st_ctim);
		b->LastAccessTime = filetime_ll(st.st_atim);
		b->LastWriteTime = filetime_ll(st.st_mtim);
		b->ChangeTime = filetime_ll(st.st_ctim);
		b->FileAttributes = attrs;
		return TRUE;
	}
	case FileStandardInfo: {
		if (size < sizeof(FILE_STANDARD_INFO))
			return too_small();
		FILE_STANDARD_INFO *s = buf;
		s->EndOfFile = (LONGLONG)entry_size(&st);
		s->AllocationSize = S_ISREG(st.st_mode) ? (LONGLONG)st.st_blocks * 512 : 0;
		s->NumberOfLinks = (DWORD)st.st_nlink;
		s->DeletePending = 0;
		s->Directory = !!(attrs & FILE_ATTRIBUTE_DIRECTORY);
		return TRUE;
	}
	case FileNameInfo:
		return name_info(kernel32_handle_fd(h), buf, size);
	case FileAttributeTagInfo: {
		if (size < sizeof(FILE_ATTRIBUTE_TAG_INFO))
			return too_small();
		FILE_ATTRIBUTE_TAG_INFO *t = buf;
		t->FileAttributes = attrs;
		t->ReparseTag = attrs & FILE_ATTRIBUTE_REPARSE_POINT ? IO_REPARSE_TAG_SYMLINK : 0;
		return TRUE;
	}
	default: { /* FileIdInfo: the volume serial and index GetFileInformationByHandle gives */
		if (size < sizeof(FILE_ID_INFO))
			return too_small();
		FILE_ID_INFO *id = buf;
		uint64_t ino = (uint64_t)st.st_ino;
		id->VolumeSerialNumber = (DWORD)st.st_dev;
		memset(id->FileId, 0, sizeof id->FileId);
		memcpy(id->FileId, &ino, sizeof ino);
		return TRUE;
	}
	}
}

/* A LONGLONG time of FILE_BASIC_INFO for futimens: 0 and -1 leave it alone. */
static struct timespec wanted_time(LONGLONG t)
{
	if (t == 0 || t == -1)
		return (struct timespec){ 0, UTIME_OMIT };
	return timespec_from_filetime((uint64_t)t);
}

/* The times and FILE_ATTRIBUTE_READONLY (attributes 0: unchanged); the creation and change
 * times cannot be set on the host and are ignored. */
static BOOL set_basic(int fd, const FILE_BASIC_INFO *b)
{
	struct timespec ts[2] = { wanted_time(b->LastAccessTime), wanted_time(b->LastWriteTime) };
	struct stat st;
	char path[4096];
	if (futimens(fd, ts) < 0 || fstat(fd, &st) < 0)
		goto host_error;
	if (b->FileAttributes && S_ISREG(st.st_mode)) {
		mode_t m = st.st_mode & 07777;
		if (b->FileAttributes & FILE_ATTRIBUTE_READONLY)
			m &= ~0222u;
		else if (!(m & S_IWUSR))
			m |= S_IWUSR;
		if (fd_path(fd, path, sizeof path) < 0)
			return FALSE;
		if (chmod(path, m) < 0)
			goto host_error;
	}
	return TRUE;
host_error:
	win_set_last_error(win_error_from_errno(errno));
	return FALSE;
}

/* Deleting through a handle removes the name at once, not at the last close (as
 * FILE_FLAG_DELETE_ON_CLOSE; libshim/README.md). Clearing the flag has nothing to undo. */
static BOOL set_disposition(int fd, int del)
{
	char path[4096];
	struct stat st;
	if (!del)
		return TRUE;
	if (fd_path(fd, path, sizeof path) < 0 || fstat(fd, &st) < 0)
		return FALSE;
	if (S_ISREG(st.st_mode) && !(st.st_mode & S_IWUSR)) {
		win_set_last_error(ERROR_ACCESS_DENIED); /* FILE_ATTRIBUTE_READONLY */
		return FALSE;
	}
	if ((S_ISDIR(st.st_mode) ? rmdir(path) : unlink(path)) < 0) {
		win_set_last_error(errno == ENOTEMPTY ? ERROR_DIR_NOT_EMPTY : win_error_from_errno(errno));
		return FALSE;
	}
	return TRUE;
}

static BOOL set_rename(int fd, const FILE_RENAME_INFO *r, DWORD size, int replace)
{
	if (size < sizeof *r || r->FileNameLength > size - sizeof *r) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (r->RootDirectory)
		not_implemented("SetFileInformationByHandle(FileRenameInfo with RootDirectory)", FileRenameInfo);
	char from[4096], *name = malloc(r->FileNameLength * 2 + 1);
	if (!name) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	name[utf16_to_utf8(r->FileName, r->FileNameLength / 2, name, r->FileNameLength * 2)] = 0;
	char *to = path_to_host(name);
	free(name);
	BOOL ok = FALSE;
	if (to && fd_path(fd, from, sizeof from) == 0) {
		int e = replace ? rename(from, to)
				: (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 1 /* NOREPLACE */);
		ok = e == 0;
		if (!ok)
			win_set_last_error(errno == EEXIST ? ERROR_ALREADY_EXISTS : path_error(to, errno));
	}
	free(to);
	return ok;
}

WINAPI BOOL kernel32_SetFileInformationByHandle(HANDLE h, int cls, void *buf, DWORD size)
{
	if (cls != FileBasicInfo && cls != FileEndOfFileInfo && cls != FileDispositionInfo &&
	    cls != FileDispositionInfoEx && cls != FileRenameInfo && cls != FileRenameInfoEx)
		not_implemented("SetFileInformationByHandle", cls);
	int fd = kernel32_handle_fd(h);
	if (fd < 0)
		return FALSE;
	switch (cls) {
	case FileBasicInfo:
		return size < sizeof(FILE_BASIC_INFO) ? too_small() : set_basic(fd, buf);
	case FileEndOfFileInfo:
		if (size < sizeof(LONGLONG))
			return too_small();
		if (ftruncate(fd, *(LONGLONG *)buf) < 0) {
			win_set_last_error(win_error_from_errno(errno));
			return FALSE;
		}
		return TRUE;
	case FileDispositionInfo:
		return size < 1 ? too_small() : set_disposition(fd, *(BOOLEAN *)buf);
	case FileDispositionInfoEx:
		return size < 4 ? too_small() : set_disposition(fd, *(DWORD *)buf & FILE_DISPOSITION_FLAG_DELETE);
	case FileRenameInfo:
		return set_rename(fd, buf, size, *(BOOLEAN *)buf);
	default:
		return set_rename(fd, buf, size, *(DWORD *)buf & FILE_RENAME_FLAG_REPLACE_IF_EXISTS);
	}
}
