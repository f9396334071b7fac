/* Character classes as msvcrt defines them: one 16-bit mask per character (_UPPER 1, _LOWER 2,
 * _DIGIT 4, _SPACE 8, _PUNCT 0x10, _CONTROL 0x20, _BLANK 0x40, _HEX 0x80, C1_ALPHA 0x100 for any
 * letter). The "C" locale's table (_ctype, _pctype) classifies ASCII only: 128-255 have no class.
 * Wide characters (_pwctype for 0-255, iswctype) are classified by Unicode, from the host's
 * wctype tables. */
#include <wctype.h>
#include "crt.h"
#include "msvcrt.h"

WORD msvcrt__ctype[257]; /* [0] is EOF's, then 0-255 */
WORD *msvcrt__pctype = msvcrt__ctype + 1;
static WORD wide_low[256];
WORD *msvcrt__pwctype = wide_low;

static WORD ascii_class(int c)
{
	WORD m = 0;
	if (c < 32 || c == 127)
		m |= CT_CONTROL;
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		m |= CT_SPACE;
	if (c == ' ')
		m |= CT_BLANK;
	if (c >= '0' && c <= '9')
		m |= CT_DIGIT | CT_HEX;
	if (c >= 'A' && c <= 'Z')
		m |= CT_UPPER | CT_ALPHA_BIT;
	if (c >= 'a' && c <= 'z')
		m |= CT_LOWER | CT_ALPHA_BIT;
	if ((c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'))
		m |= CT_HEX;
	if (c > ' ' && c < 127 && !(m & (CT_DIGIT | CT_UPPER | CT_LOWER)))
		m |= CT_PUNCT;
	return m;
}

WORD crt_wctype(unsigned c)
{
	if (c < 128)
		return ascii_class((int)c);
	if (c > 0xffff)
		return 0;
	WORD m = 0;
	if (iswalpha(c))
		m |= CT_ALPHA_BIT;
	if (iswupper(c))
		m |= CT_UPPER;
	if (iswlower(c))
		m |= CT_LOWER;
	if (iswspace(c) || c == 0xa0)
		m |= CT_SPACE;
	if (iswblank(c) || c == 0xa0)
		m |= CT_BLANK;
	if (iswpunct(c))
		m |= CT_PUNCT;
	if (iswcntrl(c))
		m |= CT_CONTROL;
	return m;
}

__attribute__((constructor)) static void fill_tables(void)
{
	for (int c = 0; c < 256; c++) {
		msvcrt__ctype[c + 1] = c < 128 ? ascii_class(c) : 0;
		wide_low[c] = crt_wctype((unsigned)c);
	}
}

WINAPI const WORD *msvcrt___pctype_func(void) { return msvcrt__pctype; }
WINAPI const WORD *msvcrt___pwctype_func(void) { return msvcrt__pwctype; }
WINAPI WORD **msvcrt___p__pctype(void) { return &msvcrt__pctype; }
WINAPI WORD **msvcrt___p__pwctype(void) { return &msvcrt__pwctype; }

/* Outside EOF and 0-255 a narrow character has no class. */
WINAPI int msvcrt__isctype(int c, int mask)
{
	return c >= -1 && c <= 255 ? msvcrt__ctype[c + 1] & mask : 0;
}

WINAPI int msvcrt_isalpha(int c) { return msvcrt__isctype(c, CT_ALPHA); }
WINAPI int msvcrt_isupper(int c) { return msvcrt__isctype(c, CT_UPPER); }
WINAPI int msvcrt_islower(int c) { return msvcrt__isctype(c, CT_LOWER); }
WINAPI int msvcrt_isdigit(int c) { return msvcrt__isctype(c, CT_DIGIT); }
WINAPI int msvcrt_isxdigit(int c) { return msvcrt__isctype(c, CT_HEX); }
WINAPI int msvcrt_isspace(int c) { return msvcrt__isctype(c, CT_SPACE); }
WINAPI int msvcrt_ispunct(int c) { return msvcrt__isctype(c, CT_PUNCT); }
WINAPI int msvcrt_isalnum(int c) { return msvcrt__isctype(c, CT_ALPHA | CT_DIGIT); }
WINAPI int msvcrt_isprint(int c) { return msvcrt__isctype(c, CT_BLANK | CT_PUNCT | CT_ALPHA | CT_DIGIT); }
WINAPI int msvcrt_isgraph(int c) { return msvcrt__isctype(c, CT_PUNCT | CT_ALPHA | CT_DIGIT); }
WINAPI int msvcrt_iscntrl(int c) { return msvcrt__isctype(c, CT_CONTROL); }
WINAPI int msvcrt_isblank(int c) { return c == '\t' || msvcrt__isctype(c, CT_BLANK); }
WINAPI int msvcrt___isascii(int c) { return (unsigned)c < 0x80; }
WINAPI int msvcrt___toascii(int c) { return c & 0x7f; }
WINAPI int msvcrt___iscsymf(int c) { return msvcrt_isalpha(c) || c == '_'; }
WINAPI int msvcrt___iscsym(int c) { return msvcrt_isalnum(c) || c == '_'; }
/* The "C" locale has no lead bytes. */
WINAPI int msvcrt_isleadbyte(int c) { (void)c; return 0; }

WINAPI int msvcrt_toupper(int c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
WINAPI int msvcrt_tolower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
/* _toupper and _tolower convert without checking the case first. */
WINAPI int msvcrt__toupper(int c) { return c - 'a' + 'A'; }
WINAPI int msvcrt__tolower(int c) { return c - 'A' + 'a'; }
