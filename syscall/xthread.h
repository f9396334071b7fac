/* The per-thread block of a guest thread: xabi's state for it, its signal alternate stack, and how a
 * trap handler finds it. See README.md, "Finding our per-thread state". */
#ifndef XABI_XTHREAD_H
#define XABI_XTHREAD_H

#include <stdint.h>
#include <signal.h>

#define XTHREAD_SIZE (256 * 1024) /* a power of two: blocks are aligned to it */
#define XTHREAD_HEADER 4096       /* struct xthread, then one guard page, then the stack */

struct xthread {
	struct xthread *next; /* every block ever made, for reuse */
	volatile int alive;   /* the task's tid while it runs; zeroed when it is gone (see below) */
	volatile int exiting; /* the thread called exit: free once its tid no longer exists */
	int tid;
	/* Set by a signal handler that interrupted a trap in progress: xabi_syscall_cp then does not
	 * block, and the dispatcher decides whether to restart (README.md, "Signals"). */
	volatile int intr;
	uint64_t intr_set; /* the signals that set intr (host numbers) */
	int *guest_ctid;   /* the guest's clear-child-tid address, emulated at thread exit */
	/* The guest's view of the signals whose host mask bit xabi never sets (SIGSYS and the
	 * synchronous faults), and such signals sent to it while it blocks them. */
	uint64_t emul_blocked;
	uint64_t emul_pending;
	siginfo_t emul_info[5];
	/* The guest's signal alternate stack (sigaltstack), emulated: the host one is xabi's. */
	uintptr_t gss_sp;
	uint64_t gss_size;
	int gss_flags;
	/* A new thread's first guest context, prepared by its creator (clone.c). */
	void *entry_frame;
};

/* Only valid on the thread's alternate stack, i.e. inside a host signal handler. */
static inline struct xthread *xthread_current(void)
{
	return (struct xthread *)((uintptr_t)__builtin_frame_address(0) & ~(uintptr_t)(XTHREAD_SIZE - 1));
}

static inline void *xthread_stack_top(struct xthread *t)
{
	return (char *)t + XTHREAD_SIZE;
}

/* A block for a new thread: a reused one whose task is gone, or a fresh mapping. NULL on failure. */
struct xthread *xthread_alloc(void);
/* Make the calling task's host signal stack the block's (every handler runs on it). */
int xthread_install_altstack(struct xthread *t);
/* After fork: only the calling thread exists in the child; every other block is free again. */
void xthread_forget_others(struct xthread *self);
/* Does [addr, addr+len) touch any thread block? */
int xthread_overlaps(uintptr_t addr, uintptr_t len);
/* Last act before a task sharing memory with others execs: the kernel zeroes alive when the exec
 * succeeds. (A thread that exits sets exiting instead: the kernel must keep clearing the guest's
 * own child-tid word at the real exit.) */
void xthread_release_at_exec(struct xthread *t);

#endif
