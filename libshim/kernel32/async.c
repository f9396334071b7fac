/* The engine behind async.h: one host thread waits in epoll for the descriptors that waiting
 * operations need, retries them when ready and completes them. Also CancelIo and CancelIoEx.
 *
 * Operations wait per handle and direction in the order started; only the oldest of a direction
 * is retried, so reads (and writes) complete in order. Results are delivered (event, completion
 * packet) outside the lock, in the order they were reached. */
#include <asm/prctl.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "../../loader/status.h"
#include "async.h"
#include "kernel32.h"
#include "object.h"
#include "sync_io.h"

#define ERROR_NOT_FOUND 1168
#define ERROR_MORE_DATA 234

/* The operations waiting on one handle; exists while any does. */
struct watch {
	HANDLE h;
	int fd;
	struct async_op *q[2]; /* per direction, oldest first */
	uint32_t armed;        /* the epoll events registered (0: not registered) */
	struct watch *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct watch *watches;
static int epfd = -1;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static _Noreturn void fail(const char *what)
{
	fprintf(stderr, "xabi: overlapped I/O engine: %s\n", what);
	exit(XABI_STATUS_SOFTWARE);
}

static struct watch **find(HANDLE h)
{
	struct watch **w = &watches;
	while (*w && (*w)->h != h)
		w = &(*w)->next;
	return w;
}

/* A list of finished operations, to deliver once the lock is dropped. */
struct done {
	struct async_op *head, **tail;
};

static void finish(struct done *d, struct async_op *op, DWORD error, ULONG_PTR bytes)
{
	op->error = error;
	op->bytes = bytes;
	op->next = 0;
	*d->tail = op;
	d->tail = &op->next;
}

/* Register with epoll what *pw's queues wait for, and drop the watch when nothing waits (lock
 * held). If epoll refuses the descriptor, its operations fail with the reason. */
static void rearm(struct watch **pw, struct done *d)
{
	struct watch *w = *pw;
	uint32_t want = (w->q[ASYNC_READ] ? EPOLLIN : 0) | (w->q[ASYNC_WRITE] ? EPOLLOUT : 0);
	if (want != w->armed) {
		struct epoll_event ev = { .events = want, .data.u64 = (uintptr_t)w->h };
		int op = !want ? EPOLL_CTL_DEL : w->armed ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
		if (epoll_ctl(epfd, op, w->fd, &ev) < 0 && op != EPOLL_CTL_DEL) {
			DWORD err = win_error_from_errno(errno);
			for (int dir = 0; dir < 2; dir++)
				for (struct async_op *o; (o = w->q[dir]);) {
					w->q[dir] = o->next;
					finish(d, o, err, 0);
				}
			if (w->armed)
				epoll_ctl(epfd, EPOLL_CTL_DEL, w->fd, &ev);
			want = 0;
		}
		w->armed = want;
	}
	if (!want) {
		*pw = w->next;
		free(w);
	}
}

/* Abort every operation of w, whose descriptor is gone, and unregister it (lock held). */
static void forget(struct watch *w, struct done *d)
{
	for (int dir = 0; dir < 2; dir++)
		for (struct async_op *o; (o = w->q[dir]);) {
			w->q[dir] = o->next;
			finish(d, o, ERROR_OPERATION_ABORTED, 0);
		}
	if (w->armed)
		epoll_ctl(epfd, EPOLL_CTL_DEL, w->fd, &(struct epoll_event){ 0 });
	w->armed = 0;
}

/* Retry the oldest operations of one direction while they finish (lock held). */
static void run(struct watch *w, enum async_dir dir, struct done *d)
{
	for (struct async_op *op; (op = w->q[dir]);) {
		ULONG_PTR bytes = 0;
		DWORD err = op->try(op, &bytes);
		if (err == ERROR_IO_PENDING)
			return;
		w->q[dir] = op->next;
		finish(d, op, err, bytes);
	}
}

static void release(struct async_op *op)
{
	if (op->entry.port)
		kobj_put(op->entry.port);
	free(op);
}

static void deliver(struct async_op *list, int synchronous)
{
	while (list) {
		struct async_op *op = list;
		list = op->next;
		overlapped_complete_entry(&op->entry, op->ov, op->error, op->bytes, synchronous);
		release(op);
	}
}

static void *engine(void *arg)
{
	(void)arg;
	/* Shim code it calls may set a last error: give it a TEB of its own on %gs. */
	TEB *teb = calloc(1, sizeof *teb);
	if (!teb)
		fail("out of memory");
	teb->Self = teb;
	syscall(SYS_arch_prctl, ARCH_SET_GS, teb);
	struct epoll_event ev[64];
	for (;;) {
		int n = epoll_wait(epfd, ev, 64, -1);
		struct done d = { 0, &d.head };
		pthread_mutex_lock(&lock);
		for (int i = 0; i < n; i++) {
			struct watch **pw = find((HANDLE)(uintptr_t)ev[i].data.u64);
			if (!*pw)
				continue; /* cancelled since */
			uint32_t e = ev[i].events;
			if (e & (EPOLLIN | EPOLLERR | EPOLLHUP))
				run(*pw, ASYNC_READ, &d);
			if (e & (EPOLLOUT | EPOLLERR | EPOLLHUP))
				run(*pw, ASYNC_WRITE, &d);
			rearm(pw, &d);
		}
		pthread_mutex_unlock(&lock);
		deliver(d.head, 0);
	}
	return 0;
}

/* The engine's thread runs with every signal blocked: it never runs guest code and has no
 * xthread block for xabi's handlers (like CreateProcess's waiter). */
static void start_engine(void)
{
	if ((epfd = epoll_create1(EPOLL_CLOEXEC)) < 0)
		fail("epoll_create1 failed");
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&a, 256 << 10);
	pthread_t t;
	int err = pthread_create(&t, &a, engine, 0);
	pthread_attr_destroy(&a);
	pthread_sigmask(SIG_SETMASK, &old, 0);
	if (err)
		fail("cannot start its thread");
}

