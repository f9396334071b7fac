/* A cmd command line: commands joined by & (then), && (if it succeeded), || (if it failed) and |
 * (a pipeline, each command in its own process); each with redirections < FILE, > FILE,
 * >> FILE, N> FILE, N>> FILE, N>&M. Outside quotes ^ makes the next character plain. A
 * single internal command runs in cmd's own process (so cd and exit act on it). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cmd.h"

#define MAX_REDIR 8
#define MAX_PIPE 16

struct redir {
	int fd, flags, dup; /* flags for open, or dup >= 0: fd becomes a copy of dup */
	char *file;
};

struct command {
	struct cmd_simple c;
	struct redir r[MAX_REDIR];
	int nr;
};

enum { THEN, AND, OR, END };

char *cmd_word(const char **p)
{
	*p += strspn(*p, " \t");
	char *w = malloc(strlen(*p) + 1);
	size_t k = 0;
	int q = 0;
	for (; w && **p && (q || !strchr(" \t&|<>", **p)); (*p)++)
		if (**p == '"')
			q = !q;
		else
			w[k++] = **p;
	if (w)
		w[k] = 0;
	return w;
}

/* A redirection at *p ('<' or '>'), for descriptor fd (-1: the operator's own). 0 or -1. */
static int redirection(struct command *cmd, const char **p, int fd)
{
	if (cmd->nr == MAX_REDIR)
		return -1;
	struct redir *r = &cmd->r[cmd->nr];
	r->dup = -1;
	r->file = 0;
	if (**p == '<') {
		r->fd = fd < 0 ? 0 : fd;
		r->flags = O_RDONLY;
		(*p)++;
	} else {
		r->fd = fd < 0 ? 1 : fd;
		int append = (*p)[1] == '>';
		r->flags = O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC);
		*p += 1 + append;
	}
	if (**p == '&' && (*p)[1] >= '0' && (*p)[1] <= '9') {
		r->dup = (*p)[1] - '0';
		*p += 2;
	} else if (!(r->file = cmd_word(p)) || !*r->file) {
		fputs("The syntax of the command is incorrect.\r\n", stderr);
		free(r->file);
		return -1;
	}
	cmd->nr++;
	return 0;
}

/* The first word of text as the command's name; internal names end at '.', ':', '\' and '/'
 * too ("echo." and "cd\" are echo and cd). */
static void split_name(struct cmd_simple *c)
{
	const char *t = c->text + strspn(c->text, " \t"), *p = t;
	c->name = cmd_word(&p);
	c->rest = p;
	size_t n = strcspn(t, ".:\\/ \t");
	if (c->name && *t != '"' && n < strlen(c->name)) {
		char *head = strndup(t, n);
		struct cmd_simple h = { c->text, head, t + n };
		if (head && cmd_is_internal(&h)) {
			free(c->name);
			*c = h;
			return;
		}
		free(head);
	}
}

static void free_command(struct command *cmd)
{
	free(cmd->c.name);
	free(cmd->c.text);
	for (int i = 0; i < cmd->nr; i++)
		free(cmd->r[i].file);
}

/* Parse one command at *p, up to an operator; the operator that ends it in *op ('|' for a pipe,
 * else THEN, AND, OR or END). 0, or -1 after a syntax error. */
static int parse_command(struct command *cmd, const char **p, int *op)
{
	const char *s = *p;
	char *text = malloc(strlen(s) + 1);
	size_t k = 0;
	int q = 0;
	cmd->nr = 0;
	if (!text)
		return -1;
	for (;;) {
		char ch = *s;
		if (!ch) {
			*op = END;
			break;
		}
		if (ch == '"')
			q = !q;
		if (q || !strchr("^&|<>", ch)) {
			text[k++] = ch;
			s++;
			continue;
		}
		if (ch == '^') {
			if (s[1])
				text[k++] = s[1];
			s += 1 + !!s[1];
		} else if (ch == '&' || ch == '|') {
			int twice = s[1] == ch;
			*op = ch == '|' ? (twice ? OR : '|') : (twice ? AND : THEN);
			s += 1 + twice;
			break;
		} else { /* a digit alone before it names the descriptor */
			int fd = -1;
			if (k && text[k - 1] >= '0' && text[k - 1] <= '9' &&
			    (k == 1 || text[k - 2] == ' ' || text[k - 2] == '\t'))
				fd = text[--k] - '0';
			if (redirection(cmd, &s, fd) < 0) {
				cmd->c.name = 0;
				cmd->c.text = text;
				free_command(cmd);
				return -1;
			}
		}
	}
	text[k] = 0;
	cmd->c.text = text;
	split_name(&cmd->c);
	*p = s;
	return cmd->c.name ? 0 : -1;
}

