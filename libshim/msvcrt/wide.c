/* Wide (UTF-16) strings: WCHAR is 16 bits and the host's wchar_t 32, so these are written here.
 * Comparisons are by unit value; case folding and classes as the "C" locale has them: towupper
 * and towlower change ASCII letters only, the isw* classes are Unicode's (crt_wctype). */
#include <stdlib.h>
#include <string.h>
#include "../ntdll/unicode.h"
#include "crt.h"
#include "msvcrt.h"

WINAPI size_t msvcrt_wcslen(const WCHAR *s) { return utf16_len(s); }

WINAPI size_t msvcrt_wcsnlen(const WCHAR *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i])
		i++;
	return i;
}

WINAPI WCHAR *msvcrt_wcscpy(WCHAR *d, const WCHAR *s)
{
	return memmove(d, s, (utf16_len(s) + 1) * sizeof *s);
}

WINAPI WCHAR *msvcrt_wcsncpy(WCHAR *d, const WCHAR *s, size_t n)
{
	size_t i = 0;
	for (; i < n && s[i]; i++)
		d[i] = s[i];
	for (; i < n; i++)
		d[i] = 0;
	return d;
}

WINAPI WCHAR *msvcrt_wcscat(WCHAR *d, const WCHAR *s)
{
	msvcrt_wcscpy(d + utf16_len(d), s);
	return d;
}

WINAPI WCHAR *msvcrt_wcsncat(WCHAR *d, const WCHAR *s, size_t n)
{
	WCHAR *p = d + utf16_len(d);
	size_t i = 0;
	for (; i < n && s[i]; i++)
		p[i] = s[i];
	p[i] = 0;
	return d;
}

WINAPI int msvcrt_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n)
{
	for (; n; n--, a++, b++)
		if (*a != *b || !*a)
			return *a < *b ? -1 : *a > *b;
	return 0;
}

WINAPI int msvcrt_wcscmp(const WCHAR *a, const WCHAR *b) { return msvcrt_wcsncmp(a, b, SIZE_MAX); }
WINAPI int msvcrt_wcscoll(const WCHAR *a, const WCHAR *b) { return msvcrt_wcsncmp(a, b, SIZE_MAX); }

WINAPI size_t msvcrt_wcsxfrm(WCHAR *d, const WCHAR *s, size_t n)
{
	size_t len = utf16_len(s);
	if (len < n)
		memcpy(d, s, (len + 1) * sizeof *s);
	return len;
}

WINAPI WCHAR msvcrt_towlower(WCHAR c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
WINAPI WCHAR msvcrt_towupper(WCHAR c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }

WINAPI int msvcrt__wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n)
{
	for (; n; n--, a++, b++) {
		WCHAR x = msvcrt_towlower(*a), y = msvcrt_towlower(*b);
		if (x != y || !x)
			return (int)x - (int)y;
	}
	return 0;
}

WINAPI int msvcrt__wcsicmp(const WCHAR *a, const WCHAR *b) { return msvcrt__wcsnicmp(a, b, SIZE_MAX); }
WINAPI int msvcrt__wcsicoll(const WCHAR *a, const WCHAR *b) { return msvcrt__wcsnicmp(a, b, SIZE_MAX); }

WINAPI WCHAR *msvcrt_wcschr(const WCHAR *s, WCHAR c)
{
	for (;; s++) {
		if (*s == c)
			return (WCHAR *)s;
		if (!*s)
			return 0;
	}
}

WINAPI WCHAR *msvcrt_wcsrchr(const WCHAR *s, WCHAR c)
{
	const WCHAR *last = 0;
	for (;; s++) {
		if (*s == c)
			last = s;
		if (!*s)
			return (WCHAR *)last;
	}
}

WINAPI WCHAR *msvcrt_wcsstr(const WCHAR *h, const WCHAR *n)
{
	size_t len = utf16_len(n);
	for (; *h; h++)
		if (!msvcrt_wcsncmp(h, n, len))
			return (WCHAR *)h;
	return *n ? 0 : (WCHAR *)h;
}

static int in_set(WCHAR c, const WCHAR *set)
{
	for (; *set; set++)
		if (*set == c)
			return 1;
	return 0;
}

WINAPI size_t msvcrt_wcsspn(const WCHAR *s, const WCHAR *set)
{
	size_t i = 0;
	while (s[i] && in_set(s[i], set))
		i++;
	return i;
}

