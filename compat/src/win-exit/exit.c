/* How a Windows program ends, by its first argument: "exit N", "ExitProcess N", "return N",
 * "abort", "assert" (a failing assert), "atexit" (handlers run last registered first, then exit 4).
 * The win-exit-* cases run it; Microsoft documents each status. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static void first(void) { printf("atexit first\n"); }
static void second(void) { printf("atexit second\n"); }

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "return";
	int n = argc > 2 ? atoi(argv[2]) : 0;
	printf("ending by %s\n", how);
	if (!strcmp(how, "exit"))
		exit(n);
	if (!strcmp(how, "ExitProcess")) {
		fflush(stdout);
		ExitProcess((UINT)n);
	}
	if (!strcmp(how, "abort")) {
		fflush(stdout);
		abort();
	}
	if (!strcmp(how, "assert")) {
		fflush(stdout);
		assert(n == 1);
	}
	if (!strcmp(how, "atexit")) {
		atexit(first);
		atexit(second);
		exit(4);
	}
	return n;
}
