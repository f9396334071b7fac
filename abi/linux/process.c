/* Linux task creation, exit and exec, over syscall/process.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include "../../syscall/copy.h"
#include "../../syscall/diag.h"
#include "../../syscall/process.h"
#include "../../syscall/raw.h"
#include "../../syscall/trap.h"
#include "../../syscall/xthread.h"
#include "linux.h"

long linux_sys_clone(struct trap *tr)
{
	/* x86-64 argument order: flags, stack, parent_tid, child_tid, tls */
	struct clone_req req = {
		.flags = (unsigned long)tr->arg[0],
		.stack = (uintptr_t)tr->arg[1],
		.ptid = (int *)tr->arg[2],
		.ctid = (int *)tr->arg[3],
		.tls = (unsigned long)tr->arg[4],
	};
	return process_clone(tr, &req);
}

long linux_sys_fork(struct trap *tr)
{
	struct clone_req req = { .flags = SIGCHLD };
	return process_clone(tr, &req);
}

long linux_sys_vfork(struct trap *tr)
{
	struct clone_req req = { .flags = CLONE_VM | CLONE_VFORK | SIGCHLD };
	return process_clone(tr, &req);
}

/* struct clone_args of linux/sched.h (version 2, 88 bytes). */
struct clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	uint64_t set_tid, set_tid_size, cgroup;
};
#define CLONE_ARGS_SIZE_VER0 64

long linux_sys_clone3(struct trap *tr)
{
	struct clone_args a = { 0 };
	unsigned long size = (unsigned long)tr->arg[1];
	if (size < CLONE_ARGS_SIZE_VER0 || size > 4096)
		return -EINVAL;
	if (xabi_copy_safe(&a, (void *)tr->arg[0], size < sizeof a ? size : sizeof a) < 0)
		return -EFAULT;
	/* What plain clone cannot express is not emulated; the C libraries then fall back to clone. */
	if ((a.flags >> 32) || (a.flags & CLONE_PIDFD) || a.exit_signal > 0xff || a.set_tid ||
	    a.set_tid_size || a.cgroup || size > sizeof a) {
		diag_not_implemented(tr, "only the clone(2) subset of clone3 is emulated");
		return -ENOSYS;
	}
	struct clone_req req = {
		.flags = a.flags | a.exit_signal,
		.stack = a.stack ? a.stack + a.stack_size : 0,
		.ptid = (int *)a.parent_tid,
		.ctid = (int *)a.child_tid,
		.tls = a.tls,
	};
	return process_clone(tr, &req);
}

long linux_sys_exit(struct trap *tr)
{
	process_exit_thread(tr, (int)tr->arg[0]);
}

long linux_sys_set_tid_address(struct trap *tr)
{
	tr->t->guest_ctid = (int *)tr->arg[0];
	return raw1(SYS_set_tid_address, tr->arg[0]);
}

long linux_sys_execve(struct trap *tr)
{
	return process_execve(tr, AT_FDCWD, (const char *)tr->arg[0], (char *const *)tr->arg[1],
			      (char *const *)tr->arg[2], 0);
}

long linux_sys_execveat(struct trap *tr)
{
	return process_execve(tr, (int)tr->arg[0], (const char *)tr->arg[1],
			      (char *const *)tr->arg[2], (char *const *)tr->arg[3], (int)tr->arg[4]);
}

long linux_sys_prctl(struct trap *tr)
{
	if (tr->arg[0] == 59 /* PR_SET_SYSCALL_USER_DISPATCH */) {
		diag_not_implemented(tr, "the guest cannot use Syscall User Dispatch under xabi");
		return -EINVAL;
	}
	return trap_forward(tr, tr->nr);
}
