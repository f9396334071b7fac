/* The printf family into memory, as msvcrt.dll has it: sprintf and vsprintf write the whole
 * result and a NUL; _snprintf and _vsnprintf fill at most count bytes, return -1 when the result
 * (without its NUL) does not fit, and write the NUL only when there is room for it. The C99
 * snprintf is not a msvcrt.dll export: mingw-w64 builds it from _vsnprintf. */
#include <limits.h>
#include <string.h>
#include "../windef.h"
#include "format.h"

struct buffer {
	char *p;
	size_t room; /* bytes that may still be written */
};

/* Copies what fits; a result that is cut short is not an error here, the callers see it in the
 * count. */
static int sink_buffer(struct sink *k, const char *s, size_t n)
{
	struct buffer *b = k->ctx;
	size_t take = n < b->room ? n : b->room;
	memcpy(b->p, s, take);
	b->p += take;
	b->room -= take;
	return 0;
}

size_t format_buffer(char *buf, size_t room, const char *fmt, const uint64_t *args, unsigned opts)
{
	struct buffer b = { buf, room };
	struct sink k = { .write = sink_buffer, .ctx = &b };
	return format_crt(&k, fmt, args, opts);
}

WINAPI int msvcrt__vsnprintf(char *buf, size_t count, const char *fmt, const uint64_t *args)
{
	size_t n = format_buffer(buf, count, fmt, args, FMT_MSVCRT);
	if (n < count)
		buf[n] = 0;
	return n > count || n > INT_MAX ? -1 : (int)n;
}

WINAPI int msvcrt__snprintf(char *buf, size_t count, const char *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = msvcrt__vsnprintf(buf, count, fmt, (const uint64_t *)ap);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt_vsprintf(char *buf, const char *fmt, const uint64_t *args)
{
	size_t n = format_buffer(buf, SIZE_MAX, fmt, args, FMT_MSVCRT);
	buf[n] = 0;
	return (int)n;
}

WINAPI int msvcrt_sprintf(char *buf, const char *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = msvcrt_vsprintf(buf, fmt, (const uint64_t *)ap);
	__builtin_ms_va_end(ap);
	return r;
}
