/* The secure CRT's "_s" string and printf functions: each checks its destination's size, and on a
 * failure calls the invalid parameter handler (by default the process ends), empties the
 * destination where Microsoft documents it, sets errno and returns the error (EINVAL, or ERANGE
 * when the result does not fit). _TRUNCATE ((size_t)-1) as a count asks to truncate instead, which
 * returns STRUNCATE (80). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "../ntdll/unicode.h"
#include "crt.h"
#include "format.h"
#include "msvcrt.h"

#define TRUNCATE ((size_t)-1)
#define STRUNCATE 80

static int fail(int e)
{
	crt_invalid_parameter();
	*msvcrt__errno() = e;
	return e;
}

/* Copy n elements of elem bytes from s to d (size elements), then the NUL; the checks of strcpy_s,
 * strncpy_s, strcat_s and their wide forms, with d already advanced past any existing string. */
static int copy_checked(char *d, size_t size, const char *s, size_t n, size_t elem, char *start,
			int truncate)
{
	int r = 0;
	if (n >= size) {
		if (!truncate) {
			memset(start, 0, elem);
			return fail(CRT_ERANGE);
		}
		n = size - 1;
		r = STRUNCATE;
	}
	memcpy(d, s, n * elem);
	memset(d + n * elem, 0, elem);
	return r;
}

static size_t slen(const void *s, size_t elem, size_t max)
{
	size_t n = 0;
	if (elem == 1)
		return strnlen(s, max);
	while (n < max && ((const WCHAR *)s)[n])
		n++;
	return n;
}

static int cpy(void *d, size_t size, const void *s, size_t count, size_t elem, int append)
{
	if (!d || !size)
		return fail(CRT_EINVAL);
	if (!s) {
		memset(d, 0, elem);
		return fail(CRT_EINVAL);
	}
	size_t used = 0;
	if (append) {
		used = slen(d, elem, size);
		if (used == size) { /* not terminated */
			memset(d, 0, elem);
			return fail(CRT_EINVAL);
		}
	}
	int truncate = count == TRUNCATE;
	size_t n = slen(s, elem, truncate ? SIZE_MAX : count);
	return copy_checked((char *)d + used * elem, size - used, s, n, elem, d, truncate);
}

WINAPI int msvcrt_strcpy_s(char *d, size_t size, const char *s) { return cpy(d, size, s, SIZE_MAX - 1, 1, 0); }
WINAPI int msvcrt_strcat_s(char *d, size_t size, const char *s) { return cpy(d, size, s, SIZE_MAX - 1, 1, 1); }
WINAPI int msvcrt_strncpy_s(char *d, size_t size, const char *s, size_t n) { return cpy(d, size, s, n, 1, 0); }
WINAPI int msvcrt_strncat_s(char *d, size_t size, const char *s, size_t n) { return cpy(d, size, s, n, 1, 1); }
WINAPI int msvcrt_wcscpy_s(WCHAR *d, size_t size, const WCHAR *s) { return cpy(d, size, s, SIZE_MAX - 1, 2, 0); }
WINAPI int msvcrt_wcscat_s(WCHAR *d, size_t size, const WCHAR *s) { return cpy(d, size, s, SIZE_MAX - 1, 2, 1); }
WINAPI int msvcrt_wcsncpy_s(WCHAR *d, size_t size, const WCHAR *s, size_t n) { return cpy(d, size, s, n, 2, 0); }
WINAPI int msvcrt_wcsncat_s(WCHAR *d, size_t size, const WCHAR *s, size_t n) { return cpy(d, size, s, n, 2, 1); }

WINAPI int msvcrt_memcpy_s(void *d, size_t size, const void *s, size_t n)
{
	if (!n)
		return 0;
	if (!d)
		return fail(CRT_EINVAL);
	if (!s || size < n) {
		memset(d, 0, size);
		return fail(s ? CRT_ERANGE : CRT_EINVAL);
	}
	memcpy(d, s, n);
	return 0;
}

