/* Kernel objects: the reference-counted things behind thread, process, event, mutex and
 * semaphore handles (object.c), and the one lock and condition every wait uses (wait.c).
 *
 * Every object's signal state is changed and read under sync_lock; a change that may satisfy a
 * waiter ends with sync_changed(). One process-wide condition is coarse (every waiter re-checks
 * on every change) but makes WaitForMultipleObjects' wait-all atomic for free. */
#ifndef XABI_KERNEL32_OBJECT_H
#define XABI_KERNEL32_OBJECT_H

#include <pthread.h>
#include <time.h>
#include <stdatomic.h>
#include "handle.h"
#include "../../abi/windows/suspend.h"

#define STILL_ACTIVE 259
#define INFINITE 0xffffffffu
#define WAIT_OBJECT_0 0
#define WAIT_ABANDONED_0 0x80
#define WAIT_TIMEOUT 258
#define WAIT_FAILED 0xffffffffu
#define MAXIMUM_WAIT_OBJECTS 64

#define ERROR_NOT_OWNER 288
#define ERROR_TOO_MANY_POSTS 298
#define ERROR_TIMEOUT 1460

struct kobj {
	enum handle_type type;
	atomic_int refs;
	char *name; /* in the process's namespace while the object lives (object.c) */
	struct kobj *next_named;
};

struct event {
	struct kobj k;
	int manual, state;
	/* PulseEvent: waiters that saw the event reset when they started waiting count a change of
	 * pulse_seq as a signal (an auto-reset pulse releases one: the first to take pulse_token). */
	unsigned pulse_seq;
	int pulse_token;
	int waiters;
};

struct mutex {
	struct kobj k;
	DWORD owner;    /* thread id, 0 when free */
	unsigned count; /* recursion */
	int abandoned;  /* the owner ended without releasing: the next wait says WAIT_ABANDONED */
	struct mutex *next, *prev; /* every mutex, for abandonment at thread exit */
};

struct semaphore {
	struct kobj k;
	LONG count, max;
};

struct thread_obj {
	struct kobj k;
	struct thread_stop stop; /* SuspendThread of the running thread (suspend.c) */
	DWORD tid;
	DWORD exit_code; /* STILL_ACTIVE until done */
	int done;
	int suspend;      /* SuspendThread count: a suspended new thread waits before its start */
	int started;      /* past that point: running its function */
	DWORD (WINAPI *fn)(void *);
	void *param;
	int priority;
};

/* A waitable timer (timer.c): signalled from its due time (CLOCK_MONOTONIC) on; a periodic one
 * is due again every period ms. Waiters make it signalled (timer_signalled_locked). */
struct waitable_timer {
	struct kobj k;
	int manual; /* a notification timer: stays signalled until set again */
	int state;
	int active; /* set and due (again) */
	struct timespec due;
	LONG period;
};

struct process_obj {
	struct kobj k;
	int pid;
	DWORD exit_code;
	int done;
	struct thread_obj *thread; /* a child's main thread: done when the child is */
	int terminated;            /* TerminateProcess killed it: its exit code is term_code */
	DWORD term_code;
	/* GetProcessTimes of a child (FILETIME values): set at creation and when it is reaped */
	uint64_t created, exited, user, kernel;
};

extern pthread_mutex_t sync_lock;
/* Wake every waiter to re-check (sync_lock held). */
void sync_changed(void);
/* Sleep until the next sync_changed (sync_lock held, released meanwhile). */
void sync_wait(void);
/* The same, but no later than deadline (CLOCK_MONOTONIC): ETIMEDOUT when it passed. */
int sync_wait_until(const struct timespec *deadline);
/* The CLOCK_MONOTONIC time ms milliseconds from now, for sync_wait_until. */
void sync_deadline(struct timespec *t, DWORD ms);

/* A new object of size bytes (zeroed), one reference; NULL (last error set) if out of memory. */
void *kobj_new(enum handle_type type, size_t size);
void kobj_ref(struct kobj *k);
void kobj_put(struct kobj *k);
/* Give a new object its name (UTF-8; NULL or "" for none) and a handle. If an object of that name
 * exists, fresh is dropped and the handle is to the existing one, with last error
 * ERROR_ALREADY_EXISTS (ERROR_INVALID_HANDLE and NULL if it is of another type); else the last
 * error is 0. inherit: SECURITY_ATTRIBUTES.bInheritHandle. */
HANDLE kobj_publish(struct kobj *fresh, const char *name, BOOL inherit);
/* A handle to the object called name (Open*): ERROR_FILE_NOT_FOUND if there is none,
 * ERROR_INVALID_HANDLE if it is of another type. */
HANDLE kobj_open(enum handle_type type, const char *name, BOOL inherit);
/* The object behind h if it is of type; NULL with last error ERROR_INVALID_HANDLE. A reference
 * the caller puts. */
void *kobj_from_handle(HANDLE h, enum handle_type type);

WINAPI _Noreturn void kernel32_ExitThread(DWORD code);
/* A thread's end: its fiber-local storage callbacks (fls.c). */
void fls_thread_exit(void);
WINAPI BOOL kernel32_CloseHandle(HANDLE h);
WINAPI BOOL kernel32_ResetEvent(HANDLE h);

/* Is the timer signalled now? Its due time passing makes it so (sync_lock held; timer.c). */
int timer_signalled_locked(struct waitable_timer *t);
/* The CLOCK_MONOTONIC time of an NT due time or timeout: negative, relative in 100 ns units;
 * otherwise an absolute FILETIME (one already past is now) (timer.c). */
struct timespec timer_due_time(LONGLONG due);
/* WaitForMultipleObjects with a CLOCK_MONOTONIC deadline (NULL: none; a past one: a poll), for
 * ntdll's waits (wait.c). */
DWORD wait_objects_until(DWORD n, const HANDLE *handles, BOOL all, const struct timespec *deadline);

/* A W function's object name in UTF-8 (malloc'd; NULL for NULL): *ok is 0 when out of memory
 * (last error set) (event.c). */
char *kernel32_name_utf8(LPCWSTR name, int *ok);

/* The calling thread's and the process's own objects (thread.c, process_create.c), referenced. */
struct thread_obj *thread_current(void);
struct process_obj *process_current(void);
/* SuspendThread and ResumeThread of another running thread of this process (suspend.c): the
 * previous count; resume_running gives (DWORD)-1 when t was not suspended that way. */
DWORD suspend_running(struct thread_obj *t);
DWORD resume_running(struct thread_obj *t);
/* Thread exit (sync_lock held): the thread's mutexes become abandoned (mutex.c). */
void mutex_abandon_all(DWORD tid);
/* Signalling with sync_lock held: 0 or the error (mutex.c, event.c, semaphore.c). */
void event_set_locked(struct event *e);
DWORD mutex_release_locked(struct mutex *m);
DWORD semaphore_release_locked(struct semaphore *s, LONG n, LONG *prev);
/* The head of the list of every mutex (mutex.c), which kobj_publish and kobj_put maintain. */
extern struct mutex mutex_list;

/* SECURITY_ATTRIBUTES, for the inherit flag. */
typedef struct {
	DWORD nLength;
	void *lpSecurityDescriptor;
	BOOL bInheritHandle;
} SECURITY_ATTRIBUTES;

WINAPI HANDLE kernel32_CreateThread(SECURITY_ATTRIBUTES *sa, SIZE_T size,
				    DWORD(WINAPI *fn)(void *), void *param, DWORD flags, DWORD *id);

static inline BOOL sa_inherit(const SECURITY_ATTRIBUTES *sa)
{
	return sa && sa->bInheritHandle;
}

#endif
