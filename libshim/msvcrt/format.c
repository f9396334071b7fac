/* The printf family's formatting, as msvcrt.dll does it: "l" is 32 bits (Windows' long), "I64",
 * "I32" and "I" size prefixes, "%S"/"%ls" take UTF-16 strings, "%p" is 16 upper-case hex digits,
 * exponents have at least three digits (1.000000e+001), and infinities and NaNs print as
 * 1.#INF00, -1.#IND00 and 1.#QNAN0. The UCRT's options (format.h) switch to C99's exponents and
 * inf / nan / -nan(ind) spellings. Arguments come from a Windows va_list: consecutive 8-byte
 * slots, floating-point values as doubles. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "../ntdll/unicode.h"
#include "format.h"

struct spec {
	int left, plus, space, alt, zero;
	int width, prec; /* prec -1: none */
	int size;        /* 1 hh, 2 h, 4 (default / l / I32), 8 (ll / I64 / I), 16 L */
	int wide;        /* l or w on c/s, or upper-case C/S */
	char conv;
	unsigned opts;   /* FMT_* */
};

static void emit(struct sink *k, const char *s, size_t n)
{
	k->count += n;
	if (!k->error && k->write(k, s, n) < 0)
		k->error = 1;
}

static void pad(struct sink *k, char c, int n)
{
	char buf[64];
	memset(buf, c, sizeof buf);
	for (; n > 0; n -= (int)sizeof buf)
		emit(k, buf, n < (int)sizeof buf ? (size_t)n : sizeof buf);
}

/* body (sign/prefix first, then digits) padded to the width as the flags say. */
static void field(struct sink *k, const struct spec *sp, const char *prefix, const char *body,
		  size_t n, int zeros)
{
	size_t plen = strlen(prefix);
	int fill = sp->width - (int)(plen + n) - zeros;
	if (!sp->left && !sp->zero)
		pad(k, ' ', fill);
	emit(k, prefix, plen);
	if (!sp->left && sp->zero)
		pad(k, '0', fill);
	pad(k, '0', zeros);
	emit(k, body, n);
	if (sp->left)
		pad(k, ' ', fill);
}

static void integer(struct sink *k, struct spec *sp, uint64_t v, int is_signed)
{
	char digits[72], prefix[4] = "";
	int neg = 0;
	if (is_signed) {
		int64_t s = sp->size == 1 ? (int8_t)v : sp->size == 2 ? (int16_t)v
			  : sp->size == 4 ? (int32_t)v : (int64_t)v;
		neg = s < 0;
		v = neg ? -(uint64_t)s : (uint64_t)s;
	} else {
		v = sp->size == 1 ? (uint8_t)v : sp->size == 2 ? (uint16_t)v
		  : sp->size == 4 ? (uint32_t)v : v;
	}
	unsigned base = sp->conv == 'o' ? 8 : sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p' ? 16 : 10;
	const char *hex = sp->conv == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";
	int n = 0;
	uint64_t u = v;
	do {
		digits[sizeof digits - 1 - n++] = hex[u % base];
		u /= base;
	} while (u);
	if (sp->prec == 0 && v == 0)
		n = 0;
	if (neg)
		strcpy(prefix, "-");
	else if (is_signed && sp->plus)
		strcpy(prefix, "+");
	else if (is_signed && sp->space)
		strcpy(prefix, " ");
	if (sp->alt && v && base == 16)
		strcpy(prefix, sp->conv == 'x' ? "0x" : "0X");
	int zeros = sp->prec > n ? sp->prec - n : 0;
	if (sp->alt && base == 8 && !zeros && (n == 0 || digits[sizeof digits - n] != '0'))
		zeros = 1;
	if (sp->prec >= 0)
		sp->zero = 0;
	field(k, sp, prefix, digits + sizeof digits - n, (size_t)n, zeros);
}

/* msvcrt's spelling of infinities and NaNs: "1." and the text "#INF", "#QNAN" or "#IND" taken as
 * the fraction's digits, so the precision pads it with zeros or cuts it, rounding the last kept
 * character up when the next is >= '5' in ASCII ("%.2f" of an infinity is "1.#J", as on
 * Windows); "%e" adds the exponent of 1. */
/* The UCRT's (C99's) spelling: inf, nan, and nan(ind) for the "indefinite" NaN (the sign set, as
 * 0.0/0.0 makes it on x86), nan(snan) for a signalling one; upper case for E, F, G. */
