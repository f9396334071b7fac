/* The "C" locale, which a program has until it calls setlocale: msvcrt's struct lconv, code page
 * and MB_CUR_MAX. */
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
