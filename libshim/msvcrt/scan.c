/* The scanf family's engine, as msvcrt.dll reads: "l" on integers is 32 bits (Windows' long),
 * "I64"/"ll" 64, "h" 16, "hh" 8; "l" or "L" on floating point stores a double; "%S" reads a string
 * of the other width than the function's ("%s" is UTF-16 in the wide functions); the secure forms
 * (scanf_s) take a buffer size after each %s, %c and %[ destination. msvcrt.dll's numbers are
 * decimal; the UCRT's (c99) also hex floats, inf and nan. Integers that overflow wrap, as in
 * msvcrt. Wide input is read as UTF-16 units; a stream is read as bytes, each one character (the
 * "C" locale). Arguments come from a Windows va_list. */
#include <stdlib.h>
#include <string.h>
#include "crt.h"
#include "msvcrt.h"

struct input {
	const unsigned char *s; /* narrow string */
	const WCHAR *w;         /* wide string */
	FILE_MS *f;             /* or a stream */
	size_t len, pos;        /* a string's length (units) and position */
	size_t count;           /* characters consumed, for %n */
	int wide_format, c99, secure;
	int narrow_s; /* a wide function's %s is narrow (the UCRT without its legacy option) */
};

static int get(struct input *in)
{
	int c;
	if (in->f) {
		c = msvcrt_fgetc(in->f);
	} else if (in->pos >= in->len) {
		c = -1;
	} else {
		c = in->s ? in->s[in->pos] : in->w[in->pos];
		if (!c)
			c = -1;
		else
			in->pos++;
	}
	if (c >= 0)
		in->count++;
	return c;
}

static void unget(struct input *in, int c)
{
	if (c < 0)
		return;
	in->count--;
	if (in->f)
		msvcrt_ungetc(c, in->f);
	else
		in->pos--;
}

static int is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static unsigned fmt_at(const void *fmt, size_t i, int wide)
{
	return wide ? ((const WCHAR *)fmt)[i] : ((const unsigned char *)fmt)[i];
}

static int digit_in(int c, int base)
{
	int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10
	      : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 99;
	return d < base ? d : -1;
}

/* An integer of at most width characters; 0 when no digit was read. */
static int read_integer(struct input *in, int base, size_t width, uint64_t *out)
{
	int neg = 0, digits = 0, c = get(in);
	uint64_t v = 0;
	if ((c == '-' || c == '+') && width) {
		neg = c == '-';
		width--;
		c = get(in);
	}
	if ((base == 0 || base == 16) && c == '0' && width) {
		digits = 1;
		width--;
		c = get(in);
		if ((c == 'x' || c == 'X') && width) {
			base = 16;
			width--;
			c = get(in);
			digits = 0;
		} else if (base == 0) {
			base = 8;
		}
	}
	if (base == 0)
		base = 10;
	for (int d; width && (d = digit_in(c, base)) >= 0; width--, c = get(in)) {
		v = v * (uint64_t)base + (uint64_t)d;
		digits = 1;
	}
	unget(in, c);
	*out = neg ? 0 - v : v;
	return digits;
}

/* Matches the (case-insensitive) word w as far as the input allows; how many characters matched. */
static size_t match_word(struct input *in, const char *w, size_t width, char *buf, size_t *n)
{
	size_t i = 0;
	int c;
	for (; w[i] && width; i++, width--) {
		c = get(in);
		if (c < 0 || (c | 0x20) != w[i]) {
			unget(in, c);
			break;
		}
		buf[(*n)++] = (char)c;
	}
	return i;
}

