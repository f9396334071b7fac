/* cmd.exe's parts (cmd.c): the command line's parse and run (cmd_line.c), its internal commands
 * (cmd_internal.c), external programs (cmd_external.c). */
#ifndef XABI_SYSTEM32_CMD_H
#define XABI_SYSTEM32_CMD_H

#define CMD_NOT_FOUND 9009 /* cmd's status for an unknown command */

/* One simple command: its text as written (redirections taken out), the first word (the
 * command's name, quotes removed) and what follows it. */
struct cmd_simple {
	char *text, *name;
	const char *rest;
};

/* Set by exit: the status cmd ends with, at once. */
extern int cmd_exit_now, cmd_exit_status;
/* The --intercept option for the Windows programs cmd starts. */
extern const char *cmd_intercept;

/* Run a command line (&, &&, ||, |, <, >, >>, N>, N>&M); its status. */
int cmd_line_run(const char *line);
/* The word at *p, *p moved past it: quotes removed, ending at whitespace or at &|<> outside
 * quotes (malloc'd; NULL when out of memory). */
char *cmd_word(const char **p);
/* mklink (cmd_mklink.c): its status. */
int cmd_mklink(const char *rest);
/* An internal command's status, or -1 when c names none. */
int cmd_internal(const struct cmd_simple *c);
/* Does c name an internal command? */
int cmd_is_internal(const struct cmd_simple *c);
/* Run the external command c in this (forked) process: never returns. */
_Noreturn void cmd_external_exec(const struct cmd_simple *c);
/* The host path of the program cmd runs for name (the current directory, then PATH, each with
 * PATHEXT's extensions), malloc'd; NULL if none. */
char *cmd_find(const char *name);
/* A Windows path as a host path (path_to_host, but NULL for what it would fail on). */
char *cmd_host_path(const char *win);

#endif