WINAPI int msvcrt_memmove_s(void *d, size_t size, const void *s, size_t n)
{
	if (!n)
		return 0;
	if (!d || !s)
		return fail(CRT_EINVAL);
	if (size < n)
		return fail(CRT_ERANGE);
	memmove(d, s, n);
	return 0;
}

/* _vsnprintf_s: at most count characters (TRUNCATE: as many as fit) and always a NUL; -1 when
 * truncated. A result that does not fit without count allowing it is an error. */
int crt_vsnprintf_s(char *buf, size_t size, size_t count, const char *fmt, const uint64_t *args,
		    unsigned opts)
{
	if (!buf || !size || !fmt) {
		if (buf && size)
			buf[0] = 0;
		fail(CRT_EINVAL);
		return -1;
	}
	size_t limit = count == TRUNCATE || count >= size ? size - 1 : count;
	size_t n = format_buffer(buf, limit, fmt, args, opts);
	if (n <= limit) {
		buf[n] = 0;
		return (int)n;
	}
	if (count == TRUNCATE || count < size) {
		buf[limit] = 0;
		return -1;
	}
	buf[0] = 0;
	fail(CRT_ERANGE);
	return -1;
}

WINAPI int msvcrt__vsnprintf_s(char *buf, size_t size, size_t count, const char *fmt, const uint64_t *args)
{
	return crt_vsnprintf_s(buf, size, count, fmt, args, FMT_MSVCRT);
}

WINAPI int msvcrt__snprintf_s(char *buf, size_t size, size_t count, const char *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = msvcrt__vsnprintf_s(buf, size, count, fmt, (const uint64_t *)ap);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt_vsprintf_s(char *buf, size_t size, const char *fmt, const uint64_t *args)
{
	return msvcrt__vsnprintf_s(buf, size, SIZE_MAX - 1, fmt, args);
}

WINAPI int msvcrt_sprintf_s(char *buf, size_t size, const char *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = msvcrt_vsprintf_s(buf, size, fmt, (const uint64_t *)ap);
	__builtin_ms_va_end(ap);
	return r;
}

int crt_vsnwprintf_s(WCHAR *buf, size_t size, size_t count, const WCHAR *fmt,
		     const uint64_t *args, unsigned opts)
{
	if (!buf || !size || !fmt) {
		if (buf && size)
			buf[0] = 0;
		fail(CRT_EINVAL);
		return -1;
	}
	size_t n, limit = count == TRUNCATE || count >= size ? size - 1 : count;
	WCHAR *w = format_wide(fmt, args, opts, &n);
	if (!w) {
		buf[0] = 0;
		return -1;
	}
	int r = (int)n;
	if (n > limit && count != TRUNCATE && count >= size) {
		buf[0] = 0;
		free(w);
		fail(CRT_ERANGE);
		return -1;
	}
	if (n > limit)
		n = limit, r = -1;
	memcpy(buf, w, n * sizeof *w);
	buf[n] = 0;
	free(w);
	return r;
}

WINAPI int msvcrt__vsnwprintf_s(WCHAR *buf, size_t size, size_t count, const WCHAR *fmt, const uint64_t *args)
{
	return crt_vsnwprintf_s(buf, size, count, fmt, args, FMT_MSVCRT);
}

WINAPI int msvcrt__snwprintf_s(WCHAR *buf, size_t size, size_t count, const WCHAR *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = msvcrt__vsnwprintf_s(buf, size, count, fmt, (const uint64_t *)ap);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt_vswprintf_s(WCHAR *buf, size_t size, const WCHAR *fmt, const uint64_t *args)
{
	return msvcrt__vsnwprintf_s(buf, size, SIZE_MAX - 1, fmt, args);
}

WINAPI int msvcrt_swprintf_s(WCHAR *buf, size_t size, const WCHAR *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = msvcrt_vswprintf_s(buf, size, fmt, (const uint64_t *)ap);
	__builtin_ms_va_end(ap);
	return r;
}
