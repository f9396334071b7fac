/* msvcrt.dll's printf family as Windows programs see it: built with -D__USE_MINGW_ANSI_STDIO=0 so
 * the calls go to msvcrt.dll, not to mingw-w64's own C99 printf. The output is compared with
 * printf.expected, msvcrt's documented results (Wine's dlls/msvcrt/tests/printf.c agrees). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void vs(const char *fmt, ...)
{
	char buf[64];
	va_list ap;
	va_start(ap, fmt);
	int n = vsprintf(buf, fmt, ap);
	va_end(ap);
	printf("vsprintf %d [%s]\n", n, buf);
}

static void vsn(size_t size, const char *fmt, ...)
{
	char buf[16];
	memset(buf, '#', sizeof buf);
	va_list ap;
	va_start(ap, fmt);
	int n = _vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	printf("_vsnprintf(%u) %d [%.16s]\n", (unsigned)size, n, buf);
}

int main(void)
{
	/* integers and strings: the same in any C library */
	printf("[%d] [%+d] [% d] [%5d] [%-5d|] [%05d] [%-08d|] [%.3d]\n", 42, 42, 42, 42, 42, 42, 42, 7);
	printf("[%x] [%X] [%o] [%#x] [%#X] [%#o] [%u]\n", 255, 255, 8, 255, 255, 8, 4000000000u);
	printf("[%s] [%.3s] [%8s] [%-8s|] [%c] [%3c] [%%]\n", "hello", "hello", "abc", "abc", 'z', 'y');
	/* Windows' sizes: long is 32 bits, I64 and ll 64 */
	printf("[%ld] [%lu]\n", 0x100000005LL, 0xffffffffULL);
	printf("[%I64d] [%lld] [%I64x] [%hd]\n", -1234567890123LL, -1234567890123LL,
	       0x123456789abcLL, 70000);
	printf("[%p] [%p]\n", (void *)0x1234, (void *)0);
	/* wide and narrow strings */
	printf("[%S] [%ls] [%hs] [%C] [%lc] [%.2S]\n", L"wide", L"wide", "narrow", L'W', L'w', L"wide");
	/* floating point: three exponent digits */
	printf("[%e] [%E] [%.2e] [%f] [%5.2f] [%-8.1f|] [%+.0f]\n", 10.0, 0.000123, 123456.0, 3.5,
	       3.14159, 2.4, 2.0);
	printf("[%g] [%g] [%g] [%G] [%g]\n", 1e-5, 123456789.0, 100000.0, 1e20, 0.5);
	printf("[%f] [%f] [%f] [%f] [%e] [%.2f]\n", INFINITY, -INFINITY, NAN, -NAN, INFINITY,
	       INFINITY);
	printf("[%*d] [%-*d|] [%.*f]\n", 6, 1, 6, 2, 2, 1.005);

	/* the string functions */
	char buf[64];
	int n = sprintf(buf, "%d-%s-%e", 12, "ab", 1.5);
	printf("sprintf %d [%s]\n", n, buf);
	memset(buf, '#', sizeof buf);
	n = _snprintf(buf, 4, "%s", "abcdef");
	printf("_snprintf truncated %d [%.6s]\n", n, buf);
	memset(buf, '#', sizeof buf);
	n = _snprintf(buf, 3, "%s", "abc");
	printf("_snprintf exact %d [%.6s]\n", n, buf);
	n = _snprintf(buf, 10, "%s", "abc");
	printf("_snprintf room %d [%s]\n", n, buf);
	vs("%05.1f|%s", 2.5, "x");
	vsn(4, "%d", 123456);
	vsn(8, "%d", 123);
	/* Exact ties round half up in msvcrt.dll, where C rounds them to even (0.2 2 0.12 0.62 -2e+000
	 * 0.125); digits come from the exact binary value (0.1 is 0.1000000000000000055511...). */
	printf("ties %.1f %.0f %.2f %.2f %.0e %.2g\n", 0.25, 2.5, 0.125, 0.625, -2.5, 0.125);
	printf("exact %.20f\n", 0.1);
	return 0;
}
