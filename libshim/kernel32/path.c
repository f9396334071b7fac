/* Windows paths <-> host paths (path.h; the scheme is in libshim/README.md, "Paths"):
 * Z:\ is the host's /, other drive letters are host directories named by XABI_DRIVE_<LETTER>,
 * both slashes separate, and a component that does not exist as spelled is looked up without
 * regard to case, since Windows file names are case-insensitive. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wctype.h>
#include "../ntdll/unicode.h"
#include "kernel32.h"
#include "path.h"

static char *fail(DWORD e)
{
	win_set_last_error(e);
	return 0;
}

/* The host directory of drive letter d (upper case); NULL when the drive is not mapped. */
static const char *drive_root(int d)
{
	if (d == 'Z')
		return "/";
	char name[] = "XABI_DRIVE_?";
	name[sizeof name - 2] = (char)d;
	const char *r = getenv(name);
	return r && r[0] == '/' ? r : 0;
}

/* The device a whole final component names ("nul", "con.txt", "CONOUT$"); its length, or 0.
 * NUL and CON name the device with any extension, as in Win32's legacy rules. */
static size_t device_name(const char *c)
{
	size_t n = strcspn(c, ".\\");
	while (n && c[n - 1] == ' ')
		n--;
	if (strchr(c, '\\'))
		return 0;
	if (n == 3 && (!strncasecmp(c, "NUL", 3) || !strncasecmp(c, "CON", 3)))
		return 3;
	if (!strcasecmp(c, "CONIN$") || !strcasecmp(c, "CONOUT$"))
		return strlen(c);
	return 0;
}

static char *device(const char *name, size_t n)
{
	char *r = malloc(n + 5);
	if (!r)
		return fail(ERROR_NOT_ENOUGH_MEMORY);
	memcpy(r, "\\\\.\\", 4);
	memcpy(r + 4, name, n);
	r[n + 4] = 0;
	return r;
}

char *path_cwd(void)
{
	char *host = getcwd(0, 0);
	if (!host)
		return fail(win_error_from_errno(errno));
	char *w = path_from_host(host);
	free(host);
	return w ? w : fail(ERROR_NOT_ENOUGH_MEMORY);
}

/* Append the components of src to out ("D:" and then "\name" per component, length *k), by
 * Win32's rules: "." and empty ones vanish, ".." removes the previous one (never the root),
 * trailing dots and spaces are dropped from each name. */
static void add_components(char *out, size_t *k, const char *src)
{
	while (*src) {
		size_t n = strcspn(src, "\\");
		const char *c = src;
		src += n + (src[n] == '\\');
		if (n == 2 && c[0] == '.' && c[1] == '.') {
			while (*k > 2 && out[*k - 1] != '\\')
				(*k)--;
			if (*k > 2)
				(*k)--;
			continue;
		}
		while (n && (c[n - 1] == '.' || c[n - 1] == ' '))
			n--;
		if (!n)
			continue;
		out[(*k)++] = '\\';
		memcpy(out + *k, c, n);
		*k += n;
	}
}

