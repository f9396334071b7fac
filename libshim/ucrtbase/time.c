/* The UCRT's strftime family: C99's formats (msvcrt/strftime.c). The locale argument of the _l
 * forms is the C locale, the only one there is (libshim/README.md). */
#include "../msvcrt/crt.h"

WINAPI size_t ucrtbase_strftime(char *out, size_t cap, const char *fmt, const struct tm_ms *m)
{
	return crt_strftime(out, cap, fmt, m, 1);
}

WINAPI size_t ucrtbase__strftime_l(char *out, size_t cap, const char *fmt, const struct tm_ms *m,
				   void *locale)
{
	(void)locale;
	return crt_strftime(out, cap, fmt, m, 1);
}

WINAPI size_t ucrtbase_wcsftime(WCHAR *out, size_t cap, const WCHAR *fmt, const struct tm_ms *m)
{
	return crt_wcsftime(out, cap, fmt, m, 1);
}

WINAPI size_t ucrtbase__wcsftime_l(WCHAR *out, size_t cap, const WCHAR *fmt,
				   const struct tm_ms *m, void *locale)
{
	(void)locale;
	return crt_wcsftime(out, cap, fmt, m, 1);
}
