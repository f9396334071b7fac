/* The handle table (handle.c) and the kernel objects behind handles (object.c). */
#ifndef XABI_KERNEL32_HANDLE_H
#define XABI_KERNEL32_HANDLE_H

#include <fcntl.h>
#include "../windef.h"

struct kobj;

/* HANDLE_FILE is a host descriptor (files, pipes, consoles); the others are a struct kobj. */
enum handle_type {
	HANDLE_FREE,
	HANDLE_FILE,
	HANDLE_THREAD,
	HANDLE_PROCESS,
	HANDLE_EVENT,
	HANDLE_MUTEX,
	HANDLE_SEMAPHORE,
	HANDLE_IOCP,
	HANDLE_TIMER,
	HANDLE_TOKEN, /* an access token (advapi32/token.c) */
};

/* GetHandleInformation's flags. */
#define HANDLE_FLAG_INHERIT 0x1
#define HANDLE_FLAG_PROTECT_FROM_CLOSE 0x2

/* The pseudo-handles GetCurrentProcess() and GetCurrentThread() return. */
#define CURRENT_PROCESS ((HANDLE)(LONG_PTR)-1)
#define CURRENT_THREAD ((HANDLE)(LONG_PTR)-2)

struct handle_obj {
	enum handle_type type;
	int fd;    /* HANDLE_FILE: the host descriptor */
	void *obj; /* per type: a struct kobj for the kernel object types */
	DWORD flags; /* HANDLE_FLAG_* */
	/* HANDLE_FILE: overlapped I/O (iocp.h): IO_* bits, and the completion port the handle is
	 * associated with (a reference) and its key. */
	DWORD io;
	struct kobj *port;
	ULONG_PTR key;
};

/* handle_obj.io: the handle was opened for overlapped I/O; SetFileCompletionNotificationModes'
 * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS and FILE_SKIP_SET_EVENT_ON_HANDLE. */
#define IO_SKIP_PORT_ON_SUCCESS 0x1
#define IO_SKIP_SET_EVENT 0x2
#define IO_OVERLAPPED 0x4
/* A winsock socket (ws2_32): fd is a host socket, always O_NONBLOCK underneath; IO_NONBLOCKING is
 * the program's own FIONBIO mode. */
#define IO_SOCKET 0x8
#define IO_NONBLOCKING 0x10

static inline int handle_is_kobj(enum handle_type t)
{
	return t >= HANDLE_THREAD && t <= HANDLE_TOKEN;
}

/* A new handle for an object; NULL (last error set) when the table is full. A kernel object's
 * handle owns one reference to it (the caller's: not taken again here). */
HANDLE handle_new(enum handle_type type, int fd, void *obj);
/* The same with the entry's flags (HANDLE_FLAG_*) given. */
HANDLE handle_add(const struct handle_obj *o);
/* The same at handle value h, which must be free (an inherited handle keeps its value); h, or
 * NULL. */
HANDLE handle_add_at(HANDLE h, const struct handle_obj *o);
/* The object behind h; NULL (last error ERROR_INVALID_HANDLE) if there is none. */
struct handle_obj *handle_get(HANDLE h);
/* A copy of h's table entry taken under the table's lock, with a new reference on a kernel object
 * (the pseudo-handles give the current thread's or process's object). 0, or -1 with last error
 * ERROR_INVALID_HANDLE. */
int handle_lookup(HANDLE h, struct handle_obj *out);
/* The kernel object behind h if it is of type, read without the table's lock and without a new
 * reference: for code that must not wait for a lock a suspended thread may hold (suspend.c). The
 * object lives as long as the caller's handle. NULL with ERROR_INVALID_HANDLE otherwise. */
void *handle_peek(HANDLE h, enum handle_type type);
/* Change h's table entry under the table's lock: fn returns 0, or a Windows error for
 * handle_update to set and fail with (-1). -1 with ERROR_INVALID_HANDLE if h is not a handle. */
int handle_update(HANDLE h, DWORD (*fn)(struct handle_obj *o, void *arg), void *arg);
/* Visit every handle (CreateProcess's inheritance), the table locked. */
void handle_each(void (*fn)(HANDLE h, const struct handle_obj *o, void *arg), void *arg);

static inline int fcntl_valid(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

#endif
