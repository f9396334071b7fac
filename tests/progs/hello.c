/* hello.c - smallest guest: prints "hello, world" and then each argument on
 * its own line; exits with atoi($HELLO_EXIT) if that variable is set, else 0. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("hello, world\n");
	for (int i = 1; i < argc; i++)
		printf("%s\n", argv[i]);
	const char *e = getenv("HELLO_EXIT");
	return e ? atoi(e) : 0;
}
