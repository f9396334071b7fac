/* rand() after srand(seed) for the seeds on the command line (none: the initial seed 1), ten
 * values each; windows-crt.sh computes msvcrt's documented generator itself to compare. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	for (int i = 1; i <= argc; i++) {
		if (i < argc)
			srand((unsigned)strtoul(argv[i], NULL, 10));
		else if (argc > 1)
			break;
		for (int k = 0; k < 10; k++)
			printf("%d%c", rand(), k < 9 ? ' ' : '\n');
	}
	printf("RAND_MAX %d\n", RAND_MAX);
	return 0;
}
