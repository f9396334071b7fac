/* TransmitFile: a file's bytes sent on a connected socket with the host's sendfile. With an
 * OVERLAPPED the file is read from its Offset and the operation may wait in the async engine
 * (kernel32/async.h); without one it starts at the file's position, which moves past what was
 * sent, and blocks. Head and tail buffers and the flags that disconnect or recycle the socket
 * are not implemented. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/sendfile.h>
#include "../kernel32/async.h"
#include "ws2.h"

#define TF_WRITE_BEHIND 0x04

struct transmit {
	struct async_op op;
	int file;
	off_t offset;
	size_t left; /* bytes still to send; SIZE_MAX: to the end of the file */
	size_t sent;
};

/* Send what the socket takes now; done at the count or the end of the file. */
static DWORD try_transmit(struct async_op *op, ULONG_PTR *bytes)
{
	struct transmit *t = (struct transmit *)op;
	while (t->left) {
		size_t chunk = t->left < (1u << 30) ? t->left : (1u << 30);
		ssize_t r = sendfile(op->fd, t->file, t->offset < 0 ? 0 : &t->offset, chunk);
		if (r < 0)
			return errno == EAGAIN || errno == EINTR ? ERROR_IO_PENDING : ws_error(errno);
		if (!r)
			break;
		t->sent += (size_t)r;
		if (t->left != SIZE_MAX)
			t->left -= (size_t)r;
	}
	*bytes = t->sent;
	return 0;
}

WINAPI BOOL ws2_32_TransmitFile(SOCKET s, HANDLE file, DWORD count, DWORD per_send,
				OVERLAPPED *ov, void *buffers, DWORD flags)
{
	(void)per_send; /* the host chooses how much each send carries */
	struct handle_obj o;
	if (ws_fd(s, &o) < 0)
		return FALSE;
	if (buffers || (flags & ~(DWORD)TF_WRITE_BEHIND))
		ws_unimplemented("TransmitFile with head/tail buffers or TF_DISCONNECT/TF_REUSE_SOCKET");
	int fd = kernel32_handle_fd(file);
	if (fd < 0)
		return FALSE;
	struct transmit *t = calloc(1, sizeof *t);
	if (!t) {
		win_set_last_error(WSAENOBUFS);
		return FALSE;
	}
	*t = (struct transmit){ .op = { .try = try_transmit, .ov = ov, .dir = ASYNC_WRITE },
				.file = fd, .left = count ? count : SIZE_MAX,
				.offset = ov ? (off_t)((ULONGLONG)ov->OffsetHigh << 32 | ov->Offset) : -1 };
	DWORD err;
	if (ov) {
		overlapped_start(ov);
		err = async_start((HANDLE)s, o.fd, &t->op);
	} else {
		t->op.fd = o.fd;
		ULONG_PTR n;
		while ((err = try_transmit(&t->op, &n)) == ERROR_IO_PENDING &&
		       !(err = (o.io & IO_NONBLOCKING) ? WSAEWOULDBLOCK : ws_wait(o.fd, POLLOUT)))
			;
		free(t);
	}
	if (err)
		win_set_last_error(err);
	return !err;
}
