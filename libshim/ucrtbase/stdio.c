/* The UCRT's stdio entry points: the std streams by index (__acrt_iob_func) and the
 * __stdio_common_* functions every printf and scanf of the headers is an inline wrapper around.
 * Their first argument is the _CRT_INTERNAL_* option bits (corecrt_stdio_config.h); the rest is
 * msvcrt's formatting (libshim/msvcrt/format.c) in the UCRT's C99 mode unless the options ask for
 * the legacy behaviour. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "../msvcrt/crt.h"
#include "../msvcrt/format.h"
#include "../msvcrt/msvcrt.h"

#define PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION 0x1
#define PRINTF_STANDARD_SNPRINTF_BEHAVIOR 0x2
#define PRINTF_LEGACY_WIDE_SPECIFIERS 0x4
#define PRINTF_LEGACY_MSVCRT_COMPATIBILITY 0x8
#define PRINTF_LEGACY_THREE_DIGIT_EXPONENTS 0x10
#define SCANF_SECURECRT 0x1
#define SCANF_LEGACY_WIDE_SPECIFIERS 0x2
#define SCANF_LEGACY_MSVCRT_COMPATIBILITY 0x4

WINAPI FILE_MS *ucrtbase___acrt_iob_func(unsigned index)
{
	return msvcrt___iob_func() + index;
}

static unsigned format_options(uint64_t options)
{
	unsigned o = FMT_C99_SIZES | FMT_HEX_13;
	if (options & PRINTF_LEGACY_THREE_DIGIT_EXPONENTS)
		o |= FMT_THREE_DIGIT_EXP;
	if (options & PRINTF_LEGACY_MSVCRT_COMPATIBILITY)
		o |= FMT_LEGACY_SPECIAL;
	return o;
}

static int sink_stream(struct sink *k, const char *s, size_t n)
{
	return stream_write(k->ctx, s, n) == n ? 0 : -1;
}

WINAPI int ucrtbase___stdio_common_vfprintf(uint64_t options, FILE_MS *f, const char *fmt,
					    void *locale, const uint64_t *args)
{
	(void)locale;
	struct sink k = { .write = sink_stream, .ctx = f };
	size_t n = format_crt(&k, fmt, args, format_options(options));
	return k.error ? -1 : n > INT_MAX ? -1 : (int)n;
}

/* The buffer forms: standard snprintf returns the whole length and always ends what it wrote with
 * a NUL; the legacy _snprintf returns -1 when the result does not fit and writes a NUL only if
 * there is room; without either option (vsprintf_s-like) an overflow leaves a NUL-terminated
 * truncation and returns -2 (-1 when len is 0). str NULL only counts. */
static int finish(uint64_t options, size_t n, size_t len, void *str, size_t elem)
{
	if (!str)
		return n > INT_MAX ? -1 : (int)n;
	if (options & PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION) {
		if (n < len)
			memset((char *)str + n * elem, 0, elem);
		return n > len ? -1 : (int)n;
	}
	if (n < len) {
		memset((char *)str + n * elem, 0, elem);
		return (int)n;
	}
	if (len)
		memset((char *)str + (len - 1) * elem, 0, elem);
	if (options & PRINTF_STANDARD_SNPRINTF_BEHAVIOR)
		return n > INT_MAX ? -1 : (int)n;
	return len ? -2 : -1;
}

WINAPI int ucrtbase___stdio_common_vsprintf(uint64_t options, char *str, size_t len,
					    const char *fmt, void *locale, const uint64_t *args)
{
	(void)locale;
	size_t n = format_buffer(str, str ? len : 0, fmt, args, format_options(options));
	return finish(options, n, len, str, 1);
}

/* vsprintf_s: an overflow empties the buffer and is an invalid parameter (ERANGE). */
WINAPI int ucrtbase___stdio_common_vsprintf_s(uint64_t options, char *str, size_t len,
					      const char *fmt, void *locale, const uint64_t *args)
{
	(void)locale;
	return crt_vsnprintf_s(str, len, len, fmt, args, format_options(options));
}

