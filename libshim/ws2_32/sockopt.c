/* setsockopt/getsockopt: Windows' levels and option numbers (winsock2.h, ws2ipdef.h) mapped to
 * the host's, with the values whose layout differs converted: SO_LINGER (two u_shorts),
 * SO_RCVTIMEO/SO_SNDTIMEO (a DWORD of milliseconds), SO_ERROR (a winsock code), SO_DONTLINGER.
 * An option not in the table fails with WSAENOPROTOOPT and says so on stderr. */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include "ws2.h"

#define WS_SOL_SOCKET 0xffff
#define WS_IPPROTO_IP 0
#define WS_IPPROTO_TCP 6
#define WS_IPPROTO_IPV6 41

enum kind {
	PLAIN,       /* an int both sides */
	FLAG,        /* an int, read back as 0 or 1 */
	FLAG_BYTE,   /* the same, read back in one byte, as Windows does for these */
	LINGER,      /* struct linger: u_short l_onoff, l_linger */
	DONTLINGER,  /* a BOOL: SO_LINGER off when TRUE */
	TIMEOUT,     /* a DWORD of milliseconds: a timeval on the host */
	SOCK_ERROR,  /* SO_ERROR: a winsock code */
	SAME,        /* a structure with the host's layout (ip_mreq, ipv6_mreq, in_addr) */
	NOTHING,     /* accepted and without effect here */
};

static const struct opt {
	int level, name;   /* Windows' */
	int hlevel, hname; /* the host's */
	enum kind kind;
} opts[] = {
	{ WS_SOL_SOCKET, 0x0001, SOL_SOCKET, SO_DEBUG, FLAG },
	{ WS_SOL_SOCKET, 0x0002, SOL_SOCKET, SO_ACCEPTCONN, FLAG_BYTE },
	{ WS_SOL_SOCKET, 0x0004, SOL_SOCKET, SO_REUSEADDR, FLAG },
	{ WS_SOL_SOCKET, 0x0008, SOL_SOCKET, SO_KEEPALIVE, FLAG_BYTE },
	{ WS_SOL_SOCKET, 0x0010, SOL_SOCKET, SO_DONTROUTE, FLAG },
	{ WS_SOL_SOCKET, 0x0020, SOL_SOCKET, SO_BROADCAST, FLAG },
	{ WS_SOL_SOCKET, 0x0080, SOL_SOCKET, SO_LINGER, LINGER },
	{ WS_SOL_SOCKET, 0x0100, SOL_SOCKET, SO_OOBINLINE, FLAG },
	{ WS_SOL_SOCKET, (int)~0x0080, SOL_SOCKET, SO_LINGER, DONTLINGER },
	{ WS_SOL_SOCKET, 0x1001, SOL_SOCKET, SO_SNDBUF, PLAIN },
	{ WS_SOL_SOCKET, 0x1002, SOL_SOCKET, SO_RCVBUF, PLAIN },
	{ WS_SOL_SOCKET, 0x1005, SOL_SOCKET, SO_SNDTIMEO, TIMEOUT },
	{ WS_SOL_SOCKET, 0x1006, SOL_SOCKET, SO_RCVTIMEO, TIMEOUT },
	{ WS_SOL_SOCKET, 0x1007, SOL_SOCKET, SO_ERROR, SOCK_ERROR },
	{ WS_SOL_SOCKET, 0x1008, SOL_SOCKET, SO_TYPE, PLAIN },
	/* SO_UPDATE_ACCEPT_CONTEXT, SO_UPDATE_CONNECT_CONTEXT: the host socket of an AcceptEx or
	 * ConnectEx is already a complete one. */
	{ WS_SOL_SOCKET, 0x700B, 0, 0, NOTHING },
	{ WS_SOL_SOCKET, 0x7010, 0, 0, NOTHING },
	{ WS_IPPROTO_TCP, 0x0001, IPPROTO_TCP, TCP_NODELAY, FLAG },
	{ WS_IPPROTO_TCP, 0x0003, IPPROTO_TCP, TCP_KEEPIDLE, PLAIN }, /* TCP_KEEPALIVE, seconds */
	{ WS_IPPROTO_TCP, 0x0010, IPPROTO_TCP, TCP_KEEPCNT, PLAIN },
	{ WS_IPPROTO_TCP, 0x0011, IPPROTO_TCP, TCP_KEEPINTVL, PLAIN },
	{ WS_IPPROTO_IP, 3, IPPROTO_IP, IP_TOS, PLAIN },
	{ WS_IPPROTO_IP, 4, IPPROTO_IP, IP_TTL, PLAIN },
	{ WS_IPPROTO_IP, 9, IPPROTO_IP, IP_MULTICAST_IF, SAME },
	{ WS_IPPROTO_IP, 10, IPPROTO_IP, IP_MULTICAST_TTL, PLAIN },
	{ WS_IPPROTO_IP, 11, IPPROTO_IP, IP_MULTICAST_LOOP, FLAG },
	{ WS_IPPROTO_IP, 12, IPPROTO_IP, IP_ADD_MEMBERSHIP, SAME },
	{ WS_IPPROTO_IP, 13, IPPROTO_IP, IP_DROP_MEMBERSHIP, SAME },
	{ WS_IPPROTO_IPV6, 4, IPPROTO_IPV6, IPV6_UNICAST_HOPS, PLAIN },
	{ WS_IPPROTO_IPV6, 9, IPPROTO_IPV6, IPV6_MULTICAST_IF, PLAIN },
	{ WS_IPPROTO_IPV6, 10, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, PLAIN },
	{ WS_IPPROTO_IPV6, 11, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, FLAG },
	{ WS_IPPROTO_IPV6, 12, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, SAME },
	{ WS_IPPROTO_IPV6, 13, IPPROTO_IPV6, IPV6_DROP_MEMBERSHIP, SAME },
	{ WS_IPPROTO_IPV6, 27, IPPROTO_IPV6, IPV6_V6ONLY, FLAG },
};

