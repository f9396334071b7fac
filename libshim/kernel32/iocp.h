/* Overlapped I/O and I/O completion ports (iocp.c, overlapped.c).
 *
 * An overlapped operation ends in overlapped_complete(): the OVERLAPPED gets its status and byte
 * count, its event (if any) is set, and, when the handle is associated with a completion port, a
 * packet is queued there. Whoever runs an operation that cannot finish at once (ws2_32, pipes)
 * returns ERROR_IO_PENDING with the OVERLAPPED marked STATUS_PENDING and calls
 * overlapped_complete() when it does finish, from whatever thread. */
#ifndef XABI_KERNEL32_IOCP_H
#define XABI_KERNEL32_IOCP_H

#include "../windef.h"

typedef struct {
	ULONG_PTR Internal;     /* the operation's NTSTATUS */
	ULONG_PTR InternalHigh; /* bytes transferred */
	DWORD Offset, OffsetHigh;
	HANDLE hEvent; /* with bit 0 set: no completion packet (the event is still set) */
} OVERLAPPED;

typedef struct {
	ULONG_PTR lpCompletionKey;
	OVERLAPPED *lpOverlapped;
	ULONG_PTR Internal;
	DWORD dwNumberOfBytesTransferred;
} OVERLAPPED_ENTRY;

#define STATUS_PENDING 0x103
#define ERROR_IO_PENDING 997
#define ERROR_OPERATION_ABORTED 995
#define ERROR_IO_INCOMPLETE 996

/* The end of an overlapped operation on h with a Windows error code (0: success) and a byte
 * count. synchronous: the call that started it is returning the result itself (no
 * ERROR_IO_PENDING), so FILE_SKIP_COMPLETION_PORT_ON_SUCCESS may skip the packet. */
void overlapped_complete(HANDLE h, OVERLAPPED *ov, DWORD error, ULONG_PTR bytes, int synchronous);
/* The same with h's table entry looked up beforehand (its port, key and io bits): for operations
 * that finish after their handle may have closed (async.c), whose packets Windows still queues. */
struct handle_obj;
void overlapped_complete_entry(const struct handle_obj *o, OVERLAPPED *ov, DWORD error,
			       ULONG_PTR bytes, int synchronous);

/* Queue ov's completion packet on a port (iocp.c): its status is ov->Internal. */
struct kobj;
void iocp_queue(struct kobj *port, ULONG_PTR key, OVERLAPPED *ov, DWORD bytes);

/* Mark ov as in flight (STATUS_PENDING, event reset) before the operation starts. */
void overlapped_start(OVERLAPPED *ov);

/* NTSTATUS <-> Windows error codes for OVERLAPPED.Internal (ntdll/status.c): the statuses
 * programs test for have their own codes, the rest travel as NTSTATUS_FROM_WIN32. */
NTSTATUS ntstatus_from_win32(DWORD error);
WINAPI ULONG ntdll_RtlNtStatusToDosError(NTSTATUS status);

#endif
