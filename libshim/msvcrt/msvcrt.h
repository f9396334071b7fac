/* What msvcrt's files share. */
#ifndef XABI_MSVCRT_H
#define XABI_MSVCRT_H

#include "../windef.h"

/* The calling thread's errno, in msvcrt's numbering (errno.c). */
WINAPI int *msvcrt__errno(void);
/* Set it from a host errno value. */
void msvcrt_set_errno(int host_errno);
/* Is descriptor fd in text mode (_setmode, _fmode)? (startup.c) */
int msvcrt_fd_text(int fd);
/* msvcrt's process attach, before the program's first instruction: the std streams (stdio.c). */
void msvcrt_process_attach(void);
/* msvcrt's process detach, after every PE DLL's (ExitProcess): the streams flushed (detach.c). */
void msvcrt_process_detach(void);

#endif
