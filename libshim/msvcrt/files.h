/* What msvcrt's file, directory, environment and time functions share (lowio.c, stat.c, find.c,
 * dir.c, env.c, time.c, dosmaperr.c). */
#ifndef XABI_MSVCRT_FILES_H
#define XABI_MSVCRT_FILES_H

#include "../windef.h"

#define _O_RDONLY 0x0000
#define _O_WRONLY 0x0001
#define _O_RDWR 0x0002
#define _O_APPEND 0x0008
#define _O_TEMPORARY 0x0040
#define _O_NOINHERIT 0x0080
#define _O_CREAT 0x0100
#define _O_TRUNC 0x0200
#define _O_EXCL 0x0400
#define _O_TEXT 0x4000
#define _O_BINARY 0x8000
#define _O_WTEXT 0x10000
#define _O_U16TEXT 0x20000
#define _O_U8TEXT 0x40000
#define _S_IFIFO 0x1000
#define _S_IFCHR 0x2000
#define _S_IFDIR 0x4000
#define _S_IFREG 0x8000
#define _S_IREAD 0x0100
#define _S_IWRITE 0x0080
#define _S_IEXEC 0x0040

WINAPI DWORD kernel32_GetLastError(void);
WINAPI BOOL kernel32_CloseHandle(HANDLE h);

/* errno from a Windows error, as msvcrt's _dosmaperr maps it (dosmaperr.c). */
void msvcrt_set_errno_win(DWORD e);
/* Open a Windows path as _open does (flags _O_*, pmode _S_IREAD/_S_IWRITE): the descriptor, or
 * -1 with errno set (lowio.c). */
int msvcrt_open(const char *path, int oflag, int pmode);
/* Forget a descriptor's low-level state before it is closed or reused (lowio.c). */
void msvcrt_fd_forget(int fd);

#endif
