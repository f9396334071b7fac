/* SuspendThread, ResumeThread, GetThreadContext and SetThreadContext on a running thread of this
 * process (a thread not yet started, or the caller itself, is thread.c's business). The target is
 * stopped by a host signal and waits in its handler (abi/windows/suspend.c) until its count
 * returns to zero; SuspendThread returns once it has stopped, so that GetThreadContext gives the
 * stopped state. Between a suspension and the resumption these functions take none of the shim's
 * locks the stopped thread could hold (the handle table's, sync_lock, malloc's): the thread is
 * found with handle_peek and the suspend state is guarded by a spin lock taken with the stop signal
 * blocked, so a suspender is never itself stopped while holding it. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include "../../loader/status.h"
#include "kernel32.h"
#include "object.h"

#define CONTEXT_DEBUG_REGISTERS (CONTEXT_AMD64 | 0x10)

static int spin;

static void lock(sigset_t *saved)
{
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, WIN_STOP_SIGNAL);
	pthread_sigmask(SIG_BLOCK, &stop, saved);
	while (__atomic_exchange_n(&spin, 1, __ATOMIC_ACQUIRE))
		sched_yield();
}

static void unlock(const sigset_t *saved)
{
	__atomic_store_n(&spin, 0, __ATOMIC_RELEASE);
	pthread_sigmask(SIG_SETMASK, saved, 0);
}

static int state(struct thread_stop *s)
{
	return __atomic_load_n(&s->state, __ATOMIC_ACQUIRE);
}

static void futex_wait(int *word, int val, long ns)
{
	struct timespec t = { 0, ns };
	syscall(SYS_futex, word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, val, ns ? &t : 0);
}

static void futex_wake(int *word)
{
	syscall(SYS_futex, word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 0x7fffffff);
}

static int done(struct thread_obj *t)
{
	return __atomic_load_n(&t->done, __ATOMIC_ACQUIRE);
}

/* 0, or the thread is gone (ESRCH) or not one of this process's. */
static int send(struct thread_obj *t)
{
	siginfo_t si;
	memset(&si, 0, sizeof si);
	si.si_signo = WIN_STOP_SIGNAL;
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	si.si_uid = getuid();
	si.si_value.sival_ptr = &t->stop;
	long r;
	while ((r = syscall(SYS_rt_tgsigqueueinfo, getpid(), (pid_t)t->tid, WIN_STOP_SIGNAL, &si)) < 0 &&
	       errno == EAGAIN) /* the host's queue of signals is full for now */
		sched_yield();
	if (r == 0)
		return 0;
	if (errno == ESRCH && !done(t)) { /* a child process's first thread (process_create.c) */
		fprintf(stderr, "xabi: kernel32!SuspendThread of another process's thread is not "
				"implemented\n");
		exit(XABI_STATUS_MISSING_IMPORT);
	}
	return -1;
}

/* Until the requested stop happened (or was cancelled, or the thread ended). A handler that found
 * the thread running the shim's code returned without stopping it: the signal goes again. */
static void wait_stopped(struct thread_obj *t)
{
	struct thread_stop *s = &t->stop;
	while (state(s) == STOP_REQUESTED && !done(t)) {
		if (__atomic_exchange_n(&s->deferred, 0, __ATOMIC_ACQ_REL) && send(t) < 0)
			return;
		futex_wait(&s->state, STOP_REQUESTED, 100000);
	}
}

WINAPI void ntdll_RtlCaptureContext(CONTEXT *ctx);

/* A thread that has ended cannot be suspended: (DWORD)-1 and ERROR_ACCESS_DENIED, as NT's
 * STATUS_THREAD_IS_TERMINATING becomes. */
DWORD suspend_running(struct thread_obj *t)
{
	struct thread_stop *s = &t->stop;
	if (done(t)) {
		win_set_last_error(ERROR_ACCESS_DENIED);
		return (DWORD)-1;
	}
	sigset_t saved;
	lock(&saved);
	DWORD prev = (DWORD)s->count++;
	if (!prev) {
		while (state(s) == STOP_RESUMING) /* the last resumption is still leaving the handler */
			futex_wait(&s->state, STOP_RESUMING, 0);
		__atomic_store_n(&s->deferred, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&s->state, STOP_REQUESTED, __ATOMIC_RELEASE);
		send(t);
	}
	unlock(&saved);
	wait_stopped(t);
	return prev;
}

/* (DWORD)-1 when the thread was not suspended this way. */
DWORD resume_running(struct thread_obj *t)
{
	struct thread_stop *s = &t->stop;
	sigset_t saved;
	lock(&saved);
	DWORD prev = (DWORD)s->count;
	if (prev && !--s->count) {
		for (;;) {
			int st = state(s);
			int to = st == STOP_STOPPED ? STOP_RESUMING : st == STOP_REQUESTED ? STOP_NONE : -1;
			if (to < 0 || __atomic_compare_exchange_n(&s->state, &st, to, 0, __ATOMIC_ACQ_REL,
								  __ATOMIC_ACQUIRE))
				break;
		}
		futex_wake(&s->state);
	}
	unlock(&saved);
	return prev ? prev : (DWORD)-1;
}

