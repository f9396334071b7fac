/* FreeBSD threads: thr_new and friends (sys/kern/kern_thr.c), sysarch's thread pointer
 * operations (sys/x86/include/sysarch.h) and CPU affinity. Thread ids are the host's. */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <sched.h>
#include <string.h>
#include <sys/prctl.h>
#include "../../syscall/copy.h"
#include "../../syscall/diag.h"
#include "../../syscall/fmt.h"
#include "../../syscall/process.h"
#include "../../syscall/raw.h"
#include "../../syscall/trap.h"
#include "../../syscall/xthread.h"
#include "freebsd.h"

/* struct thr_param of sys/sys/thr.h */
struct fb_thr_param {
	uint64_t start_func, arg, stack_base, stack_size, tls_base, tls_size;
	uint64_t child_tid, parent_tid; /* long *: both receive the new thread's id */
	int32_t flags, pad;
	uint64_t rtp;
	uint64_t spare[3];
};
_Static_assert(sizeof(struct fb_thr_param) == 104, "struct thr_param");

#define THR_SUSPENDED 0x0001

long freebsd_sys_thr_new(struct trap *tr)
{
	struct fb_thr_param p;
	long size = tr->arg[1];
	if (size < 0 || (unsigned long)size > sizeof p)
		return -EINVAL;
	memset(&p, 0, sizeof p);
	if (xabi_copy_safe(&p, (void *)tr->arg[0], (size_t)size) < 0)
		return -EFAULT;
	if (p.flags & THR_SUSPENDED) {
		diag_not_implemented(tr, "THR_SUSPENDED");
		return -ENOSYS;
	}
	if (p.rtp) {
		diag_not_implemented(tr, "real-time priorities");
		return -ENOSYS;
	}
	/* The ids are longs: the kernel writes the low 32 bits, the high ones must read 0. */
	static const int32_t zero;
	if ((p.child_tid && xabi_copy_safe((char *)p.child_tid + 4, &zero, 4) < 0) ||
	    (p.parent_tid && xabi_copy_safe((char *)p.parent_tid + 4, &zero, 4) < 0))
		return -EFAULT;
	/* cpu_set_upcall: a 16-byte aligned stack less the return address slot, which holds 0 */
	uint64_t sp = ((p.stack_base + p.stack_size) & ~(uint64_t)15) - 8, fake_return = 0;
	if (xabi_copy_safe((void *)sp, &fake_return, sizeof fake_return) < 0)
		return -EFAULT;
	struct clone_req req = {
		.flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
			 CLONE_SYSVSEM | (p.tls_base ? CLONE_SETTLS : 0) |
			 (p.child_tid ? CLONE_CHILD_SETTID : 0) |
			 (p.parent_tid ? CLONE_PARENT_SETTID : 0),
		.stack = sp,
		.ptid = (int *)p.parent_tid,
		.ctid = (int *)p.child_tid,
		.tls = p.tls_base,
		.start_pc = p.start_func,
		.start_arg = p.arg,
	};
	long r = process_clone(tr, &req);
	return r < 0 ? r : 0;
}

long freebsd_sys_thr_self(struct trap *tr)
{
	int64_t id = tr->t->tid;
	return xabi_copy_safe((void *)tr->arg[0], &id, sizeof id) < 0 ? -EFAULT : 0;
}

/* thr_exit(long *state): *state becomes 1 and its waiters wake, then the thread ends (the process,
 * when it was the last one). */
long freebsd_sys_thr_exit(struct trap *tr)
{
	int64_t one = 1;
	if (tr->arg[0] && xabi_copy_safe((void *)tr->arg[0], &one, sizeof one) == 0)
		raw6(SYS_futex, tr->arg[0], FUTEX_WAKE, 0x7fffffff, 0, 0, 0);
	process_exit_thread(tr, 0);
}

