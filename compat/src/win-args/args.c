/* argv as the C runtime splits the command line: each argument in brackets. */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("argc %d\n", argc);
	for (int i = 1; i < argc; i++)
		printf("[%s]\n", argv[i]);
	return argc;
}
