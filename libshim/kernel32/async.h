/* Overlapped operations that cannot finish at once (async.c): socket I/O (ws2_32) and reads and
 * writes of pipes opened for overlapped I/O.
 *
 * The starter fills a struct async_op (usually the head of a larger block holding the operation's
 * own state) and hands it to async_start. The operation is tried at once when no earlier one of
 * its direction waits on the handle; if it cannot finish, it waits on the engine's thread, which
 * watches the descriptor with epoll and retries it when it is ready, in the order started, and
 * completes it there with overlapped_complete_entry. Cancelling (CancelIo, CancelIoEx, closing
 * the handle) completes waiting operations with ERROR_OPERATION_ABORTED. */
#ifndef XABI_KERNEL32_ASYNC_H
#define XABI_KERNEL32_ASYNC_H

#include "handle.h"
#include "iocp.h"

enum async_dir { ASYNC_READ, ASYNC_WRITE };

struct async_op {
	/* Set by the starter, in a block from malloc that the engine frees once the operation has
	 * completed. try: one attempt that never blocks; 0 when done (*bytes set), ERROR_IO_PENDING
	 * when the descriptor is not ready, else the Windows error it failed with. It runs under the
	 * engine's lock, on the starter's thread or the engine's. */
	DWORD (*try)(struct async_op *op, ULONG_PTR *bytes);
	OVERLAPPED *ov;
	enum async_dir dir;
	/* Set by async_start. */
	HANDLE h;
	int fd;
	DWORD tid;             /* the starting thread, for CancelIo */
	struct handle_obj entry; /* the handle's port (a reference), key and io bits */
	DWORD error;           /* the result, once done */
	ULONG_PTR bytes;
	struct async_op *next;
};

/* Start op on handle h (descriptor fd) after overlapped_start(op->ov). Returns 0 when it finished
 * at once (success, completion delivered as synchronous), ERROR_IO_PENDING when it waits (or
 * finished at once with the warning ERROR_MORE_DATA, delivered like a completion that waited), or
 * the error it failed with at once (nothing queued). op is the engine's from here on. */
DWORD async_start(HANDLE h, int fd, struct async_op *op);

/* Complete h's waiting operations with ERROR_OPERATION_ABORTED: those of ov (NULL: all), and only
 * the calling thread's when mine. The number cancelled. */
int async_cancel(HANDLE h, const OVERLAPPED *ov, int mine);

/* Handle h, whose descriptor fd is still open, is closing: cancel every operation waiting on it. */
void async_closing(HANDLE h, int fd);

#endif
