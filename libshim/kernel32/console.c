/* The console, minimal: a console handle is a terminal. Input modes map to the terminal's
 * (ENABLE_PROCESSED_INPUT = ISIG, ENABLE_LINE_INPUT = ICANON, ENABLE_ECHO_INPUT = ECHO); output
 * modes are kept and mean nothing more (a Linux terminal already wraps and understands VT
 * sequences). Text crosses as UTF-8 (WriteConsoleW, ReadConsoleW); the code page is UTF-8 and
 * only UTF-8. Ctrl handlers: console_ctrl.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include "../ntdll/unicode.h"
#include "kernel32.h"

#define ENABLE_PROCESSED_INPUT 0x1
#define ENABLE_LINE_INPUT 0x2
#define ENABLE_ECHO_INPUT 0x4
#define CP_UTF8 65001

WINAPI BOOL kernel32_WriteFile(HANDLE h, LPCVOID buf, DWORD n, DWORD *written, void *overlapped);

static DWORD output_mode = 0x3; /* ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT */

/* The terminal behind h; -1 (ERROR_INVALID_HANDLE, as for a handle that is no console) if none. */
static int console_fd(HANDLE h)
{
	int fd = kernel32_handle_fd(h);
	if (fd < 0 || !isatty(fd)) {
		win_set_last_error(ERROR_INVALID_HANDLE);
		return -1;
	}
	return fd;
}

/* An input handle is one the terminal is read through (its descriptor opened for reading). */
static int is_input(int fd)
{
	return fd == 0;
}

