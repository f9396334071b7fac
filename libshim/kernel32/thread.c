/* Threads. A Windows thread is a musl pthread (its own %fs for xabi's C code) whose stack is the
 * guest thread's stack, sized as Windows sizes it, with %gs at a TEB of its own. Like the main
 * thread (loader/run.c) it gets an xthread block as its host signal stack (SIGSYS and faults are
 * handled there) and interception armed: SUD is per task, a seccomp filter is inherited.
 *
 * Windows' thread life: DLL_THREAD_ATTACH notifications, the thread function, then (on return or
 * ExitThread) its FLS callbacks, DLL_THREAD_DETACH, its TLS blocks freed, the exit code stored, its handles signalled
 * and the mutexes it still owns abandoned. When the last thread ends, the process ends with its
 * exit code. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <asm/prctl.h>
#include "../../loader/pe_modules.h"
#include "../../loader/status.h"
#include "../../syscall/intercept.h"
#include "../../syscall/xthread.h"
#include "../ntdll/process.h"
#include "kernel32.h"
#include "object.h"

#define CREATE_SUSPENDED 0x4
#define STACK_SIZE_PARAM_IS_A_RESERVATION 0x10000

static __thread struct thread_obj *current; /* this thread's object, one reference */
static __thread struct xthread *block;      /* its xthread block (NULL on the main thread) */
static atomic_int live = 1;                  /* guest threads running, the main one included */

static _Noreturn void fail(const char *why)
{
	fprintf(stderr, "xabi: kernel32: %s\n", why);
	exit(XABI_STATUS_SETUP);
}

static DWORD my_tid(void)
{
	return (DWORD)(uintptr_t)NtCurrentTeb()->UniqueThread;
}

struct thread_obj *thread_current(void)
{
	if (!current) { /* the main thread, or one xabi did not start: its object on first use */
		struct thread_obj *t = kobj_new(HANDLE_THREAD, sizeof *t);
		if (!t)
			fail("out of memory");
		t->tid = my_tid();
		t->exit_code = STILL_ACTIVE;
		t->started = 1;
		current = t;
	}
	kobj_ref(&current->k);
	return current;
}

/* The stack a new thread reserves (Windows' rules): dwStackSize is the reservation with
 * STACK_SIZE_PARAM_IS_A_RESERVATION; otherwise it is the commit size, and the reservation is the
 * program's SizeOfStackReserve, or the commit size rounded up to a megabyte when larger. Linux
 * commits stack pages as they are touched, so only the reservation matters. */
static size_t stack_size(SIZE_T size, DWORD flags)
{
	uint64_t dflt = 1 << 20;
	for (struct pe_module *m = pe_modules; m; m = m->next)
		if (m->is_exe && m->img.pf.opt.stack_reserve)
			dflt = m->img.pf.opt.stack_reserve;
	uint64_t r = (flags & STACK_SIZE_PARAM_IS_A_RESERVATION) && size ? size
		     : size > dflt ? (size + 0xfffff) & ~(uint64_t)0xfffff : dflt;
	if (r < 64 << 10)
		r = 64 << 10; /* Windows' minimum, one allocation granule */
	if (r > 1UL << 30)
		r = 1UL << 30;
	return (r + 0xffff) & ~(uint64_t)0xffff;
}

