/* WaitForSingleObject, WaitForMultipleObjects and SignalObjectAndWait over the kernel objects of
 * object.h. A waiter holds sync_lock while it checks its objects, takes them (an auto-reset event
 * resets, a semaphore count goes down, a mutex becomes its own) only when the wait is satisfied
 * (for wait-all: all of them at once), and otherwise sleeps on the one process-wide condition.
 * There are no APCs, so an alertable wait is an ordinary one. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "../../loader/status.h"
#include "kernel32.h"
#include "object.h"

pthread_mutex_t sync_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init_cond(void)
{
	pthread_condattr_t a;
	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_cond_init(&changed, &a);
}

void sync_changed(void)
{
	pthread_once(&once, init_cond);
	pthread_cond_broadcast(&changed);
}

void sync_wait(void)
{
	pthread_once(&once, init_cond);
	pthread_cond_wait(&changed, &sync_lock);
}

void sync_deadline(struct timespec *t, DWORD ms)
{
	clock_gettime(CLOCK_MONOTONIC, t);
	t->tv_sec += ms / 1000;
	t->tv_nsec += (long)(ms % 1000) * 1000000;
	if (t->tv_nsec >= 1000000000) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000;
	}
}

int sync_wait_until(const struct timespec *deadline)
{
	pthread_once(&once, init_cond);
	return pthread_cond_timedwait(&changed, &sync_lock, deadline);
}

/* Can the object satisfy a wait by thread me now? seq: the waiter's view of an event's pulses. */
static int ready(struct kobj *k, DWORD me, unsigned seq)
{
	switch (k->type) {
	case HANDLE_EVENT: {
		struct event *e = (struct event *)k;
		return e->state || (seq != e->pulse_seq && (e->manual || e->pulse_token));
	}
	case HANDLE_MUTEX: {
		struct mutex *m = (struct mutex *)k;
		return !m->owner || m->owner == me;
	}
	case HANDLE_SEMAPHORE: return ((struct semaphore *)k)->count > 0;
	case HANDLE_THREAD: return ((struct thread_obj *)k)->done;
	case HANDLE_PROCESS: return ((struct process_obj *)k)->done;
	case HANDLE_TIMER: return timer_signalled_locked((struct waitable_timer *)k);
	default: return 0;
	}
}

/* Take a ready object; 1 if it was an abandoned mutex. */
static int take(struct kobj *k, DWORD me, unsigned *seq)
{
	switch (k->type) {
	case HANDLE_EVENT: {
		struct event *e = (struct event *)k;
		if (e->state) {
			if (!e->manual)
				e->state = 0;
		} else {
			*seq = e->pulse_seq;
			if (!e->manual)
				e->pulse_token = 0;
		}
		return 0;
	}
	case HANDLE_MUTEX: {
		struct mutex *m = (struct mutex *)k;
		int abandoned = m->abandoned;
		m->owner = me;
		m->count++;
		m->abandoned = 0;
		return abandoned;
	}
	case HANDLE_SEMAPHORE: ((struct semaphore *)k)->count--; return 0;
	case HANDLE_TIMER: {
		struct waitable_timer *t = (struct waitable_timer *)k;
		if (!t->manual)
			t->state = 0;
		return 0;
	}
	default: return 0;
	}
}

static int before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* Sleep until a change, the deadline (NULL: none) or the earliest due time of the timers among
 * objs, whichever is first: a timer becomes signalled when a waiter finds its time passed. 1 when
 * the deadline itself passed. */
static int sleep_locked(struct kobj **objs, DWORD n, const struct timespec *deadline)
{
	const struct timespec *until = deadline;
	for (DWORD i = 0; i < n; i++)
		if (objs[i]->type == HANDLE_TIMER) {
			struct waitable_timer *t = (struct waitable_timer *)objs[i];
			if (t->active && (!until || before(&t->due, until)))
				until = &t->due;
		}
	if (!until) {
		pthread_cond_wait(&changed, &sync_lock);
		return 0;
	}
	return pthread_cond_timedwait(&changed, &sync_lock, until) == ETIMEDOUT && until == deadline;
}

/* Wait on objs (references held by the caller) with sync_lock held, until the CLOCK_MONOTONIC
 * deadline (NULL: forever); the WAIT_* result. */
static DWORD wait_locked(struct kobj **objs, DWORD n, BOOL all, const struct timespec *deadline)
{
	DWORD me = (DWORD)(uintptr_t)NtCurrentTeb()->UniqueThread;
	unsigned seq[MAXIMUM_WAIT_OBJECTS];
	for (DWORD i = 0; i < n; i++)
		if (objs[i]->type == HANDLE_EVENT) {
			struct event *e = (struct event *)objs[i];
			seq[i] = e->pulse_seq;
			e->waiters++;
		}
	pthread_once(&once, init_cond);
	DWORD result;
	int last_look = 0;
	for (;;) {
		DWORD i, first = n;
		for (i = 0; i < n; i++) {
			int r = ready(objs[i], me, seq[i]);
			if (r && first == n)
				first = i;
			if (r != all)
				break;
		}
		if (all && i == n) {
			int abandoned = -1;
			for (i = 0; i < n; i++)
				if (take(objs[i], me, &seq[i]) && abandoned < 0)
					abandoned = (int)i;
			result = abandoned >= 0 ? WAIT_ABANDONED_0 + (DWORD)abandoned : WAIT_OBJECT_0;
			break;
		}
		if (!all && first < n) {
			result = (take(objs[first], me, &seq[first]) ? WAIT_ABANDONED_0 : WAIT_OBJECT_0) + first;
			break;
		}
		if (last_look) {
			result = WAIT_TIMEOUT;
			break;
		}
		last_look = sleep_locked(objs, n, deadline);
	}
	for (DWORD i = 0; i < n; i++)
		if (objs[i]->type == HANDLE_EVENT)
			((struct event *)objs[i])->waiters--;
	return result;
}

