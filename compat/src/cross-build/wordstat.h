/* wordstat: a small C library for the cross-build check (README.md here): words in a string,
 * in a file, and the longest one. Words are runs of characters other than space, tab, newline. */
#ifndef WORDSTAT_H
#define WORDSTAT_H

#include <stddef.h>

int ws_count_words(const char *s);
/* The longest word of s (the first of equal ones) into out; its length. */
size_t ws_longest(const char *s, char *out, size_t size);
/* The words of a file; -1 when it cannot be read. */
int ws_count_file(const char *path);

#endif
