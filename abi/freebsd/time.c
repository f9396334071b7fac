/* FreeBSD clocks, sleeps and timers. struct timespec, timeval, itimerval and rusage have the
 * host's layout; clock ids differ (sys/sys/_clock_id.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <time.h>
#include "../../syscall/copy.h"
#include "../../syscall/raw.h"
#include "../../syscall/trap.h"
#include "../../syscall/xthread.h"
#include "freebsd.h"

enum {
	FB_CLOCK_REALTIME = 0, FB_CLOCK_VIRTUAL = 1, FB_CLOCK_PROF = 2, FB_CLOCK_MONOTONIC = 4,
	FB_CLOCK_UPTIME = 5, FB_CLOCK_UPTIME_PRECISE = 7, FB_CLOCK_UPTIME_FAST = 8,
	FB_CLOCK_REALTIME_PRECISE = 9, FB_CLOCK_REALTIME_FAST = 10, FB_CLOCK_MONOTONIC_PRECISE = 11,
	FB_CLOCK_MONOTONIC_FAST = 12, FB_CLOCK_SECOND = 13, FB_CLOCK_THREAD_CPUTIME_ID = 14,
	FB_CLOCK_PROCESS_CPUTIME_ID = 15,
};

/* The host clock that measures the same thing; -1 for none. FreeBSD's uptime clocks count from
 * boot like Linux's CLOCK_BOOTTIME; its _FAST clocks are Linux's _COARSE ones. */
int freebsd_clock_to_host(long id)
{
	switch (id) {
	case FB_CLOCK_REALTIME: case FB_CLOCK_REALTIME_PRECISE: return CLOCK_REALTIME;
	case FB_CLOCK_REALTIME_FAST: return CLOCK_REALTIME_COARSE;
	case FB_CLOCK_MONOTONIC: case FB_CLOCK_MONOTONIC_PRECISE: return CLOCK_MONOTONIC;
	case FB_CLOCK_MONOTONIC_FAST: case FB_CLOCK_SECOND: return CLOCK_MONOTONIC_COARSE;
	case FB_CLOCK_UPTIME: case FB_CLOCK_UPTIME_PRECISE: case FB_CLOCK_UPTIME_FAST:
		return CLOCK_BOOTTIME;
	case FB_CLOCK_THREAD_CPUTIME_ID: return CLOCK_THREAD_CPUTIME_ID;
	case FB_CLOCK_PROCESS_CPUTIME_ID: return CLOCK_PROCESS_CPUTIME_ID;
	}
	return -1;
}

long freebsd_sys_clock_gettime(struct trap *tr)
{
	int c = freebsd_clock_to_host(tr->arg[0]);
	if (c < 0)
		return -EINVAL;
	struct timespec ts;
	long r = raw2(SYS_clock_gettime, c, &ts);
	if (r < 0)
		return r;
	if (tr->arg[0] == FB_CLOCK_SECOND)
		ts.tv_nsec = 0;
	return xabi_copy_safe((void *)tr->arg[1], &ts, sizeof ts) < 0 ? -EFAULT : 0;
}

long freebsd_sys_clock_getres(struct trap *tr)
{
	int c = freebsd_clock_to_host(tr->arg[0]);
	if (c < 0)
		return -EINVAL;
	if (tr->arg[0] == FB_CLOCK_SECOND) {
		struct timespec one = { 1, 0 };
		return tr->arg[1] && xabi_copy_safe((void *)tr->arg[1], &one, sizeof one) < 0 ? -EFAULT : 0;
	}
	return raw2(SYS_clock_getres, c, tr->arg[1]);
}

long freebsd_sys_nanosleep(struct trap *tr)
{
	return trap_forward(tr, SYS_nanosleep);
}

/* clock_nanosleep(clock, flags, rqtp, rmtp): TIMER_ABSTIME is 1 on both systems. Unlike the other
 * calls, it returns the error number itself. */
long freebsd_sys_clock_nanosleep(struct trap *tr)
{
	int c = freebsd_clock_to_host(tr->arg[0]);
	if (c < 0)
		return freebsd_errno_from_host(EINVAL);
	if (tr->arg[1] & ~1L)
		return freebsd_errno_from_host(EINVAL);
	long r = xabi_syscall_cp(&tr->t->intr, SYS_clock_nanosleep, c, tr->arg[1], tr->arg[2],
				 tr->arg[3], 0, 0);
	return r == XABI_CANCELLED ? r : r < 0 ? freebsd_errno_from_host((int)-r) : 0;
}

long freebsd_sys_setitimer(struct trap *tr)
{
	return raw3(SYS_setitimer, tr->arg[0], tr->arg[1], tr->arg[2]);
}

long freebsd_sys_getitimer(struct trap *tr)
{
	return raw2(SYS_getitimer, tr->arg[0], tr->arg[1]);
}

long freebsd_sys_getrusage(struct trap *tr)
{
	return raw2(SYS_getrusage, tr->arg[0], tr->arg[1]);
}
