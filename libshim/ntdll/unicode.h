/* UTF-8 <-> UTF-16 for the shim: the host's strings are UTF-8, Windows' W functions UTF-16.
 * Invalid input becomes U+FFFD, as Windows' own converters do by default. */
#ifndef XABI_NTDLL_UNICODE_H
#define XABI_NTDLL_UNICODE_H

#include "../windef.h"

/* Convert n bytes of s (n = -1: up to and including its NUL). Writes at most cap units (cap 0:
 * only count) and returns how many the whole conversion takes. */
size_t utf8_to_utf16(const char *s, ptrdiff_t n, WCHAR *out, size_t cap);
size_t utf16_to_utf8(const WCHAR *s, ptrdiff_t n, char *out, size_t cap);
size_t utf16_len(const WCHAR *s);
/* Allocating forms (malloc, NUL-terminated); NULL when out of memory. */
WCHAR *utf8_to_utf16_dup(const char *s);
char *utf16_to_utf8_dup(const WCHAR *s);

#endif
