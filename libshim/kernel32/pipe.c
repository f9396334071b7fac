/* Anonymous pipes: host pipes behind two file handles. The size hint is not applied (the host's
 * default pipe buffer, 64 KiB, is used). */
#include <errno.h>
#include <unistd.h>
#include "kernel32.h"
#include "object.h"

WINAPI BOOL kernel32_CreatePipe(HANDLE *rd, HANDLE *wr, SECURITY_ATTRIBUTES *sa, DWORD size)
{
	(void)size;
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) < 0) {
		win_set_last_error(win_error_from_errno(errno));
		return FALSE;
	}
	DWORD flags = sa_inherit(sa) ? HANDLE_FLAG_INHERIT : 0;
	*rd = handle_add(&(struct handle_obj){ .type = HANDLE_FILE, .fd = fds[0], .obj = 0, .flags = flags });
	*wr = *rd ? handle_add(&(struct handle_obj){ .type = HANDLE_FILE, .fd = fds[1], .obj = 0, .flags = flags }) : 0;
	if (!*wr) {
		if (*rd)
			kernel32_CloseHandle(*rd);
		else
			close(fds[0]);
		close(fds[1]);
		return FALSE;
	}
	return TRUE;
}
