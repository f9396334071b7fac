/* msvcrt's printf formatting (format.c) into any sink. */
#ifndef XABI_MSVCRT_FORMAT_H
#define XABI_MSVCRT_FORMAT_H

#include <stddef.h>
#include <stdint.h>

struct sink {
	int (*write)(struct sink *k, const char *s, size_t n); /* -1 on an error */
	void *ctx;
	size_t count; /* bytes formatted so far */
	int error;
};

/* How format_crt formats: msvcrt.dll is FMT_MSVCRT; the UCRT picks per call (ucrtbase/stdio.c). */
enum {
	FMT_THREE_DIGIT_EXP = 1, /* exponents have at least 3 digits (1e+010), not C99's 2 */
	FMT_LEGACY_SPECIAL = 2,  /* infinities and NaNs as 1.#INF00, not inf / nan */
	FMT_C99_SIZES = 4,       /* the size prefixes z, j, t (the UCRT's) */
	FMT_WIDE_DEFAULT = 8,    /* a wide function's: %s and %c take UTF-16, %S and %C narrow */
	FMT_HEX_13 = 16,         /* %a without a precision prints all 13 hex digits (the UCRT) */
	FMT_WIDE_STANDARD = 32,  /* format_wide: C's meaning, %s narrow (the UCRT without legacy) */
	FMT_HALF_UP = 64,        /* %e %f %g round exact ties up (msvcrt.dll), not to even */
	FMT_MSVCRT = FMT_THREE_DIGIT_EXP | FMT_LEGACY_SPECIAL | FMT_HALF_UP,
};

/* %e %E %f %g %G of v >= 0 as msvcrt.dll converts it (msvcrt_float.c), into out (at least prec +
 * 330 bytes); its length. */
size_t msvcrt_float(char *out, double v, char conv, int prec, int alt, int three_digit_exp);

/* Format f with arguments from a Windows va_list; returns the length of the whole result. */
size_t format_crt(struct sink *k, const char *f, const uint64_t *args, unsigned opts);
/* format_crt as msvcrt.dll formats (FMT_MSVCRT). */
size_t format_ms(struct sink *k, const char *f, const uint64_t *args);
/* Format into buf, writing at most room bytes (no NUL); the whole result's length (sprintf.c). */
size_t format_buffer(char *buf, size_t room, const char *fmt, const uint64_t *args, unsigned opts);
/* Format into a new malloc'd, NUL-terminated string (its length in *len); NULL when out of
 * memory (wprintf.c). */
char *format_alloc(const char *fmt, const uint64_t *args, unsigned opts, size_t *len);

#endif
