/* The Windows directory (%SystemRoot%, GetWindowsDirectory) and its system32, as a real host
 * directory: xabi is one static binary with no prefix to ship one in, so it makes a small one on
 * demand in the user's cache, $XDG_CACHE_HOME/xabi/windows or ~/.cache/xabi/windows (else
 * /tmp/xabi-UID/windows, a directory only the user may write). What Windows keeps there and
 * programs read is linked to the host's own file, so it is never stale: system32\drivers\etc's
 * hosts, networks, protocol (Windows' name) and services are /etc/hosts, /etc/networks,
 * /etc/protocols and /etc/services. Every process checks the links and makes what is missing;
 * each step (mkdir, symlink) is atomic and an entry that is already there is kept, so xabi
 * processes starting at once agree. system32's cmd.exe and hostname.exe are links to xabi's own
 * executable, which runs them as built-in programs (libshim/system32/); a link to another xabi
 * is replaced (a new link renamed over it, atomic too). */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "env.h"
#include "path.h"
#include "windir.h"

static const struct {
	const char *name, *target;
} links[] = {
	{ "system32/drivers/etc/hosts", "/etc/hosts" },
	{ "system32/drivers/etc/networks", "/etc/networks" },
	{ "system32/drivers/etc/protocol", "/etc/protocols" },
	{ "system32/drivers/etc/services", "/etc/services" },
};

static char host_root[PATH_MAX], win_root[PATH_MAX];
static char host_system[PATH_MAX + 16], win_system[PATH_MAX + 16];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* mkdir -p: path and every missing parent (mode for those made). 0, or -1 with errno. */
static int make_dirs(const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	if (snprintf(buf, sizeof buf, "%s/", path) >= (int)sizeof buf)
		return errno = ENAMETOOLONG, -1;
	for (char *s = strchr(buf + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = 0;
		if (mkdir(buf, mode) < 0 && errno != EEXIST)
			return -1;
		*s = '/';
	}
	return 0;
}

/* Is every link of the directory root there (a link whose host file is missing counts)? When
 * make, the missing ones are made first. 0, or -1 with errno. */
static int links_in(const char *root, int make)
{
	char path[PATH_MAX];
	struct stat st;
	for (size_t i = 0; i < sizeof links / sizeof *links; i++) {
		if (snprintf(path, sizeof path, "%s/%s", root, links[i].name) >= (int)sizeof path)
			return errno = ENAMETOOLONG, -1;
		if (lstat(path, &st) == 0)
			continue;
		if (!make)
			return -1;
		char *slash = strrchr(path, '/');
		*slash = 0;
		if (make_dirs(path, 0755) < 0)
			return -1;
		*slash = '/';
		if (symlink(links[i].target, path) < 0 && errno != EEXIST)
			return -1;
	}
	return 0;
}

/* Does the directory under base work (made now if need be)? base/windows becomes the root. */
static int use(const char *base)
{
	if (snprintf(host_root, sizeof host_root, "%s/windows", base) >= (int)sizeof host_root)
		return 0;
	return links_in(host_root, 0) == 0 || links_in(host_root, 1) == 0;
}

/* /tmp/xabi-UID, made private: a directory (not a link) of this user that no one else may
 * write, so that another user cannot plant the links. */
static int use_tmp(char *base, size_t n)
{
	struct stat st;
	snprintf(base, n, "/tmp/xabi-%u", (unsigned)getuid());
	if (mkdir(base, 0700) < 0 && errno != EEXIST)
		return 0;
	if (lstat(base, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid() ||
	    (st.st_mode & 022))
		return errno = EPERM, 0;
	return use(base);
}

/* system32's built-in programs as links to this xabi (realpath of /proc/self/exe). */
static void self_links(void)
{
	static const char *const names[] = { "cmd.exe", "hostname.exe" };
	char self[PATH_MAX], path[PATH_MAX + 32], tmp[PATH_MAX + 64], now[PATH_MAX];
	if (!realpath("/proc/self/exe", self))
		return;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		snprintf(path, sizeof path, "%s/%s", host_system, names[i]);
		ssize_t n = readlink(path, now, sizeof now - 1);
		if (n >= 0 && (now[n] = 0, !strcmp(now, self)))
			continue;
		snprintf(tmp, sizeof tmp, "%s/.%s.%d", host_system, names[i], (int)getpid());
		unlink(tmp);
		if (symlink(self, tmp) < 0 || rename(tmp, path) < 0)
			unlink(tmp);
	}
}

static void find(void)
{
	char base[PATH_MAX];
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	int ok = 0, e = 0;
	if (xdg && xdg[0] == '/') {
		snprintf(base, sizeof base, "%s/xabi", xdg);
		ok = use(base);
	} else if (home && home[0] == '/') {
		snprintf(base, sizeof base, "%s/.cache/xabi", home);
		ok = use(base);
	}
	if (!ok) {
		e = errno;
		ok = use_tmp(base, sizeof base);
	}
	if (!ok) /* still named, so paths built on it fail as for a missing file */
		fprintf(stderr, "xabi: cannot make the Windows directory %s (%s; nor in the cache: %s)\n",
			host_root, strerror(errno), strerror(e));
	snprintf(host_system, sizeof host_system, "%s/system32", host_root);
	if (ok)
		self_links();
	char *win = path_from_host(host_root);
	snprintf(win_root, sizeof win_root, "%s", win ? win : "Z:\\");
	snprintf(win_system, sizeof win_system, "%s\\system32", win_root);
	free(win);
}

const char *windows_directory(void)
{
	pthread_once(&once, find);
	return win_root;
}

const char *windows_system_directory(void)
{
	pthread_once(&once, find);
	return win_system;
}

const char *windows_system_directory_host(void)
{
	pthread_once(&once, find);
	return host_system;
}

void windows_directory_env(void)
{
	static const char *const names[] = { "SystemRoot", "windir" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!env_get(names[i])) /* the user's own setting stays */
			setenv(names[i], windows_directory(), 0);
	path_env_windows_start();
}
