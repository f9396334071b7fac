/* Sockets as handles: WSAStartup/WSACleanup, creating and closing sockets, binding, listening,
 * connecting, accepting, shutdown, names, ioctlsocket; and the blocking waits of calls on a
 * blocking socket (the host socket itself never blocks). */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>
#include "../kernel32/object.h"
#include "ws2.h"

static atomic_int started; /* WSAStartup calls not yet matched by WSACleanup */

int ws_fd(SOCKET s, struct handle_obj *o)
{
	struct handle_obj e;
	int found = handle_lookup((HANDLE)s, &e) == 0;
	if (found && handle_is_kobj(e.type))
		kobj_put(e.obj); /* INVALID_SOCKET is also the current-process pseudo-handle */
	if (!found || e.type != HANDLE_FILE || !(e.io & IO_SOCKET)) {
		win_set_last_error(WSAENOTSOCK);
		return -1;
	}
	if (o)
		*o = e;
	return e.fd;
}

SOCKET ws_new_socket(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0 || fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
		int e = errno;
		close(fd);
		ws_fail_errno(e);
		return INVALID_SOCKET;
	}
	HANDLE h = handle_add(&(struct handle_obj){ .type = HANDLE_FILE, .fd = fd, .io = IO_SOCKET });
	if (!h) {
		close(fd);
		win_set_last_error(WSAEMFILE);
		return INVALID_SOCKET;
	}
	return (SOCKET)h;
}

DWORD ws_wait(int fd, short events)
{
	struct timeval tv = { 0 };
	socklen_t n = sizeof tv;
	int ms = -1;
	if (!getsockopt(fd, SOL_SOCKET, events & POLLOUT ? SO_SNDTIMEO : SO_RCVTIMEO, &tv, &n) &&
	    (tv.tv_sec || tv.tv_usec))
		ms = (int)(tv.tv_sec * 1000 + tv.tv_usec / 1000);
	struct pollfd p = { fd, events, 0 };
	int r;
	while ((r = poll(&p, 1, ms)) < 0 && errno == EINTR)
		;
	if (r < 0)
		return ws_error(errno);
	return r ? 0 : WSAETIMEDOUT;
}

ssize_t ws_blocking(const struct handle_obj *o, short events, ssize_t (*call)(int fd, void *arg),
		    void *arg, DWORD *err)
{
	for (;;) {
		ssize_t r = call(o->fd, arg);
		if (r >= 0)
			return r;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN || (o->io & IO_NONBLOCKING)) {
			*err = ws_error(errno);
			return -1;
		}
		if ((*err = ws_wait(o->fd, events)))
			return -1;
	}
}

#define WSADESCRIPTION_LEN 256
#define WSASYS_STATUS_LEN 128

/* WSADATA as laid out for 64-bit programs (winsock2.h). */
typedef struct {
	WORD wVersion, wHighVersion;
	unsigned short iMaxSockets, iMaxUdpDg;
	char *lpVendorInfo;
	char szDescription[WSADESCRIPTION_LEN + 1];
	char szSystemStatus[WSASYS_STATUS_LEN + 1];
} WSADATA;
_Static_assert(offsetof(WSADATA, szDescription) == 16, "szDescription");
_Static_assert(sizeof(WSADATA) == 408, "WSADATA");

/* Versions 1.0 to 2.2 are accepted, the one used being the lower of the request and 2.2. */
WINAPI int ws2_32_WSAStartup(WORD version, WSADATA *data)
{
	BYTE major = version & 0xff, minor = version >> 8;
	if (!data)
		return WSAEFAULT;
	memset(data, 0, sizeof *data);
	data->wHighVersion = 0x0202;
	data->wVersion = major > 2 || (major == 2 && minor > 2) ? 0x0202 : version;
	strcpy(data->szDescription, "WinSock 2.0");
	strcpy(data->szSystemStatus, "Running");
	if (!major)
		return WSAVERNOTSUPPORTED;
	atomic_fetch_add(&started, 1);
	return 0;
}

WINAPI int ws2_32_WSACleanup(void)
{
	int n = atomic_load(&started);
	while (n > 0 && !atomic_compare_exchange_weak(&started, &n, n - 1))
		;
	return n > 0 ? 0 : ws_fail(WSANOTINITIALISED);
}

