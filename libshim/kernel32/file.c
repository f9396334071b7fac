/* Reading and writing file handles (files, pipes, terminals: host descriptors). */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include "handle.h"
#include "kernel32.h"

#define FILE_TYPE_UNKNOWN 0
#define FILE_TYPE_DISK 1
#define FILE_TYPE_CHAR 2
#define FILE_TYPE_PIPE 3

WINAPI BOOL kernel32_WriteFile(HANDLE h, LPCVOID buf, DWORD n, DWORD *written, void *overlapped)
{
	int fd = kernel32_handle_fd(h);
	if (written)
		*written = 0;
	if (fd < 0)
		return FALSE;
	if (overlapped) {
		win_set_last_error(ERROR_NOT_SUPPORTED);
		return FALSE;
	}
	DWORD done = 0;
	while (done < n) {
		ssize_t r = write(fd, (const char *)buf + done, n - done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			win_set_last_error(win_error_from_errno(errno));
			if (written)
				*written = done;
			return FALSE;
		}
		done += (DWORD)r;
	}
	if (written)
		*written = done;
	return TRUE;
}

WINAPI BOOL kernel32_ReadFile(HANDLE h, LPVOID buf, DWORD n, DWORD *got, void *overlapped)
{
	int fd = kernel32_handle_fd(h);
	if (got)
		*got = 0;
	if (fd < 0)
		return FALSE;
	if (overlapped) {
		win_set_last_error(ERROR_NOT_SUPPORTED);
		return FALSE;
	}
	ssize_t r;
	while ((r = read(fd, buf, n)) < 0 && errno == EINTR)
		;
	if (r < 0) {
		win_set_last_error(win_error_from_errno(errno));
		return FALSE;
	}
	if (got)
		*got = (DWORD)r;
	return TRUE;
}

WINAPI DWORD kernel32_GetFileType(HANDLE h)
{
	int fd = kernel32_handle_fd(h);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0)
		return FILE_TYPE_UNKNOWN;
	win_set_last_error(ERROR_SUCCESS);
	if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) || S_ISBLK(st.st_mode))
		return FILE_TYPE_DISK;
	if (S_ISCHR(st.st_mode))
		return FILE_TYPE_CHAR;
	return FILE_TYPE_PIPE;
}

/* Only a terminal is a console; its mode is what a Windows console starts with
 * (ENABLE_PROCESSED_INPUT|LINE|ECHO for input, PROCESSED|WRAP_AT_EOL for output). */
WINAPI BOOL kernel32_GetConsoleMode(HANDLE h, DWORD *mode)
{
	int fd = kernel32_handle_fd(h);
	if (fd < 0 || !isatty(fd)) {
		win_set_last_error(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	*mode = fd == 0 ? 0x7 : 0x3;
	return TRUE;
}
