/* Windows paths <-> host paths (path.c; the scheme is in libshim/README.md, "Paths"). Every
 * path-taking function of kernel32 and msvcrt goes through path_to_host; every path handed back
 * to a program through path_from_host. Strings are UTF-8 (the ANSI code page). */
#ifndef XABI_KERNEL32_PATH_H
#define XABI_KERNEL32_PATH_H

#include "../windef.h"

#define ERROR_BAD_NETPATH 53

/* GetFullPathName's result for path: "Z:\dir\name", or "\\.\NUL" for a device. malloc'd; NULL
 * with the last error set (ERROR_BAD_NETPATH for UNC paths, ERROR_PATH_NOT_FOUND for "",
 * ERROR_NOT_ENOUGH_MEMORY). */
char *path_full(const char *path);
/* The host path a Windows path names: its drive's host directory, then each component as it
 * exists on disk (an exact match first, else the first case-insensitive one), else as given.
 * malloc'd; NULL with the last error set (as path_full; ERROR_PATH_NOT_FOUND for a drive that is
 * not mapped). */
char *path_to_host(const char *path);
char *path_to_host_w(const WCHAR *path);
/* The Windows form of an absolute host path ("Z:\tmp\x"); malloc'd, NULL when out of memory. */
char *path_from_host(const char *host);
/* The current directory in Windows form (malloc'd; NULL with the last error set). */
char *path_cwd(void);
/* The Windows error for host errno e from an operation on host path: ENOENT is
 * ERROR_FILE_NOT_FOUND when the containing directory exists, else ERROR_PATH_NOT_FOUND. */
DWORD path_error(const char *host, int e);

/* A string handed back in a caller's buffer of n characters, by the rule of GetCurrentDirectory
 * and its kind: when it fits with its NUL, copied and its length returned; else the size it
 * needs, NUL included (nothing copied). */
DWORD path_return_a(const char *s, char *buf, DWORD n);
DWORD path_return_w(const char *s, WCHAR *buf, DWORD n);

#endif
