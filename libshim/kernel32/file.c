/* Reading, writing and positioning file handles (files, pipes, terminals: host descriptors). */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "async.h"
#include "handle.h"
#include "iocp.h"
#include "kernel32.h"
#include "sync_io.h"

#define FILE_TYPE_UNKNOWN 0
#define FILE_TYPE_DISK 1
#define FILE_TYPE_CHAR 2
#define FILE_TYPE_PIPE 3

/* A read or write of a pipe or socket that waits in the async engine (async.h). */
struct pipe_op {
	struct async_op op;
	char *buf;
	DWORD n, done;
	int fifo; /* a pipe: a read at its end fails with ERROR_BROKEN_PIPE */
};

/* Never blocks: the descriptor may be a blocking pipe, so it is polled first, and a pipe write
 * goes PIPE_BUF bytes at a time (what a writable pipe always takes); a write finishes when
 * everything is written. */
static DWORD try_pipe(struct async_op *op, ULONG_PTR *bytes)
{
	struct pipe_op *p = (struct pipe_op *)op;
	int writing = op->dir == ASYNC_WRITE;
	struct pollfd pf = { op->fd, writing ? POLLOUT : POLLIN, 0 };
	if (poll(&pf, 1, 0) < 1)
		return ERROR_IO_PENDING;
	size_t want = p->n - p->done;
	if (writing && p->fifo && want > PIPE_BUF)
		want = PIPE_BUF;
	ssize_t r = writing ? write(op->fd, p->buf + p->done, want) : read(op->fd, p->buf, p->n);
	if (r < 0)
		return errno == EAGAIN || errno == EINTR ? ERROR_IO_PENDING : win_error_from_errno(errno);
	if (!r && p->n && !writing && p->fifo)
		return ERROR_BROKEN_PIPE;
	p->done += (DWORD)r;
	if (writing && p->done < p->n)
		return ERROR_IO_PENDING;
	*bytes = p->done;
	return 0;
}

static BOOL pipe_io(HANDLE h, int fd, void *buf, DWORD n, DWORD *done, OVERLAPPED *ov,
		    int writing, int fifo)
{
	struct pipe_op *p = calloc(1, sizeof *p);
	if (!p) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	*p = (struct pipe_op){ .op = { .try = try_pipe, .ov = ov,
				       .dir = writing ? ASYNC_WRITE : ASYNC_READ },
			       .buf = buf, .n = n, .fifo = fifo };
	overlapped_start(ov);
	DWORD err = async_start(h, fd, &p->op);
	if (done)
		*done = err ? 0 : (DWORD)ov->InternalHigh;
	if (err)
		win_set_last_error(err);
	return !err;
}

/* ReadFile/WriteFile with an OVERLAPPED (iocp.h). A file is read or written at the OVERLAPPED's
 * offset; the operation is done before the call returns (it never goes pending), and then
 * completes as an overlapped one: event set, completion packet queued. A handle not opened
 * for overlapped I/O also moves its file pointer past what was transferred, as Windows does.
 * Pipes opened for overlapped I/O and sockets go pending when they must wait (async.h); other
 * pipes and terminals are read and written in place, blocking (libshim/README.md: limits). */
