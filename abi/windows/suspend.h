/* Stopping a running Windows thread for SuspendThread, GetThreadContext and SetThreadContext
 * (libshim/kernel32/suspend.c). The suspender sends the thread WIN_STOP_SIGNAL with a pointer to
 * its struct thread_stop; the thread's handler (suspend.c, trap-path code) saves the interrupted
 * registers as a CONTEXT, says it stopped and waits there until resumed, then writes back what
 * SetThreadContext changed. libshim/README.md, "Suspending threads", has the rules. */
#ifndef XABI_ABI_WINDOWS_SUSPEND_H
#define XABI_ABI_WINDOWS_SUSPEND_H

#include "../../libshim/ntdll/exception.h"

/* SIGRTMAX: no guest ABI's program sees it in a Windows process (musl keeps 32-34 for itself). */
#define WIN_STOP_SIGNAL 64

enum { STOP_NONE, STOP_REQUESTED, STOP_STOPPED, STOP_RESUMING };

struct thread_stop {
	CONTEXT ctx;           /* the stopped thread's registers (SetThreadContext edits them) */
	int state;             /* STOP_*, a futex word: the suspender and the handler wait on it */
	int deferred;          /* the handler found the thread where it may not stop: send again */
	int in_xabi;           /* stopped inside xabi's code (a host call the shim made) */
	DWORD set_flags;       /* CONTEXT_* parts SetThreadContext changed: loaded at resume */
	int count;             /* the suspend count (kernel32/suspend.c, under its lock) */
};

/* sched_yield at a place the handler knows to be a safe stop (SwitchToThread). */
void windows_yield(void);
/* Install the handler of WIN_STOP_SIGNAL (at process start). */
void windows_stop_init(void);

#endif
