/* crash.c - dies in a chosen way so that a runner can check that a guest
 * killed by a signal (or exiting) is reported identically under xabi.
 * Usage: crash segv | abort | fpe | ill | kill-self SIG | exit N
 * SIG is a name without the SIG prefix (TERM, INT, HUP, KILL, USR1, ...) or a
 * number.  Prints one line before crashing.  Core dumps are disabled so the
 * wait status carries no core flag and no core file is written. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static int signum(const char *s)
{
	static const struct { const char *name; int sig; } tab[] = {
		{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT }, { "ILL", SIGILL },
		{ "TRAP", SIGTRAP }, { "ABRT", SIGABRT }, { "BUS", SIGBUS }, { "FPE", SIGFPE },
		{ "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
		{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM }, { "XCPU", SIGXCPU },
		{ "XFSZ", SIGXFSZ }, { "VTALRM", SIGVTALRM }, { "PROF", SIGPROF }, { "SYS", SIGSYS },
	};
	if (!strncmp(s, "SIG", 3))
		s += 3;
	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (!strcmp(s, tab[i].name))
			return tab[i].sig;
	int n = atoi(s);
	return n > 0 && n < 65 ? n : -1;
}

static int usage(void)
{
	fprintf(stderr, "usage: crash segv|abort|fpe|ill|kill-self SIG|exit N\n");
	return 2;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct rlimit rl = { 0, 0 };
	setrlimit(RLIMIT_CORE, &rl);
	if (argc < 2)
		return usage();
	const char *m = argv[1];
	if (!strcmp(m, "segv")) {
		volatile int *volatile np = NULL;
		printf("crash: writing to NULL\n");
		*np = 1;
	} else if (!strcmp(m, "abort")) {
		printf("crash: calling abort()\n");
		abort();
	} else if (!strcmp(m, "fpe")) {
		volatile int zero = 0, one = 1;
		printf("crash: dividing by zero\n");
		volatile int r = one / zero;
		(void)r;
	} else if (!strcmp(m, "ill")) {
		printf("crash: executing ud2\n");
		__asm__ volatile("ud2");
	} else if (!strcmp(m, "kill-self")) {
		int sig = argc > 2 ? signum(argv[2]) : -1;
		if (sig < 0)
			return usage();
		printf("crash: kill(getpid(), %d)\n", sig);
		kill(getpid(), sig);
	} else if (!strcmp(m, "exit")) {
		int n = argc > 2 ? atoi(argv[2]) : 0;
		printf("crash: exit(%d)\n", n);
		exit(n);
	} else {
		return usage();
	}
	printf("crash: still alive after '%s'\n", m);
	return 99;
}
