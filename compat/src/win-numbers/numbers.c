/* Numbers through the C runtime: qsort and bsearch over integers and strings, strtod of decimal
 * text, and printf of integers and floating point. Built against msvcrt.dll (win-numbers) and the
 * UCRT (win-numbers-ucrt); the expected outputs differ only where Microsoft documents the CRTs
 * differ: msvcrt prints exponents with three digits, the UCRT with two as C99 does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(void)
{
	const char *text[] = { "3.5", "-2", "1e3", "0.001", "42", "-0.5", "2.5e-3", "100", "7.25", "6" };
	double v[10];
	for (int i = 0; i < 10; i++)
		v[i] = strtod(text[i], NULL);
	qsort(v, 10, sizeof v[0], by_value);
	for (int i = 0; i < 10; i++)
		printf("%g%s", v[i], i < 9 ? " " : "\n");
	double key = 42;
	double *hit = bsearch(&key, v, 10, sizeof v[0], by_value);
	printf("bsearch 42 at %d\n", hit ? (int)(hit - v) : -1);
	key = 43;
	printf("bsearch 43 %s\n", bsearch(&key, v, 10, sizeof v[0], by_value) ? "found" : "absent");
	const char *names[] = { "kiwi", "apple", "mango", "banana", "cherry" };
	qsort(names, 5, sizeof names[0], by_name);
	printf("%s %s %s %s %s\n", names[0], names[1], names[2], names[3], names[4]);
	printf("%d %5d|%-5d|%05d %x %X %o %u\n", -17, 42, 42, 42, 3054, 3054, 8, 4000000000u);
	printf("%f %.2f %10.3f|%-10.1f|\n", 3.14159, 2.675, -1.5, 0.375);
	printf("%e %.3E %g %g %g\n", 123456.789, 0.000123, 1e20, 1e-5, 123456789.0);
	printf("%g %g %.10g\n", 0.1 + 0.2, 1.0 / 3, 2.0 / 3);
	return 0;
}
