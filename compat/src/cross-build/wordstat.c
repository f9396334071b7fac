#include <stdio.h>
#include <string.h>
#include "wordstat.h"

static const char blanks[] = " \t\r\n";

int ws_count_words(const char *s)
{
	int n = 0;
	for (s += strspn(s, blanks); *s; s += strspn(s, blanks)) {
		n++;
		s += strcspn(s, blanks);
	}
	return n;
}

size_t ws_longest(const char *s, char *out, size_t size)
{
	const char *best = s;
	size_t best_len = 0;
	for (s += strspn(s, blanks); *s; s += strspn(s, blanks)) {
		size_t len = strcspn(s, blanks);
		if (len > best_len) {
			best = s;
			best_len = len;
		}
		s += len;
	}
	size_t copy = best_len < size ? best_len : size - 1;
	memcpy(out, best, copy);
	out[copy] = 0;
	return best_len;
}

int ws_count_file(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	int n = 0, in_word = 0, c;
	while ((c = getc(f)) != EOF) {
		int blank = strchr(blanks, c) != NULL;
		n += !blank && !in_word;
		in_word = !blank;
	}
	fclose(f);
	return n;
}
