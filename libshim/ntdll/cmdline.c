/* The Windows command line: one string, which the program splits itself. Built from an argv by
 * the rules CommandLineToArgvW and the C runtimes split by, so that each argument arrives as
 * given. */
#include <stdlib.h>
#include <string.h>
#include "cmdline.h"

/* Append arg to out (NULL: only measure), quoted where needed; returns the bytes it takes. */
static size_t quote(const char *arg, char *out)
{
	size_t k = 0;
#define PUT(c) (out ? (void)(out[k] = (c)) : (void)0, k++)
	if (*arg && !strpbrk(arg, " \t\n\v\"")) {
		for (; *arg; arg++)
			PUT(*arg);
		return k;
	}
	PUT('"');
	for (const char *p = arg;; p++) {
		size_t slashes = 0;
		while (*p == '\\') {
			p++;
			slashes++;
		}
		/* Backslashes are literal unless a quote follows: before the closing quote or an
		 * escaped one they are doubled. */
		size_t n = !*p ? 2 * slashes : *p == '"' ? 2 * slashes + 1 : slashes;
		while (n--)
			PUT('\\');
		if (!*p)
			break;
		PUT(*p);
	}
	PUT('"');
	return k;
#undef PUT
}

char *win_cmdline_build(int argc, char *const *argv)
{
	size_t n = 1;
	for (int i = 0; i < argc; i++)
		n += quote(argv[i], 0) + 1;
	char *s = malloc(n), *p = s;
	if (!s)
		return 0;
	for (int i = 0; i < argc; i++) {
		if (i)
			*p++ = ' ';
		p += quote(argv[i], p);
	}
	*p = 0;
	return s;
}

/* One argument from *sp into out (NULL: only measure); returns its length, or -1 at the end. */
static long next_arg(const char **sp, char *out, int first)
{
	const char *s = *sp;
	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return -1;
	long k = 0;
	int quoted = 0;
	if (first) { /* the program name: up to a blank, quotes only group */
		for (; *s && (quoted || (*s != ' ' && *s != '\t')); s++)
			if (*s == '"')
				quoted = !quoted;
			else if (out)
				out[k++] = *s;
			else
				k++;
		*sp = s;
		return k;
	}
	while (*s && (quoted || (*s != ' ' && *s != '\t'))) {
		size_t slashes = 0;
		while (*s == '\\') {
			s++;
			slashes++;
		}
		if (*s == '"') {
			for (size_t i = 0; i < slashes / 2; i++, k++)
				if (out)
					out[k] = '\\';
			if (slashes % 2) { /* an escaped quote */
				if (out)
					out[k] = '"';
				k++;
			} else if (quoted && s[1] == '"') { /* "" inside quotes: a literal quote */
				if (out)
					out[k] = '"';
				k++;
				s++;
			} else {
				quoted = !quoted;
			}
			s++;
		} else {
			for (size_t i = 0; i < slashes; i++, k++)
				if (out)
					out[k] = '\\';
			if (slashes)
				continue;
			if (out)
				out[k] = *s;
			k++;
			s++;
		}
	}
	*sp = s;
	return k;
}

char **win_cmdline_split(const char *cmdline, int *argc)
{
	/* One block: the pointer array, then the strings. */
	size_t nargs = 0, bytes = 0;
	const char *s = cmdline;
	for (long n; (n = next_arg(&s, 0, !nargs)) >= 0; nargs++)
		bytes += (size_t)n + 1;
	char **argv = malloc((nargs + 1) * sizeof *argv + bytes);
	if (!argv)
		return 0;
	char *p = (char *)(argv + nargs + 1);
	s = cmdline;
	for (size_t i = 0; i < nargs; i++) {
		long n = next_arg(&s, p, !i);
		argv[i] = p;
		p[n] = 0;
		p += n + 1;
	}
	argv[nargs] = 0;
	*argc = (int)nargs;
	return argv;
}
