/* A Windows program for tests/suites/windows-cmd.sh: "env" prints PATH, COMSPEC and PATHEXT as
 * it sees them; "stdin" prints each line of its standard input; "run CMDLINE" starts CMDLINE
 * with CreateProcess (standard handles inherited), waits, and prints its exit code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "env")) {
		const char *names[] = { "PATH", "COMSPEC", "PATHEXT" };
		for (int i = 0; i < 3; i++) {
			const char *v = getenv(names[i]);
			printf("%s=%s\n", names[i], v ? v : "(unset)");
		}
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "stdin")) {
		char line[512];
		while (fgets(line, sizeof line, stdin)) {
			line[strcspn(line, "\r\n")] = 0;
			printf("stdin: %s\n", line);
		}
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "run")) {
		STARTUPINFOA si = { sizeof si };
		PROCESS_INFORMATION pi;
		DWORD code = 0;
		fflush(stdout);
		if (!CreateProcessA(NULL, argv[2], NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
			printf("CreateProcess: error %lu\n", GetLastError());
			return 1;
		}
		WaitForSingleObject(pi.hProcess, INFINITE);
		GetExitCodeProcess(pi.hProcess, &code);
		printf("exit code: %lu\n", code);
		return 0;
	}
	fprintf(stderr, "usage: cmd-env env|stdin|run CMDLINE\n");
	return 2;
}
