/* Failing loudly as the CRT does: _assert's message then abort, the invalid parameter handler,
 * _purecall, and the errno accessors the secure CRT added. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "../kernel32/kernel32.h"
#include "../ntdll/unicode.h"
#include "crt.h"
#include "msvcrt.h"

/* _assert's console message (assert.h), then abort()'s message and status 3. */
WINAPI _Noreturn void msvcrt__assert(const char *expr, const char *file, unsigned line)
{
	char msg[1024];
	int n = snprintf(msg, sizeof msg, "Assertion failed: %s, file %s, line %u\n", expr, file, line);
	stream_flush_all();
	ssize_t r = write(2, msg, n < (int)sizeof msg ? (size_t)n : sizeof msg - 1);
	(void)r;
	msvcrt_abort();
}

WINAPI _Noreturn void msvcrt__wassert(const WCHAR *expr, const WCHAR *file, unsigned line)
{
	char *e = utf16_to_utf8_dup(expr), *f = utf16_to_utf8_dup(file);
	msvcrt__assert(e ? e : "?", f ? f : "?", line);
}

typedef void WINAPI invalid_parameter_handler(const WCHAR *expr, const WCHAR *func,
					       const WCHAR *file, unsigned line, uintptr_t reserved);
static invalid_parameter_handler *_Atomic ip_handler;

WINAPI invalid_parameter_handler *msvcrt__set_invalid_parameter_handler(invalid_parameter_handler *h)
{
	return atomic_exchange(&ip_handler, h);
}

WINAPI invalid_parameter_handler *msvcrt__get_invalid_parameter_handler(void)
{
	return ip_handler;
}

void crt_invalid_parameter(void)
{
	invalid_parameter_handler *h = ip_handler;
	if (h) {
		h(0, 0, 0, 0, 0); /* the release CRT passes no expression, function or file */
		return;
	}
	stream_flush_all();
	kernel32_ExitProcess(0xC0000409);
}

WINAPI void msvcrt__invalid_parameter_noinfo(void)
{
	crt_invalid_parameter();
}

WINAPI void msvcrt__invalid_parameter(const WCHAR *expr, const WCHAR *func, const WCHAR *file,
				      unsigned line, uintptr_t reserved)
{
	invalid_parameter_handler *h = ip_handler;
	if (h)
		return h(expr, func, file, line, reserved);
	crt_invalid_parameter();
}

/* A call through a pure virtual function's slot: runtime error R6025. */
WINAPI void msvcrt__purecall(void)
{
	msvcrt__amsg_exit(25);
}

WINAPI int msvcrt__get_errno(int *value)
{
	if (!value) {
		crt_invalid_parameter();
		return CRT_EINVAL;
	}
	*value = *msvcrt__errno();
	return 0;
}

WINAPI int msvcrt__set_errno(int value)
{
	*msvcrt__errno() = value;
	return 0;
}

/* The operating system's error code behind the last failure (_doserrno): kept per thread. */
static __thread ULONG doserrno;

WINAPI ULONG *msvcrt___doserrno(void)
{
	return &doserrno;
}

WINAPI int msvcrt__get_doserrno(ULONG *value)
{
	if (!value) {
		crt_invalid_parameter();
		return CRT_EINVAL;
	}
	*value = doserrno;
	return 0;
}

WINAPI int msvcrt__set_doserrno(ULONG value)
{
	doserrno = value;
	return 0;
}
