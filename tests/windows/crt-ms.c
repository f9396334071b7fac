/* Windows-specific C runtime results, built for msvcrt.dll (crt-ms.expected) and for the UCRT
 * (crt-ms.ucrt.expected: the same except where the UCRT follows C99: exponents, inf/nan, hex
 * floats). Every expected line is Microsoft's documented result (see windows-crt.sh). */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int main(void)
{
	volatile double zero = 0.0;
	double inf = 1.0 / zero, nan = zero / zero;
	/* printf: msvcrt's 3-digit exponents and 1.#INF, the UCRT's C99 forms */
	printf("e %e|%g|%E|%.3e|%g\n", 12345.678, 1e-10, 1e100, 0.0, 1e15);
	printf("special %f|%f|%f|%e\n", inf, -inf, nan, inf);
	printf("ints %d|%5ld|%I64d|%x|%p\n", -42, 123456L, -9000000000LL, 255u, (void *)0x1234);
	char buf[64];
	int n = _snprintf(buf, 4, "%s", "abcdef");
	printf("_snprintf %d [%.4s]\n", n, buf);
	n = snprintf(buf, 4, "%s", "abcdef");
	printf("snprintf %d [%s]\n", n, buf);

	/* strtod's syntax: msvcrt.dll reads decimal only, the UCRT hex floats and inf/nan too */
	wchar_t *wend;
	double d = wcstod(L"0x1p3", &wend);
	printf("wcstod hex %.1f used %d\n", d, (int)(wend - L"0x1p3"));
	d = wcstod(L"infinity", &wend);
	printf("wcstod inf %d used %d\n", isinf(d) != 0, (int)(wend - L"infinity"));
	printf("atof nan %d\n", isnan(atof("nan")) != 0);

	/* long is 32 bits: strtol clamps with ERANGE; strtoul("-1") is ULONG_MAX */
	errno = 0;
	long l = strtol("3000000000", NULL, 10);
	printf("strtol %ld errno %d\n", l, errno);
	errno = 0;
	l = strtol("-3000000000", NULL, 10);
	printf("strtol %ld errno %d\n", l, errno);
	printf("strtoul -1 %lu\n", strtoul("-1", NULL, 10));
	errno = 0;
	long long ll = _strtoi64("9223372036854775808", NULL, 10);
	printf("_strtoi64 %I64d errno %d\n", ll, errno);
	printf("_strtoui64 %I64u\n", _strtoui64("18446744073709551615", NULL, 10));

	/* integers to text */
	printf("_itoa %s %s %s\n", _itoa(-255, buf, 16), _itoa(-255, buf + 20, 10), _itoa(5, buf + 40, 2));
	printf("_ultoa %s _i64toa %s\n", _ultoa(4294967295UL, buf, 36), _i64toa(-1, buf + 20, 16));
	wchar_t wb[64];
	printf("_itow %ls\n", _itow(-1234, wb, 10));
	int dec, sign;
	char *digits = _ecvt(3.1415926535, 10, &dec, &sign);
	printf("_ecvt %s %d %d\n", digits, dec, sign);
	digits = _fcvt(3.1415926535, 7, &dec, &sign);
	printf("_fcvt %s %d %d\n", digits, dec, sign);
	digits = _fcvt(-0.0123, 3, &dec, &sign);
	printf("_fcvt %s %d %d\n", digits, dec, sign);

	/* ctype in the "C" locale: ASCII only */
	printf("ctype %d %d %d %d %d %d\n", !!isalpha(0xe9), !!isalpha('a'), !!_isctype('A', _UPPER | _HEX),
	       !!(_pctype['a'] & _LOWER), !!__iscsym('_'), !!__iscsymf('1'));
	printf("ctype %d %d %d %d\n", !!isspace('\v'), !!isprint(' '), !!isgraph(' '), !!iscntrl(127));

	/* wide printf: %s and %c are wide, %S and %C narrow */
	swprintf(wb, 64, L"%s|%S|%c|%C|%d", L"wide", "narrow", L'w', 'n', 7);
	printf("swprintf %ls\n", wb);
	n = _snwprintf(wb, 3, L"%s", L"abcdef");
	printf("_snwprintf %d\n", n);

	/* scanf */
	int a = 0, b = 0, c = 0;
	double x = 0;
	char word[16] = "";
	long long big = 0;
	n = sscanf("12 0x1f 3.5 abc 077 -5000000000", "%d %x %lf %15s %i %I64d", &a, &b, &x, word, &c, &big);
	printf("sscanf %d: %d %d %.2f %s %d %I64d\n", n, a, b, x, word, c, big);
	printf("sscanf empty %d\n", sscanf("", "%d", &a));
	n = sscanf("abc123", "%[a-z]%d", word, &a);
	printf("sscanf set %d %s %d\n", n, word, a);
	wchar_t ww[16];
	n = swscanf(L"7 wide", L"%d %15s", &a, ww);
	printf("swscanf %d %d %ls\n", n, a, ww);

	/* the secure forms */
	printf("strcpy_s %d %s\n", strcpy_s(buf, sizeof buf, "secure"), buf);
	printf("strncpy_s %d %s\n", strncpy_s(buf, 4, "truncated", _TRUNCATE), buf);
	n = _snprintf_s(buf, 5, _TRUNCATE, "%d", 1234567);
	printf("_snprintf_s %d %s\n", n, buf);
#ifdef _UCRT /* mingw-w64's msvcrt import library finds these through GetProcAddress */
	printf("sprintf_s %d %s\n", sprintf_s(buf, sizeof buf, "%s-%d", "x", 9), buf);
	printf("memcpy_s %d\n", memcpy_s(buf, sizeof buf, "abc", 4));
#endif

	/* multibyte in the "C" locale: one byte per character */
	errno = 0;
	size_t r = wcstombs(buf, L"\x100", sizeof buf);
	printf("wcstombs %d errno %d\n", (int)r, errno);
	printf("mbstowcs %d %d\n", (int)mbstowcs(wb, "abc", 64), wb[2]);

	/* floating-point classes and the control word's default */
	printf("_fpclass %#x %#x %#x %#x\n", _fpclass(-0.0), _fpclass(1.0), _fpclass(-inf), _fpclass(1e-310));
	printf("_isnan %d _finite %d %d\n", _isnan(nan) != 0, _finite(1.0) != 0, _finite(inf) != 0);
	printf("_controlfp %#x\n", _controlfp(0, 0));
	printf("strerror %s\n", strerror(ERANGE));
	return 0;
}
