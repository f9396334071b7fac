/* Windows errors as msvcrt's errno values (the table of the CRT's _dosmaperr). */
#include "../kernel32/kernel32.h"
#include "files.h"
#include "msvcrt.h"

void msvcrt_set_errno_win(DWORD e)
{
	int v; /* bare numbers: ERROR_INVALID_DRIVE 15, ERROR_CURRENT_DIRECTORY 16,
		* ERROR_NOT_SAME_DEVICE 17, ERROR_LOCK_VIOLATION 33, ERROR_BAD_NETPATH 53,
		* ERROR_BAD_NET_NAME 67, ERROR_BAD_PATHNAME 161 */
	switch (e) {
	case ERROR_FILE_NOT_FOUND: case ERROR_PATH_NOT_FOUND: case 15:
	case ERROR_NO_MORE_FILES: case 53: case 67:
	case ERROR_INVALID_NAME: case 161: case ERROR_FILENAME_EXCED_RANGE:
		v = 2; break; /* ENOENT */
	case ERROR_TOO_MANY_OPEN_FILES: v = 24; break; /* EMFILE */
	case ERROR_ACCESS_DENIED: case ERROR_SHARING_VIOLATION: case 16:
	case 33: case ERROR_WRITE_PROTECT:
		v = 13; break; /* EACCES */
	case ERROR_INVALID_HANDLE: v = 9; break; /* EBADF */
	case ERROR_NOT_ENOUGH_MEMORY: case ERROR_OUTOFMEMORY: v = 12; break; /* ENOMEM */
	case ERROR_FILE_EXISTS: case ERROR_ALREADY_EXISTS: v = 17; break; /* EEXIST */
	case 17: v = 18; break; /* EXDEV */
	case ERROR_DIR_NOT_EMPTY: v = 41; break; /* ENOTEMPTY */
	case ERROR_BROKEN_PIPE: v = 32; break; /* EPIPE */
	case ERROR_DISK_FULL: v = 28; break; /* ENOSPC */
	default: v = 22; /* EINVAL */
	}
	*msvcrt__errno() = v;
}
