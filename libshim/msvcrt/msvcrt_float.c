/* %e, %f and %g as msvcrt.dll computes them: from the double's exact decimal expansion, rounded
 * half up (%.1f of 0.25 is 0.3, %.0f of 2.5 is 3), where C rounds to nearest with ties to even
 * (0.2 and 2). Only ties differ, and they are exactly representable values. The UCRT does what
 * C does. */
#include <stdio.h>
#include <string.h>
#include "format.h"

/* A double's exact expansion has at most 767 significant digits (the smallest subnormal's). */
#define SIGNIFICANT 767

/* A non-negative number as digits d[0] d[1] ... times 10^(exp - i) for digit i: d[0].d[1]d[2]...
 * e exp. Digits past len are zeros; len 0 is zero. */
struct decimal {
	char d[SIGNIFICANT + 1];
	int len, exp;
};

static char digit(const struct decimal *x, int i)
{
	return i >= 0 && i < x->len ? x->d[i] : '0';
}

/* v's first n significant digits, rounded to nearest by the host (exact when n is SIGNIFICANT). */
static void convert(double v, struct decimal *x, int n)
{
	char buf[SIGNIFICANT + 16];
	x->len = x->exp = 0;
	if (v == 0)
		return;
	snprintf(buf, sizeof buf, "%.*e", n - 1, v); /* d.ddd...de+XX */
	x->d[0] = buf[0];
	memcpy(x->d + 1, buf + 2, (size_t)n - 1);
	sscanf(buf + n + 2 - (n == 1), "%d", &x->exp);
	x->len = n;
	while (x->len && x->d[x->len - 1] == '0')
		x->len--;
}

/* Could rounding to keep digits differ between these n digits and the exact value? Only when
 * they read 5000... or 4999... from position keep on. */
static int near_tie(const struct decimal *x, int keep, int n)
{
	if (keep < 0 || keep >= n)
		return 0;
	if (digit(x, keep) == '5')
		return x->len <= keep + 1;
	if (digit(x, keep) != '4' || x->len < n)
		return 0;
	for (int i = keep + 1; i < n; i++)
		if (x->d[i] != '9')
			return 0;
	return 1;
}

/* How many significant digits the conversion shows of a number whose exponent is exp. */
static int shown(char conv, int prec, int exp)
{
	return conv == 'f' || conv == 'F' ? exp + 1 + prec : conv == 'e' || conv == 'E' ? prec + 1 : prec;
}

/* v's digits, enough of them to round to what the conversion shows as the exact value would
 * round: 24 digits past those shown settle all but near ties, which take the exact expansion
 * (long: up to 767 digits, so only when needed). */
static void digits_for(double v, char conv, int prec, struct decimal *x)
{
	convert(v, x, 17); /* for the exponent */
	int n = shown(conv, prec, x->exp) + 24;
	if (n > 0 && n < SIGNIFICANT) {
		convert(v, x, n);
		if (!near_tie(x, shown(conv, prec, x->exp), n))
			return;
	} else if (n <= 0) {
		return; /* far too small to show: rounds to zero either way */
	}
	convert(v, x, SIGNIFICANT);
}

/* Keep the first keep digits (keep <= 0: none), rounding half up on the next one. */
static void round_to(struct decimal *x, int keep)
{
	if (keep >= x->len)
		return;
	int up = keep >= 0 && digit(x, keep) >= '5';
	x->len = keep > 0 ? keep : 0;
	if (!up)
		return;
	int i = x->len - 1;
	while (i >= 0 && x->d[i] == '9')
		x->d[i--] = '0';
	if (i >= 0) {
		x->d[i]++;
		return;
	}
	/* 9.99 became 10.0, or the number rounded up to the digit before its first */
	x->exp++;
	x->d[0] = '1';
	x->len = 1;
}

/* Append the digits from position first to last (of the number's digits) to out. */
static size_t put_digits(char *out, const struct decimal *x, int first, int last)
{
	size_t n = 0;
	for (int i = first; i <= last; i++)
		out[n++] = digit(x, i);
	return n;
}

static size_t fixed(char *out, const struct decimal *x, int prec, int alt)
{
	size_t n = x->len && x->exp >= 0 ? put_digits(out, x, 0, x->exp) : (out[0] = '0', 1);
	if (prec || alt)
		out[n++] = '.';
	for (int j = 1; j <= prec; j++)
		out[n++] = digit(x, x->exp + j);
	return n;
}

static size_t scientific(char *out, const struct decimal *x, int prec, int alt, char e, int three)
{
	size_t n = put_digits(out, x, 0, 0);
	if (prec || alt)
		out[n++] = '.';
	n += put_digits(out + n, x, 1, prec);
	int exp = x->len ? x->exp : 0;
	n += (size_t)sprintf(out + n, "%c%c%0*d", e, exp < 0 ? '-' : '+', three ? 3 : 2,
			     exp < 0 ? -exp : exp);
	return n;
}

/* Drop the fraction's trailing zeros, and the point if nothing is left after it (%g). */
static size_t trim(char *out, size_t n)
{
	char *point = memchr(out, '.', n);
	if (!point)
		return n;
	while (n && out[n - 1] == '0')
		n--;
	return out + n - 1 == point ? n - 1 : n;
}

size_t msvcrt_float(char *out, double v, char conv, int prec, int alt, int three_digit_exp)
{
	struct decimal x;
	int upper = conv == 'E' || conv == 'G';
	if (prec < 0)
		prec = 6;
	if ((conv == 'g' || conv == 'G') && !prec)
		prec = 1;
	digits_for(v, conv, prec, &x);
	if (conv == 'f' || conv == 'F') {
		round_to(&x, x.exp + 1 + prec);
		return fixed(out, &x, prec, alt);
	}
	if (conv == 'e' || conv == 'E') {
		round_to(&x, prec + 1);
		return scientific(out, &x, prec, alt, upper ? 'E' : 'e', three_digit_exp);
	}
	round_to(&x, prec); /* %g: prec significant digits, then the shorter style */
	int exp = x.len ? x.exp : 0;
	size_t n = exp < -4 || exp >= prec
			   ? scientific(out, &x, prec - 1, alt, upper ? 'E' : 'e', three_digit_exp)
			   : fixed(out, &x, prec - 1 - exp, alt);
	if (alt)
		return n;
	char *e = memchr(out, upper ? 'E' : 'e', n);
	if (!e)
		return trim(out, n);
	size_t mant = trim(out, (size_t)(e - out)), tail = n - (size_t)(e - out);
	memmove(out + mant, e, tail);
	return mant + tail;
}
