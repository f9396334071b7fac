/* Futex waits for the user-mode synchronisation primitives (srw.c, condvar.c, initonce.c,
 * waitaddr.c), whose Windows structures hold a 32-bit word we use as the futex. */
#ifndef XABI_KERNEL32_FUTEX_H
#define XABI_KERNEL32_FUTEX_H

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "../windef.h"

/* Sleep while *w == v, at most ms milliseconds (0xffffffff: INFINITE). -1 (errno ETIMEDOUT) on a
 * timeout; 0 on a wake, a change, a signal or spuriously. */
static inline int futex_wait_ms(atomic_uint *w, unsigned v, DWORD ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };
	long r = syscall(SYS_futex, w, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, v,
			 ms == 0xffffffffu ? 0 : &ts, 0, 0);
	return r < 0 && errno == ETIMEDOUT ? -1 : 0;
}

static inline void futex_wake(atomic_uint *w, int n)
{
	syscall(SYS_futex, w, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, n, 0, 0, 0);
}

#endif
