/* SetConsoleTextAttribute (esbuild's logger colours its messages with it). */
#include <stdio.h>
#include <unistd.h>
#include "kernel32.h"

/* SetConsoleTextAttribute: on a terminal, the colours as an ANSI SGR sequence (Windows' colour bits
 * are blue 1, green 2, red 4, intensity 8, the background's the same shifted by 4; ANSI's order
 * is red 1, green 2, blue 4). Other handles fail with ERROR_INVALID_HANDLE, as on Windows. */
WINAPI BOOL kernel32_SetConsoleTextAttribute(HANDLE h, WORD attr)
{
	int fd = kernel32_handle_fd(h);
	if (fd < 0 || !isatty(fd)) {
		win_set_last_error(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	static const char ansi[8] = { 0, 4, 2, 6, 1, 5, 3, 7 }; /* Windows' BGR bits to ANSI's RGB */
	char seq[32];
	int n = snprintf(seq, sizeof seq, "\033[0;%d;%dm", (attr & 8 ? 90 : 30) + ansi[attr & 7],
			 (attr & 0x80 ? 100 : 40) + ansi[(attr >> 4) & 7]);
	return write(fd, seq, (size_t)n) == n;
}
