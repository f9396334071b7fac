/* The wide printf family, as msvcrt.dll has it: the format is UTF-16 and "%s"/"%c" take UTF-16
 * (FMT_WIDE_DEFAULT: "%S"/"%hs" are the narrow ones). The format is converted to UTF-8, formatted
 * by format.c, and the result converted back; counts and limits are in UTF-16 units. Streams get
 * the result in UTF-8, the ANSI code page. Also _scprintf/_vscprintf (the length a sprintf would
 * produce). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "../ntdll/unicode.h"
#include "crt.h"
#include "format.h"
#include "msvcrt.h"
#include "stdio.h"

struct grow {
	char *p;
	size_t len, cap;
};

static int sink_grow(struct sink *k, const char *s, size_t n)
{
	struct grow *g = k->ctx;
	if (g->len + n + 1 > g->cap) {
		size_t cap = (g->len + n + 1) * 2;
		char *p = realloc(g->p, cap);
		if (!p)
			return -1;
		g->p = p;
		g->cap = cap;
	}
	memcpy(g->p + g->len, s, n);
	g->len += n;
	return 0;
}

char *format_alloc(const char *fmt, const uint64_t *args, unsigned opts, size_t *len)
{
	struct grow g = { malloc(64), 0, 64 };
	struct sink k = { .write = sink_grow, .ctx = &g };
	if (!g.p)
		return 0;
	format_crt(&k, fmt, args, opts);
	if (k.error) {
		free(g.p);
		return 0;
	}
	g.p[g.len] = 0;
	*len = g.len;
	return g.p;
}

/* The whole UTF-16 result of a wide format (malloc'd, NUL-terminated, its length in *len). */
WCHAR *format_wide(const WCHAR *fmt, const uint64_t *args, unsigned opts, size_t *len)
{
	char *f = utf16_to_utf8_dup(fmt);
	size_t n;
	if (!(opts & FMT_WIDE_STANDARD))
		opts |= FMT_WIDE_DEFAULT;
	char *out = f ? format_alloc(f, args, opts, &n) : 0;
	free(f);
	WCHAR *w = out ? utf8_to_utf16_dup(out) : 0;
	free(out);
	if (!w) {
		msvcrt_set_errno(12); /* ENOMEM */
		return 0;
	}
	*len = utf16_len(w);
	return w;
}

/* _vsnwprintf: at most count units; -1 when the result does not fit, the NUL only if there is
 * room (as _vsnprintf). */
WINAPI int msvcrt__vsnwprintf(WCHAR *buf, size_t count, const WCHAR *fmt, const uint64_t *args)
{
	size_t n;
	WCHAR *w = format_wide(fmt, args, FMT_MSVCRT, &n);
	if (!w)
		return -1;
	memcpy(buf, w, (n < count ? n : count) * sizeof *w);
	if (n < count)
		buf[n] = 0;
	free(w);
	return n > count || n > INT_MAX ? -1 : (int)n;
}

WINAPI int msvcrt__snwprintf(WCHAR *buf, size_t count, const WCHAR *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = msvcrt__vsnwprintf(buf, count, fmt, (const uint64_t *)ap);
	__builtin_ms_va_end(ap);
	return r;
}

/* msvcrt.dll's swprintf and vswprintf have no count (the pre-C99 forms). */
WINAPI int msvcrt_vswprintf(WCHAR *buf, const WCHAR *fmt, const uint64_t *args)
{
	return msvcrt__vsnwprintf(buf, SIZE_MAX / sizeof(WCHAR), fmt, args);
}

WINAPI int msvcrt_swprintf(WCHAR *buf, const WCHAR *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = msvcrt_vswprintf(buf, fmt, (const uint64_t *)ap);
	__builtin_ms_va_end(ap);
	return r;
}

int wide_to_stream(FILE_MS *f, const WCHAR *fmt, const uint64_t *args, unsigned opts)
{
	size_t n;
	WCHAR *w = format_wide(fmt, args, opts, &n);
	if (!w)
		return -1;
	char *s = utf16_to_utf8_dup(w);
	free(w);
	if (!s)
		return -1;
	size_t bytes = strlen(s);
	int r = stream_write(f, s, bytes) == bytes ? (int)n : -1;
	free(s);
	return r;
}

WINAPI int msvcrt_vfwprintf(FILE_MS *f, const WCHAR *fmt, const uint64_t *args)
{
	return wide_to_stream(f, fmt, args, FMT_MSVCRT);
}

WINAPI int msvcrt_fwprintf(FILE_MS *f, const WCHAR *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = msvcrt_vfwprintf(f, fmt, (const uint64_t *)ap);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt_vwprintf(const WCHAR *fmt, const uint64_t *args)
{
	return msvcrt_vfwprintf(msvcrt___iob_func() + 1, fmt, args);
}

WINAPI int msvcrt_wprintf(const WCHAR *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = msvcrt_vwprintf(fmt, (const uint64_t *)ap);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt__vscprintf(const char *fmt, const uint64_t *args)
{
	size_t n = format_buffer(0, 0, fmt, args, FMT_MSVCRT);
	return n > INT_MAX ? -1 : (int)n;
}

WINAPI int msvcrt__scprintf(const char *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = msvcrt__vscprintf(fmt, (const uint64_t *)ap);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt__vscwprintf(const WCHAR *fmt, const uint64_t *args)
{
	size_t n;
	WCHAR *w = format_wide(fmt, args, FMT_MSVCRT, &n);
	free(w);
	return w && n <= INT_MAX ? (int)n : -1;
}

WINAPI int msvcrt__scwprintf(const WCHAR *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = msvcrt__vscwprintf(fmt, (const uint64_t *)ap);
	__builtin_ms_va_end(ap);
	return r;
}
