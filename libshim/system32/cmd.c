/* cmd.exe /c: runs one command line and ends with its status. Supported: the switches /C (also
 * /c), /S, /D and /Q; %NAME% replaced by the variable's value (an unknown one stays as written);
 * the quote rule of `cmd /?` for the line after /C; internal commands cd/chdir, echo, exit, ver;
 * external programs (Windows programs, run through xabi); pipelines, &, &&, || and redirections
 * (cmd_line.c). It sees the environment as a Windows program does (SystemRoot, windir, PATH in
 * Windows form, COMSPEC, PATHEXT: kernel32/windir.h). Not supported, each with a message and status 2: /K, no /C (interactive use),
 * other switches, batch files. The line after /C is rebuilt from argv by the C runtime's quoting
 * (xabi passes a child its arguments, not the parent's text): quotes inside an argument are
 * not seen as the parent wrote them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "../kernel32/env.h"
#include "../kernel32/windir.h"
#include "../ntdll/cmdline.h"
#include "cmd.h"
#include "system32.h"

#define CMD_UNSUPPORTED 2

int cmd_exit_now, cmd_exit_status;
const char *cmd_intercept;

/* line with each %NAME% of a set variable replaced by its value (malloc'd). */
static char *expand(const char *line)
{
	size_t cap = strlen(line) + 1, k = 0;
	char *out = malloc(cap);
	for (const char *p = line; out && *p;) {
		const char *end = *p == '%' ? strchr(p + 1, '%') : 0, *v = 0;
		if (end && end > p + 1) {
			char *name = strndup(p + 1, (size_t)(end - p - 1));
			v = name ? env_get(name) : 0;
			free(name);
		}
		size_t len = v ? strlen(v) : 1;
		if (k + len + 1 > cap) {
			char *o = realloc(out, cap = 2 * (k + len + 1));
			if (!o)
				free(out);
			out = o;
			if (!out)
				break;
		}
		memcpy(out + k, v ? v : p, len);
		k += len;
		p = v ? end + 1 : p + 1;
	}
	if (out)
		out[k] = 0;
	return out;
}

/* The quote rule of `cmd /?` for the text after /C: the quotes stay when there are exactly two,
 * with whitespace and none of &<>()@^| between them, around the name of a program (and no /S);
 * otherwise a leading quote and the last quote are removed. In place. */
static void strip_quotes(char *s, int slash_s)
{
	if (*s != '"')
		return;
	char *last = strrchr(s, '"');
	int quotes = 0;
	for (char *p = s; *p; p++)
		quotes += *p == '"';
	if (!slash_s && quotes == 2 && last > s) {
		char *inner = strndup(s + 1, (size_t)(last - s - 1));
		int keep = inner && !strpbrk(inner, "&<>()@^|") && strpbrk(inner, " \t");
		char *found = keep ? cmd_find(inner) : 0;
		free(inner);
		if (found) {
			free(found);
			return;
		}
	}
	if (last == s)
		last = 0;
	if (last)
		memmove(last, last + 1, strlen(last));
	memmove(s, s + 1, strlen(s));
}

static int unsupported(const char *what)
{
	fprintf(stderr, "xabi: cmd: %s is not supported (only cmd /c COMMAND)\r\n", what);
	return CMD_UNSUPPORTED;
}

/* The text after /C: the rest of its own argument ("/c exit 88" is one when a program quoted it),
 * then the later arguments, rebuilt into one line (malloc'd). */
static char *after_switch(const char *own, int argc, char **argv)
{
	own += strspn(own, " \t");
	char *later = win_cmdline_build(argc, argv);
	size_t n = later ? strlen(own) + strlen(later) + 2 : 0;
	char *line = later ? malloc(n) : 0;
	if (line)
		snprintf(line, n, "%s%s%s", own, *own && *later ? " " : "", later);
	free(later);
	return line;
}

int system32_cmd(int argc, char **argv, const char *intercept)
{
	cmd_intercept = intercept;
	windows_directory_env(); /* as for a Windows program: PATH in Windows form, COMSPEC... */
	int slash_s = 0, i = 0;
	for (;; i++) {
		const char *a = i < argc ? argv[i] : "";
		if (a[0] != '/' || !a[1] || (a[2] && a[2] != ' ' && a[2] != '\t'))
			return unsupported(a[0] == '/' ? "this switch" : "interactive use (no /c)");
		char sw = (char)(a[1] | 0x20);
		if (sw == 'c')
			break;
		if (sw == 'k')
			return unsupported("/k");
		if (sw == 's')
			slash_s = 1;
		else if (sw != 'd' && sw != 'q')
			return unsupported("this switch");
	}
	char *text = after_switch(argv[i] + 2, argc - i - 1, argv + i + 1);
	if (text)
		strip_quotes(text, slash_s);
	char *line = text ? expand(text) : 0;
	free(text);
	int status = line ? cmd_line_run(line) : 1;
	free(line);
	fflush(stdout);
	return cmd_exit_now ? cmd_exit_status : status;
}