#define FROM_PROTOCOL_INFO (-1)
#define WSA_FLAG_OVERLAPPED 0x01
#define WSA_FLAG_NO_HANDLE_INHERIT 0x80

/* The fields of WSAPROTOCOL_INFOW that WSASocket reads (protocols.c has the whole layout). */
#define PROTO_INFO_AF 0x4c

static SOCKET make(int af, int type, int protocol)
{
	if (atomic_load(&started) <= 0) {
		win_set_last_error(WSANOTINITIALISED);
		return INVALID_SOCKET;
	}
	int haf = ws_family_to_host(af);
	if (haf < 0 || haf == AF_UNSPEC) {
		win_set_last_error(WSAEAFNOSUPPORT);
		return INVALID_SOCKET;
	}
	int fd = socket(haf, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
	if (fd < 0) {
		ws_fail_errno(errno);
		return INVALID_SOCKET;
	}
	return ws_new_socket(fd);
}

WINAPI SOCKET ws2_32_socket(int af, int type, int protocol)
{
	return make(af, type, protocol);
}

WINAPI SOCKET ws2_32_WSASocketW(int af, int type, int protocol, const void *info, DWORD group,
				DWORD flags)
{
	(void)flags; /* every socket can do overlapped I/O; none is inherited by children here */
	if (group)
		ws_unimplemented("WSASocket with socket groups");
	if (info) {
		const int *f = (const int *)((const char *)info + PROTO_INFO_AF);
		if (af == FROM_PROTOCOL_INFO)
			af = f[0];
		if (type == FROM_PROTOCOL_INFO)
			type = f[3];
		if (protocol == FROM_PROTOCOL_INFO)
			protocol = f[4];
	}
	return make(af, type, protocol);
}

WINAPI SOCKET ws2_32_WSASocketA(int af, int type, int protocol, const void *info, DWORD group,
				DWORD flags)
{
	return ws2_32_WSASocketW(af, type, protocol, info, group, flags);
}

WINAPI int ws2_32_closesocket(SOCKET s)
{
	if (ws_fd(s, 0) < 0)
		return SOCKET_ERROR;
	kernel32_CloseHandle((HANDLE)s); /* waiting operations end with ERROR_OPERATION_ABORTED */
	return 0;
}

WINAPI int ws2_32_bind(SOCKET s, const void *addr, int len)
{
	int fd = ws_fd(s, 0);
	struct sockaddr_storage a;
	socklen_t alen;
	if (fd < 0)
		return SOCKET_ERROR;
	DWORD err = ws_addr_to_host(addr, len, &a, &alen);
	if (err)
		return ws_fail(err);
	if (bind(fd, (struct sockaddr *)&a, alen) < 0)
		return ws_fail_errno(errno);
	if (a.ss_family == AF_UNIX)
		ws_unix_bound(addr, len, (struct sockaddr_un *)&a);
	return 0;
}

WINAPI int ws2_32_listen(SOCKET s, int backlog)
{
	int fd = ws_fd(s, 0);
	if (fd < 0)
		return SOCKET_ERROR;
	return listen(fd, backlog) < 0 ? ws_fail_errno(errno) : 0;
}

DWORD ws_connect_result(int fd)
{
	int e = 0;
	socklen_t n = sizeof e;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &n) < 0)
		e = errno;
	return e ? ws_error(e) : 0;
}

WINAPI int ws2_32_connect(SOCKET s, const void *addr, int len)
{
	struct handle_obj o;
	int fd = ws_fd(s, &o);
	struct sockaddr_storage a;
	socklen_t alen;
	if (fd < 0)
		return SOCKET_ERROR;
	DWORD err = ws_addr_to_host(addr, len, &a, &alen);
	if (err)
		return ws_fail(err);
	if (!connect(fd, (struct sockaddr *)&a, alen))
		return 0;
	if (errno != EINPROGRESS || (o.io & IO_NONBLOCKING))
		return ws_fail_errno(errno);
	if ((err = ws_wait(fd, POLLOUT)) || (err = ws_connect_result(fd)))
		return ws_fail(err);
	return 0;
}

