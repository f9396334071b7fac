/* Microsoft's extension functions (mswsock.h): AcceptEx, ConnectEx and GetAcceptExSockaddrs, which
 * programs get from WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER) or import from mswsock.dll; and
 * WSAIoctl itself. AcceptEx and ConnectEx always take an OVERLAPPED and go through the async
 * engine (kernel32/async.h) when they cannot finish at once. */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../thunks/missing.h"
#include "../kernel32/async.h"
#include "ws2.h"

/* AcceptEx's output buffer holds each address as a DWORD length and the sockaddr (Windows' own
 * format there is private to it and GetAcceptExSockaddrs). */
static int put_addr(char *area, DWORD size, const struct sockaddr *a, socklen_t alen)
{
	int len = (int)size - (int)sizeof(DWORD);
	if (ws_addr_from_host(a, alen, area + sizeof(DWORD), &len))
		return -1;
	DWORD n = (DWORD)len;
	memcpy(area, &n, sizeof n);
	return 0;
}

struct accept_op {
	struct async_op op;
	SOCKET accept;
	int accept_fd;
	char *out;
	DWORD local_len, remote_len;
};

static DWORD try_accept(struct async_op *op, ULONG_PTR *bytes)
{
	struct accept_op *a = (struct accept_op *)op;
	struct sockaddr_storage local, remote;
	socklen_t llen = sizeof local, rlen = sizeof remote;
	int fd = accept4(op->fd, (struct sockaddr *)&remote, &rlen, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0)
		return errno == EAGAIN || errno == EINTR || errno == ECONNABORTED ? ERROR_IO_PENDING
										    : ws_error(errno);
	/* The accepted connection becomes the accept socket's descriptor, so its handle (and the
	 * completion port it may have joined) stay. It must still be that socket. */
	DWORD err = 0;
	if (ws_fd(a->accept, 0) != a->accept_fd)
		err = WSAENOTSOCK;
	else if (dup3(fd, a->accept_fd, O_CLOEXEC) < 0)
		err = ws_error(errno);
	else if (getsockname(a->accept_fd, (struct sockaddr *)&local, &llen) < 0)
		err = ws_error(errno);
	else if (put_addr(a->out, a->local_len, (struct sockaddr *)&local, llen) < 0 ||
		 put_addr(a->out + a->local_len, a->remote_len, (struct sockaddr *)&remote, rlen) < 0)
		err = WSAEFAULT;
	close(fd);
	*bytes = 0;
	return err;
}

WINAPI BOOL ws2_32_AcceptEx(SOCKET listener, SOCKET accept, void *out, DWORD recv_len,
			    DWORD local_len, DWORD remote_len, DWORD *received, OVERLAPPED *ov)
{
	int lfd = ws_fd(listener, 0), afd = lfd < 0 ? -1 : ws_fd(accept, 0);
	if (afd < 0)
		return FALSE;
	if (recv_len)
		ws_unimplemented("AcceptEx with a receive buffer (dwReceiveDataLength > 0)");
	if (!ov || !out) {
		win_set_last_error(!ov ? ERROR_INVALID_PARAMETER : WSAEFAULT);
		return FALSE;
	}
	struct accept_op *a = calloc(1, sizeof *a);
	if (!a) {
		win_set_last_error(WSAENOBUFS);
		return FALSE;
	}
	*a = (struct accept_op){ .op = { .try = try_accept, .ov = ov, .dir = ASYNC_READ },
				 .accept = accept, .accept_fd = afd, .out = out,
				 .local_len = local_len, .remote_len = remote_len };
	overlapped_start(ov);
	DWORD err = async_start((HANDLE)listener, lfd, &a->op);
	if (received)
		*received = 0;
	win_set_last_error(err);
	return !err;
}

WINAPI void ws2_32_GetAcceptExSockaddrs(void *buf, DWORD recv_len, DWORD local_len,
					DWORD remote_len, void **local, int *local_size,
					void **remote, int *remote_size)
{
	(void)remote_len;
	char *p = (char *)buf + recv_len;
	DWORD n;
	memcpy(&n, p, sizeof n);
	*local = p + sizeof n;
	*local_size = (int)n;
	memcpy(&n, p + local_len, sizeof n);
	*remote = p + local_len + sizeof n;
	*remote_size = (int)n;
}

