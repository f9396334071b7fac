/* Text to numbers and back, with Windows' sizes and rules: long is 32 bits; strtoul("-1") is
 * ULONG_MAX as C says; out-of-range values clamp with errno ERANGE. msvcrt.dll's strtod reads
 * decimal only ("d" or "D" may also start the exponent), the UCRT's also reads hex floats, inf and
 * nan (as the host's does). The wide forms read the same syntax from UTF-16. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../ntdll/unicode.h"
#include "crt.h"
#include "format.h"
#include "msvcrt.h"

static int space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* [space][sign][0x]digits in base (0: by prefix). Returns the magnitude (saturated, *over set),
 * *neg, and in *end the first character not used (s itself when there are no digits). */
static uint64_t parse_uint(const char *s, const char **end, int base, int *neg, int *over)
{
	const char *p = s;
	*neg = *over = 0;
	*end = s;
	if (base < 0 || base == 1 || base > 36) {
		crt_invalid_parameter();
		*msvcrt__errno() = CRT_EINVAL;
		return 0;
	}
	while (space((unsigned char)*p))
		p++;
	if (*p == '-' || *p == '+')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value((unsigned char)p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	uint64_t v = 0;
	const char *start = p;
	int d;
	for (; (d = digit_value((unsigned char)*p)) < base; p++) {
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			*over = 1;
		else
			v = v * (uint64_t)base + (uint64_t)d;
	}
	if (p > start)
		*end = p;
	return *over ? UINT64_MAX : v;
}

/* A signed result of bits (32 or 64) bits, clamped. */
static int64_t to_signed(uint64_t mag, int neg, int over, int bits)
{
	uint64_t max = bits == 32 ? INT32_MAX : INT64_MAX;
	if (over || mag > max + neg) {
		*msvcrt__errno() = CRT_ERANGE;
		return neg ? -(int64_t)max - 1 : (int64_t)max;
	}
	return neg ? (int64_t)(0 - mag) : (int64_t)mag;
}

static uint64_t to_unsigned(uint64_t mag, int neg, int over, int bits)
{
	uint64_t max = bits == 32 ? UINT32_MAX : UINT64_MAX;
	if (over || mag > max) {
		*msvcrt__errno() = CRT_ERANGE;
		return max;
	}
	return (neg ? 0 - mag : mag) & max;
}

WINAPI LONG msvcrt_strtol(const char *s, char **end, int base)
{
	int neg, over;
	const char *e;
	uint64_t mag = parse_uint(s, &e, base, &neg, &over);
	if (end)
		*end = (char *)e;
	return (LONG)to_signed(mag, neg, over, 32);
}

WINAPI ULONG msvcrt_strtoul(const char *s, char **end, int base)
{
	int neg, over;
	const char *e;
	uint64_t mag = parse_uint(s, &e, base, &neg, &over);
	if (end)
		*end = (char *)e;
	return (ULONG)to_unsigned(mag, neg, over, 32);
}

WINAPI int64_t msvcrt__strtoi64(const char *s, char **end, int base)
{
	int neg, over;
	const char *e;
	uint64_t mag = parse_uint(s, &e, base, &neg, &over);
	if (end)
		*end = (char *)e;
	return to_signed(mag, neg, over, 64);
}

WINAPI uint64_t msvcrt__strtoui64(const char *s, char **end, int base)
{
	int neg, over;
	const char *e;
	uint64_t mag = parse_uint(s, &e, base, &neg, &over);
	if (end)
		*end = (char *)e;
	return to_unsigned(mag, neg, over, 64);
}

/* msvcrt.dll's atoi family does not clamp: the digits accumulate modulo 2^32 (2^64). The UCRT's
 * clamps like strtol (ucrtbase/convert.c). */
static uint64_t wrap_digits(const char *s)
{
	while (space((unsigned char)*s))
		s++;
	int neg = *s == '-';
	if (*s == '-' || *s == '+')
		s++;
	uint64_t v = 0;
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (uint64_t)(*s - '0');
	return neg ? 0 - v : v;
}

WINAPI int msvcrt_atoi(const char *s) { return (int)(uint32_t)wrap_digits(s); }
WINAPI LONG msvcrt_atol(const char *s) { return (LONG)(uint32_t)wrap_digits(s); }
WINAPI int64_t msvcrt__atoi64(const char *s) { return (int64_t)wrap_digits(s); }

/* The length of msvcrt.dll's decimal syntax at s: [space][sign]{digits[.digits] | .digits}
 * [{e|E|d|D}[sign]digits]; 0 when there is no number. */
static size_t decimal_length(const char *s)
{
	const char *p = s;
	while (space((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		p++;
	size_t digits = 0;
	while (*p >= '0' && *p <= '9')
		p++, digits++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			digits++;
	if (!digits)
		return 0;
	if (*p == 'e' || *p == 'E' || *p == 'd' || *p == 'D') {
		const char *q = p + 1;
		if (*q == '+' || *q == '-')
			q++;
		if (*q >= '0' && *q <= '9') {
			while (*q >= '0' && *q <= '9')
				q++;
			p = q;
		}
	}
	return (size_t)(p - s);
}

double crt_strtod(const char *s, char **end, int c99)
{
	double v;
	int saved = errno;
	errno = 0;
	if (c99) {
		v = strtod(s, end);
	} else {
		size_t n = decimal_length(s);
		char small[128], *copy = n < sizeof small ? small : malloc(n + 1);
		if (!copy) {
			*msvcrt__errno() = CRT_ENOMEM;
			if (end)
				*end = (char *)s;
			return 0;
		}
		memcpy(copy, s, n);
		copy[n] = 0;
		for (size_t i = 0; i < n; i++)
			if (copy[i] == 'd' || copy[i] == 'D')
				copy[i] = 'e';
		v = n ? strtod(copy, 0) : 0;
		if (copy != small)
			free(copy);
		if (end)
			*end = (char *)s + n;
	}
	if (errno == ERANGE)
		*msvcrt__errno() = CRT_ERANGE;
	errno = saved;
	return v;
}

WINAPI double msvcrt_strtod(const char *s, char **end) { return crt_strtod(s, end, 0); }
WINAPI double msvcrt_atof(const char *s) { return crt_strtod(s, 0, 0); }

/* The wide forms: the same syntax, which is ASCII, read from a narrow copy in which any other
 * character stops the number; the end maps back one to one. */
static char *narrow_copy(const WCHAR *s)
{
	size_t n = utf16_len(s);
	char *c = malloc(n + 1);
	if (!c) {
		*msvcrt__errno() = CRT_ENOMEM;
		return 0;
	}
	for (size_t i = 0; i <= n; i++)
		c[i] = s[i] < 0x80 ? (char)s[i] : '\x01';
	return c;
}

static int64_t wide_integer(const WCHAR *s, WCHAR **end, int base, int is_signed, int bits)
{
	char *c = narrow_copy(s);
	if (!c) {
		if (end)
			*end = (WCHAR *)s;
		return 0;
	}
	int neg, over;
	const char *e;
	uint64_t mag = parse_uint(c, &e, base, &neg, &over);
	if (end)
		*end = (WCHAR *)s + (e - c);
	free(c);
	return is_signed ? to_signed(mag, neg, over, bits) : (int64_t)to_unsigned(mag, neg, over, bits);
}

WINAPI LONG msvcrt_wcstol(const WCHAR *s, WCHAR **end, int base) { return (LONG)wide_integer(s, end, base, 1, 32); }
WINAPI ULONG msvcrt_wcstoul(const WCHAR *s, WCHAR **end, int base) { return (ULONG)wide_integer(s, end, base, 0, 32); }
WINAPI int64_t msvcrt__wcstoi64(const WCHAR *s, WCHAR **end, int base) { return wide_integer(s, end, base, 1, 64); }
WINAPI uint64_t msvcrt__wcstoui64(const WCHAR *s, WCHAR **end, int base) { return (uint64_t)wide_integer(s, end, base, 0, 64); }

static uint64_t wide_wrap(const WCHAR *s)
{
	char *c = narrow_copy(s);
	uint64_t v = c ? wrap_digits(c) : 0;
	free(c);
	return v;
}

WINAPI int msvcrt__wtoi(const WCHAR *s) { return (int)(uint32_t)wide_wrap(s); }
WINAPI LONG msvcrt__wtol(const WCHAR *s) { return (LONG)(uint32_t)wide_wrap(s); }
WINAPI int64_t msvcrt__wtoi64(const WCHAR *s) { return (int64_t)wide_wrap(s); }

double crt_wcstod(const WCHAR *s, WCHAR **end, int c99)
{
	char *c = narrow_copy(s), *e;
	if (!c) {
		if (end)
			*end = (WCHAR *)s;
		return 0;
	}
	double v = crt_strtod(c, &e, c99);
	if (end)
		*end = (WCHAR *)s + (e - c);
	free(c);
	return v;
}

WINAPI double msvcrt_wcstod(const WCHAR *s, WCHAR **end) { return crt_wcstod(s, end, 0); }
WINAPI double msvcrt__wtof(const WCHAR *s) { return crt_wcstod(s, 0, 0); }

/* Integers to text: a minus sign only for negative values in base 10, other bases show the
 * unsigned bit pattern of the type; digits above 9 in lower case. */
static char *to_text(uint64_t v, int neg, char *buf, int radix)
{
	if (radix < 2 || radix > 36) {
		crt_invalid_parameter();
		*msvcrt__errno() = CRT_EINVAL;
		if (buf)
			buf[0] = 0;
		return buf;
	}
	char tmp[72];
	int n = 0;
	do {
		tmp[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[v % (unsigned)radix];
		v /= (unsigned)radix;
	} while (v);
	char *p = buf;
	if (neg)
		*p++ = '-';
	while (n)
		*p++ = tmp[--n];
	*p = 0;
	return buf;
}

static char *signed_text(int64_t v, uint64_t pattern, char *buf, int radix)
{
	if (radix == 10 && v < 0)
		return to_text(0 - (uint64_t)v, 1, buf, radix);
	return to_text(pattern, 0, buf, radix);
}

WINAPI char *msvcrt__itoa(int v, char *buf, int radix) { return signed_text(v, (uint32_t)v, buf, radix); }
WINAPI char *msvcrt__ltoa(LONG v, char *buf, int radix) { return signed_text(v, (uint32_t)v, buf, radix); }
WINAPI char *msvcrt__ultoa(ULONG v, char *buf, int radix) { return to_text(v, 0, buf, radix); }
WINAPI char *msvcrt__i64toa(int64_t v, char *buf, int radix) { return signed_text(v, (uint64_t)v, buf, radix); }
WINAPI char *msvcrt__ui64toa(uint64_t v, char *buf, int radix) { return to_text(v, 0, buf, radix); }

static WCHAR *widen(const char *s, WCHAR *buf)
{
	size_t i = 0;
	do
		buf[i] = (unsigned char)s[i];
	while (s[i++]);
	return buf;
}

WINAPI WCHAR *msvcrt__itow(int v, WCHAR *buf, int radix) { char t[72]; return widen(msvcrt__itoa(v, t, radix), buf); }
WINAPI WCHAR *msvcrt__ltow(LONG v, WCHAR *buf, int radix) { char t[72]; return widen(msvcrt__ltoa(v, t, radix), buf); }
WINAPI WCHAR *msvcrt__ultow(ULONG v, WCHAR *buf, int radix) { char t[72]; return widen(msvcrt__ultoa(v, t, radix), buf); }
WINAPI WCHAR *msvcrt__i64tow(int64_t v, WCHAR *buf, int radix) { char t[72]; return widen(msvcrt__i64toa(v, t, radix), buf); }
WINAPI WCHAR *msvcrt__ui64tow(uint64_t v, WCHAR *buf, int radix) { char t[72]; return widen(msvcrt__ui64toa(v, t, radix), buf); }

/* _ecvt and _fcvt: the digits alone, in one per-thread buffer as Windows keeps it, with the
 * decimal point's position and the sign returned apart. _ecvt gives ndigits significant digits,
 * _fcvt ndigits after the point. */
static __thread char cvt_buf[352];

WINAPI char *msvcrt__ecvt(double v, int ndigits, int *dec, int *sign)
{
	char tmp[400];
	*sign = signbit(v) != 0;
	if (ndigits < 1)
		ndigits = 1;
	if (ndigits > 340)
		ndigits = 340;
	snprintf(tmp, sizeof tmp, "%.*e", ndigits - 1, fabs(v));
	char *e = strchr(tmp, 'e'), *o = cvt_buf;
	for (char *p = tmp; p < e; p++)
		if (*p != '.')
			*o++ = *p;
	*o = 0;
	*dec = v == 0 ? 0 : atoi(e + 1) + 1;
	return cvt_buf;
}

WINAPI char *msvcrt__fcvt(double v, int ndigits, int *dec, int *sign)
{
	char tmp[400];
	*sign = signbit(v) != 0;
	if (ndigits < 0)
		ndigits = 0;
	if (ndigits > 60)
		ndigits = 60;
	int n = snprintf(tmp, sizeof tmp, "%.*f", ndigits, fabs(v));
	char *point = strchr(tmp, '.'), *p = tmp, *o = cvt_buf;
	int intlen = point ? (int)(point - tmp) : n;
	int lead = 0; /* leading zeros dropped, as Windows does */
	for (; *p == '0' || *p == '.'; p++)
		if (*p == '0')
			lead++;
	for (; *p && o < cvt_buf + sizeof cvt_buf - 1; p++)
		if (*p != '.')
			*o++ = *p;
	*o = 0;
	*dec = intlen - lead;
	if (!cvt_buf[0]) /* zero: no digits, the point at 0 */
		*dec = 0;
	return cvt_buf;
}

/* _gcvt: printf's "%.*g" as msvcrt.dll formats it (three-digit exponents). */
WINAPI char *msvcrt__gcvt(double v, int digits, char *buf)
{
	uint64_t args[2] = { (uint64_t)digits };
	memcpy(&args[1], &v, sizeof v);
	size_t n = format_buffer(buf, SIZE_MAX, "%.*g", args, FMT_MSVCRT);
	buf[n] = 0;
	return buf;
}
