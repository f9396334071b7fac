/* Sending and receiving: send/recv/sendto/recvfrom and their WSA forms with WSABUF arrays and
 * OVERLAPPED. One transfer is one struct xfer whatever the call: a blocking call runs it on the
 * caller's thread (waiting in poll), an overlapped one through the async engine
 * (kernel32/async.h), which completes it on the socket's completion port. A stream send
 * completes once everything is sent, as Windows' does; MSG_WAITALL receives fill the buffers
 * (or stop at the end of the stream). */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include "../kernel32/async.h"
#include "ws2.h"

#define ERROR_MORE_DATA 234

struct xfer {
	struct async_op op; /* first: the engine's view */
	int flags;          /* the host's MSG_* */
	int waitall;        /* a receive that fills every buffer */
	int stream;         /* SOCK_STREAM: sends go on until all is sent */
	size_t count, done;
	struct sockaddr_storage to; /* sends with an address */
	socklen_t tolen;
	void *from; /* receives with an address: Windows' buffer and its length, filled when done */
	int *fromlen;
	DWORD nbuf;
	WSABUF bufs[];
};

/* The buffers past the first done bytes, at most IOV_MAX of them (the host's limit per call: a
 * stream transfer goes on with the rest). */
static int iov_from(const struct xfer *x, struct iovec *iov)
{
	size_t skip = x->done;
	int n = 0;
	for (DWORD i = 0; i < x->nbuf && n < IOV_MAX; i++) {
		size_t len = x->bufs[i].len;
		if (skip >= len) {
			skip -= len;
			continue;
		}
		iov[n++] = (struct iovec){ x->bufs[i].buf + skip, len - skip };
		skip = 0;
	}
	return n;
}

static DWORD try_send(struct async_op *op, ULONG_PTR *bytes)
{
	struct xfer *x = (struct xfer *)op;
	struct iovec iov[IOV_MAX];
	do {
		struct msghdr m = { .msg_iov = iov, .msg_iovlen = (size_t)iov_from(x, iov) };
		if (x->tolen) {
			m.msg_name = &x->to;
			m.msg_namelen = x->tolen;
		}
		ssize_t r = sendmsg(op->fd, &m, x->flags | MSG_NOSIGNAL);
		if (r < 0)
			return errno == EAGAIN || errno == EINTR ? ERROR_IO_PENDING : ws_error(errno);
		x->done += (size_t)r;
	} while (x->stream && x->done < x->count);
	*bytes = x->done;
	return 0;
}

static DWORD try_recv(struct async_op *op, ULONG_PTR *bytes)
{
	struct xfer *x = (struct xfer *)op;
	struct iovec iov[IOV_MAX];
	struct sockaddr_storage from;
	struct msghdr m = { .msg_iov = iov, .msg_iovlen = (size_t)iov_from(x, iov) };
	if (x->from) {
		m.msg_name = &from;
		m.msg_namelen = sizeof from;
	}
	ssize_t r = recvmsg(op->fd, &m, x->flags);
	if (r < 0)
		return errno == EAGAIN || errno == EINTR ? ERROR_IO_PENDING : ws_error(errno);
	x->done += (size_t)r;
	if (x->waitall && r && x->done < x->count)
		return ERROR_IO_PENDING;
	*bytes = x->done;
	if (x->from && m.msg_namelen && ws_addr_from_host((struct sockaddr *)&from, m.msg_namelen, x->from,
					 x->fromlen))
		return WSAEFAULT;
	/* A datagram larger than the buffers: what fits, and Windows' "more data" status. */
	return m.msg_flags & MSG_TRUNC ? ERROR_MORE_DATA : 0;
}