/* A connect in progress finished when the socket is writable (or failed). */
static DWORD try_connected(struct async_op *op, ULONG_PTR *bytes)
{
	struct pollfd p = { op->fd, POLLOUT, 0 };
	if (poll(&p, 1, 0) < 1)
		return ERROR_IO_PENDING;
	*bytes = 0;
	return ws_connect_result(op->fd);
}

WINAPI BOOL ws2_32_ConnectEx(SOCKET s, const void *addr, int len, void *send_buf, DWORD send_len,
			     DWORD *sent, OVERLAPPED *ov)
{
	(void)send_buf;
	int fd = ws_fd(s, 0);
	struct sockaddr_storage a, self;
	socklen_t alen, slen = sizeof self;
	if (fd < 0)
		return FALSE;
	if (send_len)
		ws_unimplemented("ConnectEx with data to send (dwSendDataLength > 0)");
	if (!ov) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	DWORD err = ws_addr_to_host(addr, len, &a, &alen);
	if (err) {
		win_set_last_error(err);
		return FALSE;
	}
	/* ConnectEx needs a bound socket (Microsoft's documentation). */
	if (getsockname(fd, (struct sockaddr *)&self, &slen) < 0 ||
	    (self.ss_family == AF_INET && !((struct sockaddr_in *)&self)->sin_port) ||
	    (self.ss_family == AF_INET6 && !((struct sockaddr_in6 *)&self)->sin6_port)) {
		win_set_last_error(WSAEINVAL);
		return FALSE;
	}
	if (sent)
		*sent = 0;
	int r = connect(fd, (struct sockaddr *)&a, alen);
	if (r < 0 && errno != EINPROGRESS) {
		win_set_last_error(ws_error(errno));
		return FALSE;
	}
	overlapped_start(ov);
	if (!r) {
		overlapped_complete((HANDLE)s, ov, 0, 0, 1);
		return TRUE;
	}
	struct async_op *op = calloc(1, sizeof *op);
	if (!op) {
		overlapped_complete((HANDLE)s, ov, WSAENOBUFS, 0, 1);
		win_set_last_error(WSAENOBUFS);
		return FALSE;
	}
	*op = (struct async_op){ .try = try_connected, .ov = ov, .dir = ASYNC_WRITE };
	err = async_start((HANDLE)s, fd, op);
	win_set_last_error(err);
	return !err;
}

#define SIO_GET_EXTENSION_FUNCTION_POINTER 0xC8000006u
#define SIO_KEEPALIVE_VALS 0x98000004u
#define SIO_BASE_HANDLE 0x48000022u
#define SIO_UDP_CONNRESET 0x9800000Cu
#define SIO_UDP_NETRESET 0x9800000Fu
#define WS_FIONBIO 0x8004667Eu
#define WS_FIONREAD 0x4004667Fu

static const struct extension {
	GUID id;
	const char *name;
	void *fn; /* NULL: known, not implemented (a thunk that says so when called) */
} extensions[] = {
	{ { 0xb5367df1, 0xcbac, 0x11cf, { 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } },
	  "AcceptEx", (void *)ws2_32_AcceptEx },
	{ { 0x25a207b9, 0xddf3, 0x4660, { 0x8e, 0xe9, 0x76, 0xe5, 0x8c, 0x74, 0x06, 0x3e } },
	  "ConnectEx", (void *)ws2_32_ConnectEx },
	{ { 0xb5367df2, 0xcbac, 0x11cf, { 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } },
	  "GetAcceptExSockaddrs", (void *)ws2_32_GetAcceptExSockaddrs },
	{ { 0xb5367df0, 0xcbac, 0x11cf, { 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } },
	  "TransmitFile", (void *)ws2_32_TransmitFile },
	{ { 0x7fda2e11, 0x8630, 0x436f, { 0xa0, 0x31, 0xf5, 0x36, 0xa6, 0xee, 0xc1, 0x57 } },
	  "DisconnectEx", 0 },
	{ { 0xd9689da0, 0x1f90, 0x11d3, { 0x99, 0x71, 0x00, 0xc0, 0x4f, 0x68, 0xc8, 0x76 } },
	  "TransmitPackets", 0 },
	{ { 0xf689d7c8, 0x6f1f, 0x436b, { 0x8a, 0x53, 0xe5, 0x4f, 0xe3, 0x51, 0xc3, 0x22 } },
	  "WSARecvMsg", (void *)ws2_32_WSARecvMsg },
	{ { 0xa441e712, 0x754f, 0x43ca, { 0x84, 0xa7, 0x0d, 0xee, 0x44, 0xcf, 0x60, 0x6d } },
	  "WSASendMsg", (void *)ws2_32_WSASendMsg },
};

