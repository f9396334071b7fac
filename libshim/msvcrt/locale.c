/* The "C" locale, which a program has until it calls setlocale: msvcrt's struct lconv, code page
 * and MB_CUR_MAX. */
#include <string.h>
#include "../ntdll/unicode.h"
#include "crt.h"
#include "msvcrt.h"

struct lconv_ms {
	char *decimal_point, *thousands_sep, *grouping, *int_curr_symbol, *currency_symbol,
		*mon_decimal_point, *mon_thousands_sep, *mon_grouping, *positive_sign, *negative_sign;
	char int_frac_digits, frac_digits, p_cs_precedes, p_sep_by_space, n_cs_precedes,
		n_sep_by_space, p_sign_posn, n_sign_posn;
};

WINAPI struct lconv_ms *msvcrt_localeconv(void)
{
	static struct lconv_ms c = {
		".", "", "", "", "", "", "", "", "", "", 127, 127, 127, 127, 127, 127, 127, 127,
	};
	return &c;
}

/* The "C" locale's code page is none (0), and its characters are single bytes. */
WINAPI UINT msvcrt____lc_codepage_func(void)
{
	return 0;
}

WINAPI int msvcrt____mb_cur_max_func(void)
{
	return 1;
}

/* The same as data, which older programs read directly. */
int msvcrt___mb_cur_max = 1;
UINT msvcrt___lc_codepage = 0;
/* The locale ids per category (LC_ALL..LC_TIME); 0 for "C". */
static LONG lc_handle[6];

WINAPI LONG *msvcrt____lc_handle_func(void)
{
	return lc_handle;
}

WINAPI UINT msvcrt____lc_collate_cp_func(void)
{
	return 0;
}

/* setlocale: only "C" exists. "" (the user's default) is "C" too, since xabi has no other locale
 * data; any other name fails as an unknown locale does (NULL). */
WINAPI char *msvcrt_setlocale(int category, const char *name)
{
	static char c[] = "C";
	if (category < 0 || category > 5) {
		crt_invalid_parameter();
		*msvcrt__errno() = CRT_EINVAL;
		return 0;
	}
	if (!name || !strcmp(name, "") || !strcmp(name, "C"))
		return c;
	return 0;
}

WINAPI WCHAR *msvcrt__wsetlocale(int category, const WCHAR *name)
{
	static WCHAR c[] = u"C";
	char narrow[8] = "";
	for (int i = 0; name && i < 7 && name[i]; i++)
		narrow[i] = name[i] < 0x80 ? (char)name[i] : '?';
	if (name && utf16_len(name) > 7)
		return 0;
	return msvcrt_setlocale(category, name ? narrow : 0) ? c : 0;
}

/* _configthreadlocale: per-thread locales exist in name only while "C" is the one locale; the
 * setting is kept and reported (_ENABLE_PER_THREAD_LOCALE 1, _DISABLE_PER_THREAD_LOCALE 2). */
static __thread int per_thread_locale = 2;

WINAPI int msvcrt__configthreadlocale(int type)
{
	int old = per_thread_locale;
	if (type < -1 || type > 2) {
		crt_invalid_parameter();
		*msvcrt__errno() = CRT_EINVAL;
		return -1;
	}
	if (type > 0)
		per_thread_locale = type;
	return old;
}