char *path_full(const char *in)
{
	if (!*in)
		return fail(ERROR_PATH_NOT_FOUND);
	char *s = strdup(in);
	if (!s)
		return fail(ERROR_NOT_ENOUGH_MEMORY);
	for (char *q = s; *q; q++)
		if (*q == '/')
			*q = '\\';
	const char *p = s;
	int literal = 0; /* \\?\ and \\.\: no device names inside ordinary paths */
	if (p[0] == '\\' && p[1] == '\\') {
		if ((p[2] != '?' && p[2] != '.') || p[3] != '\\' || !strncasecmp(p + 4, "UNC\\", 4)) {
			free(s);
			return fail(ERROR_BAD_NETPATH);
		}
		p += 4;
		literal = 1;
		size_t dn = device_name(p);
		if (dn && dn == strlen(p)) {
			char *r = device(p, dn);
			free(s);
			return r;
		}
		if (!isalpha((unsigned char)p[0]) || p[1] != ':') {
			free(s);
			return fail(ERROR_PATH_NOT_FOUND);
		}
	}
	char *cwd = 0;
	int drive;
	const char *rest = p;
	if (isalpha((unsigned char)p[0]) && p[1] == ':') {
		drive = toupper((unsigned char)p[0]);
		rest = p + 2;
	} else {
		drive = 0;
	}
	if (*rest != '\\') { /* relative: to the current directory, if it is on this drive */
		if (!(cwd = path_cwd())) {
			free(s);
			return 0;
		}
		if (drive && drive != cwd[0])
			cwd[3] = 0; /* another drive: its root (Windows keeps one directory per drive) */
		if (!drive)
			drive = cwd[0];
	} else if (!drive) { /* "\dir": the current drive's root */
		if (!(cwd = path_cwd())) {
			free(s);
			return 0;
		}
		drive = cwd[0];
		cwd[3] = 0;
	}
	size_t k = 2;
	char *out = malloc(strlen(rest) + (cwd ? strlen(cwd) : 0) + 8);
	if (!out) {
		free(s), free(cwd);
		return fail(ERROR_NOT_ENOUGH_MEMORY);
	}
	out[0] = (char)drive;
	out[1] = ':';
	if (cwd && *rest != '\\')
		add_components(out, &k, cwd + 3);
	add_components(out, &k, rest);
	int trailing = in[strlen(in) - 1] == '\\' || in[strlen(in) - 1] == '/';
	if (k == 2 || trailing)
		out[k++] = '\\';
	out[k] = 0;
	free(s), free(cwd);
	const char *last = strrchr(out, '\\') + 1;
	size_t dn = literal ? 0 : device_name(last);
	if (dn) {
		char *r = device(last, dn);
		free(out);
		return r;
	}
	return out;
}

/* Do two names match without regard to case (Unicode simple upper-casing, per UTF-16 unit)? */
static int same_name(const char *a, const char *b)
{
	WCHAR wa[512], wb[512];
	size_t na = utf8_to_utf16(a, -1, wa, 512), nb = utf8_to_utf16(b, -1, wb, 512);
	if (na != nb || na > 512)
		return 0;
	for (size_t i = 0; i < na; i++)
		if (wa[i] != wb[i] && towupper(wa[i]) != towupper(wb[i]))
			return 0;
	return 1;
}

/* The entry of directory dir whose name matches name without regard to case (malloc'd), or NULL. */
static char *find_nocase(const char *dir, const char *name)
{
	DIR *d = opendir(*dir ? dir : "/");
	if (!d)
		return 0;
	char *found = 0;
	struct dirent *e;
	while (!found && (e = readdir(d)))
		if (same_name(e->d_name, name))
			found = strdup(e->d_name);
	closedir(d);
	return found;
}

/* Does a \\?\ path (which Windows hands to the file system as it is) have a "." or ".."
 * component? No file system takes those as names. */
static int literal_dots(const char *p)
{
	if (!(p[0] == '\\' || p[0] == '/') || !(p[1] == '\\' || p[1] == '/') || p[2] != '?' ||
	    !(p[3] == '\\' || p[3] == '/'))
		return 0;
	for (p += 4; *p;) {
		size_t n = strcspn(p, "\\/");
		if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return 1;
		p += n + (p[n] != 0);
	}
	return 0;
}