static DWORD extension(const void *in, DWORD inlen, void *out, DWORD outlen, DWORD *returned)
{
	if (!in || inlen < sizeof(GUID) || !out || outlen < sizeof(void *))
		return WSAEFAULT;
	for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++) {
		if (memcmp(in, &extensions[i].id, sizeof(GUID)))
			continue;
		void *fn = extensions[i].fn ? extensions[i].fn
					    : thunk_missing("mswsock.dll", extensions[i].name);
		if (!fn)
			return WSAENOBUFS;
		memcpy(out, &fn, sizeof fn);
		*returned = sizeof fn;
		return 0;
	}
	return WSAEINVAL; /* an extension Windows does not have either */
}

/* SIO_KEEPALIVE_VALS: struct tcp_keepalive { ULONG onoff, keepalivetime, keepaliveinterval },
 * the times in milliseconds (the host counts whole seconds). */
static DWORD keepalive(int fd, const void *in, DWORD inlen)
{
	ULONG v[3];
	if (!in || inlen < sizeof v)
		return WSAEFAULT;
	memcpy(v, in, sizeof v);
	int on = v[0] != 0, idle = v[1] < 1000 ? 1 : (int)(v[1] / 1000),
	    intvl = v[2] < 1000 ? 1 : (int)(v[2] / 1000);
	if (setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on) < 0 ||
	    (on && (setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle) < 0 ||
		    setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof intvl) < 0)))
		return ws_error(errno);
	return 0;
}

WINAPI int ws2_32_ioctlsocket(SOCKET s, LONG cmd, ULONG *arg);

WINAPI int ws2_32_WSAIoctl(SOCKET s, DWORD code, void *in, DWORD inlen, void *out, DWORD outlen,
			   DWORD *returned, OVERLAPPED *ov, void *routine)
{
	int fd = ws_fd(s, 0);
	if (fd < 0)
		return SOCKET_ERROR;
	if (routine)
		ws_unimplemented("WSAIoctl with a completion routine");
	DWORD err, n = 0;
	switch (code) {
	case SIO_GET_EXTENSION_FUNCTION_POINTER:
		err = extension(in, inlen, out, outlen, &n);
		break;
	case SIO_KEEPALIVE_VALS:
		err = keepalive(fd, in, inlen);
		break;
	case SIO_BASE_HANDLE: /* no layered providers: the socket is its own base */
		err = out && outlen >= sizeof s ? 0 : WSAEFAULT;
		if (!err) {
			memcpy(out, &s, sizeof s);
			n = sizeof s;
		}
		break;
	case SIO_UDP_CONNRESET:
	case SIO_UDP_NETRESET:
		/* Whether an ICMP error fails a later receive on an unconnected UDP socket: the host
		 * reports them on connected sockets only, whatever is asked (README). */
		err = in && inlen >= sizeof(BOOL) ? 0 : WSAEFAULT;
		break;
	case WS_FIONBIO:
	case WS_FIONREAD: {
		ULONG *arg = code == WS_FIONBIO ? in : out;
		DWORD len = code == WS_FIONBIO ? inlen : outlen;
		err = !arg || len < sizeof(ULONG) ? WSAEFAULT
		      : ws2_32_ioctlsocket(s, (LONG)code, arg) ? NtCurrentTeb()->LastErrorValue : 0;
		n = !err && code == WS_FIONREAD ? sizeof(ULONG) : 0;
		break;
	}
	default:
		fprintf(stderr, "xabi: ws2_32!WSAIoctl(0x%x) is not implemented\n", (unsigned)code);
		err = WSAEOPNOTSUPP;
	}
	if (returned)
		*returned = n;
	if (ov && !err) { /* these all finish at once */
		overlapped_start(ov);
		overlapped_complete((HANDLE)s, ov, 0, n, 1);
	}
	return err ? ws_fail(err) : 0;
}
