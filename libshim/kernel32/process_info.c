/* OpenProcess and GetProcessTimes. A process handle can name this process or a child this
 * process created (one a handle is still open to); another process exists only as a host pid,
 * which kernel32 cannot wait for or query: ERROR_ACCESS_DENIED, as Windows answers a process
 * the caller may not open (libshim/README.md). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include "fileinfo.h"
#include "handle.h"
#include "kernel32.h"
#include "object.h"

struct child_search {
	DWORD pid;
	struct process_obj *found;
};

static void match_child(HANDLE h, const struct handle_obj *o, void *arg)
{
	(void)h;
	struct child_search *s = arg;
	if (!s->found && o->type == HANDLE_PROCESS && ((struct process_obj *)o->obj)->pid == (int)s->pid) {
		s->found = o->obj;
		kobj_ref(&s->found->k);
	}
}

WINAPI HANDLE kernel32_OpenProcess(DWORD access, BOOL inherit, DWORD pid)
{
	(void)access; /* every handle has every right */
	struct child_search s = { pid, 0 };
	if (pid == (DWORD)getpid())
		s.found = process_current();
	else
		handle_each(match_child, &s);
	if (!s.found) {
		win_set_last_error(pid && kill((pid_t)pid, 0) == 0 ? ERROR_ACCESS_DENIED : ERROR_INVALID_PARAMETER);
		return 0;
	}
	HANDLE h = handle_add(&(struct handle_obj){ .type = HANDLE_PROCESS, .fd = -1, .obj = s.found,
					       .flags = inherit ? HANDLE_FLAG_INHERIT : 0 });
	if (!h)
		kobj_put(&s.found->k);
	return h;
}

/* This process's start as a FILETIME value: its start in clock ticks after boot
 * (/proc/self/stat, field 22) plus the boot time (/proc/stat's btime). 0 if unknown. */
static uint64_t self_created(void)
{
	char buf[1024];
	unsigned long long ticks = 0, btime = 0;
	FILE *f = fopen("/proc/self/stat", "r");
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = 0;
	char *p = strrchr(buf, ')'); /* the command name may hold spaces */
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %*d %*d %llu",
			 &ticks) != 1)
		return 0;
	if (!(f = fopen("/proc/stat", "r")))
		return 0;
	while (fgets(buf, sizeof buf, f) && sscanf(buf, "btime %llu", &btime) != 1)
		;
	fclose(f);
	long hz = sysconf(_SC_CLK_TCK);
	struct timespec ts = { (time_t)(btime + ticks / (unsigned long long)hz),
			       (long)(ticks % (unsigned long long)hz * (1000000000 / hz)) };
	FILETIME ft = filetime_from_timespec(ts);
	return filetime_value(&ft);
}

static uint64_t tv100(struct timeval tv)
{
	return (uint64_t)tv.tv_sec * 10000000 + (uint64_t)tv.tv_usec * 10;
}

/* A child's times are known once it has ended (its exit time is 0 until then, its CPU times
 * those of its reaping). */
WINAPI BOOL kernel32_GetProcessTimes(HANDLE h, FILETIME *created, FILETIME *exited, FILETIME *kernel,
				     FILETIME *user)
{
	struct process_obj *p = kobj_from_handle(h, HANDLE_PROCESS);
	if (!p)
		return FALSE;
	uint64_t c, e = 0, k, u;
	if (p->pid == getpid()) {
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		c = self_created();
		k = tv100(ru.ru_stime);
		u = tv100(ru.ru_utime);
	} else {
		pthread_mutex_lock(&sync_lock);
		c = p->created;
		e = p->done ? p->exited : 0;
		k = p->done ? p->kernel : 0;
		u = p->done ? p->user : 0;
		pthread_mutex_unlock(&sync_lock);
	}
	kobj_put(&p->k);
	*created = filetime_make(c);
	*exited = filetime_make(e);
	*kernel = filetime_make(k);
	*user = filetime_make(u);
	return TRUE;
}
