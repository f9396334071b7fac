/* select over sockets, with Windows' fd_set (a count and an array of SOCKETs, FD_SETSIZE 64 by
 * default but sized by the program) and TIMEVAL (two 32-bit longs); through poll. As on Windows,
 * a failed connect shows in the exception set, and the first argument is ignored. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include "ws2.h"

typedef struct {
	UINT fd_count;
	SOCKET fd_array[];
} WS_FD_SET;

typedef struct {
	LONG tv_sec, tv_usec;
} WS_TIMEVAL;

/* A connect that failed: an error is pending and there is no peer (SO_ERROR is left for the
 * program to read). */
static int connect_failed(int fd)
{
	struct sockaddr_storage a;
	socklen_t n = sizeof a;
	return getpeername(fd, (struct sockaddr *)&a, &n) < 0;
}

WINAPI int ws2_32___WSAFDIsSet(SOCKET s, WS_FD_SET *set)
{
	for (UINT i = 0; i < set->fd_count; i++)
		if (set->fd_array[i] == s)
			return 1;
	return 0;
}

WINAPI int ws2_32_select(int nfds, WS_FD_SET *r, WS_FD_SET *w, WS_FD_SET *e, const WS_TIMEVAL *t)
{
	(void)nfds;
	WS_FD_SET *sets[3] = { r, w, e };
	static const short events[3] = { POLLIN, POLLOUT, POLLPRI };
	UINT total = 0;
	for (int k = 0; k < 3; k++)
		total += sets[k] ? sets[k]->fd_count : 0;
	if (!total)
		return ws_fail(WSAEINVAL); /* Windows refuses a select with no sockets */
	struct pollfd *p = calloc(total, sizeof *p);
	if (!p)
		return ws_fail(WSAENOBUFS);
	UINT n = 0;
	for (int k = 0; k < 3; k++)
		for (UINT i = 0; sets[k] && i < sets[k]->fd_count; i++) {
			int fd = ws_fd(sets[k]->fd_array[i], 0);
			if (fd < 0) {
				free(p);
				return SOCKET_ERROR;
			}
			p[n++] = (struct pollfd){ fd, events[k], 0 };
		}
	int ms = t ? (int)(t->tv_sec * 1000 + t->tv_usec / 1000) : -1, got;
	while ((got = poll(p, n, ms)) < 0 && errno == EINTR)
		;
	if (got < 0) {
		free(p);
		return ws_fail_errno(errno);
	}
	int ready = 0;
	n = 0;
	for (int k = 0; k < 3; k++) {
		if (!sets[k])
			continue;
		UINT kept = 0, count = sets[k]->fd_count;
		for (UINT i = 0; i < count; i++, n++) {
			short re = p[n].revents;
			int yes = k == 0 ? (re & (POLLIN | POLLHUP | POLLERR)) != 0
				  : k == 1 ? (re & POLLOUT) && !(re & POLLERR)
					   : (re & POLLPRI) || ((re & POLLERR) && connect_failed(p[n].fd));
			if (yes)
				sets[k]->fd_array[kept++] = sets[k]->fd_array[i];
		}
		sets[k]->fd_count = kept;
		ready += (int)kept;
	}
	free(p);
	return ready;
}
