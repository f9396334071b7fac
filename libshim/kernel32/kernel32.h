/* What kernel32's files share, and what the loader and the other shim DLLs call. */
#ifndef XABI_KERNEL32_H
#define XABI_KERNEL32_H

#include "../ntdll/teb.h"

/* winerror.h */
#define ERROR_SUCCESS 0
#define ERROR_INVALID_FUNCTION 1
#define ERROR_FILE_NOT_FOUND 2
#define ERROR_PATH_NOT_FOUND 3
#define ERROR_TOO_MANY_OPEN_FILES 4
#define ERROR_ACCESS_DENIED 5
#define ERROR_INVALID_HANDLE 6
#define ERROR_NOT_ENOUGH_MEMORY 8
#define ERROR_INVALID_DATA 13
#define ERROR_OUTOFMEMORY 14
#define ERROR_NO_MORE_FILES 18
#define ERROR_WRITE_PROTECT 19
#define ERROR_NOT_READY 21
#define ERROR_SHARING_VIOLATION 32
#define ERROR_HANDLE_EOF 38
#define ERROR_NOT_SUPPORTED 50
#define ERROR_FILE_EXISTS 80
#define ERROR_INVALID_PARAMETER 87
#define ERROR_BAD_LENGTH 24
#define ERROR_BROKEN_PIPE 109
#define ERROR_NO_DATA 232
#define ERROR_DISK_FULL 112
#define ERROR_INSUFFICIENT_BUFFER 122
#define ERROR_INVALID_NAME 123
#define ERROR_DIR_NOT_EMPTY 145
#define ERROR_ALREADY_EXISTS 183
#define ERROR_FILENAME_EXCED_RANGE 206
#define ERROR_NO_UNICODE_TRANSLATION 1113
#define ERROR_INVALID_FLAGS 1004
#define ERROR_INVALID_ADDRESS 487
#define ERROR_MOD_NOT_FOUND 126
#define ERROR_PROC_NOT_FOUND 127
#define ERROR_BAD_EXE_FORMAT 193
#define ERROR_DLL_INIT_FAILED 1114

static inline void win_set_last_error(DWORD e)
{
	NtCurrentTeb()->LastErrorValue = e;
}

/* The Windows error code for a host errno value (error.c). */
DWORD win_error_from_errno(int e);

/* The process's standard handles, for fds 0-2, stored in params (handle.c). 0 or -1. */
int kernel32_init_std_handles(RTL_USER_PROCESS_PARAMETERS *params);
/* The host descriptor behind a file handle; -1 (last error set) if h is not one. */
int kernel32_handle_fd(HANDLE h);

WINAPI _Noreturn void kernel32_ExitProcess(UINT status);
/* What ExitProcess does before the process ends: DLL detach, then the CRT's (process.c). */
void process_detach(void);

/* The system directory, where the shim's DLLs are said to be: system32 of the Windows directory,
 * in Windows form (sysdir.c, windir.c). A path names one of them when system_directory_dll gives its file name. */
const char *system_directory(void);
const char *system_directory_dll(const char *name);

#endif