static const struct opt *find(int level, int name, const char *call)
{
	for (size_t i = 0; i < sizeof opts / sizeof *opts; i++)
		if (opts[i].level == level && opts[i].name == name)
			return &opts[i];
	fprintf(stderr, "xabi: ws2_32!%s(level 0x%x, option 0x%x) is not implemented\n", call,
		(unsigned)level, (unsigned)name);
	win_set_last_error(WSAENOPROTOOPT);
	return 0;
}

/* A Windows int option of len bytes (a shorter BOOL is read as its bytes, as Windows does). */
static int read_int(const char *v, int len)
{
	int x = 0;
	memcpy(&x, v, len < 4 ? (size_t)len : 4);
	return x;
}

WINAPI int ws2_32_setsockopt(SOCKET s, int level, int name, const char *val, int len)
{
	int fd = ws_fd(s, 0);
	if (fd < 0)
		return SOCKET_ERROR;
	const struct opt *o = find(level, name, "setsockopt");
	if (!o)
		return SOCKET_ERROR;
	if (o->kind == NOTHING)
		return 0;
	if (!val || len <= 0)
		return ws_fail(WSAEFAULT);
	int x, r;
	struct linger l;
	struct timeval tv;
	switch (o->kind) {
	case LINGER:
		if (len < 4)
			return ws_fail(WSAEFAULT);
		unsigned short wl[2];
		memcpy(wl, val, sizeof wl);
		l = (struct linger){ wl[0] != 0, wl[1] };
		r = setsockopt(fd, o->hlevel, o->hname, &l, sizeof l);
		break;
	case DONTLINGER:
		l = (struct linger){ !read_int(val, len), 0 };
		r = setsockopt(fd, o->hlevel, o->hname, &l, sizeof l);
		break;
	case TIMEOUT:
		x = read_int(val, len);
		tv = (struct timeval){ (DWORD)x / 1000, (DWORD)x % 1000 * 1000 };
		r = setsockopt(fd, o->hlevel, o->hname, &tv, sizeof tv);
		break;
	case SAME:
		r = setsockopt(fd, o->hlevel, o->hname, val, (socklen_t)len);
		break;
	default:
		x = read_int(val, len);
		r = setsockopt(fd, o->hlevel, o->hname, &x, sizeof x);
	}
	return r < 0 ? ws_fail_errno(errno) : 0;
}

WINAPI int ws2_32_getsockopt(SOCKET s, int level, int name, char *val, int *len)
{
	int fd = ws_fd(s, 0);
	if (fd < 0)
		return SOCKET_ERROR;
	const struct opt *o = find(level, name, "getsockopt");
	if (!o)
		return SOCKET_ERROR;
	if (o->kind == NOTHING)
		return ws_fail(WSAENOPROTOOPT); /* set-only */
	if (!val || !len || *len < (o->kind == SAME || o->kind == FLAG_BYTE ? 1 : 4))
		return ws_fail(WSAEFAULT);
	union {
		int i;
		struct linger l;
		struct timeval tv;
		char raw[64];
	} h;
	socklen_t hl = o->kind == SAME ? (socklen_t)(*len < 64 ? *len : 64) : sizeof h;
	if (getsockopt(fd, o->hlevel, o->hname, &h, &hl) < 0)
		return ws_fail_errno(errno);
	int x;
	switch (o->kind) {
	case LINGER:
		memcpy(val, (unsigned short[2]){ h.l.l_onoff != 0, (unsigned short)h.l.l_linger }, 4);
		*len = 4;
		return 0;
	case DONTLINGER:
		x = !h.l.l_onoff;
		break;
	case TIMEOUT:
		x = (int)(h.tv.tv_sec * 1000 + h.tv.tv_usec / 1000);
		break;
	case SOCK_ERROR:
		x = h.i ? (int)ws_error(h.i) : 0;
		break;
	case FLAG:
		x = h.i != 0;
		break;
	case FLAG_BYTE:
		*val = h.i != 0;
		*len = 1;
		return 0;
	case SAME:
		memcpy(val, h.raw, hl);
		*len = (int)hl;
		return 0;
	default:
		x = h.i;
	}
	memcpy(val, &x, 4);
	*len = 4;
	return 0;
}