static TEB *new_teb(void)
{
	TEB *teb = mmap(0, sizeof *teb, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (teb == MAP_FAILED)
		fail("out of memory");
	pthread_attr_t a;
	void *stack;
	size_t size;
	if (pthread_getattr_np(pthread_self(), &a) || pthread_attr_getstack(&a, &stack, &size))
		fail("cannot find a new thread's stack");
	pthread_attr_destroy(&a);
	teb->StackBase = (char *)stack + size;
	teb->StackLimit = stack;
	teb->Self = teb;
	teb->Peb = win_process.peb;
	teb->UniqueProcess = (HANDLE)(uintptr_t)getpid();
	teb->UniqueThread = (HANDLE)(uintptr_t)gettid();
	if (pe_modules_tls_alloc(teb) < 0)
		fail("out of memory");
	return teb;
}

static void *host_start(void *arg)
{
	struct thread_obj *t = arg;
	if (!(block = xthread_alloc()))
		fail("out of memory");
	block->tid = gettid();
	block->alive = block->tid;
	if (xthread_install_altstack(block) < 0 || intercept_arm_task() < 0)
		fail("cannot arm system call interception in a new thread");
	TEB *teb = new_teb();
	syscall(SYS_arch_prctl, ARCH_SET_GS, teb);
	current = t;
	pthread_mutex_lock(&sync_lock);
	t->tid = (DWORD)gettid();
	sync_changed(); /* CreateThread waits for the id */
	while (t->suspend)
		sync_wait();
	__atomic_store_n(&t->started, 1, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&sync_lock);
	pe_modules_notify(DLL_THREAD_ATTACH);
	kernel32_ExitThread(t->fn(t->param));
}

WINAPI HANDLE kernel32_CreateThread(SECURITY_ATTRIBUTES *sa, SIZE_T size,
				    DWORD(WINAPI *fn)(void *), void *param, DWORD flags, DWORD *id)
{
	struct thread_obj *t = kobj_new(HANDLE_THREAD, sizeof *t);
	if (!t)
		return 0;
	t->exit_code = STILL_ACTIVE;
	t->fn = fn;
	t->param = param;
	t->suspend = !!(flags & CREATE_SUSPENDED);
	kobj_ref(&t->k); /* the running thread's own */
	HANDLE h = handle_add(&(struct handle_obj){ .type = HANDLE_THREAD, .fd = -1, .obj = t,
						    .flags = sa_inherit(sa) ? HANDLE_FLAG_INHERIT : 0 });
	if (!h) {
		kobj_put(&t->k);
		kobj_put(&t->k);
		return 0;
	}
	pthread_attr_t a;
	pthread_t pt;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&a, stack_size(size, flags));
	atomic_fetch_add(&live, 1);
	int err = pthread_create(&pt, &a, host_start, t);
	pthread_attr_destroy(&a);
	if (err) {
		atomic_fetch_sub(&live, 1);
		kobj_put(&t->k);
		kernel32_CloseHandle(h);
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	pthread_mutex_lock(&sync_lock);
	while (!t->tid)
		sync_wait();
	pthread_mutex_unlock(&sync_lock);
	if (id)
		*id = t->tid;
	return h;
}

WINAPI _Noreturn void kernel32_ExitThread(DWORD code)
{
	struct thread_obj *t = thread_current();
	kobj_put(&t->k);
	fls_thread_exit();
	pe_modules_notify(DLL_THREAD_DETACH);
	TEB *teb = NtCurrentTeb();
	int created = block != 0;
	if (created) { /* the main thread's TEB stays: the process's start-up data is around it */
		pe_modules_tls_free(teb);
		free(teb->TlsExpansionSlots);
	}
	/* Counted down with the handle signalled, so that whoever sees this thread ended also sees
	 * that it is not the last. */
	pthread_mutex_lock(&sync_lock);
	t->exit_code = code;
	__atomic_store_n(&t->done, 1, __ATOMIC_RELEASE);
	mutex_abandon_all(t->tid);
	sync_changed();
	int last = atomic_fetch_sub(&live, 1) == 1;
	pthread_mutex_unlock(&sync_lock);
	if (last)
		kernel32_ExitProcess(code);
	current = 0;
	kobj_put(&t->k);
	if (created) {
		syscall(SYS_arch_prctl, ARCH_SET_GS, 0);
		munmap(teb, sizeof *teb);
		block->exiting = 1; /* reused once this task is gone (syscall/xthread.c) */
	}
	pthread_exit(0);
}

WINAPI HANDLE kernel32_GetCurrentThread(void)
{
	return CURRENT_THREAD;
}

WINAPI DWORD kernel32_GetThreadId(HANDLE h)
{
	struct thread_obj *t = kobj_from_handle(h, HANDLE_THREAD);
	if (!t)
		return 0;
	DWORD id = t->tid;
	kobj_put(&t->k);
	return id;
}

WINAPI BOOL kernel32_GetExitCodeThread(HANDLE h, DWORD *code)
{
	struct thread_obj *t = kobj_from_handle(h, HANDLE_THREAD);
	if (!t)
		return FALSE;
	pthread_mutex_lock(&sync_lock);
	*code = t->done ? t->exit_code : STILL_ACTIVE;
	pthread_mutex_unlock(&sync_lock);
	kobj_put(&t->k);
	return TRUE;
}

/* Another running thread is stopped where it is (suspend.c); a thread not yet started
 * (CREATE_SUSPENDED) waits before its start, and the caller suspending itself waits here, both
 * until ResumeThread brings the count back to zero. */
WINAPI DWORD kernel32_SuspendThread(HANDLE h)
{
	struct thread_obj *peek = h == CURRENT_THREAD ? 0 : handle_peek(h, HANDLE_THREAD);
	if (h != CURRENT_THREAD && !peek)
		return (DWORD)-1;
	if (peek && peek->tid != my_tid() && __atomic_load_n(&peek->started, __ATOMIC_ACQUIRE))
		return suspend_running(peek);
	struct thread_obj *t = kobj_from_handle(h, HANDLE_THREAD);
	if (!t)
		return (DWORD)-1;
	pthread_mutex_lock(&sync_lock);
	int self = t->tid == my_tid();
	DWORD prev = (DWORD)t->suspend++;
	while (self && t->suspend)
		sync_wait();
	pthread_mutex_unlock(&sync_lock);
	kobj_put(&t->k);
	return prev;
}

WINAPI DWORD kernel32_ResumeThread(HANDLE h)
{
	struct thread_obj *peek = h == CURRENT_THREAD ? 0 : handle_peek(h, HANDLE_THREAD);
	if (h != CURRENT_THREAD && !peek)
		return (DWORD)-1;
	DWORD running = peek ? resume_running(peek) : (DWORD)-1;
	if (running != (DWORD)-1)
		return running;
	struct thread_obj *t = kobj_from_handle(h, HANDLE_THREAD);
	if (!t)
		return (DWORD)-1;
	pthread_mutex_lock(&sync_lock);
	DWORD prev = (DWORD)t->suspend;
	if (t->suspend && !--t->suspend)
		sync_changed();
	pthread_mutex_unlock(&sync_lock);
	kobj_put(&t->k);
	return prev;
}

/* Yields the processor; whether another thread ran is not known, so it says one may have. */
WINAPI BOOL kernel32_SwitchToThread(void)
{
	windows_yield(); /* a place SuspendThread may stop this thread (abi/windows/suspend.c) */
	return TRUE;
}

#define THREAD_PRIORITY_IDLE (-15)
#define THREAD_PRIORITY_TIME_CRITICAL 15

/* Priorities are recorded and read back, not applied: host threads all run at one priority. */
WINAPI BOOL kernel32_SetThreadPriority(HANDLE h, int priority)
{
	if ((priority < -2 || priority > 2) && priority != THREAD_PRIORITY_IDLE &&
	    priority != THREAD_PRIORITY_TIME_CRITICAL) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	struct thread_obj *t = kobj_from_handle(h, HANDLE_THREAD);
	if (!t)
		return FALSE;
	t->priority = priority;
	kobj_put(&t->k);
	return TRUE;
}

#define THREAD_PRIORITY_ERROR_RETURN 0x7fffffff

WINAPI int kernel32_GetThreadPriority(HANDLE h)
{
	struct thread_obj *t = kobj_from_handle(h, HANDLE_THREAD);
	if (!t)
		return THREAD_PRIORITY_ERROR_RETURN;
	int p = t->priority;
	kobj_put(&t->k);
	return p;
}