/* A floating-point number's text, at most width characters, into buf; then its value. */
static int read_float(struct input *in, size_t width, double *out)
{
	char buf[512];
	size_t n = 0;
	int c = get(in), digits = 0, hex = 0;
	if ((c == '-' || c == '+') && width) {
		buf[n++] = (char)c;
		width--;
		c = get(in);
	}
	if (in->c99 && (c == 'i' || c == 'I' || c == 'n' || c == 'N')) {
		unget(in, c);
		const char *word = (c | 0x20) == 'i' ? "infinity" : "nan";
		size_t m = match_word(in, word, width, buf, &n);
		if (m < 3)
			return 0;
		buf[n] = 0;
		*out = crt_strtod(buf, 0, 1);
		return 1;
	}
	if (in->c99 && c == '0' && width) {
		buf[n++] = '0';
		width--;
		digits = 1;
		c = get(in);
		if ((c == 'x' || c == 'X') && width) {
			buf[n++] = (char)c;
			width--;
			hex = 1;
			digits = 0;
			c = get(in);
		}
	}
	int base = hex ? 16 : 10;
	for (; width && digit_in(c, base) >= 0 && n < sizeof buf - 8; width--, c = get(in))
		buf[n++] = (char)c, digits = 1;
	if (c == '.' && width) {
		buf[n++] = '.';
		width--;
		for (c = get(in); width && digit_in(c, base) >= 0 && n < sizeof buf - 8; width--, c = get(in))
			buf[n++] = (char)c, digits = 1;
	}
	if (digits && width && (hex ? (c == 'p' || c == 'P') : (c == 'e' || c == 'E'))) {
		buf[n++] = (char)c;
		width--;
		c = get(in);
		if ((c == '-' || c == '+') && width) {
			buf[n++] = (char)c;
			width--;
			c = get(in);
		}
		for (; width && c >= '0' && c <= '9' && n < sizeof buf - 1; width--, c = get(in))
			buf[n++] = (char)c;
	}
	unget(in, c);
	if (!digits)
		return 0;
	buf[n] = 0;
	*out = crt_strtod(buf, 0, in->c99);
	return 1;
}

/* Where a string conversion stores: a narrow or wide buffer of cap elements (SIZE_MAX: unchecked). */
struct dest {
	void *p;
	int wide;
	size_t cap, n;
	int overflow;
};

static void store_char(struct dest *d, int c)
{
	if (!d->p)
		return;
	if (d->n >= d->cap) {
		d->overflow = 1;
		return;
	}
	if (d->wide)
		((WCHAR *)d->p)[d->n] = (WCHAR)c;
	else
		((char *)d->p)[d->n] = (char)c;
	d->n++;
}

/* Does c belong to the %[ set fmt[start, end)? (a leading ^ negates; a-z is a range) */
static int in_set(const void *fmt, size_t start, size_t end, int wide, int c)
{
	int negate = fmt_at(fmt, start, wide) == '^';
	size_t i = start + negate;
	int found = 0;
	for (; i < end; i++) {
		unsigned lo = fmt_at(fmt, i, wide);
		if (i + 2 < end && fmt_at(fmt, i + 1, wide) == '-') {
			unsigned hi = fmt_at(fmt, i + 2, wide);
			if ((unsigned)c >= lo && (unsigned)c <= hi)
				found = 1;
			i += 2;
		} else if ((unsigned)c == lo) {
			found = 1;
		}
	}
	return found != negate;
}

