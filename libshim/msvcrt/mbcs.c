/* Multibyte conversions in the "C" locale, the only one xabi's CRT has (locale.c): every byte is
 * one character whose wide value is the byte's (MB_CUR_MAX 1), so a wide character above 255 has
 * no multibyte form (EILSEQ). */
#include "crt.h"
#include "msvcrt.h"

WINAPI int msvcrt_mblen(const char *s, size_t n)
{
	if (!s)
		return 0; /* no shift states */
	if (!n)
		return -1;
	return *s ? 1 : 0;
}

WINAPI int msvcrt_mbtowc(WCHAR *w, const char *s, size_t n)
{
	if (!s)
		return 0;
	if (!n)
		return -1;
	if (w)
		*w = (unsigned char)*s;
	return *s ? 1 : 0;
}

WINAPI size_t msvcrt_mbrtowc(WCHAR *w, const char *s, size_t n, void *state)
{
	(void)state;
	if (!s)
		return 0;
	if (!n)
		return (size_t)-2;
	if (w)
		*w = (unsigned char)*s;
	return *s ? 1 : 0;
}

WINAPI size_t msvcrt_mbrlen(const char *s, size_t n, void *state)
{
	return msvcrt_mbrtowc(0, s, n, state);
}

WINAPI int msvcrt_mbsinit(const void *state)
{
	(void)state;
	return 1;
}

WINAPI int msvcrt_wctomb(char *s, WCHAR w)
{
	if (!s)
		return 0;
	if (w > 255) {
		*msvcrt__errno() = CRT_EILSEQ;
		return -1;
	}
	*s = (char)w;
	return 1;
}

WINAPI size_t msvcrt_wcrtomb(char *s, WCHAR w, void *state)
{
	(void)state;
	char tmp;
	return (size_t)(LONG_PTR)msvcrt_wctomb(s ? s : &tmp, s ? w : 0);
}

WINAPI WCHAR msvcrt_btowc(int c)
{
	return c < 0 || c > 255 ? 0xffff : (WCHAR)c; /* WEOF */
}

WINAPI int msvcrt_wctob(WCHAR w)
{
	return w > 255 ? -1 : w;
}

/* mbstowcs: n wide characters at most; the count without the NUL. */
WINAPI size_t msvcrt_mbstowcs(WCHAR *w, const char *s, size_t n)
{
	size_t i = 0;
	if (!w) {
		while (s[i])
			i++;
		return i;
	}
	for (; i < n; i++) {
		w[i] = (unsigned char)s[i];
		if (!s[i])
			break;
	}
	return i;
}

WINAPI size_t msvcrt_wcstombs(char *s, const WCHAR *w, size_t n)
{
	size_t i = 0;
	for (; !s || i < n; i++) {
		if (w[i] > 255) {
			*msvcrt__errno() = CRT_EILSEQ;
			return (size_t)-1;
		}
		if (s)
			s[i] = (char)w[i];
		if (!w[i])
			break;
	}
	return i;
}

WINAPI size_t msvcrt_mbsrtowcs(WCHAR *w, const char **src, size_t n, void *state)
{
	(void)state;
	size_t r = msvcrt_mbstowcs(w, *src, n);
	if (w)
		*src = (*src)[r] ? *src + r : 0;
	return r;
}

WINAPI size_t msvcrt_wcsrtombs(char *s, const WCHAR **src, size_t n, void *state)
{
	(void)state;
	size_t r = msvcrt_wcstombs(s, *src, n);
	if (s && r != (size_t)-1)
		*src = (*src)[r] ? *src + r : 0;
	return r;
}
