/* String and memory functions whose meaning is the same on both sides: the host's, called with
 * the Windows convention. */
#include <stdlib.h>
#include <string.h>
#include "../ntdll/unicode.h"
#include "msvcrt.h"

WINAPI void *msvcrt_memcpy(void *d, const void *s, size_t n) { return memcpy(d, s, n); }
WINAPI void *msvcrt_memmove(void *d, const void *s, size_t n) { return memmove(d, s, n); }
WINAPI void *msvcrt_memset(void *d, int c, size_t n) { return memset(d, c, n); }
WINAPI int msvcrt_memcmp(const void *a, const void *b, size_t n) { return memcmp(a, b, n); }
WINAPI void *msvcrt_memchr(const void *s, int c, size_t n) { return memchr(s, c, n); }
WINAPI size_t msvcrt_strlen(const char *s) { return strlen(s); }
WINAPI int msvcrt_strcmp(const char *a, const char *b) { return strcmp(a, b); }
WINAPI int msvcrt_strncmp(const char *a, const char *b, size_t n) { return strncmp(a, b, n); }
WINAPI char *msvcrt_strcpy(char *d, const char *s) { return strcpy(d, s); }
WINAPI char *msvcrt_strncpy(char *d, const char *s, size_t n) { return strncpy(d, s, n); }
WINAPI char *msvcrt_strcat(char *d, const char *s) { return strcat(d, s); }
WINAPI char *msvcrt_strchr(const char *s, int c) { return strchr(s, c); }
WINAPI char *msvcrt_strrchr(const char *s, int c) { return strrchr(s, c); }
WINAPI char *msvcrt_strstr(const char *h, const char *n) { return strstr(h, n); }
WINAPI int msvcrt_atoi(const char *s) { return atoi(s); }

WINAPI size_t msvcrt_wcslen(const WCHAR *s)
{
	return utf16_len(s);
}