static void special_c99(struct sink *k, struct spec *sp, double d)
{
	uint64_t bits;
	memcpy(&bits, &d, sizeof bits);
	int quiet = (bits >> 51) & 1, upper = sp->conv >= 'A' && sp->conv <= 'Z';
	const char *text = !isnan(d) ? "inf" : !quiet ? "nan(snan)" : signbit(d) ? "nan(ind)" : "nan";
	char buf[16];
	size_t n = strlen(text);
	for (size_t i = 0; i < n; i++)
		buf[i] = upper && text[i] >= 'a' ? (char)(text[i] - 32) : text[i];
	sp->zero = 0;
	field(k, sp, signbit(d) ? "-" : sp->plus ? "+" : sp->space ? " " : "", buf, n, 0);
}

static void special(struct sink *k, struct spec *sp, double d)
{
	if (!(sp->opts & FMT_LEGACY_SPECIAL))
		return special_c99(k, sp, d);
	const char *text = isnan(d) ? (signbit(d) ? "#IND" : "#QNAN") : "#INF";
	char buf[80] = "1.";
	size_t prec = sp->prec < 0 ? 6 : sp->prec > 64 ? 64 : (size_t)sp->prec;
	size_t len = strlen(text), n = 2;
	for (size_t i = 0; i < prec; i++)
		buf[n++] = i < len ? text[i] : '0';
	if (prec < len && text[prec] >= '5' && prec > 0)
		buf[n - 1]++;
	if (prec == 0 && !sp->alt)
		n = 1;
	if (sp->conv == 'e' || sp->conv == 'E') {
		memcpy(buf + n, sp->conv == 'e' ? "e+000" : "E+000", 5);
		n += 5;
	}
	sp->zero = 0;
	field(k, sp, signbit(d) ? "-" : sp->plus ? "+" : sp->space ? " " : "", buf, n, 0);
}

static void floating(struct sink *k, struct spec *sp, double d)
{
	if (!isfinite(d))
		return special(k, sp, d);
	char fmt[32], buf[720], *p = fmt;
	if ((sp->opts & FMT_HALF_UP) && strchr("eEfgG", sp->conv)) {
		int prec = sp->prec > 350 ? 350 : sp->prec;
		size_t n = msvcrt_float(buf, fabs(d), sp->conv, prec, sp->alt,
					sp->opts & FMT_THREE_DIGIT_EXP);
		field(k, sp, signbit(d) ? "-" : sp->plus ? "+" : sp->space ? " " : "", buf, n, 0);
		return;
	}
	*p++ = '%';
	if (sp->alt)
		*p++ = '#';
	if (sp->prec >= 0)
		p += snprintf(p, 12, ".%d", sp->prec > 350 ? 350 : sp->prec);
	else if ((sp->opts & FMT_HEX_13) && (sp->conv == 'a' || sp->conv == 'A'))
		p += snprintf(p, 12, ".13");
	*p++ = sp->conv;
	*p = 0;
	int n = snprintf(buf, sizeof buf - 2, fmt, fabs(d));
	if (n < 0)
		return;
	if ((size_t)n > sizeof buf - 3)
		n = (int)sizeof buf - 3;
	/* a two-digit exponent gets a third digit */
	char *e = strpbrk(buf, "eE");
	if (e && sp->conv != 'a' && sp->conv != 'A' && (sp->opts & FMT_THREE_DIGIT_EXP) &&
	    strlen(e + 2) == 2) {
		memmove(e + 3, e + 2, 3);
		e[2] = '0';
		n++;
	}
	const char *sign = signbit(d) ? "-" : sp->plus ? "+" : sp->space ? " " : "";
	field(k, sp, sign, buf, (size_t)n, 0);
}

static void string(struct sink *k, struct spec *sp, const void *s)
{
	if (!s)
		s = sp->wide ? (const void *)u"(null)" : "(null)";
	sp->zero = 0;
	if (!sp->wide) {
		size_t n = sp->prec >= 0 ? strnlen(s, (size_t)sp->prec) : strlen(s);
		return field(k, sp, "", s, n, 0);
	}
	/* UTF-16 to the output's UTF-8, the precision counting UTF-16 units as Windows does */
	const WCHAR *w = s;
	size_t units = 0;
	while (w[units] && (sp->prec < 0 || units < (size_t)sp->prec))
		units++;
	char buf[1024];
	size_t need = utf16_to_utf8(w, (ptrdiff_t)units, 0, 0);
	int fill = sp->width - (int)need;
	if (!sp->left)
		pad(k, ' ', fill);
	for (size_t i = 0; i < units;) {
		size_t take = units - i < 256 ? units - i : 256;
		if (take == 256 && w[i + take - 1] >= 0xd800 && w[i + take - 1] < 0xdc00)
			take--; /* keep a surrogate pair together */
		emit(k, buf, utf16_to_utf8(w + i, (ptrdiff_t)take, buf, sizeof buf));
		i += take;
	}
	if (sp->left)
		pad(k, ' ', fill);
}

