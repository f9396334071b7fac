/* Kernel object handles: small multiples of 4, as Windows hands them out, indexing a table of the
 * objects behind them. Files (and pipes, consoles) are host descriptors; threads, processes and
 * synchronisation objects are reference-counted struct kobj (object.c), one reference per handle. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include "async.h"
#include "handle.h"
#include "inherit.h"
#include "kernel32.h"
#include "object.h"

#define MAX_HANDLES 16384

static struct handle_obj table[MAX_HANDLES];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static HANDLE value(size_t i)
{
	return (HANDLE)(uintptr_t)(4 * (i + 1));
}

HANDLE handle_add(const struct handle_obj *o)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < MAX_HANDLES; i++)
		if (!table[i].type) {
			table[i] = *o;
			pthread_mutex_unlock(&lock);
			return value(i);
		}
	pthread_mutex_unlock(&lock);
	win_set_last_error(ERROR_TOO_MANY_OPEN_FILES);
	return 0;
}

HANDLE handle_add_at(HANDLE h, const struct handle_obj *o)
{
	uintptr_t v = (uintptr_t)h;
	pthread_mutex_lock(&lock);
	int ok = v && v % 4 == 0 && v / 4 <= MAX_HANDLES && !table[v / 4 - 1].type;
	if (ok)
		table[v / 4 - 1] = *o;
	pthread_mutex_unlock(&lock);
	return ok ? h : 0;
}

HANDLE handle_new(enum handle_type type, int fd, void *obj)
{
	return handle_add(&(struct handle_obj){ .type = type, .fd = fd, .obj = obj, .flags = 0 });
}

static struct handle_obj *entry(HANDLE h)
{
	uintptr_t v = (uintptr_t)h;
	if (!v || v % 4 || v / 4 > MAX_HANDLES || !table[v / 4 - 1].type)
		return 0;
	return &table[v / 4 - 1];
}

struct handle_obj *handle_get(HANDLE h)
{
	struct handle_obj *o = entry(h);
	if (!o)
		win_set_last_error(ERROR_INVALID_HANDLE);
	return o;
}

int handle_lookup(HANDLE h, struct handle_obj *out)
{
	if (h == CURRENT_THREAD || h == CURRENT_PROCESS) {
		struct kobj *k = h == CURRENT_THREAD ? &thread_current()->k : &process_current()->k;
		*out = (struct handle_obj){ .type = k->type, .fd = -1, .obj = k, .flags = 0 };
		return 0;
	}
	pthread_mutex_lock(&lock);
	struct handle_obj *o = entry(h);
	if (o) {
		*out = *o;
		if (handle_is_kobj(o->type))
			kobj_ref(o->obj);
	}
	pthread_mutex_unlock(&lock);
	if (!o) {
		win_set_last_error(ERROR_INVALID_HANDLE);
		return -1;
	}
	return 0;
}

void *handle_peek(HANDLE h, enum handle_type type)
{
	struct handle_obj *o = entry(h);
	if (!o || o->type != type) {
		win_set_last_error(ERROR_INVALID_HANDLE);
		return 0;
	}
	return o->obj;
}

int handle_update(HANDLE h, DWORD (*fn)(struct handle_obj *o, void *arg), void *arg)
{
	pthread_mutex_lock(&lock);
	struct handle_obj *o = entry(h);
	DWORD err = o ? fn(o, arg) : ERROR_INVALID_HANDLE;
	pthread_mutex_unlock(&lock);
	if (err)
		win_set_last_error(err);
	return err ? -1 : 0;
}

void handle_each(void (*fn)(HANDLE h, const struct handle_obj *o, void *arg), void *arg)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < MAX_HANDLES; i++)
		if (table[i].type)
			fn(value(i), &table[i], arg);
	pthread_mutex_unlock(&lock);
}

int kernel32_handle_fd(HANDLE h)
{
	struct handle_obj *o = handle_get(h);
	if (o && o->type == HANDLE_FILE)
		return o->fd;
	if (o)
		win_set_last_error(ERROR_INVALID_HANDLE);
	return -1;
}

int kernel32_init_std_handles(RTL_USER_PROCESS_PARAMETERS *params)
{
	HANDLE *std[] = { &params->StandardInput, &params->StandardOutput, &params->StandardError };
	HANDLE given[3] = { 0 };
	inherit_adopt(given); /* handles a parent passed, at their values (inherit.c) */
	for (int fd = 0; fd < 3; fd++)
		*std[fd] = given[fd] ? given[fd] : fcntl_valid(fd) ? handle_new(HANDLE_FILE, fd, 0) : 0;
	return 0;
}

