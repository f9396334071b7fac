/* The thread's last error (in its TEB, where Windows keeps it) and errno's Windows names. */
#include <errno.h>
#include "kernel32.h"

WINAPI DWORD kernel32_GetLastError(void)
{
	return NtCurrentTeb()->LastErrorValue;
}

WINAPI void kernel32_SetLastError(DWORD e)
{
	win_set_last_error(e);
}

DWORD win_error_from_errno(int e)
{
	switch (e) {
	case 0: return ERROR_SUCCESS;
	case ENOENT: return ERROR_FILE_NOT_FOUND;
	case ENOTDIR: return ERROR_PATH_NOT_FOUND;
	case EMFILE: case ENFILE: return ERROR_TOO_MANY_OPEN_FILES;
	case EACCES: case EPERM: case EISDIR: case EROFS: return ERROR_ACCESS_DENIED;
	case EBADF: return ERROR_INVALID_HANDLE;
	case ENOMEM: return ERROR_NOT_ENOUGH_MEMORY;
	case EEXIST: return ERROR_ALREADY_EXISTS;
	case EINVAL: return ERROR_INVALID_PARAMETER;
	case EPIPE: return ERROR_NO_DATA; /* only writes give EPIPE: Windows' "pipe is being closed" */
	case ENOSPC: return ERROR_DISK_FULL;
	case ENAMETOOLONG: return ERROR_FILENAME_EXCED_RANGE;
	case ENOTEMPTY: return ERROR_DIR_NOT_EMPTY;
	case EBUSY: case ETXTBSY: return ERROR_SHARING_VIOLATION;
	case ENOSYS: case EOPNOTSUPP: return ERROR_NOT_SUPPORTED;
	default: return ERROR_INVALID_FUNCTION;
	}
}
