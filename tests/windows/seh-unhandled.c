/* An access violation nobody handles: xabi's one-line report on stderr, and the exit status of a
 * Windows process that dies of an exception, its code (0xC0000005: 5 for the shell, as under
 * Wine). With "signal", a msvcrt signal(SIGSEGV) handler runs instead: mingw-w64's unhandled-
 * exception filter calls it. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void on_segv(int sig)
{
	printf("SIGSEGV handler: signal %d\n", sig);
	_exit(9);
}

static int *volatile target = (int *)0x10;

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1 && !strcmp(argv[1], "signal"))
		signal(SIGSEGV, on_segv);
	printf("before\n");
	*target = 1;
	printf("not reached\n");
	return 0;
}