static struct xfer *new_xfer(const WSABUF *bufs, DWORD n, DWORD wflags, int sending, DWORD *err)
{
	if (wflags & ~(DWORD)(WS_MSG_OOB | WS_MSG_PEEK | WS_MSG_DONTROUTE | WS_MSG_WAITALL)) {
		*err = WSAEOPNOTSUPP;
		return 0;
	}
	if (!bufs && n) {
		*err = WSAEFAULT;
		return 0;
	}
	struct xfer *x = calloc(1, sizeof *x + n * sizeof *bufs);
	if (!x) {
		*err = WSAENOBUFS;
		return 0;
	}
	x->op.try = sending ? try_send : try_recv;
	x->op.dir = sending ? ASYNC_WRITE : ASYNC_READ;
	x->flags = (int)(wflags & (WS_MSG_OOB | WS_MSG_PEEK | WS_MSG_DONTROUTE));
	x->waitall = !sending && (wflags & WS_MSG_WAITALL);
	x->nbuf = n;
	for (DWORD i = 0; i < n; i++) {
		x->bufs[i] = bufs[i];
		x->count += bufs[i].len;
	}
	return x;
}

/* Run x on socket s (descriptor in o): through the engine with an OVERLAPPED, else here. The
 * winsock result: 0 with *count set, or SOCKET_ERROR with the last error (ERROR_IO_PENDING when
 * the OVERLAPPED will complete later). */
static int run(SOCKET s, const struct handle_obj *o, struct xfer *x, OVERLAPPED *ov, DWORD *count,
	       void *routine)
{
	if (routine)
		ws_unimplemented("WSASend/WSARecv with a completion routine");
	int type = 0;
	socklen_t tl = sizeof type;
	getsockopt(o->fd, SOL_SOCKET, SO_TYPE, &type, &tl);
	x->stream = type == SOCK_STREAM;
	if (ov) {
		x->op.ov = ov;
		overlapped_start(ov);
		DWORD err = async_start((HANDLE)s, o->fd, &x->op); /* ERROR_IO_PENDING is WSA_IO_PENDING */
		if (!err && count)
			*count = (DWORD)ov->InternalHigh;
		return err ? ws_fail(err) : 0;
	}
	x->op.fd = o->fd;
	DWORD err;
	ULONG_PTR n = 0;
	while ((err = x->op.try(&x->op, &n)) == ERROR_IO_PENDING) {
		if (o->io & IO_NONBLOCKING) {
			/* A non-blocking send that got part out reports that part. */
			err = x->done && x->op.dir == ASYNC_WRITE ? 0 : WSAEWOULDBLOCK;
			n = x->done;
			break;
		}
		if ((err = ws_wait(o->fd, x->op.dir == ASYNC_READ ? POLLIN : POLLOUT)))
			break;
	}
	free(x);
	if (err == ERROR_MORE_DATA)
		err = WSAEMSGSIZE;
	if (count)
		*count = err && err != WSAEMSGSIZE ? 0 : (DWORD)n;
	return err ? ws_fail(err) : 0;
}

WINAPI int ws2_32_WSASendTo(SOCKET s, WSABUF *bufs, DWORD n, DWORD *sent, DWORD flags,
			    const void *to, int tolen, OVERLAPPED *ov, void *routine)
{
	struct handle_obj o;
	DWORD err;
	if (ws_fd(s, &o) < 0)
		return SOCKET_ERROR;
	struct xfer *x = new_xfer(bufs, n, flags, 1, &err);
	if (!x)
		return ws_fail(err);
	if (to && (err = ws_addr_to_host(to, tolen, &x->to, &x->tolen))) {
		free(x);
		return ws_fail(err);
	}
	return run(s, &o, x, ov, sent, routine);
}

WINAPI int ws2_32_WSASend(SOCKET s, WSABUF *bufs, DWORD n, DWORD *sent, DWORD flags,
			  OVERLAPPED *ov, void *routine)
{
	return ws2_32_WSASendTo(s, bufs, n, sent, flags, 0, 0, ov, routine);
}

WINAPI int ws2_32_WSARecvFrom(SOCKET s, WSABUF *bufs, DWORD n, DWORD *got, DWORD *flags,
			      void *from, int *fromlen, OVERLAPPED *ov, void *routine)
{
	struct handle_obj o;
	DWORD err;
	if (ws_fd(s, &o) < 0)
		return SOCKET_ERROR;
	if (!flags)
		return ws_fail(WSAEFAULT);
	struct xfer *x = new_xfer(bufs, n, *flags, 0, &err);
	if (!x)
		return ws_fail(err);
	if (from && !fromlen) {
		free(x);
		return ws_fail(WSAEFAULT);
	}
	x->from = from;
	x->fromlen = fromlen;
	*flags = 0; /* no MSG_PARTIAL: a datagram is whole or reported with WSAEMSGSIZE */
	return run(s, &o, x, ov, got, routine);
}

