/* cmd's mklink [/D | /H] LINK TARGET: a symbolic link (a file or, with /D, a directory one; the
 * host has one kind) or with /H a hard link, as CreateSymbolicLink and CreateHardLink make them:
 * the target is stored in host form, an absolute one through the path mapping, a relative one
 * with '/' for '\' (libshim/README.md). /J (a junction) is not supported. mklink /? prints its
 * usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "cmd.h"

static const char usage[] =
	"Creates a symbolic link (xabi's cmd).\r\n"
	"\r\n"
	"MKLINK [[/D] | [/H]] Link Target\r\n"
	"\r\n"
	"        /D      Creates a directory symbolic link.  Default is a file\r\n"
	"                symbolic link.\r\n"
	"        /H      Creates a hard link instead of a symbolic link.\r\n"
	"        Link    Specifies the new symbolic link name.\r\n"
	"        Target  Specifies the path (relative or absolute) that the new link\r\n"
	"                refers to.\r\n"
	"(/J, a directory junction, is not supported.)\r\n";

static char *host_target(const char *t)
{
	if (t[0] == '\\' || t[0] == '/' || (t[0] && t[1] == ':'))
		return cmd_host_path(t);
	char *s = strdup(t);
	for (char *p = s; p && *p; p++)
		if (*p == '\\')
			*p = '/';
	return s;
}

int cmd_mklink(const char *rest)
{
	char *arg[4] = { 0 };
	int n = 0, status = 1;
	for (const char *p = rest; n < 4;) {
		p += strspn(p, " \t");
		if (!*p || !(arg[n] = cmd_word(&p)))
			break;
		n++;
	}
	int flag = n && arg[0][0] == '/' ? (arg[0][1] | 0x20) : 0;
	if (n && !strcmp(arg[0], "/?")) {
		fputs(usage, stdout);
		status = 0;
	} else if (flag == 'j') {
		fputs("xabi: cmd: mklink /J (a junction) is not supported\r\n", stderr);
	} else if ((flag && (flag != 'd' && flag != 'h')) || n != 2 + !!flag) {
		fputs("The syntax of the command is incorrect.\r\n", stderr);
	} else {
		const char *name = arg[!!flag], *target = arg[1 + !!flag];
		char *hl = cmd_host_path(name);
		char *ht = flag == 'h' ? cmd_host_path(target) : host_target(target);
		int r = hl && ht ? (flag == 'h' ? link(ht, hl) : symlink(ht, hl)) : (errno = ENOENT, -1);
		if (r == 0)
			printf("%s created for %s <<===>> %s\r\n",
			       flag == 'h' ? "Hardlink" : "symbolic link", name, target);
		else if (errno == EEXIST)
			fputs("Cannot create a file when that file already exists.\r\n", stderr);
		else
			fputs("The system cannot find the path specified.\r\n", stderr);
		status = r == 0 ? 0 : 1;
		free(hl), free(ht);
	}
	for (int i = 0; i < n; i++)
		free(arg[i]);
	return status;
}