/* Drop what a closed entry held. */
static void release(const struct handle_obj *o)
{
	if (o->type == HANDLE_FILE && o->fd >= 0)
		close(o->fd);
	if (o->type == HANDLE_FILE && o->port)
		kobj_put(o->port);
	else if (handle_is_kobj(o->type))
		kobj_put(o->obj);
}

WINAPI BOOL kernel32_CloseHandle(HANDLE h)
{
	if (h == CURRENT_THREAD || h == CURRENT_PROCESS)
		return TRUE; /* closing a pseudo-handle does nothing */
	pthread_mutex_lock(&lock);
	struct handle_obj *o = entry(h);
	if (!o || (o->flags & HANDLE_FLAG_PROTECT_FROM_CLOSE)) {
		pthread_mutex_unlock(&lock);
		win_set_last_error(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	struct handle_obj old = *o;
	o->type = HANDLE_FREE;
	pthread_mutex_unlock(&lock);
	if (old.type == HANDLE_FILE)
		async_closing(h, old.fd); /* as Windows does: waiting operations end aborted */
	release(&old);
	return TRUE;
}

#define DUPLICATE_CLOSE_SOURCE 0x1
#define DUPLICATE_SAME_ACCESS 0x2

/* 1 if process is the current process, 0 if another (last error ERROR_NOT_SUPPORTED: only the
 * current process's handles are reachable), -1 if not a process handle. */
static int is_self(HANDLE process)
{
	if (process == CURRENT_PROCESS)
		return 1;
	struct process_obj *p = kobj_from_handle(process, HANDLE_PROCESS);
	if (!p)
		return -1;
	int self = p->pid == getpid();
	kobj_put(&p->k);
	if (!self)
		win_set_last_error(ERROR_NOT_SUPPORTED);
	return self;
}

WINAPI BOOL kernel32_DuplicateHandle(HANDLE src_process, HANDLE src, HANDLE dst_process,
				     HANDLE *dst, DWORD access, BOOL inherit, DWORD options)
{
	(void)access; /* access rights are not checked: every handle has all of its object's */
	if (is_self(src_process) <= 0 || (dst && is_self(dst_process) <= 0))
		return FALSE;
	struct handle_obj o;
	if (handle_lookup(src, &o) < 0)
		return FALSE;
	HANDLE h = 0;
	if (dst) {
		o.flags = inherit ? HANDLE_FLAG_INHERIT : 0;
		if (o.type == HANDLE_FILE && (o.fd = fcntl(o.fd, F_DUPFD_CLOEXEC, 3)) < 0) {
			win_set_last_error(win_error_from_errno(errno));
			return FALSE;
		}
		if (o.type == HANDLE_FILE && o.port)
			kobj_ref(o.port); /* the copy shares the file's completion port */
		if (!(h = handle_add(&o))) {
			release(&o);
			return FALSE;
		}
		*dst = h;
	} else if (handle_is_kobj(o.type)) {
		kobj_put(o.obj);
	}
	if (options & DUPLICATE_CLOSE_SOURCE)
		kernel32_CloseHandle(src);
	return TRUE;
}

WINAPI BOOL kernel32_GetHandleInformation(HANDLE h, DWORD *flags)
{
	pthread_mutex_lock(&lock);
	struct handle_obj *o = entry(h);
	if (o)
		*flags = o->flags;
	pthread_mutex_unlock(&lock);
	if (!o)
		win_set_last_error(ERROR_INVALID_HANDLE);
	return o != 0;
}

WINAPI BOOL kernel32_SetHandleInformation(HANDLE h, DWORD mask, DWORD flags)
{
	pthread_mutex_lock(&lock);
	struct handle_obj *o = entry(h);
	if (o)
		o->flags = (o->flags & ~mask) | (flags & mask);
	pthread_mutex_unlock(&lock);
	if (!o)
		win_set_last_error(ERROR_INVALID_HANDLE);
	return o != 0;
}
