/* AF_UNIX names (Windows 10 1803+, afunix.h): Windows' SOCKADDR_UN is the host's layout (a
 * 16-bit family, 1, then 108 bytes of path), but its path is a Windows path. Going in, it becomes
 * a host path through kernel32/path.c; coming back (getsockname, getpeername, accept), a name this
 * process bound is given back as it was written, the way the socket keeps the name it was bound
 * to; another process's absolute name comes back in Windows form (Z:\...). Names that start with
 * a NUL (Linux's abstract ones) and empty ones pass through as they are. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>
#include "../kernel32/path.h"
#include "ws2.h"

#define UNIX_PATH 108 /* sizeof SOCKADDR_UN.sun_path, as the host's */

/* The names this process bound: host path -> Windows name, newest first. */
struct bound_name {
	struct bound_name *next;
	char *host, *win;
};
static struct bound_name *bound;
static pthread_mutex_t bound_lock = PTHREAD_MUTEX_INITIALIZER;

/* The path of a Windows sockaddr_un of len bytes, NUL-terminated in buf. */
static void win_path(const void *win, int len, char buf[UNIX_PATH + 1])
{
	size_t n = (size_t)len - offsetof(struct sockaddr_un, sun_path);
	if (n > UNIX_PATH)
		n = UNIX_PATH;
	memcpy(buf, (const char *)win + offsetof(struct sockaddr_un, sun_path), n);
	buf[n] = 0;
}

/* Whether a Windows sockaddr_un of len bytes names a path (not empty, not abstract). */
static int has_path(const void *win, int len)
{
	size_t head = offsetof(struct sockaddr_un, sun_path);
	return (size_t)len > head && ((const char *)win)[head];
}

DWORD ws_unix_to_host(const void *win, int len, struct sockaddr_un *out, socklen_t *outlen)
{
	if (!has_path(win, len)) {
		size_t n = (size_t)len < sizeof *out ? (size_t)len : sizeof *out;
		memcpy(out, win, n);
		out->sun_family = AF_UNIX;
		*outlen = (socklen_t)n;
		return 0;
	}
	char name[UNIX_PATH + 1];
	win_path(win, len, name);
	char *host = path_to_host(name);
	if (!host)
		return WSAEINVAL; /* a UNC name or a drive that is not mapped */
	size_t n = strlen(host);
	if (n >= sizeof out->sun_path) { /* longer on the host than the name given */
		free(host);
		return WSAENAMETOOLONG;
	}
	out->sun_family = AF_UNIX;
	memcpy(out->sun_path, host, n + 1);
	*outlen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
	free(host);
	return 0;
}

void ws_unix_bound(const void *win, int len, const struct sockaddr_un *host)
{
	if (!host->sun_path[0])
		return;
	char name[UNIX_PATH + 1];
	win_path(win, len, name);
	struct bound_name *b = malloc(sizeof *b);
	if (!b || !(b->host = strdup(host->sun_path)) || !(b->win = strdup(name))) {
		if (b)
			free(b->host);
		free(b);
		return; /* out of memory: the name comes back in Windows form instead */
	}
	pthread_mutex_lock(&bound_lock);
	b->next = bound;
	bound = b;
	pthread_mutex_unlock(&bound_lock);
}

/* The Windows name for host path h (malloc'd; NULL when out of memory). */
static char *windows_name(const char *h)
{
	pthread_mutex_lock(&bound_lock);
	for (struct bound_name *b = bound; b; b = b->next)
		if (!strcmp(b->host, h)) {
			char *w = strdup(b->win);
			pthread_mutex_unlock(&bound_lock);
			return w;
		}
	pthread_mutex_unlock(&bound_lock);
	if (*h == '/')
		return path_from_host(h);
	char *w = strdup(h); /* relative to another process's directory: as it was bound */
	for (char *p = w; p && *p; p++)
		if (*p == '/')
			*p = '\\';
	return w;
}

DWORD ws_unix_from_host(const struct sockaddr_un *a, socklen_t alen, void *win, int *len)
{
	size_t head = offsetof(struct sockaddr_un, sun_path);
	if (alen <= head || !a->sun_path[0]) {
		if (!win || !len || *len < 0 || (socklen_t)*len < alen)
			return WSAEFAULT;
		WORD f = WS_AF_UNIX;
		memcpy(win, a, alen);
		memcpy(win, &f, sizeof f);
		*len = (int)alen;
		return 0;
	}
	char h[sizeof a->sun_path + 1];
	size_t n = alen - head < sizeof a->sun_path ? alen - head : sizeof a->sun_path;
	memcpy(h, a->sun_path, n);
	h[n] = 0;
	char *w = windows_name(h);
	if (!w)
		return WSA_NOT_ENOUGH_MEMORY;
	size_t wn = strlen(w);
	DWORD err = 0;
	if (wn >= UNIX_PATH)
		err = WSAENAMETOOLONG;
	else if (!win || !len || *len < 0 || (size_t)*len < head + wn + 1)
		err = WSAEFAULT;
	else {
		WORD f = WS_AF_UNIX;
		memcpy(win, &f, sizeof f);
		memcpy((char *)win + head, w, wn + 1);
		*len = (int)(head + wn + 1);
	}
	free(w);
	return err;
}