WINAPI size_t msvcrt_wcscspn(const WCHAR *s, const WCHAR *set)
{
	size_t i = 0;
	while (s[i] && !in_set(s[i], set))
		i++;
	return i;
}

WINAPI WCHAR *msvcrt_wcspbrk(const WCHAR *s, const WCHAR *set)
{
	s += msvcrt_wcscspn(s, set);
	return *s ? (WCHAR *)s : 0;
}

WINAPI WCHAR *msvcrt_wcstok_s(WCHAR *s, const WCHAR *delim, WCHAR **ctx)
{
	if (!delim || !ctx || (!s && !*ctx)) {
		crt_invalid_parameter();
		*msvcrt__errno() = CRT_EINVAL;
		return 0;
	}
	if (!s)
		s = *ctx;
	s += msvcrt_wcsspn(s, delim);
	if (!*s) {
		*ctx = s;
		return 0;
	}
	WCHAR *e = s + msvcrt_wcscspn(s, delim);
	if (*e)
		*e++ = 0;
	*ctx = e;
	return s;
}

/* msvcrt.dll's wcstok has two arguments and keeps its position per thread. */
static __thread WCHAR *wtok_next;

WINAPI WCHAR *msvcrt_wcstok(WCHAR *s, const WCHAR *delim)
{
	if (!s && !wtok_next)
		return 0;
	return msvcrt_wcstok_s(s, delim, &wtok_next);
}

WINAPI WCHAR *msvcrt__wcsdup(const WCHAR *s)
{
	if (!s)
		return 0;
	size_t n = (utf16_len(s) + 1) * sizeof *s;
	WCHAR *d = malloc(n);
	if (!d) {
		*msvcrt__errno() = CRT_ENOMEM;
		return 0;
	}
	return memcpy(d, s, n);
}

WINAPI WCHAR *msvcrt__wcslwr(WCHAR *s)
{
	for (WCHAR *p = s; *p; p++)
		*p = msvcrt_towlower(*p);
	return s;
}

WINAPI WCHAR *msvcrt__wcsupr(WCHAR *s)
{
	for (WCHAR *p = s; *p; p++)
		*p = msvcrt_towupper(*p);
	return s;
}

WINAPI WCHAR *msvcrt__wcsrev(WCHAR *s)
{
	for (size_t i = 0, j = utf16_len(s); i + 1 < j; i++, j--) {
		WCHAR c = s[i];
		s[i] = s[j - 1];
		s[j - 1] = c;
	}
	return s;
}

WINAPI int msvcrt_iswctype(WCHAR c, WORD mask) { return crt_wctype(c) & mask; }
WINAPI int msvcrt_is_wctype(WCHAR c, WORD mask) { return crt_wctype(c) & mask; }
WINAPI int msvcrt_iswalpha(WCHAR c) { return crt_wctype(c) & CT_ALPHA; }
WINAPI int msvcrt_iswupper(WCHAR c) { return crt_wctype(c) & CT_UPPER; }
WINAPI int msvcrt_iswlower(WCHAR c) { return crt_wctype(c) & CT_LOWER; }
WINAPI int msvcrt_iswdigit(WCHAR c) { return crt_wctype(c) & CT_DIGIT; }
WINAPI int msvcrt_iswxdigit(WCHAR c) { return crt_wctype(c) & CT_HEX; }
WINAPI int msvcrt_iswspace(WCHAR c) { return crt_wctype(c) & CT_SPACE; }
WINAPI int msvcrt_iswpunct(WCHAR c) { return crt_wctype(c) & CT_PUNCT; }
WINAPI int msvcrt_iswalnum(WCHAR c) { return crt_wctype(c) & (CT_ALPHA | CT_DIGIT); }
WINAPI int msvcrt_iswprint(WCHAR c) { return crt_wctype(c) & (CT_BLANK | CT_PUNCT | CT_ALPHA | CT_DIGIT); }
WINAPI int msvcrt_iswgraph(WCHAR c) { return crt_wctype(c) & (CT_PUNCT | CT_ALPHA | CT_DIGIT); }
WINAPI int msvcrt_iswcntrl(WCHAR c) { return crt_wctype(c) & CT_CONTROL; }
WINAPI int msvcrt_iswascii(WCHAR c) { return c < 0x80; }
