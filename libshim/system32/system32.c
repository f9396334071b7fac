/* Which built-in Windows program a name names (system32.h). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "../kernel32/windir.h"
#include "system32.h"

static const struct {
	const char *name;
	system32_main *run;
} programs[] = {
	{ "cmd", system32_cmd },
	{ "hostname", system32_hostname },
};

system32_main *system32_find(const char *name)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	const char *b = strrchr(base, '\\'); /* a Windows path as --argv0 */
	base = b ? b + 1 : base;
	size_t n = strlen(base);
	if (n > 4 && !strcasecmp(base + n - 4, ".exe"))
		n -= 4;
	for (size_t i = 0; i < sizeof programs / sizeof *programs; i++)
		if (strlen(programs[i].name) == n && !strncasecmp(base, programs[i].name, n))
			return programs[i].run;
	return 0;
}

int system32_is_xabi(const char *path)
{
	char real[PATH_MAX], self[PATH_MAX], dir[PATH_MAX];
	if (!realpath(path, real))
		return 0;
	if (realpath("/proc/self/exe", self) && !strcmp(real, self))
		return 1;
	const char *slash = strrchr(path, '/');
	if (!system32_find(path) || !slash)
		return 0;
	snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	return realpath(dir, real) && realpath(windows_system_directory_host(), self) &&
	       !strcmp(real, self);
}
