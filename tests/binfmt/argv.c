/* Prints its argv, argv[0] included, one element a line in brackets, and exits with 40 + argc:
 * built for Linux (the reference) and for Windows, run the same way by the binfmt suite. */
#include <stdio.h>

int main(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		printf("[%s]\n", argv[i]);
	return 40 + argc;
}
