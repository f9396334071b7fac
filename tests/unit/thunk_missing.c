/* thunks/missing.c: a missing import, called with the Windows x64 convention, names itself and ends
 * the process with status 120 (loader/status.h); two thunks keep their own names. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../../thunks/missing.h"

typedef uint64_t __attribute__((ms_abi)) (*winfn)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);

static void check(const char *dll, const char *name)
{
	int pipefd[2];
	pipe(pipefd);
	void *code = thunk_missing(dll, name);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(pipefd[1], 2);
		((winfn)code)(1, 2, 3, 4, 5);
		_exit(0); /* not reached when the thunk works */
	}
	close(pipefd[1]);
	char buf[256] = { 0 };
	ssize_t n = read(pipefd[0], buf, sizeof buf - 1);
	int st;
	waitpid(pid, &st, 0);
	char want[256];
	snprintf(want, sizeof want, "xabi: %s!%s called but not implemented\n", dll, name);
	int ok = code && n > 0 && !strcmp(buf, want) && WIFEXITED(st) && WEXITSTATUS(st) == 120;
	printf("%s missing import %s!%s%s%s", ok ? "PASS" : "FAIL", dll, name, ok ? "" : ": got ", ok ? "\n" : buf);
	if (!ok)
		printf(" (status %d)\n", WIFEXITED(st) ? WEXITSTATUS(st) : -WTERMSIG(st));
}

int main(void)
{
	check("KERNEL32.dll", "GetTickCount64");
	check("OLEAUT32.dll", "Ordinal#2");
	return 0;
}