/* Apply cmd's redirections to this process; 0, or -1 after cmd's message. */
static int redirect(const struct command *cmd)
{
	for (int i = 0; i < cmd->nr; i++) {
		const struct redir *r = &cmd->r[i];
		int fd = r->dup;
		if (fd < 0) {
			char *host = cmd_host_path(r->file);
			fd = host ? open(host, r->flags | O_CLOEXEC, 0666) : -1;
			free(host);
			if (fd < 0) {
				fputs(errno == ENOENT || !errno ? "The system cannot find the file specified.\r\n"
								 : "Access is denied.\r\n",
				      stderr);
				return -1;
			}
		}
		if (dup2(fd, r->fd) < 0)
			return -1;
		if (fd != r->dup)
			close(fd);
	}
	return 0;
}

/* An internal command alone: in this process, its redirections undone after. */
static int run_here(const struct command *cmd)
{
	int saved[10];
	for (int i = 0; i < 10; i++)
		saved[i] = fcntl(i, F_DUPFD_CLOEXEC, 10);
	fflush(stdout);
	int status = redirect(cmd) < 0 ? 1 : cmd_internal(&cmd->c);
	fflush(stdout);
	for (int i = 0; i < 10; i++) {
		if (saved[i] >= 0) {
			dup2(saved[i], i);
			close(saved[i]);
		} else {
			close(i);
		}
	}
	return status;
}

static int host_status(int st)
{
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* A pipeline of n commands, each in a child process; the last one's status. */
static int run_pipeline(struct command *cmds, int n)
{
	pid_t pids[MAX_PIPE];
	int in = -1, status = 0;
	fflush(stdout);
	fflush(stderr);
	for (int i = 0; i < n; i++) {
		int pfd[2] = { -1, -1 };
		if (i + 1 < n && pipe2(pfd, O_CLOEXEC) < 0)
			return 1;
		pids[i] = fork();
		if (pids[i] == 0) {
			if ((in >= 0 && dup2(in, 0) < 0) || (pfd[1] >= 0 && dup2(pfd[1], 1) < 0) ||
			    redirect(&cmds[i]) < 0)
				_exit(1);
			if (cmd_is_internal(&cmds[i].c)) {
				int st = cmd_internal(&cmds[i].c);
				fflush(stdout);
				_exit(cmd_exit_now ? cmd_exit_status : st);
			}
			cmd_external_exec(&cmds[i].c);
		}
		if (in >= 0)
			close(in);
		if (pfd[1] >= 0)
			close(pfd[1]);
		in = pfd[0];
	}
	for (int i = 0; i < n; i++) {
		int st = 0;
		while (pids[i] > 0 && waitpid(pids[i], &st, 0) < 0 && errno == EINTR)
			;
		if (i == n - 1)
			status = pids[i] > 0 ? host_status(st) : 1;
	}
	return status;
}

int cmd_line_run(const char *line)
{
	const char *p = line;
	int status = 0, run = 1, op = THEN;
	while (*p && !cmd_exit_now) {
		struct command cmds[MAX_PIPE];
		int n = 0;
		do {
			if (n == MAX_PIPE || parse_command(&cmds[n], &p, &op) < 0) {
				for (int i = 0; i < n; i++)
					free_command(&cmds[i]);
				return 1;
			}
			n++;
		} while (op == '|');
		int empty = n == 1 && !*cmds[0].c.name && !cmds[0].nr;
		if (run && !empty)
			status = n == 1 && cmd_is_internal(&cmds[0].c) ? run_here(&cmds[0])
								      : run_pipeline(cmds, n);
		for (int i = 0; i < n; i++)
			free_command(&cmds[i]);
		run = op == THEN || (op == AND && status == 0) || (op == OR && status != 0);
		if (op == END)
			break;
	}
	return status;
}