WINAPI int ws2_32_WSARecv(SOCKET s, WSABUF *bufs, DWORD n, DWORD *got, DWORD *flags,
			  OVERLAPPED *ov, void *routine)
{
	return ws2_32_WSARecvFrom(s, bufs, n, got, flags, 0, 0, ov, routine);
}

WINAPI int ws2_32_sendto(SOCKET s, const char *buf, int len, int flags, const void *to, int tolen)
{
	DWORD sent = 0;
	if (len < 0)
		return ws_fail(WSAEINVAL);
	WSABUF b = { (ULONG)len, (char *)buf };
	int r = ws2_32_WSASendTo(s, &b, 1, &sent, (DWORD)flags, to, tolen, 0, 0);
	return r ? r : (int)sent;
}

WINAPI int ws2_32_send(SOCKET s, const char *buf, int len, int flags)
{
	return ws2_32_sendto(s, buf, len, flags, 0, 0);
}

WINAPI int ws2_32_recvfrom(SOCKET s, char *buf, int len, int flags, void *from, int *fromlen)
{
	DWORD got = 0, f = (DWORD)flags;
	if (len < 0)
		return ws_fail(WSAEINVAL);
	WSABUF b = { (ULONG)len, buf };
	int r = ws2_32_WSARecvFrom(s, &b, 1, &got, &f, from, fromlen, 0, 0);
	return r ? r : (int)got;
}

WINAPI int ws2_32_recv(SOCKET s, char *buf, int len, int flags)
{
	return ws2_32_recvfrom(s, buf, len, flags, 0, 0);
}

WINAPI BOOL ws2_32_WSAGetOverlappedResult(SOCKET s, OVERLAPPED *ov, DWORD *bytes, BOOL wait,
					  DWORD *flags)
{
	if (ws_fd(s, 0) < 0)
		return FALSE;
	if (flags)
		*flags = 0;
	if (kernel32_GetOverlappedResult((HANDLE)s, ov, bytes, wait))
		return TRUE;
	if (NtCurrentTeb()->LastErrorValue == ERROR_MORE_DATA)
		win_set_last_error(WSAEMSGSIZE);
	return FALSE;
}

/* WSAMSG (ws2def.h): WSASendMsg and WSARecvMsg are WSASendTo and WSARecvFrom with the buffers,
 * address and flags in one block. Control data is not translated: sending some is not
 * implemented, and receives never return any (no option asks the host for it). */
typedef struct {
	void *name;
	int namelen;
	WSABUF *lpBuffers;
	ULONG dwBufferCount;
	WSABUF Control;
	DWORD dwFlags;
} WSAMSG;
_Static_assert(sizeof(WSAMSG) == 56, "WSAMSG");

WINAPI int ws2_32_WSASendMsg(SOCKET s, void *m, DWORD flags, DWORD *sent, OVERLAPPED *ov,
			     void *routine)
{
	WSAMSG *msg = m;
	if (!msg)
		return ws_fail(WSAEFAULT);
	if (msg->Control.len)
		ws_unimplemented("WSASendMsg with control data");
	return ws2_32_WSASendTo(s, msg->lpBuffers, msg->dwBufferCount, sent, flags, msg->name,
				msg->namelen, ov, routine);
}

WINAPI int ws2_32_WSARecvMsg(SOCKET s, void *m, DWORD *got, OVERLAPPED *ov, void *routine)
{
	WSAMSG *msg = m;
	if (!msg)
		return ws_fail(WSAEFAULT);
	msg->Control.len = 0;
	return ws2_32_WSARecvFrom(s, msg->lpBuffers, msg->dwBufferCount, got, &msg->dwFlags,
				  msg->name, msg->name ? &msg->namelen : 0, ov, routine);
}