/* References to the objects behind handles; 0, or -1 with last error set (none kept). */
static int objects(DWORD n, const HANDLE *handles, BOOL all, struct kobj **objs)
{
	if (!n || n > MAXIMUM_WAIT_OBJECTS) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return -1;
	}
	for (DWORD i = 0; i < n; i++) {
		struct handle_obj o;
		if (handle_lookup(handles[i], &o) < 0) {
			while (i--)
				kobj_put(objs[i]);
			return -1;
		}
		if (!handle_is_kobj(o.type)) {
			/* A file handle's signal state (I/O completion, console input) is not modelled. */
			fprintf(stderr, "xabi: kernel32: waiting on a file handle is not implemented\n");
			exit(XABI_STATUS_MISSING_IMPORT);
		}
		objs[i] = o.obj;
		for (DWORD j = 0; all && j < i; j++)
			if (objs[j] == objs[i]) { /* wait-all on one object twice */
				for (j = 0; j <= i; j++)
					kobj_put(objs[j]);
				win_set_last_error(ERROR_INVALID_PARAMETER);
				return -1;
			}
	}
	return 0;
}

/* A timeout in milliseconds as wait_locked's deadline (NULL for INFINITE); 0 is now. */
static const struct timespec *ms_deadline(struct timespec *t, DWORD ms)
{
	if (ms == INFINITE)
		return 0;
	sync_deadline(t, ms);
	return t;
}

DWORD wait_objects_until(DWORD n, const HANDLE *handles, BOOL all, const struct timespec *deadline)
{
	struct kobj *objs[MAXIMUM_WAIT_OBJECTS];
	if (objects(n, handles, all, objs) < 0)
		return WAIT_FAILED;
	pthread_mutex_lock(&sync_lock);
	DWORD r = wait_locked(objs, n, all, deadline);
	pthread_mutex_unlock(&sync_lock);
	for (DWORD i = 0; i < n; i++)
		kobj_put(objs[i]);
	return r;
}

WINAPI DWORD kernel32_WaitForMultipleObjectsEx(DWORD n, const HANDLE *handles, BOOL all, DWORD ms,
					       BOOL alertable)
{
	(void)alertable;
	struct timespec t;
	return wait_objects_until(n, handles, all, ms_deadline(&t, ms));
}

WINAPI DWORD kernel32_WaitForMultipleObjects(DWORD n, const HANDLE *handles, BOOL all, DWORD ms)
{
	return kernel32_WaitForMultipleObjectsEx(n, handles, all, ms, FALSE);
}

WINAPI DWORD kernel32_WaitForSingleObjectEx(HANDLE h, DWORD ms, BOOL alertable)
{
	return kernel32_WaitForMultipleObjectsEx(1, &h, FALSE, ms, alertable);
}

WINAPI DWORD kernel32_WaitForSingleObject(HANDLE h, DWORD ms)
{
	return kernel32_WaitForMultipleObjectsEx(1, &h, FALSE, ms, FALSE);
}

static DWORD signal_locked(struct kobj *k)
{
	switch (k->type) {
	case HANDLE_EVENT: event_set_locked((struct event *)k); return 0;
	case HANDLE_MUTEX: return mutex_release_locked((struct mutex *)k);
	default: return semaphore_release_locked((struct semaphore *)k, 1, 0);
	}
}

/* Signal one object and start waiting on another with no moment between (one sync_lock hold). */
WINAPI DWORD kernel32_SignalObjectAndWait(HANDLE signal, HANDLE wait, DWORD ms, BOOL alertable)
{
	(void)alertable;
	struct kobj *objs[1], *s;
	struct handle_obj o;
	if (handle_lookup(signal, &o) < 0)
		return WAIT_FAILED;
	s = o.obj;
	if (o.type != HANDLE_EVENT && o.type != HANDLE_MUTEX && o.type != HANDLE_SEMAPHORE) {
		if (handle_is_kobj(o.type))
			kobj_put(s);
		win_set_last_error(ERROR_INVALID_HANDLE);
		return WAIT_FAILED;
	}
	if (objects(1, &wait, FALSE, objs) < 0) {
		kobj_put(s);
		return WAIT_FAILED;
	}
	pthread_mutex_lock(&sync_lock);
	DWORD err = signal_locked(s), r = WAIT_FAILED;
	struct timespec t;
	if (!err)
		r = wait_locked(objs, 1, FALSE, ms_deadline(&t, ms));
	pthread_mutex_unlock(&sync_lock);
	kobj_put(s);
	kobj_put(objs[0]);
	if (err)
		win_set_last_error(err);
	return r;
}
