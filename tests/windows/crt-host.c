/* C library functions whose results C99 fixes: the same source is built for Linux by the host's
 * gcc and for Windows (msvcrt.dll and the UCRT), and the outputs must agree (windows-crt.sh).
 * Doubles are printed as their bit patterns, so formatting differences cannot hide a wrong value. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>
#include <ctype.h>

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void bits(const char *label, double d)
{
	uint64_t u;
	memcpy(&u, &d, sizeof u);
	printf("%s %08lx%08lx\n", label, (unsigned long)(u >> 32), (unsigned long)(u & 0xffffffff));
}

int main(void)
{
	int v[200];
	unsigned s = 12345;
	for (int i = 0; i < 200; i++) {
		s = s * 1103515245u + 12345u;
		v[i] = (int)(s >> 8) % 100000 - 50000;
	}
	qsort(v, 200, sizeof v[0], cmp_int);
	long sum = 0;
	for (int i = 0; i < 200; i++)
		sum += (long)v[i] * (i + 1);
	printf("qsort first %d last %d weighted %ld\n", v[0], v[199], sum);
	for (int i = 1; i < 200; i++)
		if (v[i - 1] > v[i])
			printf("qsort out of order at %d\n", i);
	for (int k = 0; k < 200; k += 37) {
		int *p = bsearch(&v[k], v, 200, sizeof v[0], cmp_int);
		printf("bsearch %d found %d\n", v[k], p && *p == v[k]);
	}
	int missing = 50001;
	printf("bsearch missing %d\n", bsearch(&missing, v, 200, sizeof v[0], cmp_int) != NULL);
	const char *words[] = { "pear", "apple", "fig", "banana", "cherry", "date", "apricot" };
	qsort(words, 7, sizeof words[0], cmp_str);
	for (int i = 0; i < 7; i++)
		printf("%s%c", words[i], i < 6 ? ' ' : '\n');

	const char *nums[] = { "0", "1", "-2.5", "3.14159265358979323846", "1e10", "1.7976931348623157e308",
			       "2.2250738585072014e-308", "4.9e-324", "123456789012345678901234567890",
			       "  +42.125xyz", ".5", "5.", "-0", "0.1", "1e-5", "9007199254740993" };
	for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		char *end;
		double d = strtod(nums[i], &end);
		char label[64];
		snprintf(label, sizeof label, "strtod[%s] used %d", nums[i], (int)(end - nums[i]));
		bits(label, d);
	}
	bits("atof 2.75", atof("2.75"));
	char *end;
	printf("strtol %ld %ld %ld\n", strtol("  -123abc", &end, 10), strtol("0x1F", 0, 0), strtol("0777", 0, 0));
	printf("strtol end %d\n", (int)(end - "  -123abc"));
	printf("strtoul %lu %lu\n", strtoul("4000000000", 0, 10) % 1000, strtoul("z", 0, 36));
	printf("atoi %d %d\n", atoi(" 42"), atoi("-17x"));
	printf("abs %d %ld\n", abs(-5), labs(-7L));
	div_t d = div(-7, 2);
	printf("div %d %d\n", d.quot, d.rem);

	char buf[64] = "a,b,,c;d";
	for (char *t = strtok(buf, ",;"); t; t = strtok(NULL, ",;"))
		printf("tok[%s] ", t);
	printf("\n");
	printf("spn %u %u pbrk %s str %s chr %s rchr %s\n", (unsigned)strspn("aabbc", "ab"),
	       (unsigned)strcspn("hello", "lo"), strpbrk("hello", "ol"), strstr("haystack", "st"),
	       strchr("a.b.c", '.'), strrchr("a.b.c", '.'));
	printf("memchr %d cmp %d %d\n", (int)((char *)memchr("abcdef", 'd', 6) - "abcdef"),
	       strcmp("abc", "abd") < 0, strncmp("abcx", "abcy", 3) == 0);
	printf("coll %d xfrm %u\n", strcoll("a", "b") < 0, (unsigned)strxfrm(buf, "xyz", sizeof buf));
	strcpy(buf, "foo");
	strcat(buf, "bar");
	strncat(buf, "bazqux" + 0, 3);
	printf("cat %s %u\n", buf, (unsigned)strlen(buf));

	wchar_t w[64];
	wcscpy(w, L"Hello");
	wcscat(w, L", world");
	printf("wcslen %u cmp %d %d ncmp %d\n", (unsigned)wcslen(w), wcscmp(w, L"Hello") > 0,
	       wcscmp(L"a", L"b") < 0, wcsncmp(w, L"Help", 3));
	printf("wcschr %d wcsrchr %d wcsstr %d\n", (int)(wcschr(w, L'o') - w), (int)(wcsrchr(w, L'o') - w),
	       (int)(wcsstr(w, L"world") - w));
	wcsncpy(w, L"abc", 5);
	printf("wcsncpy %u %d\n", (unsigned)wcslen(w), w[4]);
	printf("wcstol %ld wcstoul %lu\n", wcstol(L" -99z", NULL, 10), wcstoul(L"ff", NULL, 16));
	bits("wcstod 0.25", wcstod(L"0.25", NULL));
	printf("towupper %c towlower %c iswalpha %d %d iswdigit %d iswspace %d\n", (char)towupper(L'q'),
	       (char)towlower(L'Q'), !!iswalpha(L'x'), !!iswalpha(L'1'), !!iswdigit(L'7'), !!iswspace(L'\t'));
	printf("isalpha %d isdigit %d isspace %d ispunct %d isxdigit %d toupper %c\n", !!isalpha('a'),
	       !!isdigit('5'), !!isspace('\n'), !!ispunct('!'), !!isxdigit('F'), toupper('z'));
	printf("wcscoll %d wcsxfrm %u\n", wcscoll(L"a", L"b") < 0, (unsigned)wcsxfrm(w, L"abcd", 64));
	return 0;
}