DWORD async_start(HANDLE h, int fd, struct async_op *op)
{
	pthread_once(&once, start_engine);
	struct handle_obj e;
	int found = handle_lookup(h, &e) == 0;
	if (found && handle_is_kobj(e.type))
		kobj_put(e.obj);
	if (!found || e.type != HANDLE_FILE) {
		op->entry = (struct handle_obj){ 0 };
		release(op);
		return ERROR_INVALID_HANDLE;
	}
	op->entry = e;
	if (op->entry.port)
		kobj_ref(op->entry.port); /* packets still go there if the handle closes first */
	op->h = h;
	op->fd = fd;
	op->tid = (DWORD)syscall(SYS_gettid);
	op->next = 0;
	struct done d = { 0, &d.head };
	pthread_mutex_lock(&lock);
	struct watch **pw = find(h);
	if (*pw && (*pw)->fd != fd) {
		/* The handle closed and its value was reused before the close reached the engine:
		 * the old operations end as the close would have ended them. */
		forget(*pw, &d);
		(*pw)->fd = fd;
	}
	if (!*pw || !(*pw)->q[op->dir]) {
		ULONG_PTR bytes = 0;
		DWORD err = op->try(op, &bytes);
		if (err != ERROR_IO_PENDING) {
			if (*pw)
				rearm(pw, &d); /* drops a watch left with nothing to wait for */
			pthread_mutex_unlock(&lock);
			deliver(d.head, 0);
			struct done now = { 0, &now.head };
			finish(&now, op, err, bytes);
			/* A warning (STATUS_BUFFER_OVERFLOW: a datagram larger than the buffers) is a
			 * completion, not a failure: it reaches the port as if the operation had waited,
			 * which is how programs (Go's poller) see it on Windows. */
			int warning = err == ERROR_MORE_DATA;
			deliver(now.head, !warning);
			return warning ? ERROR_IO_PENDING : err;
		}
	}
	if (!*pw) {
		struct watch *w = calloc(1, sizeof *w);
		if (!w)
			fail("out of memory");
		w->h = h;
		w->fd = fd;
		w->next = watches;
		watches = w;
		pw = &watches;
	}
	struct async_op **q = &(*pw)->q[op->dir];
	while (*q)
		q = &(*q)->next;
	*q = op;
	rearm(pw, &d);
	pthread_mutex_unlock(&lock);
	deliver(d.head, 0);
	return ERROR_IO_PENDING;
}

/* Cancel what matches on h (and its descriptor fd, unless -1); the number cancelled. */
static int cancel(HANDLE h, int fd, const OVERLAPPED *ov, int mine)
{
	DWORD me = (DWORD)syscall(SYS_gettid);
	int n = 0;
	struct done d = { 0, &d.head };
	pthread_mutex_lock(&lock);
	struct watch **pw = find(h);
	if (*pw && (fd < 0 || (*pw)->fd == fd)) {
		for (int dir = 0; dir < 2; dir++)
			for (struct async_op **p = &(*pw)->q[dir]; *p;) {
				struct async_op *op = *p;
				if ((ov && op->ov != ov) || (mine && op->tid != me)) {
					p = &op->next;
					continue;
				}
				*p = op->next;
				finish(&d, op, ERROR_OPERATION_ABORTED, 0);
				n++;
			}
		rearm(pw, &d);
	}
	pthread_mutex_unlock(&lock);
	deliver(d.head, 0);
	return n;
}

int async_cancel(HANDLE h, const OVERLAPPED *ov, int mine)
{
	return cancel(h, -1, ov, mine);
}

void async_closing(HANDLE h, int fd)
{
	if (epfd >= 0)
		cancel(h, fd, 0, 0);
}

static int is_file(HANDLE h)
{
	struct handle_obj o;
	if (handle_lookup(h, &o) < 0)
		return 0;
	if (handle_is_kobj(o.type))
		kobj_put(o.obj);
	if (o.type != HANDLE_FILE) {
		win_set_last_error(ERROR_INVALID_HANDLE);
		return 0;
	}
	return 1;
}

WINAPI BOOL kernel32_CancelIoEx(HANDLE h, OVERLAPPED *ov)
{
	if (!is_file(h))
		return FALSE;
	int blocking = ov ? 0 : sync_io_cancel(h); /* a ReadFile/WriteFile without OVERLAPPED */
	if (!async_cancel(h, ov, 0) && !blocking) {
		win_set_last_error(ERROR_NOT_FOUND);
		return FALSE;
	}
	return TRUE;
}

/* Only the calling thread's operations; TRUE even when there were none. */
WINAPI BOOL kernel32_CancelIo(HANDLE h)
{
	if (!is_file(h))
		return FALSE;
	async_cancel(h, 0, 1);
	return TRUE;
}
