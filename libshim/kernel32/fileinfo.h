/* What Windows reports about a host file: FILETIMEs and attributes from a struct stat (shared by
 * kernel32's file, find and time functions and msvcrt's stat and find). */
#ifndef XABI_KERNEL32_FILEINFO_H
#define XABI_KERNEL32_FILEINFO_H

#include <sys/stat.h>
#include <time.h>
#include "../windef.h"

#define FILE_ATTRIBUTE_READONLY 0x01
#define FILE_ATTRIBUTE_HIDDEN 0x02
#define FILE_ATTRIBUTE_SYSTEM 0x04
#define FILE_ATTRIBUTE_DIRECTORY 0x10
#define FILE_ATTRIBUTE_ARCHIVE 0x20
#define FILE_ATTRIBUTE_NORMAL 0x80
#define FILE_ATTRIBUTE_REPARSE_POINT 0x400
#define IO_REPARSE_TAG_SYMLINK 0xA000000Cu
#define INVALID_FILE_ATTRIBUTES 0xffffffffu

/* FILETIME counts 100 ns intervals since 1601-01-01 UTC; the Unix epoch is this many of them. */
#define FILETIME_UNIX_EPOCH 116444736000000000ULL

static inline uint64_t filetime_value(const FILETIME *f)
{
	return (uint64_t)f->dwHighDateTime << 32 | f->dwLowDateTime;
}

static inline FILETIME filetime_make(uint64_t v)
{
	return (FILETIME){ (DWORD)v, (DWORD)(v >> 32) };
}

static inline FILETIME filetime_from_timespec(struct timespec ts)
{
	return filetime_make((uint64_t)((int64_t)ts.tv_sec * 10000000 + ts.tv_nsec / 100 +
					(int64_t)FILETIME_UNIX_EPOCH));
}

static inline struct timespec timespec_from_filetime(uint64_t v)
{
	int64_t t = (int64_t)(v - FILETIME_UNIX_EPOCH), s = t / 10000000, r = t % 10000000;
	if (r < 0)
		s--, r += 10000000;
	return (struct timespec){ s, r * 100 };
}

/* Directories are FILE_ATTRIBUTE_DIRECTORY, other files FILE_ATTRIBUTE_ARCHIVE (what NTFS gives a
 * new file); FILE_ATTRIBUTE_READONLY when the owner may not write. */
static inline DWORD file_attributes(const struct stat *st)
{
	DWORD a = S_ISDIR(st->st_mode) ? FILE_ATTRIBUTE_DIRECTORY : FILE_ATTRIBUTE_ARCHIVE;
	if (!(st->st_mode & S_IWUSR) && !S_ISDIR(st->st_mode))
		a |= FILE_ATTRIBUTE_READONLY;
	return a;
}

/* What Windows shows of a directory entry seen by lstat: a host symbolic link is a symbolic-link
 * reparse point (IO_REPARSE_TAG_SYMLINK), a directory link when its target is a directory
 * (target_dir), with size 0 as NTFS gives a link; anything else as file_attributes says. */
static inline DWORD entry_attributes(const struct stat *lst, int target_dir)
{
	if (!S_ISLNK(lst->st_mode))
		return file_attributes(lst);
	return FILE_ATTRIBUTE_REPARSE_POINT | (target_dir ? FILE_ATTRIBUTE_DIRECTORY : FILE_ATTRIBUTE_ARCHIVE);
}

static inline uint64_t entry_size(const struct stat *lst)
{
	return S_ISDIR(lst->st_mode) || S_ISLNK(lst->st_mode) ? 0 : (uint64_t)lst->st_size;
}

#endif
