/* UTF-8 <-> UTF-16 conversions (unicode.h). */
#include <stdlib.h>
#include <string.h>
#include "unicode.h"

#define REPLACEMENT 0xfffd

/* One code point from s[0..n), its length in *len; REPLACEMENT for a malformed sequence. */
static uint32_t decode8(const unsigned char *s, size_t n, size_t *len)
{
	unsigned c = s[0];
	*len = 1;
	if (c < 0x80)
		return c;
	size_t need = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
	if (!need || need > n)
		return REPLACEMENT;
	uint32_t v = c & (0x7f >> need);
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return REPLACEMENT;
		v = v << 6 | (s[i] & 0x3f);
	}
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (v < min[need] || v > 0x10ffff || (v >= 0xd800 && v < 0xe000))
		return REPLACEMENT;
	*len = need;
	return v;
}

size_t utf8_to_utf16(const char *s, ptrdiff_t n, WCHAR *out, size_t cap)
{
	size_t len = n < 0 ? strlen(s) + 1 : (size_t)n, k = 0;
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		size_t step;
		uint32_t c = decode8(p + i, len - i, &step);
		i += step;
		if (c >= 0x10000) {
			if (k + 1 < cap) {
				out[k] = (WCHAR)(0xd800 + ((c - 0x10000) >> 10));
				out[k + 1] = (WCHAR)(0xdc00 + ((c - 0x10000) & 0x3ff));
			}
			k += 2;
		} else {
			if (k < cap)
				out[k] = (WCHAR)c;
			k++;
		}
	}
	return k;
}

size_t utf16_len(const WCHAR *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

size_t utf16_to_utf8(const WCHAR *s, ptrdiff_t n, char *out, size_t cap)
{
	size_t len = n < 0 ? utf16_len(s) + 1 : (size_t)n, k = 0;
	for (size_t i = 0; i < len; i++) {
		uint32_t c = s[i];
		if (c >= 0xd800 && c < 0xdc00 && i + 1 < len && s[i + 1] >= 0xdc00 && s[i + 1] < 0xe000)
			c = 0x10000 + ((c - 0xd800) << 10) + (s[++i] - 0xdc00);
		else if (c >= 0xd800 && c < 0xe000)
			c = REPLACEMENT; /* an unpaired surrogate */
		unsigned char b[4];
		size_t m = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
		if (m == 1) {
			b[0] = (unsigned char)c;
		} else {
			for (size_t j = m - 1; j > 0; j--, c >>= 6)
				b[j] = (unsigned char)(0x80 | (c & 0x3f));
			b[0] = (unsigned char)((0xf00 >> m) | c);
		}
		for (size_t j = 0; j < m; j++, k++)
			if (k < cap)
				out[k] = (char)b[j];
	}
	return k;
}

WCHAR *utf8_to_utf16_dup(const char *s)
{
	size_t n = utf8_to_utf16(s, -1, 0, 0);
	WCHAR *w = malloc(n * sizeof *w);
	if (w)
		utf8_to_utf16(s, -1, w, n);
	return w;
}

char *utf16_to_utf8_dup(const WCHAR *s)
{
	size_t n = utf16_to_utf8(s, -1, 0, 0);
	char *a = malloc(n);
	if (a)
		utf16_to_utf8(s, -1, a, n);
	return a;
}
