/* The Windows directory, a host directory xabi makes (windir.c; libshim/README.md, "The Windows
 * directory"). Strings in Windows form, valid for the process's life; no last error is set (the
 * loader asks before the first thread has a TEB). */
#ifndef XABI_KERNEL32_WINDIR_H
#define XABI_KERNEL32_WINDIR_H

/* %SystemRoot%: "Z:\home\u\.cache\xabi\windows". */
const char *windows_directory(void);
/* Its system32: the system directory. */
const char *windows_system_directory(void);
/* The same as a host path: "/home/u/.cache/xabi/windows/system32". */
const char *windows_system_directory_host(void);
/* Set SystemRoot and windir to it in the environment, unless the user has set them, and PATH,
 * COMSPEC and PATHEXT as Windows programs expect them (env.h; start-up, before the environment
 * block is built). */
void windows_directory_env(void);

#endif
