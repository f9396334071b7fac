/* PATH between its host form ("/usr/bin:/bin") and its Windows form ("C:\Windows\system32;
 * C:\Windows;Z:\usr\bin;Z:\bin"), which Windows programs split on ';' (libshim/README.md, "The
 * environment"). Host-side code: no last error is set, so the loader may call it before the
 * first thread has a TEB. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "env.h"
#include "path.h"
#include "windir.h"

#define PATHEXT_DEFAULT ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC"

int path_env_is_windows(const char *path)
{
	return strchr(path, ';') || (isalpha((unsigned char)path[0]) && path[1] == ':' &&
				     (path[2] == '\\' || path[2] == '/'));
}

/* s appended to the growing string *out (length *k) with sep before it unless first; 0 or -1. */
static int append(char **out, size_t *k, const char *s, char sep)
{
	size_t n = strlen(s);
	char *o = realloc(*out, *k + n + 2);
	if (!o)
		return -1;
	if (*k)
		o[(*k)++] = sep;
	memcpy(o + *k, s, n + 1);
	*k += n;
	*out = o;
	return 0;
}

char *path_env_to_windows(const char *host)
{
	char *out = 0;
	size_t k = 0;
	if (append(&out, &k, windows_system_directory(), ';') < 0 ||
	    append(&out, &k, windows_directory(), ';') < 0)
		goto fail;
	for (const char *p = host; *p;) {
		size_t n = strcspn(p, ":");
		if (p[0] == '/') { /* empty and relative entries name no fixed directory: left out */
			char *entry = strndup(p, n), *win = entry ? path_from_host(entry) : 0;
			int r = win ? append(&out, &k, win, ';') : -1;
			free(entry), free(win);
			if (r < 0)
				goto fail;
		}
		p += n + !!p[n];
	}
	return out;
fail:
	free(out);
	return 0;
}

/* Does entry start with a mapped drive ("Z:\", or a letter XABI_DRIVE_<LETTER> names)? */
static int mapped_drive(const char *entry)
{
	if (!isalpha((unsigned char)entry[0]) || entry[1] != ':' || (entry[2] != '\\' && entry[2] != '/'))
		return 0;
	char name[] = "XABI_DRIVE_?";
	name[sizeof name - 2] = (char)toupper((unsigned char)entry[0]);
	const char *r = getenv(name);
	return name[sizeof name - 2] == 'Z' || (r && r[0] == '/');
}

/* Is host path h the directory root or inside it? */
static int inside(const char *h, const char *root)
{
	size_t n = strlen(root);
	return !strncmp(h, root, n) && (h[n] == '/' || !h[n]);
}

char *path_env_to_host(const char *win, int drop_windir)
{
	char root[4096];
	snprintf(root, sizeof root, "%s", windows_system_directory_host());
	*strrchr(root, '/') = 0; /* system32's parent: the Windows directory */
	char *out = strdup("");
	size_t k = 0;
	for (const char *p = win; out && *p;) {
		size_t n = strcspn(p, ";");
		char *entry = strndup(p, n);
		/* path_to_host sets the last error only on failures, which these checks rule out */
		char *h = entry && mapped_drive(entry) ? path_to_host(entry) : 0;
		if (h && !(drop_windir && inside(h, root)) && append(&out, &k, h, ':') < 0)
			out = 0;
		free(entry), free(h);
		p += n + !!p[n];
	}
	return out;
}

void path_env_windows_start(void)
{
	const char *path = env_get("PATH");
	if (path && !path_env_is_windows(path)) {
		char *w = path_env_to_windows(path);
		if (w)
			setenv("PATH", w, 1);
		free(w);
	}
	if (!env_get("PATHEXT"))
		setenv("PATHEXT", PATHEXT_DEFAULT, 0);
	if (!env_get("COMSPEC")) {
		char cmd[4200];
		snprintf(cmd, sizeof cmd, "%s\\cmd.exe", windows_system_directory());
		setenv("COMSPEC", cmd, 0);
	}
}