WINAPI int ucrtbase___stdio_common_vsnprintf_s(uint64_t options, char *str, size_t len,
					       size_t count, const char *fmt, void *locale,
					       const uint64_t *args)
{
	(void)locale;
	return crt_vsnprintf_s(str, len, count, fmt, args, format_options(options));
}

/* The wide forms: the format is UTF-16; %s is wide with the legacy option (mingw-w64's default),
 * else narrow as C says, which the narrow formatter gives when FMT_WIDE_DEFAULT is left out. */
static WCHAR *wide_result(uint64_t options, const WCHAR *fmt, const uint64_t *args, size_t *n)
{
	unsigned o = format_options(options);
	if (options & PRINTF_LEGACY_WIDE_SPECIFIERS)
		return format_wide(fmt, args, o, n);
	return format_wide(fmt, args, o | FMT_WIDE_STANDARD, n);
}

WINAPI int ucrtbase___stdio_common_vswprintf(uint64_t options, WCHAR *str, size_t len,
					     const WCHAR *fmt, void *locale, const uint64_t *args)
{
	(void)locale;
	size_t n;
	WCHAR *w = wide_result(options, fmt, args, &n);
	if (!w)
		return -1;
	if (str)
		memcpy(str, w, (n < len ? n : len) * sizeof *w);
	free(w);
	return finish(options, n, len, str, sizeof *w);
}

WINAPI int ucrtbase___stdio_common_vsnwprintf_s(uint64_t options, WCHAR *str, size_t len,
						size_t count, const WCHAR *fmt, void *locale,
						const uint64_t *args)
{
	(void)locale;
	unsigned o = format_options(options);
	if (!(options & PRINTF_LEGACY_WIDE_SPECIFIERS))
		o |= FMT_WIDE_STANDARD;
	return crt_vsnwprintf_s(str, len, count, fmt, args, o);
}

WINAPI int ucrtbase___stdio_common_vswprintf_s(uint64_t options, WCHAR *str, size_t len,
					       const WCHAR *fmt, void *locale,
					       const uint64_t *args)
{
	return ucrtbase___stdio_common_vsnwprintf_s(options, str, len, len, fmt, locale, args);
}

WINAPI int ucrtbase___stdio_common_vfwprintf(uint64_t options, FILE_MS *f, const WCHAR *fmt,
					     void *locale, const uint64_t *args)
{
	(void)locale;
	unsigned o = format_options(options);
	if (!(options & PRINTF_LEGACY_WIDE_SPECIFIERS))
		o |= FMT_WIDE_STANDARD;
	return wide_to_stream(f, fmt, args, o);
}

static int scan_c99(uint64_t options)
{
	return (options & SCANF_LEGACY_MSVCRT_COMPATIBILITY ? 0 : 1) |
	       (options & SCANF_SECURECRT ? SCAN_SECURE : 0);
}

WINAPI int ucrtbase___stdio_common_vsscanf(uint64_t options, const char *s, size_t len,
					   const char *fmt, void *locale, const uint64_t *args)
{
	(void)locale;
	return scan_string(s, len, fmt, args, 0, scan_c99(options));
}

WINAPI int ucrtbase___stdio_common_vfscanf(uint64_t options, FILE_MS *f, const char *fmt,
					   void *locale, const uint64_t *args)
{
	(void)locale;
	return scan_stream(f, fmt, args, 0, scan_c99(options));
}

WINAPI int ucrtbase___stdio_common_vswscanf(uint64_t options, const WCHAR *s, size_t len,
					    const WCHAR *fmt, void *locale, const uint64_t *args)
{
	(void)locale;
	int wide = 1 | (options & SCANF_LEGACY_WIDE_SPECIFIERS ? 0 : SCAN_NARROW_S);
	return scan_string(s, len, fmt, args, wide, scan_c99(options));
}

WINAPI int ucrtbase___stdio_common_vfwscanf(uint64_t options, FILE_MS *f, const WCHAR *fmt,
					    void *locale, const uint64_t *args)
{
	(void)locale;
	int wide = 1 | (options & SCANF_LEGACY_WIDE_SPECIFIERS ? 0 : SCAN_NARROW_S);
	return scan_stream(f, fmt, args, wide, scan_c99(options));
}