/* thr_set_name(long id, const char *name): names longer than the host's 15 bytes are cut. */
long freebsd_sys_thr_set_name(struct trap *tr)
{
	char name[16];
	long n = copy_guest_string(name, sizeof name, (const char *)tr->arg[1]);
	if (n == -EFAULT)
		return n;
	if (n == -ENAMETOOLONG)
		name[sizeof name - 1] = 0;
	if (tr->arg[0] == -1 || tr->arg[0] == tr->t->tid)
		return raw2(SYS_prctl, PR_SET_NAME, name);
	char path[48];
	struct fmt f;
	fmt_init(&f, path, sizeof path);
	fmt_str(&f, "/proc/self/task/");
	fmt_dec(&f, tr->arg[0]);
	fmt_str(&f, "/comm");
	*f.p = 0;
	long fd = raw3(SYS_open, path, O_WRONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return fd == -ENOENT ? -ESRCH : fd;
	long r = raw3(SYS_write, fd, name, strlen(name));
	raw1(SYS_close, fd);
	return r < 0 ? r : 0;
}

#define AMD64_GET_FSBASE 128
#define AMD64_SET_FSBASE 129
#define AMD64_GET_GSBASE 130
#define AMD64_SET_GSBASE 131

/* sysarch(int op, char *parms): the thread pointer operations; parms points to the base. */
long freebsd_sys_sysarch(struct trap *tr)
{
	uint64_t base;
	void *parms = (void *)tr->arg[1];
	switch (tr->arg[0]) {
	case AMD64_GET_FSBASE:
	case AMD64_GET_GSBASE: {
		long r = raw2(SYS_arch_prctl, tr->arg[0] == AMD64_GET_FSBASE ? ARCH_GET_FS : ARCH_GET_GS,
			      &base);
		if (r < 0)
			return r;
		return xabi_copy_safe(parms, &base, sizeof base) < 0 ? -EFAULT : 0;
	}
	case AMD64_SET_FSBASE:
	case AMD64_SET_GSBASE:
		if (xabi_copy_safe(&base, parms, sizeof base) < 0)
			return -EFAULT;
		return raw2(SYS_arch_prctl, tr->arg[0] == AMD64_SET_FSBASE ? ARCH_SET_FS : ARCH_SET_GS,
			    base);
	}
	diag_not_implemented(tr, "this sysarch operation");
	return -EINVAL;
}

/* sys/sys/cpuset.h */
#define CPU_LEVEL_ROOT 1
#define CPU_LEVEL_CPUSET 2
#define CPU_LEVEL_WHICH 3
#define CPU_WHICH_TID 1
#define CPU_WHICH_PID 2

/* cpuset_getaffinity(level, which, id, setsize, mask): the CPUs a thread or process may use.
 * cpuset_t is a bit array of longs, like the host's cpu_set_t. */
long freebsd_sys_cpuset_getaffinity(struct trap *tr)
{
	long level = tr->arg[0], which = tr->arg[1], id = tr->arg[2];
	unsigned long size = (unsigned long)tr->arg[3];
	if (which != CPU_WHICH_TID && which != CPU_WHICH_PID) {
		diag_not_implemented(tr, "affinity of this kind of object");
		return -EINVAL;
	}
	if (level < CPU_LEVEL_ROOT || level > CPU_LEVEL_WHICH)
		return -EINVAL;
	if (size < 8 || size > 4096 || size % 8)
		return -ERANGE;
	unsigned char set[4096];
	memset(set, 0, size);
	if (level == CPU_LEVEL_WHICH) {
		long r = raw3(SYS_sched_getaffinity, id == -1 ? 0 : id, size, set);
		if (r < 0)
			return r == -EINVAL ? -ERANGE : r;
	} else { /* the root set: every CPU the system has online */
		long n = raw3(SYS_sched_getaffinity, 0, size, set);
		if (n < 0)
			return n == -EINVAL ? -ERANGE : n;
	}
	return xabi_copy_safe((void *)tr->arg[4], set, size) < 0 ? -EFAULT : 0;
}
