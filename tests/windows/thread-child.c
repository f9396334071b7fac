/* The child thread-proc starts: "echo ARGS" copies its arguments and stdin to stdout, writes a
 * line to stderr and exits 42; "env NAME" prints that variable; "sleep" waits forever. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv, char **envp)
{
	if (argc > 1 && !strcmp(argv[1], "echo")) {
		for (int i = 2; i < argc; i++)
			printf("arg %d [%s]\n", i, argv[i]);
		char line[256];
		while (fgets(line, sizeof line, stdin))
			printf("child got: %s", line);
		fprintf(stderr, "child stderr\n");
		return 42;
	}
	if (argc > 2 && !strcmp(argv[1], "env")) {
		size_t n = strlen(argv[2]);
		for (char **e = envp; *e; e++)
			if (!strncmp(*e, argv[2], n) && (*e)[n] == '=')
				printf("%s\n", *e);
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "sleep"))
		Sleep(INFINITE);
	return 1;
}