char *path_to_host(const char *path)
{
	if (literal_dots(path))
		return fail(ERROR_INVALID_NAME);
	char *full = path_full(path);
	if (!full)
		return 0;
	if (!strncmp(full, "\\\\.\\", 4)) {
		const char *dev = !strncasecmp(full + 4, "NUL", 3) ? "/dev/null" : "/dev/tty";
		free(full);
		char *r = strdup(dev);
		return r ? r : fail(ERROR_NOT_ENOUGH_MEMORY);
	}
	const char *root = drive_root(full[0]);
	if (!root) {
		free(full);
		return fail(ERROR_PATH_NOT_FOUND);
	}
	size_t cap = strlen(root) + strlen(full) + 2, k = strlen(root);
	char *host = malloc(cap);
	if (!host) {
		free(full);
		return fail(ERROR_NOT_ENOUGH_MEMORY);
	}
	memcpy(host, root, k);
	while (k && host[k - 1] == '/')
		k--;
	int missing = 0;
	for (char *c = full + 3; *c;) {
		size_t n = strcspn(c, "\\");
		char save = c[n];
		c[n] = 0;
		size_t dir_end = k;
		host[k++] = '/';
		memcpy(host + k, c, n + 1);
		k += n;
		struct stat st;
		if (!missing && lstat(host, &st) < 0) {
			host[dir_end] = 0;
			char *real = find_nocase(host, c);
			host[dir_end] = '/';
			if (real) {
				size_t rn = strlen(real);
				cap += rn;
				char *h = realloc(host, cap);
				if (!h) {
					free(real), free(host), free(full);
					return fail(ERROR_NOT_ENOUGH_MEMORY);
				}
				host = h;
				memcpy(host + dir_end + 1, real, rn + 1);
				k = dir_end + 1 + rn;
				free(real);
			} else {
				missing = 1;
			}
		}
		c[n] = save;
		c += n + (save == '\\');
		if (!save && full[strlen(full) - 1] == '\\')
			host[k++] = '/';
	}
	if (!k)
		host[k++] = '/';
	host[k] = 0;
	free(full);
	return host;
}

char *path_to_host_w(const WCHAR *path)
{
	char *a = utf16_to_utf8_dup(path);
	if (!a)
		return fail(ERROR_NOT_ENOUGH_MEMORY);
	char *h = path_to_host(a);
	free(a);
	return h;
}

char *path_from_host(const char *host)
{
	int drive = 'Z';
	size_t skip = 0;
	for (int d = 'A'; d < 'Z'; d++) { /* the mapped drive with the longest matching directory */
		const char *r = drive_root(d);
		if (!r)
			continue;
		size_t n = strlen(r);
		while (n && r[n - 1] == '/')
			n--;
		if (n > skip && !strncmp(host, r, n) && (host[n] == '/' || !host[n]))
			drive = d, skip = n;
	}
	const char *tail = host + skip;
	size_t n = strlen(tail);
	while (n && tail[n - 1] == '/')
		n--;
	char *w = malloc(n + 4);
	if (!w)
		return 0;
	w[0] = (char)drive;
	w[1] = ':';
	size_t k = 2;
	for (size_t i = 0; i < n; i++)
		w[k++] = tail[i] == '/' ? '\\' : tail[i];
	if (k == 2)
		w[k++] = '\\';
	w[k] = 0;
	return w;
}

DWORD path_error(const char *host, int e)
{
	if (e != ENOENT)
		return win_error_from_errno(e);
	char *dir = strdup(host);
	if (!dir)
		return ERROR_NOT_ENOUGH_MEMORY;
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = 0;
	char *slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir] = 0;
	struct stat st;
	int parent = slash && stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
	free(dir);
	return parent ? ERROR_FILE_NOT_FOUND : ERROR_PATH_NOT_FOUND;
}

DWORD path_return_a(const char *s, char *buf, DWORD n)
{
	size_t len = strlen(s);
	if (len + 1 > n)
		return (DWORD)(len + 1);
	memcpy(buf, s, len + 1);
	return (DWORD)len;
}

DWORD path_return_w(const char *s, WCHAR *buf, DWORD n)
{
	size_t len = utf8_to_utf16(s, -1, 0, 0); /* with the NUL */
	if (len > n)
		return (DWORD)len;
	utf8_to_utf16(s, -1, buf, n);
	return (DWORD)(len - 1);
}
