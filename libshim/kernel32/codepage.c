/* Code pages. xabi's ANSI and OEM code page is UTF-8 (65001), as on a Windows 10 system with the
 * UTF-8 option (or an application manifest that asks for it): the host's strings pass through the
 * A functions unchanged. ISO 8859-1 (28591) is converted too; other code pages are refused. */
#include <string.h>
#include "../ntdll/unicode.h"
#include "kernel32.h"

#define CP_ACP 0
#define CP_OEMCP 1
#define CP_THREAD_ACP 3
#define CP_LATIN1 28591
#define CP_UTF8 65001
#define MB_ERR_INVALID_CHARS 0x08

WINAPI UINT kernel32_GetACP(void)
{
	return CP_UTF8;
}

WINAPI UINT kernel32_GetOEMCP(void)
{
	return CP_UTF8;
}

WINAPI BOOL kernel32_IsValidCodePage(UINT cp)
{
	return cp == CP_UTF8 || cp == CP_LATIN1;
}

/* UTF-8 has no lead bytes in Windows' sense (it is not a DBCS). */
WINAPI BOOL kernel32_IsDBCSLeadByteEx(UINT cp, BYTE b)
{
	(void)cp, (void)b;
	return FALSE;
}

WINAPI BOOL kernel32_IsDBCSLeadByte(BYTE b)
{
	(void)b;
	return FALSE;
}

static int utf8_cp(UINT cp)
{
	return cp == CP_ACP || cp == CP_OEMCP || cp == CP_THREAD_ACP || cp == CP_UTF8;
}

static int valid_utf8(const char *s, size_t n)
{
	WCHAR w[2];
	for (size_t i = 0; i < n; i++) /* any U+FFFD that was not spelled EF BF BD is an error */
		if ((unsigned char)s[i] >= 0x80) {
			size_t k = 1;
			while (i + k < n && ((unsigned char)s[i + k] & 0xc0) == 0x80 && k < 4)
				k++;
			if (utf8_to_utf16(s + i, (ptrdiff_t)k, w, 2) != 1 ||
			    (w[0] == 0xfffd && (k != 3 || memcmp(s + i, "\xef\xbf\xbd", 3))))
				return 0;
			i += k - 1;
		}
	return 1;
}

WINAPI INT kernel32_MultiByteToWideChar(UINT cp, DWORD flags, LPCSTR src, INT srclen, LPWSTR dst,
				       INT dstlen)
{
	if (!src || srclen == 0 || dstlen < 0 || (dstlen && !dst) || (!utf8_cp(cp) && cp != CP_LATIN1)) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	size_t n = srclen < 0 ? strlen(src) + 1 : (size_t)srclen, need;
	if (cp == CP_LATIN1) {
		need = n;
		for (size_t i = 0; dstlen && i < n && i < (size_t)dstlen; i++)
			dst[i] = (unsigned char)src[i];
	} else {
		if ((flags & MB_ERR_INVALID_CHARS) && !valid_utf8(src, n)) {
			win_set_last_error(ERROR_NO_UNICODE_TRANSLATION);
			return 0;
		}
		need = utf8_to_utf16(src, (ptrdiff_t)n, dst, (size_t)dstlen);
	}
	if (dstlen && need > (size_t)dstlen) {
		win_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	return (INT)need;
}

WINAPI INT kernel32_WideCharToMultiByte(UINT cp, DWORD flags, LPCWSTR src, INT srclen, LPSTR dst,
				       INT dstlen, LPCSTR defchar, BOOL *used_default)
{
	(void)flags;
	if (!src || srclen == 0 || dstlen < 0 || (dstlen && !dst) || (!utf8_cp(cp) && cp != CP_LATIN1) ||
	    (utf8_cp(cp) && (defchar || used_default))) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	size_t n = srclen < 0 ? utf16_len(src) + 1 : (size_t)srclen, need;
	if (cp == CP_LATIN1) {
		BOOL used = FALSE;
		need = n;
		for (size_t i = 0; dstlen && i < n && i < (size_t)dstlen; i++) {
			int fits = src[i] < 0x100;
			dst[i] = fits ? (char)src[i] : defchar ? *defchar : '?';
			used |= !fits;
		}
		if (used_default)
			*used_default = used;
	} else {
		need = utf16_to_utf8(src, (ptrdiff_t)n, dst, (size_t)dstlen);
	}
	if (dstlen && need > (size_t)dstlen) {
		win_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	return (INT)need;
}
