/* cmd's external commands. A name with a drive or directory is that file; a bare name is looked
 * for in the current directory, then each PATH entry (host or Windows form); in each place the
 * name as given (when it has an extension), then with each of PATHEXT's extensions, file names
 * matched without regard to case. A Windows program (or a built-in one, a link to xabi) runs
 * through xabi with the command's arguments; a batch file or any other file is refused. */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../kernel32/env.h"
#include "../kernel32/path.h"
#include "../ntdll/cmdline.h"
#include "cmd.h"
#include "system32.h"

char *cmd_host_path(const char *win)
{
	char drive[] = "XABI_DRIVE_?";
	if (!*win || ((win[0] == '\\' || win[0] == '/') && (win[1] == '\\' || win[1] == '/')))
		return 0; /* UNC and \\?\ paths: not for cmd */
	if (isalpha((unsigned char)win[0]) && win[1] == ':') {
		drive[sizeof drive - 2] = (char)toupper((unsigned char)win[0]);
		const char *r = getenv(drive);
		if (drive[sizeof drive - 2] != 'Z' && !(r && r[0] == '/'))
			return 0; /* not mapped */
	}
	char *cwd = getcwd(0, 0); /* path_full needs it */
	if (!cwd)
		return 0;
	free(cwd);
	return path_to_host(win);
}

static int is_file(const char *host)
{
	struct stat st;
	return stat(host, &st) == 0 && S_ISREG(st.st_mode);
}

/* dir\name in Windows form, found without regard to case: its host path, or NULL. */
static char *try_in(const char *dir, const char *name, const char *ext)
{
	size_t n = strlen(dir) + strlen(name) + strlen(ext) + 2;
	char *w = malloc(n), *h;
	if (!w)
		return 0;
	snprintf(w, n, "%s%s%s%s", dir, *dir ? "\\" : "", name, ext);
	h = cmd_host_path(w);
	free(w);
	if (h && is_file(h))
		return h;
	free(h);
	return 0;
}

/* name in Windows directory dir ("" for as given), as given and with PATHEXT's extensions. */
static char *try_exts(const char *dir, const char *name)
{
	const char *base = strrchr(name, '\\'), *exts = env_get("PATHEXT");
	base = base ? base + 1 : name;
	char *h = strchr(base, '.') ? try_in(dir, name, "") : 0;
	for (const char *e = exts ? exts : ".COM;.EXE;.BAT;.CMD"; !h && *e;) {
		size_t n = strcspn(e, ";");
		char *ext = strndup(e, n);
		h = ext && n ? try_in(dir, name, ext) : 0;
		free(ext);
		e += n + !!e[n];
	}
	return h;
}

char *cmd_find(const char *name)
{
	if (!*name)
		return 0;
	if (strpbrk(name, "\\/:"))
		return try_exts("", name);
	char *h = try_exts(".", name);
	const char *path = env_get("PATH");
	char *host = path && path_env_is_windows(path) ? path_env_to_host(path, 0) : 0;
	path = host ? host : path;
	while (!h && path && *path) {
		size_t n = strcspn(path, ":");
		char *dir = strndup(path, n), *win = dir && dir[0] == '/' ? path_from_host(dir) : 0;
		h = win ? try_exts(win, name) : 0;
		free(dir), free(win);
		path += n + !!path[n];
	}
	free(host);
	return h;
}

static int is_pe(const char *host)
{
	char mz[2];
	int fd = open(host, O_RDONLY | O_CLOEXEC);
	int pe = fd >= 0 && read(fd, mz, 2) == 2 && !memcmp(mz, "MZ", 2);
	if (fd >= 0)
		close(fd);
	return pe;
}

static _Noreturn void refuse(const char *fmt, const char *name, int status)
{
	fprintf(stderr, fmt, name);
	fflush(stderr);
	_exit(status);
}

_Noreturn void cmd_external_exec(const struct cmd_simple *c)
{
	char *host = cmd_find(c->name);
	if (!host)
		refuse("'%s' is not recognized as an internal or external command,\r\n"
		       "operable program or batch file.\r\n", c->name, CMD_NOT_FOUND & 255);
	const char *ext = strrchr(host, '.');
	if (ext && (!strcasecmp(ext, ".bat") || !strcasecmp(ext, ".cmd")))
		refuse("xabi: cmd: batch files are not supported: %s\r\n", c->name, 2);
	if (!is_pe(host) && !system32_is_xabi(host))
		refuse("xabi: cmd: %s is not a Windows program\r\n", c->name, 1);
	int argc;
	char **args = win_cmdline_split(c->text + strspn(c->text, " \t"), &argc);
	char **argv = args ? calloc((size_t)argc + 6, sizeof *argv) : 0;
	if (!argv)
		_exit(1);
	int k = 0;
	argv[k++] = "xabi";
	argv[k++] = (char *)cmd_intercept;
	argv[k++] = "--argv0";
	argv[k++] = args[0];
	argv[k++] = "--";
	argv[k++] = host;
	for (int i = 1; i < argc; i++)
		argv[k++] = args[i];
	extern char **environ;
	execve("/proc/self/exe", argv, environ);
	refuse("xabi: cmd: cannot run %s\r\n", c->name, 1);
}
