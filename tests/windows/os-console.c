/* The console as Go's os package meets it (Microsoft's documentation of GetConsoleMode,
 * SetConsoleMode, WriteConsoleW, ReadConsoleW, GetConsoleScreenBufferInfo): run on a terminal
 * (the suite gives it one with script(1), 100 columns by 30 rows, and types "abc" and a line with
 * "héllo"), or with a file as stdout, where every console call fails with ERROR_INVALID_HANDLE. */
#include <windows.h>
#include <stdio.h>

#ifndef ENABLE_VIRTUAL_TERMINAL_PROCESSING
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x4
#endif

int main(void)
{
	HANDLE in = GetStdHandle(STD_INPUT_HANDLE), out = GetStdHandle(STD_OUTPUT_HANDLE);
	DWORD mode = 0, n;
	BOOL ok = GetConsoleMode(out, &mode);
	DWORD err = ok ? 0 : GetLastError();
	char line[160];
	int len;
	if (!ok) {
		CONSOLE_SCREEN_BUFFER_INFO ci;
		BOOL sb = GetConsoleScreenBufferInfo(out, &ci);
		DWORD sberr = GetLastError();
		ok = WriteConsoleW(out, L"x", 1, &n, 0);
		len = snprintf(line, sizeof line, "not a console: mode error %lu, buffer info %d error %lu, WriteConsoleW %d error %lu\n",
			       err, sb, sberr, ok, GetLastError());
		WriteFile(out, line, len, &n, 0);
		return 0;
	}
	/* printf is not used: the output goes through WriteConsole and WriteFile only. */
	len = snprintf(line, sizeof line, "output mode: processed %d wrap %d\r\n", !!(mode & ENABLE_PROCESSED_OUTPUT),
		       !!(mode & ENABLE_WRAP_AT_EOL_OUTPUT));
	WriteFile(out, line, len, &n, 0);
	ok = SetConsoleMode(out, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING);
	GetConsoleMode(out, &mode);
	len = snprintf(line, sizeof line, "virtual terminal processing: set %d, kept %d\r\n", ok,
		       !!(mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING));
	WriteFile(out, line, len, &n, 0);
	CONSOLE_SCREEN_BUFFER_INFO ci;
	ok = GetConsoleScreenBufferInfo(out, &ci);
	len = snprintf(line, sizeof line, "buffer info: %d size %dx%d window %d,%d-%d,%d\r\n", ok, ci.dwSize.X,
		       ci.dwSize.Y, ci.srWindow.Left, ci.srWindow.Top, ci.srWindow.Right, ci.srWindow.Bottom);
	WriteFile(out, line, len, &n, 0);
	len = snprintf(line, sizeof line, "code pages: %u %u, input mode: line %d echo %d\r\n", GetConsoleCP(),
		       GetConsoleOutputCP(), GetConsoleMode(in, &mode) && (mode & ENABLE_LINE_INPUT),
		       !!(mode & ENABLE_ECHO_INPUT));
	WriteFile(out, line, len, &n, 0);
	static const WCHAR text[] = L"wide: h\u00e9llo \u2713\r\n";
	ok = WriteConsoleW(out, text, (DWORD)(sizeof text / 2 - 1), &n, 0);
	len = snprintf(line, sizeof line, "WriteConsoleW: %d, %lu characters\r\n", ok, n);
	WriteFile(out, line, len, &n, 0);

	/* Two reads of the first line: a short buffer leaves the rest for the next call. */
	WCHAR buf[64];
	DWORD got1 = 0, got2 = 0, got3 = 0;
	ReadConsoleW(in, buf, 2, &got1, 0);
	ReadConsoleW(in, buf + got1, 60, &got2, 0);
	ReadConsoleW(in, buf + got1 + got2, 60, &got3, 0);
	DWORD total = got1 + got2 + got3;
	len = snprintf(line, sizeof line, "ReadConsoleW: %lu+%lu+%lu units:", got1, got2, got3);
	for (DWORD i = 0; i < total; i++)
		len += snprintf(line + len, sizeof line - len, " %04x", buf[i]);
	len += snprintf(line + len, sizeof line - len, "\r\n");
	WriteFile(out, line, len, &n, 0);
	return 0;
}
