/* sigsys.c - a program that uses SIGSYS itself: its handler, its mask and its pending set behave as
 * on Linux, while under xabi every one of its system calls is still trapped through SIGSYS. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile int got, code;

static void on_sys(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got += sig == SIGSYS;
	code = si->si_code;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_sys;
	sa.sa_flags = SA_SIGINFO;
	printf("install: %s\n", sigaction(SIGSYS, &sa, &old) == 0 && old.sa_handler == SIG_DFL ? "ok" : "FAIL");
	raise(SIGSYS);
	printf("raise: %s\n", got == 1 && code == SI_TKILL ? "ok" : "FAIL");

	kill(getpid(), SIGSYS);
	printf("kill: %s\n", got == 2 && code == SI_USER ? "ok" : "FAIL");

	sigset_t set, pending, cur;
	sigemptyset(&set);
	sigaddset(&set, SIGSYS);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	printf("blocked: %s\n", sigismember(&cur, SIGSYS) ? "ok" : "FAIL");
	printf("syscalls still work while SIGSYS is blocked: %s\n", getpid() > 0 && write(1, "", 0) == 0 ? "ok" : "FAIL");
	kill(getpid(), SIGSYS);
	sigpending(&pending);
	printf("pending while blocked: %s\n", got == 2 && sigismember(&pending, SIGSYS) ? "ok" : "FAIL");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("delivered on unblock: %s\n", got == 3 && code == SI_USER ? "ok" : "FAIL");

	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0;
	sigaction(SIGSYS, &sa, NULL);
	raise(SIGSYS);
	printf("ignored: %s\n", got == 3 ? "ok" : "FAIL");
	signal(SIGSYS, SIG_DFL);
	printf("default restored, now dying of SIGSYS\n");
	raise(SIGSYS);
	return 0;
}