struct accept_args {
	struct sockaddr_storage a;
	socklen_t len;
};

static ssize_t do_accept(int fd, void *arg)
{
	struct accept_args *x = arg;
	x->len = sizeof x->a;
	return accept4(fd, (struct sockaddr *)&x->a, &x->len, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

WINAPI SOCKET ws2_32_accept(SOCKET s, void *addr, int *len)
{
	struct handle_obj o;
	struct accept_args x;
	DWORD err;
	if (ws_fd(s, &o) < 0)
		return INVALID_SOCKET;
	ssize_t fd = ws_blocking(&o, POLLIN, do_accept, &x, &err);
	if (fd < 0) {
		win_set_last_error(err);
		return INVALID_SOCKET;
	}
	if (addr && (err = ws_addr_from_host((struct sockaddr *)&x.a, x.len, addr, len))) {
		close((int)fd);
		win_set_last_error(err);
		return INVALID_SOCKET;
	}
	return ws_new_socket((int)fd);
}

WINAPI int ws2_32_shutdown(SOCKET s, int how)
{
	int fd = ws_fd(s, 0);
	if (fd < 0)
		return SOCKET_ERROR;
	if (how < 0 || how > 2) /* SD_RECEIVE, SD_SEND, SD_BOTH are SHUT_RD, SHUT_WR, SHUT_RDWR */
		return ws_fail(WSAEINVAL);
	return shutdown(fd, how) < 0 ? ws_fail_errno(errno) : 0;
}

/* An unbound Internet socket: Linux names it 0.0.0.0:0, Windows refuses with WSAEINVAL. */
static int unbound(const struct sockaddr_storage *a)
{
	static const struct in6_addr any6;
	if (a->ss_family == AF_INET)
		return !((struct sockaddr_in *)a)->sin_port && !((struct sockaddr_in *)a)->sin_addr.s_addr;
	if (a->ss_family == AF_INET6)
		return !((struct sockaddr_in6 *)a)->sin6_port &&
		       !memcmp(&((struct sockaddr_in6 *)a)->sin6_addr, &any6, sizeof any6);
	return 0;
}

static int name(SOCKET s, void *addr, int *len, int peer)
{
	int fd = ws_fd(s, 0);
	struct sockaddr_storage a;
	socklen_t alen = sizeof a;
	if (fd < 0)
		return SOCKET_ERROR;
	if ((peer ? getpeername : getsockname)(fd, (struct sockaddr *)&a, &alen) < 0)
		return ws_fail_errno(errno);
	if (!peer && unbound(&a))
		return ws_fail(WSAEINVAL);
	DWORD err = ws_addr_from_host((struct sockaddr *)&a, alen, addr, len);
	return err ? ws_fail(err) : 0;
}

WINAPI int ws2_32_getsockname(SOCKET s, void *addr, int *len)
{
	return name(s, addr, len, 0);
}

WINAPI int ws2_32_getpeername(SOCKET s, void *addr, int *len)
{
	return name(s, addr, len, 1);
}

#define WS_FIONBIO 0x8004667Eu
#define WS_FIONREAD 0x4004667Fu

static DWORD set_nonblocking(struct handle_obj *o, void *arg)
{
	o->io = *(ULONG *)arg ? o->io | IO_NONBLOCKING : o->io & ~(DWORD)IO_NONBLOCKING;
	return 0;
}

WINAPI int ws2_32_ioctlsocket(SOCKET s, LONG cmd, ULONG *arg)
{
	int fd = ws_fd(s, 0), n = 0;
	if (fd < 0)
		return SOCKET_ERROR;
	if (!arg)
		return ws_fail(WSAEFAULT);
	switch ((DWORD)cmd) {
	case WS_FIONBIO:
		return handle_update((HANDLE)s, set_nonblocking, arg) < 0 ? ws_fail(WSAENOTSOCK) : 0;
	case WS_FIONREAD:
		if (ioctl(fd, FIONREAD, &n) < 0)
			return ws_fail_errno(errno);
		*arg = (ULONG)n;
		return 0;
	default:
		return ws_fail(WSAEINVAL);
	}
}
