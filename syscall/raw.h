/* Raw system calls for the trap path: no errno, no libc state; the result is the kernel's
 * (a negative errno on failure). See README.md, "The trap-path rule". */
#ifndef XABI_RAW_H
#define XABI_RAW_H

#include <sys/syscall.h>

static inline long raw_syscall6(long nr, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

#define raw0(n) raw_syscall6((n), 0, 0, 0, 0, 0, 0)
#define raw1(n, a) raw_syscall6((n), (long)(a), 0, 0, 0, 0, 0)
#define raw2(n, a, b) raw_syscall6((n), (long)(a), (long)(b), 0, 0, 0, 0)
#define raw3(n, a, b, c) raw_syscall6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define raw4(n, a, b, c, d) raw_syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define raw5(n, a, b, c, d, e) \
	raw_syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)
#define raw6(n, a, b, c, d, e, f) \
	raw_syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

/* A blocking call made on a guest's behalf: returns XABI_CANCELLED without entering the kernel when
 * *intr is set (or becomes set by a signal before the syscall instruction). entry.S. */
long xabi_syscall_cp(volatile int *intr, long nr, long a, long b, long c, long d, long e, long f);
#define XABI_CANCELLED (-512) /* never a user-visible errno (the kernel's ERESTARTSYS) */

extern const char xabi_cp_begin[], xabi_cp_end[], xabi_cp_cancel[];

#endif
