/* cmd's internal commands: cd/chdir [/d] [DIR] (none: print the current directory), echo TEXT
 * (echo. and echo: print an empty line, echo alone "ECHO is on.", echo on/off accepted),
 * exit [/b] [N], ver; mklink (cmd_mklink.c). Output lines end with CRLF, as cmd's. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "../kernel32/path.h"
#include "cmd.h"

/* s without leading and trailing whitespace (malloc'd). */
static char *trimmed(const char *s)
{
	s += strspn(s, " \t");
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return strndup(s, n);
}

static int cd(const char *rest)
{
	char *arg = trimmed(rest);
	if (arg && !strncasecmp(arg, "/d", 2) && (!arg[2] || arg[2] == ' ' || arg[2] == '\t')) {
		char *a = trimmed(arg + 2);
		free(arg);
		arg = a;
	}
	if (!arg)
		return 1;
	size_t n = strlen(arg);
	if (n >= 2 && arg[0] == '"' && arg[n - 1] == '"') { /* cd "dir with spaces" */
		memmove(arg, arg + 1, n - 2);
		arg[n - 2] = 0;
	}
	if (!*arg) {
		char *host = getcwd(0, 0), *win = host ? path_from_host(host) : 0;
		if (win)
			printf("%s\r\n", win);
		free(host), free(win), free(arg);
		return win ? 0 : 1;
	}
	char *host = cmd_host_path(arg);
	int ok = host && chdir(host) == 0;
	free(host), free(arg);
	if (!ok)
		fputs("The system cannot find the path specified.\r\n", stderr);
	return ok ? 0 : 1;
}

static int echo(const char *rest)
{
	char *t = trimmed(rest);
	if (t && !*t)
		puts("ECHO is on.\r");
	else if (t && (!strcasecmp(t, "on") || !strcasecmp(t, "off")))
		;
	else
		printf("%s\r\n", rest + 1); /* after the one delimiter that ends "echo" */
	free(t);
	return 0;
}

static int exit_cmd(const char *rest)
{
	char *t = trimmed(rest);
	const char *n = t ? t : "";
	if (!strncasecmp(n, "/b", 2) && (!n[2] || isspace((unsigned char)n[2])))
		n += 2 + strspn(n + 2, " \t");
	cmd_exit_now = 1;
	cmd_exit_status = atoi(n);
	free(t);
	return cmd_exit_status;
}

static const struct {
	const char *name;
	int (*run)(const char *rest);
} internal[] = {
	{ "cd", cd },
	{ "chdir", cd },
	{ "echo", echo },
	{ "exit", exit_cmd },
	{ "mklink", cmd_mklink },
};

int cmd_is_internal(const struct cmd_simple *c)
{
	if (!strcasecmp(c->name, "ver"))
		return 1;
	for (size_t i = 0; i < sizeof internal / sizeof *internal; i++)
		if (!strcasecmp(c->name, internal[i].name))
			return 1;
	return 0;
}

int cmd_internal(const struct cmd_simple *c)
{
	if (!strcasecmp(c->name, "ver")) {
		puts("\r\nMicrosoft Windows [Version 10.0.19045] (xabi's cmd)\r");
		return 0;
	}
	for (size_t i = 0; i < sizeof internal / sizeof *internal; i++)
		if (!strcasecmp(c->name, internal[i].name))
			return internal[i].run(c->rest);
	return -1;
}
