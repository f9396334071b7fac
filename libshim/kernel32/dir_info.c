/* A directory handle's entries as GetFileInformationByHandleEx's directory classes give them:
 * records of one layout each (winbase.h), 8-byte aligned and chained by NextEntryOffset, as
 * many as fit per call. The position is the host descriptor's own (getdents64), so a handle
 * needs no state here: an entry that does not fit is left for the next call by seeking back
 * to it. Entries come in the host's order, "." and ".." included as the host lists them. */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../ntdll/unicode.h"
#include "dir_info.h"
#include "fileinfo.h"
#include "kernel32.h"
#include "reparse.h"

enum {
	FileIdBothDirectoryInfo = 10,
	FileIdBothDirectoryRestartInfo = 11,
	FileFullDirectoryInfo = 14,
	FileFullDirectoryRestartInfo = 15,
	FileIdExtdDirectoryInfo = 19,
	FileIdExtdDirectoryRestartInfo = 20,
};

#define ERROR_MORE_DATA 234

/* What every layout starts with (FILE_FULL_DIR_INFO up to FileName). */
struct dir_common {
	DWORD NextEntryOffset, FileIndex;
	LONGLONG CreationTime, LastAccessTime, LastWriteTime, ChangeTime, EndOfFile, AllocationSize;
	DWORD FileAttributes, FileNameLength, EaSize;
};

struct id_extd_tail { /* FILE_ID_EXTD_DIR_INFO after EaSize */
	DWORD ReparsePointTag;
	BYTE FileId[16];
};

/* Where FileName starts in each layout; FILE_ID_BOTH_DIR_INFO has ShortNameLength (a byte) and
 * ShortName (12 units) after EaSize, then its 8-byte FileId at 96. */
#define FULL_NAME 68
#define ID_BOTH_FILE_ID 96
#define ID_BOTH_NAME 104
#define ID_EXTD_NAME 88
_Static_assert(offsetof(struct dir_common, EaSize) + 4 == FULL_NAME, "FILE_FULL_DIR_INFO");
_Static_assert(FULL_NAME + sizeof(struct id_extd_tail) == ID_EXTD_NAME, "FILE_ID_EXTD_DIR_INFO");

/* getdents64's record (linux/dirent.h). */
struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

int dir_info_class(int cls)
{
	return cls == FileIdBothDirectoryInfo || cls == FileIdBothDirectoryRestartInfo ||
	       cls == FileFullDirectoryInfo || cls == FileFullDirectoryRestartInfo ||
	       cls == FileIdExtdDirectoryInfo || cls == FileIdExtdDirectoryRestartInfo;
}

static LONGLONG ft(struct timespec ts)
{
	FILETIME f = filetime_from_timespec(ts);
	return (LONGLONG)filetime_value(&f);
}

/* One record for name at rec (room bytes there); its size, or 0 if it does not fit. */
static size_t name_at(int cls)
{
	return cls == FileFullDirectoryInfo ? FULL_NAME : cls == FileIdBothDirectoryInfo ? ID_BOTH_NAME : ID_EXTD_NAME;
}

static size_t record(int dirfd, const char *name, int cls, char *rec, size_t room)
{
	size_t at = name_at(cls);
	size_t units = utf8_to_utf16(name, -1, 0, 0) - 1, size = (at + 2 * units + 7) & ~(size_t)7;
	if (at + 2 * units > room)
		return 0;
	struct stat st;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		memset(&st, 0, sizeof st); /* gone since it was listed: still an entry */
	DWORD tag = S_ISLNK(st.st_mode) ? IO_REPARSE_TAG_SYMLINK : 0;
	struct dir_common c = {
		.CreationTime = ft(st.st_ctim), .LastAccessTime = ft(st.st_atim),
		.LastWriteTime = ft(st.st_mtim), .ChangeTime = ft(st.st_ctim),
		.EndOfFile = (LONGLONG)entry_size(&st),
		.AllocationSize = S_ISREG(st.st_mode) ? (LONGLONG)st.st_blocks * 512 : 0,
		.FileAttributes = entry_attributes(&st, link_to_dir_at(dirfd, name, &st)),
		.FileNameLength = (DWORD)(2 * units),
		.EaSize = tag, /* a reparse point's tag is given here */
	};
	memset(rec, 0, at);
	memcpy(rec, &c, FULL_NAME);
	uint64_t ino = (uint64_t)st.st_ino;
	if (cls == FileIdBothDirectoryInfo) {
		memcpy(rec + ID_BOTH_FILE_ID, &ino, sizeof ino); /* no short name: its length stays 0 */
	} else if (cls == FileIdExtdDirectoryInfo) {
		struct id_extd_tail t = { .ReparsePointTag = tag };
		memcpy(t.FileId, &ino, sizeof ino);
		memcpy(rec + FULL_NAME, &t, sizeof t);
	}
	WCHAR *w = (WCHAR *)(rec + at);
	for (size_t i = 0; i < units; i++)
		w[i] = 0;
	utf8_to_utf16(name, -1, w, units); /* no NUL: FileNameLength gives the length */
	return size;
}

BOOL dir_info(HANDLE h, int cls, void *buf, DWORD size)
{
	int fd = kernel32_handle_fd(h);
	if (fd < 0)
		return FALSE;
	if (cls == FileFullDirectoryRestartInfo || cls == FileIdBothDirectoryRestartInfo ||
	    cls == FileIdExtdDirectoryRestartInfo) {
		cls--;
		lseek(fd, 0, SEEK_SET);
	}
	if (size < name_at(cls)) { /* not even one record's fixed part: STATUS_INFO_LENGTH_MISMATCH */
		win_set_last_error(ERROR_BAD_LENGTH);
		return FALSE;
	}
	char dents[4096], *out = buf, *last = 0;
	size_t used = 0;
	int more = 0;
	for (;;) {
		off_t pos = lseek(fd, 0, SEEK_CUR);
		long n = syscall(SYS_getdents64, fd, dents, sizeof dents);
		if (n < 0) {
			win_set_last_error(errno == ENOTDIR ? ERROR_INVALID_PARAMETER : win_error_from_errno(errno));
			return FALSE;
		}
		if (n == 0)
			break;
		for (long i = 0; i < n;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(dents + i);
			size_t r = record(fd, d->d_name, cls, out + used, size - used);
			if (!r) { /* leave this entry for the next call */
				lseek(fd, pos, SEEK_SET);
				more = 1;
				goto done;
			}
			if (last)
				*(DWORD *)last = (DWORD)(out + used - last);
			last = out + used;
			*(DWORD *)last = 0;
			used += r;
			used = used > size ? size : used;
			pos = d->d_off;
			i += d->d_reclen;
		}
	}
done:
	if (!last) {
		win_set_last_error(more ? ERROR_MORE_DATA : ERROR_NO_MORE_FILES);
		return FALSE;
	}
	return TRUE;
}
