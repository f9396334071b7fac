/* The life of an OVERLAPPED (iocp.h): started, completed (status, event, completion packet), and
 * its result read back with GetOverlappedResult(Ex). Completion and the waits for it meet under
 * sync_lock, like every other wait (object.h). */
#include <errno.h>
#include <stdatomic.h>
#include <time.h>
#include "iocp.h"
#include "kernel32.h"
#include "object.h"

static HANDLE event_of(const OVERLAPPED *ov)
{
	return (HANDLE)((uintptr_t)ov->hEvent & ~(uintptr_t)1);
}

static ULONG_PTR status_of(const OVERLAPPED *ov)
{
	return atomic_load_explicit((_Atomic ULONG_PTR *)&ov->Internal, memory_order_acquire);
}

void overlapped_start(OVERLAPPED *ov)
{
	ov->InternalHigh = 0;
	atomic_store_explicit((_Atomic ULONG_PTR *)&ov->Internal, STATUS_PENDING,
			      memory_order_release);
	if (event_of(ov))
		kernel32_ResetEvent(event_of(ov));
}

void overlapped_complete(HANDLE h, OVERLAPPED *ov, DWORD error, ULONG_PTR bytes, int synchronous)
{
	struct handle_obj o = { 0 };
	if (handle_lookup(h, &o) < 0 || o.type != HANDLE_FILE)
		o.port = 0;
	else if (o.port)
		kobj_ref(o.port); /* the handle may close while the packet is queued */
	overlapped_complete_entry(&o, ov, error, bytes, synchronous);
	if (o.port)
		kobj_put(o.port);
}

void overlapped_complete_entry(const struct handle_obj *entry, OVERLAPPED *ov, DWORD error,
			       ULONG_PTR bytes, int synchronous)
{
	struct handle_obj o = *entry;
	ov->InternalHigh = bytes;
	/* An operation that fails at once reports its error to its caller only: no event, no
	 * packet (Windows queues packets for operations that succeeded or went pending). */
	int quiet = synchronous && error;
	struct event *e = event_of(ov) && !quiet ? kobj_from_handle(event_of(ov), HANDLE_EVENT) : 0;
	pthread_mutex_lock(&sync_lock);
	atomic_store_explicit((_Atomic ULONG_PTR *)&ov->Internal,
			      (ULONG_PTR)(DWORD)ntstatus_from_win32(error), memory_order_release);
	if (e)
		event_set_locked(e);
	sync_changed(); /* GetOverlappedResult waiters without an event */
	pthread_mutex_unlock(&sync_lock);
	if (e)
		kobj_put(&e->k);
	int skip = quiet || ((uintptr_t)ov->hEvent & 1) ||
		   (synchronous && (o.io & IO_SKIP_PORT_ON_SUCCESS));
	if (o.port && !skip)
		iocp_queue(o.port, o.key, ov, (DWORD)bytes);
}

WINAPI BOOL kernel32_GetOverlappedResultEx(HANDLE h, OVERLAPPED *ov, DWORD *bytes, DWORD ms,
					   BOOL alertable)
{
	(void)h, (void)alertable;
	if (status_of(ov) == STATUS_PENDING) {
		if (!ms) {
			win_set_last_error(ERROR_IO_INCOMPLETE);
			return FALSE;
		}
		struct timespec deadline;
		sync_deadline(&deadline, ms);
		pthread_mutex_lock(&sync_lock);
		int timed_out = 0;
		while (status_of(ov) == STATUS_PENDING && !timed_out) {
			if (ms == INFINITE)
				sync_wait();
			else
				timed_out = sync_wait_until(&deadline) == ETIMEDOUT;
		}
		pthread_mutex_unlock(&sync_lock);
		if (status_of(ov) == STATUS_PENDING) {
			win_set_last_error(WAIT_TIMEOUT);
			return FALSE;
		}
	}
	*bytes = (DWORD)ov->InternalHigh;
	if (status_of(ov)) {
		win_set_last_error(ntdll_RtlNtStatusToDosError((NTSTATUS)status_of(ov)));
		return FALSE;
	}
	return TRUE;
}

WINAPI BOOL kernel32_GetOverlappedResult(HANDLE h, OVERLAPPED *ov, DWORD *bytes, BOOL wait)
{
	return kernel32_GetOverlappedResultEx(h, ov, bytes, wait ? INFINITE : 0, FALSE);
}
