/* Blocking reads and writes of pipes that another thread can cancel (sync_io.c): Go closes a pipe
 * that a thread is reading by calling CancelIoEx(h, NULL) first, and Windows then fails that
 * ReadFile with ERROR_OPERATION_ABORTED. */
#ifndef XABI_KERNEL32_SYNC_IO_H
#define XABI_KERNEL32_SYNC_IO_H

#include "../windef.h"

/* Wait until fd (h's descriptor) is ready for events (POLLIN or POLLOUT): 0, or -1 when
 * sync_io_cancel(h) was called meanwhile (last error ERROR_OPERATION_ABORTED) or the wait
 * failed (last error set). */
int sync_io_wait(HANDLE h, int fd, short events);
/* Cancel every wait of sync_io_wait on h; how many there were. */
int sync_io_cancel(HANDLE h);

#endif