/* The parts of a CONTEXT that flags name, from src to dst. */
static void copy_parts(CONTEXT *dst, const CONTEXT *src, DWORD flags)
{
	if ((flags & CONTEXT_CONTROL) == CONTEXT_CONTROL) {
		dst->Rip = src->Rip;
		dst->Rsp = src->Rsp;
		dst->EFlags = src->EFlags;
		dst->SegCs = src->SegCs;
		dst->SegSs = src->SegSs;
	}
	if ((flags & CONTEXT_INTEGER) == CONTEXT_INTEGER) {
		memcpy(&dst->Rax, &src->Rax, 4 * sizeof dst->Rax); /* Rax Rcx Rdx Rbx */
		memcpy(&dst->Rbp, &src->Rbp, 11 * sizeof dst->Rax); /* Rbp Rsi Rdi R8-R15 */
	}
	if ((flags & CONTEXT_SEGMENTS) == CONTEXT_SEGMENTS) {
		dst->SegDs = src->SegDs;
		dst->SegEs = src->SegEs;
		dst->SegFs = src->SegFs;
		dst->SegGs = src->SegGs;
	}
	if ((flags & CONTEXT_FLOATING_POINT) == CONTEXT_FLOATING_POINT) {
		dst->FltSave = src->FltSave;
		dst->MxCsr = src->MxCsr;
	}
	if ((flags & CONTEXT_DEBUG_REGISTERS) == CONTEXT_DEBUG_REGISTERS) {
		dst->Dr0 = src->Dr0, dst->Dr1 = src->Dr1, dst->Dr2 = src->Dr2;
		dst->Dr3 = src->Dr3, dst->Dr6 = src->Dr6, dst->Dr7 = src->Dr7;
	}
}

/* Is t stopped by suspend_running, its context ready? Waits for a stop in progress. */
static int stopped(struct thread_obj *t)
{
	wait_stopped(t);
	return state(&t->stop) == STOP_STOPPED;
}

BOOL context_get_running(struct thread_obj *t, CONTEXT *ctx)
{
	if (!stopped(t)) {
		win_set_last_error(ERROR_ACCESS_DENIED);
		return FALSE;
	}
	copy_parts(ctx, &t->stop.ctx, ctx->ContextFlags); /* the debug registers are all 0 */
	return TRUE;
}

static _Noreturn void unsupported(const char *what)
{
	fprintf(stderr, "xabi: kernel32!SetThreadContext %s is not implemented\n", what);
	exit(XABI_STATUS_MISSING_IMPORT);
}

BOOL context_set_running(struct thread_obj *t, const CONTEXT *ctx)
{
	if (!stopped(t)) {
		win_set_last_error(ERROR_ACCESS_DENIED);
		return FALSE;
	}
	struct thread_stop *s = &t->stop;
	CONTEXT next = s->ctx;
	copy_parts(&next, ctx, ctx->ContextFlags);
	if (next.Dr7)
		unsupported("with debug registers (hardware breakpoints)");
	/* Stopped inside xabi, the thread is in the middle of a host call for the shim: its
	 * registers there are not the program's to change. */
	if (s->in_xabi && memcmp(&next, &s->ctx, sizeof next))
		unsupported("changing a thread stopped inside a system call");
	s->ctx = next;
	s->set_flags |= ctx->ContextFlags & (CONTEXT_CONTROL | CONTEXT_INTEGER | CONTEXT_FLOATING_POINT);
	return TRUE;
}

static int is_self(HANDLE h, struct thread_obj *t)
{
	return h == CURRENT_THREAD || t->tid == (DWORD)(uintptr_t)NtCurrentTeb()->UniqueThread;
}

/* A thread created suspended has not run: its first context (RtlUserThreadStart's) is not made. */
static int not_started(struct thread_obj *t, const char *fn)
{
	if (__atomic_load_n(&t->started, __ATOMIC_ACQUIRE))
		return 0;
	fprintf(stderr, "xabi: kernel32!%s of a thread that has not started is not implemented\n", fn);
	exit(XABI_STATUS_MISSING_IMPORT);
}

/* The caller's own context: as Windows documents, not a valid one to resume (it is this
 * function's registers). A running thread that is not suspended is stopped for the copy. */
WINAPI BOOL kernel32_GetThreadContext(HANDLE h, CONTEXT *ctx)
{
	struct thread_obj *t = h == CURRENT_THREAD ? 0 : handle_peek(h, HANDLE_THREAD);
	if (h != CURRENT_THREAD && !t)
		return FALSE;
	if (!t || is_self(h, t)) {
		CONTEXT now;
		ntdll_RtlCaptureContext(&now);
		copy_parts(ctx, &now, ctx->ContextFlags);
		return TRUE;
	}
	if (not_started(t, "GetThreadContext") || done(t)) {
		win_set_last_error(ERROR_ACCESS_DENIED);
		return FALSE;
	}
	if (__atomic_load_n(&t->stop.count, __ATOMIC_ACQUIRE))
		return context_get_running(t, ctx);
	suspend_running(t);
	BOOL ok = context_get_running(t, ctx);
	resume_running(t);
	return ok;
}

WINAPI BOOL kernel32_SetThreadContext(HANDLE h, const CONTEXT *ctx)
{
	struct thread_obj *t = h == CURRENT_THREAD ? 0 : handle_peek(h, HANDLE_THREAD);
	if (h != CURRENT_THREAD && !t)
		return FALSE;
	if (!t || is_self(h, t))
		unsupported("of the calling thread");
	if (not_started(t, "SetThreadContext") || done(t)) {
		win_set_last_error(ERROR_ACCESS_DENIED);
		return FALSE;
	}
	if (__atomic_load_n(&t->stop.count, __ATOMIC_ACQUIRE))
		return context_set_running(t, ctx);
	suspend_running(t);
	BOOL ok = context_set_running(t, ctx);
	resume_running(t);
	return ok;
}