static BOOL overlapped_io(HANDLE h, int fd, void *buf, DWORD n, DWORD *done, OVERLAPPED *ov,
			  int writing)
{
	struct handle_obj o;
	if (handle_lookup(h, &o) < 0)
		return FALSE;
	struct stat st;
	int seekable = !fstat(fd, &st) && (S_ISREG(st.st_mode) || S_ISBLK(st.st_mode));
	if (!seekable && (o.io & (IO_OVERLAPPED | IO_SOCKET)) &&
	    (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
		return pipe_io(h, fd, buf, n, done, ov, writing, S_ISFIFO(st.st_mode));
	off_t off = (off_t)((ULONGLONG)ov->OffsetHigh << 32 | ov->Offset);
	overlapped_start(ov);
	DWORD got = 0, error = 0;
	for (;;) { /* a read returns what one read gives; a write goes on to the end */
		ssize_t r;
		if (seekable)
			r = writing ? pwrite(fd, (const char *)buf + got, n - got, off + got)
				    : pread(fd, (char *)buf + got, n - got, off + got);
		else
			r = writing ? write(fd, (const char *)buf + got, n - got)
				    : read(fd, (char *)buf + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			error = win_error_from_errno(errno);
		else if (!r && n && !writing)
			error = seekable ? ERROR_HANDLE_EOF : S_ISFIFO(st.st_mode) ? ERROR_BROKEN_PIPE : 0;
		got += r > 0 ? (DWORD)r : 0;
		if (r <= 0 || !writing || got == n)
			break;
	}
	if (!error && seekable && !(o.io & IO_OVERLAPPED))
		lseek(fd, off + got, SEEK_SET);
	if (done)
		*done = error ? 0 : got;
	overlapped_complete(h, ov, error, got, 1);
	if (error)
		win_set_last_error(error);
	return !error;
}

/* A handle without OVERLAPPED blocks: a descriptor that is non-blocking underneath (a socket's)
 * is waited for. 1 to try again. */
static int wait_ready(int fd, short events)
{
	struct pollfd p = { fd, events, 0 };
	return poll(&p, 1, -1) >= 0 || errno == EINTR;
}

WINAPI BOOL kernel32_WriteFile(HANDLE h, LPCVOID buf, DWORD n, DWORD *written, void *overlapped)
{
	int fd = kernel32_handle_fd(h);
	if (written)
		*written = 0;
	if (fd < 0)
		return FALSE;
	if (overlapped)
		return overlapped_io(h, fd, (void *)buf, n, written, overlapped, 1);
	DWORD done = 0;
	struct stat st;
	int fifo = !fstat(fd, &st) && S_ISFIFO(st.st_mode);
	while (done < n) {
		size_t want = n - done;
		if (fifo) { /* cancelable (sync_io.h): wait, then no more than a ready pipe takes */
			if (sync_io_wait(h, fd, POLLOUT) < 0) {
				if (written)
					*written = done;
				return FALSE;
			}
			want = want > PIPE_BUF ? PIPE_BUF : want;
		}
		ssize_t r = write(fd, (const char *)buf + done, want);
		if (r < 0 && (errno == EINTR || (errno == EAGAIN && (fifo || wait_ready(fd, POLLOUT)))))
			continue;
		if (r < 0) {
			win_set_last_error(win_error_from_errno(errno));
			if (written)
				*written = done;
			return FALSE;
		}
		done += (DWORD)r;
	}
	if (written)
		*written = done;
	return TRUE;
}

WINAPI BOOL kernel32_ReadFile(HANDLE h, LPVOID buf, DWORD n, DWORD *got, void *overlapped)
{
	int fd = kernel32_handle_fd(h);
	if (got)
		*got = 0;
	if (fd < 0)
		return FALSE;
	if (overlapped)
		return overlapped_io(h, fd, buf, n, got, overlapped, 0);
	struct stat st;
	int fifo = !fstat(fd, &st) && S_ISFIFO(st.st_mode);
	ssize_t r;
	do /* a pipe's wait can be canceled (sync_io.h) */
		if (fifo && sync_io_wait(h, fd, POLLIN) < 0)
			return FALSE;
	while ((r = read(fd, buf, n)) < 0 &&
	       (errno == EINTR || (errno == EAGAIN && (fifo || wait_ready(fd, POLLIN)))));
	if (r < 0) {
		win_set_last_error(win_error_from_errno(errno));
		return FALSE;
	}
	if (!r && n && fifo) {
		/* A pipe whose writers have all gone: Windows fails the read with ERROR_BROKEN_PIPE
		 * (a file at its end and a console succeed with 0 bytes). */
		win_set_last_error(ERROR_BROKEN_PIPE);
		return FALSE;
	}
	if (got)
		*got = (DWORD)r;
	return TRUE;
}

WINAPI DWORD kernel32_GetFileType(HANDLE h)
{
	int fd = kernel32_handle_fd(h);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0)
		return FILE_TYPE_UNKNOWN;
	win_set_last_error(ERROR_SUCCESS);
	if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) || S_ISBLK(st.st_mode))
		return FILE_TYPE_DISK;
	if (S_ISCHR(st.st_mode))
		return FILE_TYPE_CHAR;
	return FILE_TYPE_PIPE;
}

#define FILE_BEGIN 0
#define FILE_CURRENT 1
#define FILE_END 2
#define INVALID_SET_FILE_POINTER 0xffffffffu
#define ERROR_NEGATIVE_SEEK 131

