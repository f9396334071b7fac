/* I/O completion ports: a queue of completion packets that threads take with
 * GetQueuedCompletionStatus(Ex). Packets come from overlapped operations on handles associated
 * with the port (overlapped_complete) and from PostQueuedCompletionStatus. The queue lives under
 * sync_lock and its waiters sleep on the one wait condition (object.h), like every other wait.
 * The concurrency value is not enforced: every waiting thread may take a packet. There are no
 * APCs, so an alertable wait is an ordinary one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "../../loader/status.h"
#include "iocp.h"
#include "kernel32.h"
#include "object.h"

struct packet {
	OVERLAPPED_ENTRY e;
	struct packet *next;
};

struct iocp {
	struct kobj k;
	struct packet *head, **tail;
};

static struct iocp *port_from_handle(HANDLE h)
{
	return kobj_from_handle(h, HANDLE_IOCP);
}

/* Queue a packet (sync_lock held); 0 when out of memory. */
static int queue_locked(struct iocp *p, ULONG_PTR key, OVERLAPPED *ov, ULONG_PTR status, DWORD n)
{
	struct packet *pk = malloc(sizeof *pk);
	if (!pk)
		return 0;
	*pk = (struct packet){ { key, ov, status, n }, 0 };
	*p->tail = pk;
	p->tail = &pk->next;
	sync_changed();
	return 1;
}

struct assoc {
	struct iocp *port;
	ULONG_PTR key;
};

static DWORD associate(struct handle_obj *o, void *arg)
{
	struct assoc *a = arg;
	if (o->type != HANDLE_FILE || o->port)
		return ERROR_INVALID_PARAMETER; /* one port per file, for its life */
	kobj_ref(&a->port->k);
	o->port = &a->port->k;
	o->key = a->key;
	return 0;
}

WINAPI HANDLE kernel32_CreateIoCompletionPort(HANDLE file, HANDLE existing, ULONG_PTR key,
					      DWORD threads)
{
	(void)threads;
	HANDLE result = existing;
	struct iocp *p;
	if (existing) {
		if (!(p = port_from_handle(existing)))
			return 0;
	} else {
		if (!(p = kobj_new(HANDLE_IOCP, sizeof *p)))
			return 0;
		p->tail = &p->head;
		kobj_ref(&p->k); /* one for the handle, one for this function */
		if (!(result = handle_new(HANDLE_IOCP, -1, p))) {
			kobj_put(&p->k);
			kobj_put(&p->k);
			return 0;
		}
	}
	if (file != INVALID_HANDLE_VALUE &&
	    handle_update(file, associate, &(struct assoc){ p, key }) < 0) {
		if (!existing)
			kernel32_CloseHandle(result);
		result = 0;
	}
	kobj_put(&p->k);
	return result;
}

/* Take up to max packets, waiting up to ms for the first; the number taken (0: timed out). */
static ULONG take(struct iocp *p, OVERLAPPED_ENTRY *out, ULONG max, DWORD ms)
{
	struct timespec deadline;
	if (ms != INFINITE)
		sync_deadline(&deadline, ms);
	ULONG n = 0;
	pthread_mutex_lock(&sync_lock);
	for (;;) {
		while (n < max && p->head) {
			struct packet *pk = p->head;
			if (!(p->head = pk->next))
				p->tail = &p->head;
			out[n++] = pk->e;
			free(pk);
		}
		if (n || !ms)
			break;
		if (ms == INFINITE)
			sync_wait();
		else if (sync_wait_until(&deadline) == ETIMEDOUT)
			ms = 0; /* one last look */
	}
	pthread_mutex_unlock(&sync_lock);
	return n;
}

WINAPI BOOL kernel32_GetQueuedCompletionStatusEx(HANDLE port, OVERLAPPED_ENTRY *entries, ULONG max,
						 ULONG *removed, DWORD ms, BOOL alertable)
{
	(void)alertable;
	*removed = 0;
	if (!max) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	struct iocp *p = port_from_handle(port);
	if (!p)
		return FALSE;
	*removed = take(p, entries, max, ms);
	kobj_put(&p->k);
	if (!*removed) {
		win_set_last_error(WAIT_TIMEOUT);
		return FALSE;
	}
	return TRUE;
}

WINAPI BOOL kernel32_GetQueuedCompletionStatus(HANDLE port, DWORD *bytes, ULONG_PTR *key,
					       OVERLAPPED **ov, DWORD ms)
{
	*ov = 0;
	struct iocp *p = port_from_handle(port);
	if (!p)
		return FALSE;
	OVERLAPPED_ENTRY e;
	ULONG n = take(p, &e, 1, ms);
	kobj_put(&p->k);
	if (!n) {
		win_set_last_error(WAIT_TIMEOUT);
		return FALSE;
	}
	*bytes = e.dwNumberOfBytesTransferred;
	*key = e.lpCompletionKey;
	*ov = e.lpOverlapped;
	/* A failed operation's packet: FALSE with its error, *ov set. */
	if (e.Internal) { /* the packet's own status: a post's is 0, whatever its OVERLAPPED holds */
		win_set_last_error(ntdll_RtlNtStatusToDosError((NTSTATUS)e.Internal));
		return FALSE;
	}
	return TRUE;
}

WINAPI BOOL kernel32_PostQueuedCompletionStatus(HANDLE port, DWORD bytes, ULONG_PTR key,
						OVERLAPPED *ov)
{
	struct iocp *p = port_from_handle(port);
	if (!p)
		return FALSE;
	pthread_mutex_lock(&sync_lock);
	int ok = queue_locked(p, key, ov, 0, bytes);
	pthread_mutex_unlock(&sync_lock);
	kobj_put(&p->k);
	if (!ok)
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	return ok;
}

#define FILE_SKIP_COMPLETION_PORT_ON_SUCCESS 0x1
#define FILE_SKIP_SET_EVENT_ON_HANDLE 0x2

static DWORD set_modes(struct handle_obj *o, void *arg)
{
	if (o->type != HANDLE_FILE)
		return ERROR_INVALID_HANDLE;
	o->io = (o->io & ~(DWORD)(IO_SKIP_PORT_ON_SUCCESS | IO_SKIP_SET_EVENT)) |
		(*(BYTE *)arg & FILE_SKIP_COMPLETION_PORT_ON_SUCCESS ? IO_SKIP_PORT_ON_SUCCESS : 0) |
		(*(BYTE *)arg & FILE_SKIP_SET_EVENT_ON_HANDLE ? IO_SKIP_SET_EVENT : 0);
	return 0;
}

WINAPI BOOL kernel32_SetFileCompletionNotificationModes(HANDLE h, BYTE modes)
{
	if (modes & ~(FILE_SKIP_COMPLETION_PORT_ON_SUCCESS | FILE_SKIP_SET_EVENT_ON_HANDLE)) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	return handle_update(h, set_modes, &modes) == 0;
}

void iocp_queue(struct kobj *port, ULONG_PTR key, OVERLAPPED *ov, DWORD bytes)
{
	pthread_mutex_lock(&sync_lock);
	if (!queue_locked((struct iocp *)port, key, ov, ov->Internal, bytes)) {
		/* Windows queues into memory it reserved up front; losing a packet would hang the
		 * program, so say so rather than drop it. */
		fprintf(stderr, "xabi: out of memory queueing an I/O completion packet\n");
		exit(XABI_STATUS_SOFTWARE);
	}
	pthread_mutex_unlock(&sync_lock);
}