static int scan(struct input *in, const void *fmt, const uint64_t *args)
{
	int wide = in->wide_format, assigned = 0, converted = 0;
	size_t i = 0;
	for (unsigned f; (f = fmt_at(fmt, i, wide));) {
		if (is_space((int)f)) {
			int c;
			while (is_space(c = get(in)))
				;
			unget(in, c);
			i++;
			continue;
		}
		if (f != '%' || fmt_at(fmt, i + 1, wide) == '%') {
			int c = get(in);
			if (f == '%') {
				while (is_space(c))
					c = get(in);
				i++;
			}
			if (c != (int)f) {
				unget(in, c);
				return c < 0 && !converted ? -1 : assigned;
			}
			i++;
			continue;
		}
		i++;
		int suppress = 0, size = 4, width_given = 0;
		int strwide = -1; /* -1: the function's width */
		size_t width = 0;
		if (fmt_at(fmt, i, wide) == '*')
			suppress = 1, i++;
		while ((f = fmt_at(fmt, i, wide)) >= '0' && f <= '9')
			width = width * 10 + (f - '0'), width_given = 1, i++;
		if (!width_given)
			width = SIZE_MAX;
		for (;; i++) {
			f = fmt_at(fmt, i, wide);
			unsigned g = fmt_at(fmt, i + 1, wide), h = g ? fmt_at(fmt, i + 2, wide) : 0;
			if (f == 'h' && g == 'h') size = 1, i++;
			else if (f == 'h') size = 2, strwide = 0;
			else if (f == 'l' && g == 'l') size = 8, i++;
			else if (f == 'l' || f == 'w') size = size == 4 ? 5 : size, strwide = 1; /* 5: long / double */
			else if (f == 'L') size = 16;
			else if (f == 'I' && g == '6' && h == '4') size = 8, i += 2;
			else if (f == 'I' && g == '3' && h == '2') size = 4, i += 2;
			else if (f == 'I') size = 8;
			else if (in->c99 && (f == 'z' || f == 'j' || f == 't')) size = 8;
			else break;
		}
		unsigned conv = fmt_at(fmt, i++, wide);
		if (!conv)
			break;
		if (conv != 'c' && conv != 'C' && conv != '[' && conv != 'n') {
			int c;
			while (is_space(c = get(in)))
				;
			if (c < 0)
				return converted ? assigned : -1;
			unget(in, c);
		}
		void *p = suppress || conv == '%' ? 0 : (void *)*args++;
		switch (conv) {
		case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p': {
			int base = conv == 'd' || conv == 'u' ? 10 : conv == 'i' ? 0 : conv == 'o' ? 8 : 16;
			uint64_t v;
			if (conv == 'p')
				size = 8;
			if (!read_integer(in, base, width, &v))
				return assigned;
			converted = 1;
			if (!p)
				break;
			if (size == 1) *(uint8_t *)p = (uint8_t)v;
			else if (size == 2) *(uint16_t *)p = (uint16_t)v;
			else if (size == 4 || size == 5) *(uint32_t *)p = (uint32_t)v;
			else *(uint64_t *)p = v;
			assigned++;
			break;
		}
		case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A': {
			double v;
			if (!read_float(in, width, &v))
				return assigned;
			converted = 1;
			if (!p)
				break;
			if (size == 5 || size == 16)
				*(double *)p = v;
			else
				*(float *)p = (float)v;
			assigned++;
			break;
		}
		case 's': case 'S': case 'c': case 'C': case '[': {
			int lower = conv == 's' || conv == 'c' || conv == '[';
			int native = wide && !in->narrow_s; /* the width of %s without a size */
			struct dest d = { p, strwide >= 0 ? strwide : lower == native, SIZE_MAX, 0, 0 };
			if (p && in->secure)
				d.cap = (uint32_t)*args++;
			size_t set_start = i, set_end = i;
			if (conv == '[') {
				if (fmt_at(fmt, set_end, wide) == '^')
					set_end++;
				if (fmt_at(fmt, set_end, wide) == ']')
					set_end++;
				while (fmt_at(fmt, set_end, wide) && fmt_at(fmt, set_end, wide) != ']')
					set_end++;
				i = fmt_at(fmt, set_end, wide) ? set_end + 1 : set_end;
			}
			int is_char = conv == 'c' || conv == 'C';
			if (is_char && !width_given)
				width = 1;
			size_t got = 0;
			int c = 0;
			for (; width; width--, got++) {
				c = get(in);
				if (c < 0 || (conv == '[' ? !in_set(fmt, set_start, set_end, wide, c)
							  : !is_char && is_space(c)))
					break;
				if (!d.wide && c > 255) /* no narrow form in the "C" locale */
					break;
				store_char(&d, c);
				c = 0;
			}
			if (c)
				unget(in, c);
			if (!got)
				return c < 0 && !converted ? -1 : assigned;
			if (is_char && width) /* the input ended before width characters */
				return assigned;
			if (!is_char)
				store_char(&d, 0);
			if (d.overflow) {
				if (d.cap && d.p)
					d.wide ? (void)(((WCHAR *)d.p)[0] = 0) : (void)(((char *)d.p)[0] = 0);
				*msvcrt__errno() = CRT_ENOMEM;
				return assigned;
			}
			converted = 1;
			if (p)
				assigned++;
			break;
		}
		case 'n':
			if (p)
				*(int *)p = (int)in->count;
			break;
		default:
			return assigned;
		}
	}
	return assigned;
}