/* Move h's position; the new one in *pos. Nothing moves on failure (last error set). */
static BOOL seek(HANDLE h, int64_t dist, DWORD method, int64_t *pos)
{
	int fd = kernel32_handle_fd(h);
	if (fd < 0)
		return FALSE;
	if (method > FILE_END) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	int64_t base = 0;
	struct stat st;
	if (method == FILE_CURRENT)
		base = lseek(fd, 0, SEEK_CUR);
	else if (method == FILE_END)
		base = fstat(fd, &st) < 0 ? -1 : st.st_size;
	if (base < 0) {
		win_set_last_error(win_error_from_errno(errno));
		return FALSE;
	}
	if (base + dist < 0) {
		win_set_last_error(ERROR_NEGATIVE_SEEK);
		return FALSE;
	}
	if (lseek(fd, base + dist, SEEK_SET) < 0) {
		win_set_last_error(win_error_from_errno(errno));
		return FALSE;
	}
	*pos = base + dist;
	return TRUE;
}

WINAPI BOOL kernel32_SetFilePointerEx(HANDLE h, LONGLONG dist, LARGE_INTEGER *newpos, DWORD method)
{
	int64_t pos;
	if (!seek(h, dist, method, &pos))
		return FALSE;
	if (newpos)
		newpos->QuadPart = pos;
	return TRUE;
}

/* With high NULL the distance is a signed 32-bit value and the result must fit in 31 bits; with
 * it, a 64-bit distance split in two. 0xffffffff is both a valid low part and the failure value,
 * so success sets the last error to 0 (Microsoft's documented protocol). */
WINAPI DWORD kernel32_SetFilePointer(HANDLE h, LONG low, LONG *high, DWORD method)
{
	int64_t dist = high ? (int64_t)((uint64_t)(uint32_t)*high << 32 | (uint32_t)low) : low, pos;
	if (!high) {
		int fd = kernel32_handle_fd(h);
		struct stat st;
		int64_t base = fd < 0 ? 0 : method == FILE_CURRENT ? lseek(fd, 0, SEEK_CUR)
				  : method == FILE_END ? (fstat(fd, &st) < 0 ? 0 : st.st_size) : 0;
		if (fd >= 0 && base + dist > 0x7fffffff) {
			win_set_last_error(ERROR_INVALID_PARAMETER);
			return INVALID_SET_FILE_POINTER;
		}
	}
	if (!seek(h, dist, method, &pos))
		return INVALID_SET_FILE_POINTER;
	if (high)
		*high = (LONG)(pos >> 32);
	win_set_last_error(ERROR_SUCCESS);
	return (DWORD)pos;
}

WINAPI BOOL kernel32_GetFileSizeEx(HANDLE h, LARGE_INTEGER *size)
{
	int fd = kernel32_handle_fd(h);
	struct stat st;
	if (fd < 0)
		return FALSE;
	if (fstat(fd, &st) < 0) {
		win_set_last_error(win_error_from_errno(errno));
		return FALSE;
	}
	size->QuadPart = st.st_size;
	return TRUE;
}

#define INVALID_FILE_SIZE 0xffffffffu

/* Like SetFilePointer, a size whose low part is 0xffffffff is told apart by a last error of 0. */
WINAPI DWORD kernel32_GetFileSize(HANDLE h, DWORD *high)
{
	LARGE_INTEGER size;
	if (!kernel32_GetFileSizeEx(h, &size))
		return INVALID_FILE_SIZE;
	if (high)
		*high = (DWORD)size.HighPart;
	win_set_last_error(ERROR_SUCCESS);
	return size.LowPart;
}

/* The file ends at the handle's position (shorter or longer: the new part reads as zeros). */
WINAPI BOOL kernel32_SetEndOfFile(HANDLE h)
{
	int fd = kernel32_handle_fd(h);
	if (fd < 0)
		return FALSE;
	off_t at = lseek(fd, 0, SEEK_CUR);
	if (at < 0 || ftruncate(fd, at) < 0) {
		win_set_last_error(win_error_from_errno(errno));
		return FALSE;
	}
	return TRUE;
}

WINAPI BOOL kernel32_FlushFileBuffers(HANDLE h)
{
	int fd = kernel32_handle_fd(h);
	if (fd < 0)
		return FALSE;
	if (fsync(fd) < 0 && errno != EINVAL && errno != EROFS) { /* pipes: nothing to flush */
		win_set_last_error(win_error_from_errno(errno));
		return FALSE;
	}
	return TRUE;
}
