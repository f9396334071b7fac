/* What the C runtime's breadth files share with each other and with ucrtbase/ (msvcrt.h has what
 * the rest of the shim uses). */
#ifndef XABI_MSVCRT_CRT_H
#define XABI_MSVCRT_CRT_H

#include <stdint.h>
#include "../windef.h"
#include "stdio.h"

/* msvcrt's errno values that differ from the classic ones Linux shares */
#define CRT_EINVAL 22
#define CRT_ERANGE 34
#define CRT_EILSEQ 42
#define CRT_ENOMEM 12

/* ctype.h's class bits; CT_ALPHA (_ALPHA) is any letter */
#define CT_UPPER 0x1
#define CT_LOWER 0x2
#define CT_DIGIT 0x4
#define CT_SPACE 0x8
#define CT_PUNCT 0x10
#define CT_CONTROL 0x20
#define CT_BLANK 0x40
#define CT_HEX 0x80
#define CT_ALPHA_BIT 0x100
#define CT_ALPHA (CT_ALPHA_BIT | CT_UPPER | CT_LOWER)
/* The class mask of a UTF-16 unit (ctype.c). */
WORD crt_wctype(unsigned c);

/* struct tm as Windows lays it out: the same nine ints as the host's. */
struct tm_ms {
	int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
};
/* English day and month names, the C locale's (strftime.c). */
extern const char crt_days[7][10], crt_months[12][10];
/* strftime's engine (strftime.c): msvcrt.dll's formats, or with c99 the UCRT's, which adds C99's
 * (%C %D %e %F %g %G %h %n %r %R %t %T %u %V %z, the E and O modifiers) and gives %c in the C
 * locale as C99 does. 0 when the result does not fit or a format is unknown (errno EINVAL; for
 * the UCRT after the invalid parameter handler). */
size_t crt_strftime(char *out, size_t cap, const char *fmt, const struct tm_ms *m, int c99);
size_t crt_wcsftime(WCHAR *out, size_t cap, const WCHAR *fmt, const struct tm_ms *m, int c99);

/* An invalid parameter (assert.c): the handler the program set with
 * _set_invalid_parameter_handler, else the default, which ends the process as Windows' does
 * (_invoke_watson's fast fail: status 0xC0000409). Returns only if a handler returns; the caller
 * then sets errno and returns its documented failure value. */
void crt_invalid_parameter(void);

/* The whole UTF-16 result of a wide printf format (wprintf.c), malloc'd; NULL (errno set) when out
 * of memory. */
WCHAR *format_wide(const WCHAR *fmt, const uint64_t *args, unsigned opts, size_t *len);
/* A wide printf to a stream, UTF-8 encoded; its count in UTF-16 units or -1. */
int wide_to_stream(FILE_MS *f, const WCHAR *fmt, const uint64_t *args, unsigned opts);

/* _vsnprintf_s and _vsnwprintf_s with printf options (secure.c), shared with the UCRT. */
int crt_vsnprintf_s(char *buf, size_t size, size_t count, const char *fmt, const uint64_t *args,
		    unsigned opts);
int crt_vsnwprintf_s(WCHAR *buf, size_t size, size_t count, const WCHAR *fmt,
		     const uint64_t *args, unsigned opts);

/* strtod (convert.c): hex floats and inf/nan only when c99 (the UCRT's; msvcrt.dll's knows
 * decimal only, with d or D also starting an exponent). */
double crt_strtod(const char *s, char **end, int c99);
double crt_wcstod(const WCHAR *s, WCHAR **end, int c99);

/* scanf's engine (scan.c), from a string of at most len units or a stream. wide: 1 for a UTF-16
 * format and string, | SCAN_NARROW_S when its %s is narrow; c99: 1 for the UCRT's number syntax,
 * | SCAN_SECURE for the _s forms. */
#define SCAN_NARROW_S 2
#define SCAN_SECURE 2
int scan_string(const void *input, size_t len, const void *fmt, const uint64_t *args, int wide,
		int c99);
int scan_stream(FILE_MS *f, const void *fmt, const uint64_t *args, int wide, int c99);

/* The stream functions of stdio.c that other files call directly. */
WINAPI FILE_MS *msvcrt___iob_func(void);
WINAPI int msvcrt_fgetc(FILE_MS *f);
WINAPI int msvcrt_ungetc(int c, FILE_MS *f);
WINAPI int msvcrt_fputs(const char *s, FILE_MS *f);
WINAPI char *msvcrt_strerror(int e);

WINAPI _Noreturn void msvcrt_abort(void);
WINAPI _Noreturn void msvcrt__amsg_exit(int code);

/* The exit handlers of startup.c, which the UCRT's _crt_atexit shares. */
typedef int WINAPI onexit_fn(void);
WINAPI onexit_fn *msvcrt__onexit(onexit_fn *f);

#endif
