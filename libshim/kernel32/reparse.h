/* Host symbolic links as Windows sees them: symbolic-link reparse points (reparse.c). */
#ifndef XABI_KERNEL32_REPARSE_H
#define XABI_KERNEL32_REPARSE_H

#include <stddef.h>
#include <sys/stat.h>
#include "../windef.h"

#define FILE_FLAG_OPEN_REPARSE_POINT 0x00200000u

/* 1 if name in dirfd (lstat'd as lst) is a symbolic link whose target is a directory. */
int link_to_dir_at(int dirfd, const char *name, const struct stat *lst);
/* The host path a descriptor was opened on (its /proc/self/fd link); 0, or -1 with the last
 * error set. */
int fd_path(int fd, char *buf, size_t size);
/* fstat of a file handle's descriptor (a link itself when opened with
 * FILE_FLAG_OPEN_REPARSE_POINT) and its Windows attributes; 0, or -1 with the last error set. */
int handle_entry(HANDLE h, struct stat *st, DWORD *attrs);

#endif
