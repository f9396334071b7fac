/* _umtx_op, FreeBSD's futex (sys/kern/kern_umtx.c, sys/sys/umtx.h): the wait and wake operations,
 * over host futexes. Waits and wakes all use shared futexes: FreeBSD lets a UMTX_OP_WAIT_UINT
 * waiter be woken by UMTX_OP_WAKE_PRIVATE and the other way round, and only shared host futexes
 * match across both flavours. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <time.h>
#include "../../syscall/copy.h"
#include "../../syscall/diag.h"
#include "../../syscall/raw.h"
#include "../../syscall/trap.h"
#include "../../syscall/xthread.h"
#include "freebsd.h"

enum {
	UMTX_OP_WAIT = 2,
	UMTX_OP_WAKE = 3,
	UMTX_OP_WAIT_UINT = 11,
	UMTX_OP_WAIT_UINT_PRIVATE = 15,
	UMTX_OP_WAKE_PRIVATE = 16,
	UMTX_OP_NWAKE_PRIVATE = 21,
};
#define UMTX_ABSTIME 1

/* struct _umtx_time */
struct umtx_time {
	struct timespec timeout;
	uint32_t flags;
	uint32_t clockid;
};

/* The timeout of a wait: uaddr1 holds the size of what uaddr2 points to, a timespec (relative)
 * or a struct _umtx_time. Sets *op to the host futex operation and *ts to its timeout (NULL:
 * none). */
static long wait_timeout(struct trap *tr, int *op, struct timespec **ts, struct umtx_time *ut)
{
	unsigned long size = (unsigned long)tr->arg[3];
	void *p = (void *)tr->arg[4];
	*op = FUTEX_WAIT;
	*ts = 0;
	if (!p)
		return 0;
	if (size <= sizeof(struct timespec)) {
		if (size < sizeof(struct timespec))
			return -EINVAL;
		ut->flags = 0;
		ut->clockid = 0;
		if (xabi_copy_safe(&ut->timeout, p, sizeof ut->timeout) < 0)
			return -EFAULT;
	} else if (xabi_copy_safe(ut, p, sizeof *ut) < 0) {
		return -EFAULT;
	}
	if (ut->timeout.tv_sec < 0 || (unsigned long)ut->timeout.tv_nsec >= 1000000000UL)
		return -EINVAL;
	*ts = &ut->timeout;
	if (ut->flags & UMTX_ABSTIME) {
		int c = freebsd_clock_to_host(ut->clockid);
		if (c != CLOCK_REALTIME && c != CLOCK_MONOTONIC) {
			diag_not_implemented(tr, "absolute timeouts on this clock");
			return -EINVAL;
		}
		*op = FUTEX_WAIT_BITSET | (c == CLOCK_REALTIME ? FUTEX_CLOCK_REALTIME : 0);
	}
	return 0;
}

static long wait_u32(struct trap *tr, uint32_t *addr, uint32_t val)
{
	struct umtx_time ut;
	struct timespec *ts;
	int op;
	long r = wait_timeout(tr, &op, &ts, &ut);
	if (r < 0)
		return r;
	r = xabi_syscall_cp(&tr->t->intr, SYS_futex, (long)addr, op, val, (long)ts, 0,
			    FUTEX_BITSET_MATCH_ANY);
	return r == -EAGAIN ? 0 : r; /* a changed value is not an error on FreeBSD */
}

long freebsd_sys_umtx_op(struct trap *tr)
{
	void *obj = (void *)tr->arg[0];
	unsigned long val = (unsigned long)tr->arg[2];
	switch (tr->arg[1]) {
	case UMTX_OP_WAIT: { /* a long: compare all of it, sleep on its low half */
		uint64_t cur;
		if (xabi_copy_safe(&cur, obj, sizeof cur) < 0)
			return -EFAULT;
		if (cur != val)
			return 0;
		return wait_u32(tr, obj, (uint32_t)val);
	}
	case UMTX_OP_WAIT_UINT:
	case UMTX_OP_WAIT_UINT_PRIVATE:
		return wait_u32(tr, obj, (uint32_t)val);
	case UMTX_OP_WAKE:
	case UMTX_OP_WAKE_PRIVATE: {
		long r = raw6(SYS_futex, obj, FUTEX_WAKE, val > 0x7fffffff ? 0x7fffffff : val, 0, 0, 0);
		return r < 0 ? r : 0;
	}
	case UMTX_OP_NWAKE_PRIVATE: /* obj: an array of val addresses, each woken fully */
		for (unsigned long i = 0; i < val; i++) {
			uint64_t a;
			if (xabi_copy_safe(&a, (uint64_t *)obj + i, sizeof a) < 0)
				return -EFAULT;
			raw6(SYS_futex, a, FUTEX_WAKE, 0x7fffffff, 0, 0, 0);
		}
		return 0;
	}
	diag_not_implemented(tr, 0);
	return -EINVAL;
}
