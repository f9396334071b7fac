/* wordstat-test OP INPUT EXPECTED: one wordstat function on INPUT; prints "OP: RESULT" and exits
 * 0 when RESULT is EXPECTED, 1 when not, 2 for a bad command line. OP is words (INPUT is the
 * text), longest (the text), file (a file name) or env (a variable whose value is the text). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wordstat.h"

int main(int argc, char **argv)
{
	char result[256];
	if (argc != 4) {
		fprintf(stderr, "usage: wordstat-test words|longest|file|env INPUT EXPECTED\n");
		return 2;
	}
	const char *op = argv[1], *input = argv[2];
	if (!strcmp(op, "words"))
		snprintf(result, sizeof result, "%d", ws_count_words(input));
	else if (!strcmp(op, "longest"))
		ws_longest(input, result, sizeof result);
	else if (!strcmp(op, "file"))
		snprintf(result, sizeof result, "%d", ws_count_file(input));
	else if (!strcmp(op, "env"))
		snprintf(result, sizeof result, "%d", getenv(input) ? ws_count_words(getenv(input)) : -1);
	else
		return 2;
	printf("%s: %s\n", op, result);
	if (strcmp(result, argv[3])) {
		printf("expected %s\n", argv[3]);
		return 1;
	}
	return 0;
}
