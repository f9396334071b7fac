/* String and memory functions. Where the meaning is the same on both sides, the host's, called
 * with the Windows convention; the case-insensitive ones fold ASCII only, as the "C" locale does;
 * strcoll and strxfrm are strcmp and a copy in the "C" locale. */
#include <stdlib.h>
#include <string.h>
#include "../ntdll/unicode.h"
#include "crt.h"
#include "msvcrt.h"

WINAPI void *msvcrt_memcpy(void *d, const void *s, size_t n) { return memcpy(d, s, n); }
WINAPI void *msvcrt_memmove(void *d, const void *s, size_t n) { return memmove(d, s, n); }
WINAPI void *msvcrt_memset(void *d, int c, size_t n) { return memset(d, c, n); }
WINAPI int msvcrt_memcmp(const void *a, const void *b, size_t n) { return memcmp(a, b, n); }
WINAPI void *msvcrt_memchr(const void *s, int c, size_t n) { return memchr(s, c, n); }
WINAPI size_t msvcrt_strlen(const char *s) { return strlen(s); }
WINAPI size_t msvcrt_strnlen(const char *s, size_t n) { return strnlen(s, n); }
WINAPI int msvcrt_strcmp(const char *a, const char *b) { return strcmp(a, b); }
WINAPI int msvcrt_strncmp(const char *a, const char *b, size_t n) { return strncmp(a, b, n); }
WINAPI char *msvcrt_strcpy(char *d, const char *s) { return strcpy(d, s); }
WINAPI char *msvcrt_strncpy(char *d, const char *s, size_t n) { return strncpy(d, s, n); }
WINAPI char *msvcrt_strcat(char *d, const char *s) { return strcat(d, s); }
WINAPI char *msvcrt_strncat(char *d, const char *s, size_t n) { return strncat(d, s, n); }
WINAPI char *msvcrt_strchr(const char *s, int c) { return strchr(s, c); }
WINAPI char *msvcrt_strrchr(const char *s, int c) { return strrchr(s, c); }
WINAPI char *msvcrt_strstr(const char *h, const char *n) { return strstr(h, n); }
WINAPI size_t msvcrt_strspn(const char *s, const char *set) { return strspn(s, set); }
WINAPI size_t msvcrt_strcspn(const char *s, const char *set) { return strcspn(s, set); }
WINAPI char *msvcrt_strpbrk(const char *s, const char *set) { return strpbrk(s, set); }
WINAPI int msvcrt_strcoll(const char *a, const char *b) { return strcmp(a, b); }

WINAPI size_t msvcrt_strxfrm(char *d, const char *s, size_t n)
{
	size_t len = strlen(s);
	if (len < n)
		memcpy(d, s, len + 1);
	return len;
}

/* strtok's position is per thread, as in msvcrt.dll. */
static __thread char *tok_next;

WINAPI char *msvcrt_strtok(char *s, const char *delim)
{
	return strtok_r(s, delim, &tok_next);
}

WINAPI char *msvcrt_strtok_s(char *s, const char *delim, char **ctx)
{
	if (!delim || !ctx || (!s && !*ctx)) {
		crt_invalid_parameter();
		*msvcrt__errno() = CRT_EINVAL;
		return 0;
	}
	return strtok_r(s, delim, ctx);
}

WINAPI char *msvcrt__strdup(const char *s)
{
	if (!s)
		return 0;
	char *d = strdup(s);
	if (!d)
		*msvcrt__errno() = CRT_ENOMEM;
	return d;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 32 : c;
}

/* The comparisons fold to lower case: "_" (0x5F) sorts after letters, as on Windows. */
WINAPI int msvcrt__strnicmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int x = lower((unsigned char)*a), y = lower((unsigned char)*b);
		if (x != y || !x)
			return x - y;
	}
	return 0;
}

WINAPI int msvcrt__stricmp(const char *a, const char *b) { return msvcrt__strnicmp(a, b, SIZE_MAX); }
WINAPI int msvcrt__stricoll(const char *a, const char *b) { return msvcrt__strnicmp(a, b, SIZE_MAX); }

WINAPI int msvcrt__memicmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (lower(*x) != lower(*y))
			return lower(*x) - lower(*y);
	return 0;
}

WINAPI char *msvcrt__strlwr(char *s)
{
	for (char *p = s; *p; p++)
		*p = (char)lower((unsigned char)*p);
	return s;
}

WINAPI char *msvcrt__strupr(char *s)
{
	for (char *p = s; *p; p++)
		*p = (char)upper((unsigned char)*p);
	return s;
}

WINAPI char *msvcrt__strrev(char *s)
{
	for (size_t i = 0, j = strlen(s); i + 1 < j; i++, j--) {
		char c = s[i];
		s[i] = s[j - 1];
		s[j - 1] = c;
	}
	return s;
}

WINAPI char *msvcrt__strset(char *s, int c)
{
	for (char *p = s; *p; p++)
		*p = (char)c;
	return s;
}

WINAPI char *msvcrt__strnset(char *s, int c, size_t n)
{
	for (char *p = s; *p && n; p++, n--)
		*p = (char)c;
	return s;
}
