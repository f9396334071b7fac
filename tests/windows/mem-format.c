/* FormatMessageA/W as Microsoft documents them: system error texts (Microsoft's "System Error
 * Codes" pages) with their CR LF, or a trailing space under FORMAT_MESSAGE_MAX_WIDTH_MASK;
 * FORMAT_MESSAGE_ALLOCATE_BUFFER (freed with LocalFree); inserts %1..%99 with !printf!
 * formats, including "*" widths that take the next insert, from an argument array or a va_list;
 * FORMAT_MESSAGE_IGNORE_INSERTS; the escapes %n %% %. %! %0; failures (unknown message 317,
 * short buffer 122). CR and LF are shown as \r and \n. */
#include <stdarg.h>
#include <stdio.h>
#include <windows.h>

static void show(const char *what, DWORD n, const char *s)
{
	printf("%s: %lu [", what, n);
	for (; n && *s; s++)
		if (*s == '\r')
			printf("\\r");
		else if (*s == '\n')
			printf("\\n");
		else
			putchar(*s);
	printf("]\n");
}

static void sys(DWORD code, DWORD flags)
{
	char buf[300], what[40];
	DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS | flags,
				 NULL, code, 0, buf, sizeof buf, NULL);
	snprintf(what, sizeof what, "system %lu", code);
	show(what, n, buf);
}

static DWORD with_va(char *buf, DWORD size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING, fmt, 0, 0, buf, size, &ap);
	va_end(ap);
	return n;
}

int main(void)
{
	static const DWORD codes[] = { 0, 2, 3, 5, 6, 8, 87, 122, 183, 193, 487, 1113 };
	for (unsigned i = 0; i < sizeof codes / sizeof *codes; i++)
		sys(codes[i], 0);
	sys(2, FORMAT_MESSAGE_MAX_WIDTH_MASK);

	char buf[200];
	DWORD n;
	DWORD_PTR exe[] = { (DWORD_PTR)"prog.exe" };
	n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ARGUMENT_ARRAY, NULL, 193,
			   MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), buf, sizeof buf,
			   (va_list *)exe);
	show("193 with insert", n, buf);

	char *alloc = NULL;
	n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER |
				   FORMAT_MESSAGE_IGNORE_INSERTS, NULL, 5, 0, (char *)&alloc, 0, NULL);
	show("allocated", n, alloc);
	printf("LocalFree: %p\n", LocalFree(alloc));

	SetLastError(0);
	n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
			   0x2345678, 0, buf, sizeof buf, NULL);
	printf("unknown: %lu error %lu\n", n, GetLastError());
	n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, 2, 0,
			   buf, 10, NULL);
	printf("short buffer: %lu error %lu\n", n, GetLastError());

	DWORD_PTR args[] = { (DWORD_PTR)"World", 42, 7, (DWORD_PTR)"ab", 255 };
	n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY,
			   "Hello %1, %2!d! and %2!04x!%n[%1!8s!|%1!-8s!] %3!*s! %5!X!%%%.%! end%0 cut",
			   0, 0, buf, sizeof buf, (va_list *)args);
	show("inserts", n, buf);
	n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY,
			   "%2!d! before %1", 0, 0, buf, sizeof buf, (va_list *)args);
	show("out of order", n, buf);
	n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_IGNORE_INSERTS,
			   "kept %1 and %2!d!%n", 0, 0, buf, sizeof buf, NULL);
	show("ignore inserts", n, buf);
	n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_MAX_WIDTH_MASK,
			   "line one\r\nline two%nhard", 0, 0, buf, sizeof buf, NULL);
	show("max width", n, buf);
	n = with_va(buf, sizeof buf, "%1 is %2!u! (%3!s!)", "va", 123u, "list");
	show("va_list", n, buf);

	WCHAR w[200];
	n = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, 3, 0,
			   w, 200, NULL);
	WideCharToMultiByte(CP_UTF8, 0, w, -1, buf, sizeof buf, NULL, NULL);
	show("wide system", n, buf);
	DWORD_PTR wargs[] = { (DWORD_PTR)L"wide", (DWORD_PTR)"narrow", 5 };
	n = FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY,
			   L"%1 %2!hs! %3!d! \x00e9", 0, 0, w, 200, (va_list *)wargs);
	WideCharToMultiByte(CP_UTF8, 0, w, -1, buf, sizeof buf, NULL, NULL);
	show("wide inserts", n, buf);
	return 0;
}