int scan_string(const void *input, size_t len, const void *fmt, const uint64_t *args, int wide,
		int c99)
{
	struct input in = { .len = len, .wide_format = wide & 1, .narrow_s = wide >> 1,
			    .c99 = c99 & 1, .secure = c99 >> 1 };
	if (wide)
		in.w = input;
	else
		in.s = input;
	return scan(&in, fmt, args);
}

int scan_stream(FILE_MS *f, const void *fmt, const uint64_t *args, int wide, int c99)
{
	struct input in = { .f = f, .len = SIZE_MAX, .wide_format = wide & 1, .narrow_s = wide >> 1,
			    .c99 = c99 & 1, .secure = c99 >> 1 };
	return scan(&in, fmt, args);
}


WINAPI int msvcrt_sscanf(const char *s, const char *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = scan_string(s, SIZE_MAX, fmt, (const uint64_t *)ap, 0, 0);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt_sscanf_s(const char *s, const char *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = scan_string(s, SIZE_MAX, fmt, (const uint64_t *)ap, 0, SCAN_SECURE);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt__snscanf(const char *s, size_t n, const char *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = scan_string(s, n, fmt, (const uint64_t *)ap, 0, 0);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt_swscanf(const WCHAR *s, const WCHAR *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = scan_string(s, SIZE_MAX, fmt, (const uint64_t *)ap, 1, 0);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt_swscanf_s(const WCHAR *s, const WCHAR *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = scan_string(s, SIZE_MAX, fmt, (const uint64_t *)ap, 1, SCAN_SECURE);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt_fscanf(FILE_MS *f, const char *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = scan_stream(f, fmt, (const uint64_t *)ap, 0, 0);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt_fscanf_s(FILE_MS *f, const char *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = scan_stream(f, fmt, (const uint64_t *)ap, 0, SCAN_SECURE);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt_fwscanf(FILE_MS *f, const WCHAR *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = scan_stream(f, fmt, (const uint64_t *)ap, 1, 0);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt_scanf(const char *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = scan_stream(msvcrt___iob_func(), fmt, (const uint64_t *)ap, 0, 0);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt_scanf_s(const char *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = scan_stream(msvcrt___iob_func(), fmt, (const uint64_t *)ap, 0, SCAN_SECURE);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt_wscanf(const WCHAR *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = scan_stream(msvcrt___iob_func(), fmt, (const uint64_t *)ap, 1, 0);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt_vsscanf(const char *s, const char *fmt, const uint64_t *args)
{
	return scan_string(s, SIZE_MAX, fmt, args, 0, 0);
}

WINAPI int msvcrt_vfscanf(FILE_MS *f, const char *fmt, const uint64_t *args)
{
	return scan_stream(f, fmt, args, 0, 0);
}

WINAPI int msvcrt_vscanf(const char *fmt, const uint64_t *args)
{
	return scan_stream(msvcrt___iob_func(), fmt, args, 0, 0);
}

WINAPI int msvcrt_vswscanf(const WCHAR *s, const WCHAR *fmt, const uint64_t *args)
{
	return scan_string(s, SIZE_MAX, fmt, args, 1, 0);
}