size_t format_ms(struct sink *k, const char *f, const uint64_t *args)
{
	return format_crt(k, f, args, FMT_MSVCRT);
}

size_t format_crt(struct sink *k, const char *f, const uint64_t *args, unsigned opts)
{
	k->count = 0;
	k->error = 0;
	while (*f) {
		const char *pct = strchr(f, '%');
		if (!pct) {
			emit(k, f, strlen(f));
			break;
		}
		emit(k, f, (size_t)(pct - f));
		f = pct + 1;
		struct spec sp = { .prec = -1, .size = 4, .opts = opts };
		for (;; f++) {
			if (*f == '-') sp.left = 1;
			else if (*f == '+') sp.plus = 1;
			else if (*f == ' ') sp.space = 1;
			else if (*f == '#') sp.alt = 1;
			else if (*f == '0') sp.zero = 1;
			else break;
		}
		if (*f == '*') {
			sp.width = (int32_t)*args++;
			if (sp.width < 0) {
				sp.left = 1;
				sp.width = -sp.width;
			}
			f++;
		} else {
			while (*f >= '0' && *f <= '9')
				sp.width = sp.width * 10 + (*f++ - '0');
		}
		if (*f == '.') {
			f++;
			sp.prec = 0;
			if (*f == '*') {
				sp.prec = (int32_t)*args++;
				f++;
			} else {
				while (*f >= '0' && *f <= '9')
					sp.prec = sp.prec * 10 + (*f++ - '0');
			}
		}
		if (f[0] == 'I' && f[1] == '6' && f[2] == '4') sp.size = 8, f += 3;
		else if (f[0] == 'I' && f[1] == '3' && f[2] == '2') sp.size = 4, f += 3;
		else if (f[0] == 'I') sp.size = 8, f++;
		else if (f[0] == 'h' && f[1] == 'h') sp.size = 1, f += 2;
		else if (f[0] == 'h') sp.size = 2, sp.wide = -1, f++;
		else if (f[0] == 'l' && f[1] == 'l') sp.size = 8, f += 2;
		else if (f[0] == 'l' || f[0] == 'w') sp.wide = 1, f++;
		else if (f[0] == 'L') sp.size = 16, f++;
		else if ((opts & FMT_C99_SIZES) && (f[0] == 'z' || f[0] == 'j' || f[0] == 't'))
			sp.size = 8, f++;
		sp.conv = *f ? *f++ : 0;
		switch (sp.conv) {
		case 'd': case 'i':
			integer(k, &sp, *args++, 1);
			break;
		case 'u': case 'o': case 'x': case 'X':
			integer(k, &sp, *args++, 0);
			break;
		case 'p':
			sp.size = 8;
			sp.prec = 16;
			sp.alt = 0;
			integer(k, &sp, *args++, 0);
			break;
		case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A': {
			double d;
			memcpy(&d, args++, sizeof d);
			floating(k, &sp, d);
			break;
		}
		case 'c': case 'C': {
			/* in a wide function (FMT_WIDE_DEFAULT) c is the wide one, C the narrow */
			int upper = (sp.conv == 'C') != !!(opts & FMT_WIDE_DEFAULT);
			int wide = upper ? sp.wide >= 0 : sp.wide > 0;
			WCHAR w[2] = { (WCHAR)*args++, 0 };
			char c = (char)w[0];
			sp.prec = -1;
			if (wide) {
				sp.wide = 1;
				string(k, &sp, w);
			} else {
				sp.zero = 0;
				field(k, &sp, "", &c, 1, 0);
			}
			break;
		}
		case 's': case 'S':
			sp.wide = (sp.conv == 'S') != !!(opts & FMT_WIDE_DEFAULT) ? sp.wide >= 0 : sp.wide > 0;
			string(k, &sp, (const void *)*args++);
			break;
		case 'n': /* disabled in msvcrt by default: it ends the program, here it is ignored */
			args++;
			break;
		case '%':
			emit(k, "%", 1);
			break;
		case 0:
			break;
		default: /* an unknown conversion prints as itself */
			emit(k, &sp.conv, 1);
			break;
		}
	}
	return k->count;
}