WINAPI BOOL kernel32_GetConsoleMode(HANDLE h, DWORD *mode)
{
	int fd = console_fd(h);
	struct termios t;
	if (fd < 0)
		return FALSE;
	if (!is_input(fd)) {
		*mode = output_mode;
		return TRUE;
	}
	if (tcgetattr(fd, &t) < 0) {
		win_set_last_error(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	*mode = (t.c_lflag & ISIG ? ENABLE_PROCESSED_INPUT : 0) |
		(t.c_lflag & ICANON ? ENABLE_LINE_INPUT : 0) | (t.c_lflag & ECHO ? ENABLE_ECHO_INPUT : 0);
	return TRUE;
}

WINAPI BOOL kernel32_SetConsoleMode(HANDLE h, DWORD mode)
{
	int fd = console_fd(h);
	struct termios t;
	if (fd < 0)
		return FALSE;
	if (!is_input(fd)) {
		output_mode = mode;
		return TRUE;
	}
	if (tcgetattr(fd, &t) < 0)
		return FALSE;
	t.c_lflag &= ~(tcflag_t)(ISIG | ICANON | ECHO);
	t.c_lflag |= (mode & ENABLE_PROCESSED_INPUT ? ISIG : 0) | (mode & ENABLE_LINE_INPUT ? ICANON : 0) |
		     (mode & ENABLE_ECHO_INPUT ? ECHO : 0);
	if (tcsetattr(fd, TCSANOW, &t) < 0) {
		win_set_last_error(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	return TRUE;
}

WINAPI BOOL kernel32_WriteConsoleA(HANDLE h, const void *buf, DWORD n, DWORD *written, void *reserved)
{
	(void)reserved;
	if (console_fd(h) < 0)
		return FALSE;
	return kernel32_WriteFile(h, buf, n, written, 0);
}

/* Characters, not bytes, are counted: the UTF-16 text goes out as UTF-8. */
WINAPI BOOL kernel32_WriteConsoleW(HANDLE h, const WCHAR *buf, DWORD n, DWORD *written, void *reserved)
{
	(void)reserved;
	if (console_fd(h) < 0)
		return FALSE;
	size_t len = utf16_to_utf8(buf, n, 0, 0);
	char *s = malloc(len + 1);
	if (!s) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	utf16_to_utf8(buf, n, s, len);
	BOOL ok = kernel32_WriteFile(h, s, (DWORD)len, 0, 0);
	free(s);
	if (written)
		*written = ok ? n : 0;
	return ok;
}

/* What ReadConsoleW decoded and the caller had no room for yet. */
static WCHAR pending[8192];
static size_t n_pending;

/* Read from the terminal into pending: UTF-8 decoded, a sequence cut at the end of a read
 * completed by reading on; in line mode (ICANON) a line ends with CR LF, as the console's
 * ENABLE_LINE_INPUT gives it. 0, or -1 with the last error set; nothing read is the end of input. */
static int fill(int fd, DWORD want)
{
	char buf[2048 + 4];
	size_t cap = want < 2048 ? want : 2048;
	ssize_t n = read(fd, buf, cap ? cap : 1);
	if (n < 0) {
		win_set_last_error(win_error_from_errno(errno));
		return -1;
	}
	size_t k = (size_t)n, lead = k;
	while (lead && (buf[lead - 1] & 0xc0) == 0x80 && k - lead < 3)
		lead--;
	if (lead && (unsigned char)buf[lead - 1] >= 0xc0) { /* a sequence's start: how long is it? */
		unsigned char c = (unsigned char)buf[lead - 1];
		size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
		while (k - (lead - 1) < len && read(fd, buf + k, 1) == 1)
			k++;
	}
	struct termios t;
	int line = tcgetattr(fd, &t) == 0 && (t.c_lflag & ICANON);
	WCHAR w[2048 + 4];
	size_t units = utf8_to_utf16(buf, (ptrdiff_t)k, w, sizeof w / sizeof w[0]);
	for (size_t i = 0; i < units && n_pending + 2 <= sizeof pending / sizeof pending[0]; i++) {
		if (line && w[i] == '\n')
			pending[n_pending++] = '\r';
		pending[n_pending++] = w[i];
	}
	return 0;
}

/* Characters are counted in UTF-16 units; control (CONSOLE_READCONSOLE_CONTROL) is not used. */
WINAPI BOOL kernel32_ReadConsoleW(HANDLE h, WCHAR *buf, DWORD n, DWORD *got, void *control)
{
	(void)control;
	int fd = console_fd(h);
	if (fd < 0)
		return FALSE;
	if (!n_pending && n && fill(fd, n) < 0)
		return FALSE;
	size_t k = n < n_pending ? n : n_pending;
	memcpy(buf, pending, k * sizeof *buf);
	memmove(pending, pending + k, (n_pending - k) * sizeof *pending);
	n_pending -= k;
	if (got)
		*got = (DWORD)k;
	return TRUE;
}

typedef struct {
	short X, Y;
} COORD;

typedef struct {
	COORD dwSize, dwCursorPosition;
	WORD wAttributes;
	short Left, Top, Right, Bottom; /* srWindow */
	COORD dwMaximumWindowSize;
} CONSOLE_SCREEN_BUFFER_INFO;
_Static_assert(sizeof(CONSOLE_SCREEN_BUFFER_INFO) == 22, "CONSOLE_SCREEN_BUFFER_INFO");

/* The buffer is the terminal's window (no scroll-back is known); the cursor position cannot be
 * read without a terminal query and is given as 0,0; the attributes are the console default
 * (light grey on black). */
WINAPI BOOL kernel32_GetConsoleScreenBufferInfo(HANDLE h, CONSOLE_SCREEN_BUFFER_INFO *info)
{
	int fd = console_fd(h);
	struct winsize ws;
	if (fd < 0)
		return FALSE;
	if (is_input(fd) || ioctl(fd, TIOCGWINSZ, &ws) < 0) {
		win_set_last_error(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	COORD size = { (short)ws.ws_col, (short)ws.ws_row };
	*info = (CONSOLE_SCREEN_BUFFER_INFO){ size, { 0, 0 }, 0x7, 0, 0, (short)(size.X - 1),
					      (short)(size.Y - 1), size };
	return TRUE;
}

WINAPI UINT kernel32_GetConsoleCP(void)
{
	return CP_UTF8;
}

WINAPI UINT kernel32_GetConsoleOutputCP(void)
{
	return CP_UTF8;
}

/* Another code page would need a conversion xabi does not make: refused, not pretended. */
WINAPI BOOL kernel32_SetConsoleCP(UINT cp)
{
	if (cp == CP_UTF8)
		return TRUE;
	win_set_last_error(ERROR_NOT_SUPPORTED);
	return FALSE;
}

WINAPI BOOL kernel32_SetConsoleOutputCP(UINT cp)
{
	return kernel32_SetConsoleCP(cp);
}
