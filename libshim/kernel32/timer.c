/* Waitable timers: kernel objects that become signalled at a due time, and again every period
 * for a periodic one. A notification (manual-reset) timer stays signalled until it is set again;
 * a synchronization timer releases one waiter and resets. No thread fires a timer: a waiter
 * sleeps no later than the due time of the timers it waits on, and finds it passed (wait.c).
 * The host's clock already has sub-millisecond resolution: CREATE_WAITABLE_TIMER_HIGH_RESOLUTION
 * is accepted and changes nothing. Due times are kept on CLOCK_MONOTONIC; an absolute one
 * (a FILETIME) is converted when the timer is set, so a later change of the wall clock does not
 * move it (a limit: Windows follows the system time). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "../../loader/status.h"
#include "fileinfo.h"
#include "kernel32.h"
#include "object.h"

#define CREATE_WAITABLE_TIMER_MANUAL_RESET 0x1
#define CREATE_WAITABLE_TIMER_HIGH_RESOLUTION 0x2

typedef void(WINAPI *PTIMERAPCROUTINE)(void *arg, DWORD low, DWORD high);

static void add_ns(struct timespec *t, uint64_t ns)
{
	ns += (uint64_t)t->tv_nsec;
	t->tv_sec += (time_t)(ns / 1000000000);
	t->tv_nsec = (long)(ns % 1000000000);
}

static int passed(const struct timespec *due, const struct timespec *now)
{
	return now->tv_sec > due->tv_sec || (now->tv_sec == due->tv_sec && now->tv_nsec >= due->tv_nsec);
}

int timer_signalled_locked(struct waitable_timer *t)
{
	if (!t->active)
		return t->state;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!passed(&t->due, &now))
		return t->state;
	t->state = 1;
	if (!t->period) {
		t->active = 0;
		return 1;
	}
	/* Periods missed while nobody looked are one signal, as on Windows. */
	while (passed(&t->due, &now))
		add_ns(&t->due, (uint64_t)t->period * 1000000);
	return 1;
}

WINAPI HANDLE kernel32_CreateWaitableTimerExA(SECURITY_ATTRIBUTES *sa, LPCSTR name, DWORD flags,
					      DWORD access)
{
	(void)access;
	if (flags & ~(DWORD)(CREATE_WAITABLE_TIMER_MANUAL_RESET | CREATE_WAITABLE_TIMER_HIGH_RESOLUTION)) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	struct waitable_timer *t = kobj_new(HANDLE_TIMER, sizeof *t);
	if (!t)
		return 0;
	t->manual = !!(flags & CREATE_WAITABLE_TIMER_MANUAL_RESET);
	return kobj_publish(&t->k, name, sa_inherit(sa));
}

WINAPI HANDLE kernel32_CreateWaitableTimerExW(SECURITY_ATTRIBUTES *sa, LPCWSTR name, DWORD flags,
					      DWORD access)
{
	int ok;
	char *n = kernel32_name_utf8(name, &ok);
	HANDLE h = ok ? kernel32_CreateWaitableTimerExA(sa, n, flags, access) : 0;
	free(n);
	return h;
}

WINAPI HANDLE kernel32_CreateWaitableTimerA(SECURITY_ATTRIBUTES *sa, BOOL manual, LPCSTR name)
{
	return kernel32_CreateWaitableTimerExA(sa, name, manual ? CREATE_WAITABLE_TIMER_MANUAL_RESET : 0, 0);
}

WINAPI HANDLE kernel32_CreateWaitableTimerW(SECURITY_ATTRIBUTES *sa, BOOL manual, LPCWSTR name)
{
	return kernel32_CreateWaitableTimerExW(sa, name, manual ? CREATE_WAITABLE_TIMER_MANUAL_RESET : 0, 0);
}

WINAPI HANDLE kernel32_OpenWaitableTimerA(DWORD access, BOOL inherit, LPCSTR name)
{
	(void)access;
	return kobj_open(HANDLE_TIMER, name, inherit);
}

WINAPI HANDLE kernel32_OpenWaitableTimerW(DWORD access, BOOL inherit, LPCWSTR name)
{
	int ok;
	char *n = kernel32_name_utf8(name, &ok);
	HANDLE h = ok ? kernel32_OpenWaitableTimerA(access, inherit, n) : 0;
	free(n);
	return h;
}

struct timespec timer_due_time(LONGLONG due)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (due < 0) {
		add_ns(&now, (uint64_t)-due * 100);
		return now;
	}
	struct timespec real;
	clock_gettime(CLOCK_REALTIME, &real);
	FILETIME now_ft = filetime_from_timespec(real);
	uint64_t ft = filetime_value(&now_ft);
	if ((uint64_t)due > ft)
		add_ns(&now, ((uint64_t)due - ft) * 100);
	return now;
}

static BOOL set_timer(HANDLE h, const LONGLONG *due, LONG period, PTIMERAPCROUTINE fn)
{
	if (period < 0 || !due) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (fn) { /* it would be queued as an APC, and there are none */
		fprintf(stderr, "xabi: kernel32!SetWaitableTimer with a completion routine is not "
				"implemented\n");
		exit(XABI_STATUS_MISSING_IMPORT);
	}
	struct waitable_timer *t = kobj_from_handle(h, HANDLE_TIMER);
	if (!t)
		return FALSE;
	struct timespec when = timer_due_time(*due);
	pthread_mutex_lock(&sync_lock);
	t->due = when;
	t->period = period;
	t->active = 1;
	t->state = 0;
	sync_changed(); /* waiters sleep until the new due time */
	pthread_mutex_unlock(&sync_lock);
	kobj_put(&t->k);
	return TRUE;
}

/* fResume (waking a sleeping machine) is not supported, which Windows reports as success with
 * ERROR_NOT_SUPPORTED as the last error. */
WINAPI BOOL kernel32_SetWaitableTimer(HANDLE h, const LONGLONG *due, LONG period,
				      PTIMERAPCROUTINE fn, void *arg, BOOL resume)
{
	(void)arg;
	BOOL ok = set_timer(h, due, period, fn);
	if (ok && resume)
		win_set_last_error(ERROR_NOT_SUPPORTED);
	return ok;
}

/* The wake context and tolerable delay are power-management hints. */
WINAPI BOOL kernel32_SetWaitableTimerEx(HANDLE h, const LONGLONG *due, LONG period,
					PTIMERAPCROUTINE fn, void *arg, void *wake, ULONG delay)
{
	(void)arg, (void)wake, (void)delay;
	return set_timer(h, due, period, fn);
}

/* Stops the timer; its signal state stays as it is (signalled if its due time has passed). */
WINAPI BOOL kernel32_CancelWaitableTimer(HANDLE h)
{
	struct waitable_timer *t = kobj_from_handle(h, HANDLE_TIMER);
	if (!t)
		return FALSE;
	pthread_mutex_lock(&sync_lock);
	timer_signalled_locked(t);
	t->active = 0;
	pthread_mutex_unlock(&sync_lock);
	kobj_put(&t->k);
	return TRUE;
}
