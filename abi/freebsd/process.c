/* FreeBSD processes: creation, exec, exit and wait (sys/kern/kern_fork.c, kern_exit.c), limits
 * and identity. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "../../syscall/copy.h"
#include "../../syscall/diag.h"
#include "../../syscall/process.h"
#include "../../syscall/raw.h"
#include "../../syscall/trap.h"
#include "../../syscall/xthread.h"
#include "freebsd.h"
#include "kqueue.h"

long freebsd_sys_exit(struct trap *tr)
{
	for (;;)
		raw1(SYS_exit_group, tr->arg[0]);
}

long freebsd_sys_fork(struct trap *tr)
{
	struct clone_req req = { .flags = SIGCHLD };
	long r = process_clone(tr, &req);
	if (r == 0)
		freebsd_kqueue_forked(); /* a child does not inherit kqueues */
	return r;
}

long freebsd_sys_vfork(struct trap *tr)
{
	struct clone_req req = { .flags = CLONE_VM | CLONE_VFORK | SIGCHLD };
	return process_clone(tr, &req);
}

/* sys/sys/unistd.h */
#define RFNAMEG 0x1
#define RFENVG 0x2
#define RFFDG 0x4
#define RFNOTEG 0x8
#define RFPROC 0x10
#define RFMEM 0x20
#define RFNOWAIT 0x40
#define RFCNAMEG 0x400
#define RFCENVG 0x800
#define RFCFDG 0x1000
#define RFTHREAD 0x2000
#define RFSIGSHARE 0x4000
#define RFLINUXTHPN 0x10000
#define RFTSIGZMB 0x80000
#define RFSPAWN 0x80000000

/* rfork(flags): the forms that are a fork or a vfork. */
long freebsd_sys_rfork(struct trap *tr)
{
	unsigned long f = (unsigned long)tr->arg[0];
	if (f == (RFSPAWN))
		return freebsd_sys_vfork(tr); /* posix_spawn's: the child only execs or exits */
	if ((f & ~(unsigned long)(RFFDG | RFPROC)) == 0 && (f & RFPROC) && (f & RFFDG))
		return freebsd_sys_fork(tr);
	diag_not_implemented(tr, "rfork forms other than fork (RFFDG|RFPROC) and RFSPAWN");
	return -EINVAL;
}

/* The process that asked for PT_TRACE_ME, until its next execve (freebsd_sys_ptrace). */
static long traceme_pid;

long freebsd_sys_execve(struct trap *tr)
{
	if (traceme_pid && traceme_pid == raw0(SYS_getpid)) {
		/* Not before an exec bound to fail: the process would stay traced. */
		char path[4096];
		long r = copy_guest_string(path, sizeof path, (const char *)tr->arg[0]);
		if (r >= 0)
			r = raw3(SYS_faccessat, AT_FDCWD, path, X_OK);
		if (r >= 0)
			r = raw4(SYS_ptrace, PTRACE_TRACEME, 0, 0, 0);
		if (r < 0)
			return r;
		traceme_pid = 0;
	}
	return process_execve(tr, AT_FDCWD, (const char *)tr->arg[0], (char *const *)tr->arg[1],
			      (char *const *)tr->arg[2], 0);
}

/* sys/sys/ptrace.h */
#define FB_PT_TRACE_ME 0

/* ptrace(req, pid, addr, data): PT_TRACE_ME only, for a child about to exec (Go's
 * SysProcAttr.Ptrace). The host's PTRACE_TRACEME is made at the process's next execve, not at
 * once: until then every trapped call would stop the process for its tracer (the SIGSYS of the
 * trap), which no FreeBSD tracer expects. The tracer sees what it would on FreeBSD, the SIGTRAP
 * stop at the exec. */
long freebsd_sys_ptrace(struct trap *tr)
{
	if ((int)tr->arg[0] != FB_PT_TRACE_ME) {
		diag_not_implemented(tr, "requests other than PT_TRACE_ME");
		return -ENOSYS;
	}
	traceme_pid = raw0(SYS_getpid);
	return 0;
}

static long put_status(int *guest, int host_status)
{
	int s = freebsd_wstatus_from_host(host_status);
	return guest && xabi_copy_safe(guest, &s, sizeof s) < 0 ? -EFAULT : 0;
}

/* wait4(pid, status, options, rusage) */
long freebsd_sys_wait4(struct trap *tr)
{
	long opts = freebsd_wait_options_to_host(tr->arg[2]);
	if (opts < 0)
		return -EINVAL;
	int status = 0;
	long r = xabi_syscall_cp(&tr->t->intr, SYS_wait4, tr->arg[0], (long)&status, opts,
				 tr->arg[3], 0, 0);
	if (r > 0 && put_status((int *)tr->arg[1], status) < 0)
		return -EFAULT;
	return r;
}

/* idtype_t of sys/sys/wait.h */
enum { FB_P_PID = 0, FB_P_PGID = 2, FB_P_ALL = 7 };

static long put_siginfo(void *guest, const siginfo_t *si)
{
	unsigned char f[FREEBSD_SIGINFO_SIZE];
	freebsd_siginfo_from_host(f, si);
	return xabi_copy_safe(guest, f, sizeof f) < 0 ? -EFAULT : 0;
}

/* wait6(idtype, id, status, options, struct __wrusage *, siginfo_t *) over waitid: the child's
 * own rusage is the host's; its children's is not known and reads zero. */
long freebsd_sys_wait6(struct trap *tr)
{
	long idtype = tr->arg[0], id = tr->arg[1];
	int htype = idtype == FB_P_PID ? P_PID : idtype == FB_P_PGID ? P_PGID : idtype == FB_P_ALL ? P_ALL : -1;
	if (htype < 0) {
		diag_not_implemented(tr, "this idtype");
		return -EINVAL;
	}
	long opts = freebsd_wait_options_to_host(tr->arg[3]);
	if (opts < 0)
		return -EINVAL;
	if (!(opts & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	siginfo_t si;
	memset(&si, 0, sizeof si);
	struct rusage ru[2];
	memset(ru, 0, sizeof ru);
	long r = xabi_syscall_cp(&tr->t->intr, SYS_waitid, htype, id, (long)&si, opts,
				 (long)&ru[0], 0);
	if (r < 0)
		return r;
	if (!si.si_pid) /* WNOHANG and nothing to report */
		return 0;
	int status = si.si_code == CLD_EXITED ? (si.si_status & 0xff) << 8
		   : si.si_code == CLD_KILLED ? si.si_status
		   : si.si_code == CLD_DUMPED ? si.si_status | 0x80
		   : si.si_code == CLD_CONTINUED ? 0xffff
						 : (si.si_status << 8) | 0x7f;
	if (put_status((int *)tr->arg[2], status) < 0 ||
	    (tr->arg[4] && xabi_copy_safe((void *)tr->arg[4], ru, sizeof ru) < 0) ||
	    (tr->arg[5] && put_siginfo((void *)tr->arg[5], &si) < 0))
		return -EFAULT;
	return si.si_pid;
}

/* getlogin(buf, len): the session's login name, which only setlogin(2) sets on FreeBSD. Linux
 * has no such per-session name, so it is empty, as for a session nobody logged into. */
long freebsd_sys_getlogin(struct trap *tr)
{
	if (tr->arg[1] < 1)
		return -ERANGE;
	static const char empty = 0;
	return xabi_copy_safe((void *)tr->arg[0], &empty, 1) < 0 ? -EFAULT : 0;
}

long freebsd_sys_issetugid(struct trap *tr)
{
	(void)tr;
	unsigned r[3], e[3];
	raw3(SYS_getresuid, &r[0], &r[1], &r[2]);
	raw3(SYS_getresgid, &e[0], &e[1], &e[2]);
	return r[0] != r[1] || e[0] != e[1];
}

/* The host's getpriority returns 20 - nice, to stay positive; FreeBSD returns the nice value. */
long freebsd_sys_getpriority(struct trap *tr)
{
	long r = raw2(SYS_getpriority, tr->arg[0], tr->arg[1]);
	return r < 0 ? r : 20 - r;
}

long freebsd_sys_seteuid(struct trap *tr)
{
	return raw3(SYS_setresuid, -1, tr->arg[0], -1);
}

long freebsd_sys_setegid(struct trap *tr)
{
	return raw3(SYS_setresgid, -1, tr->arg[0], -1);
}

/* RLIMIT_* of sys/sys/resource.h, as host numbers (-1: none on Linux). */
static int rlimit_to_host(long r)
{
	static const signed char host[] = {
		RLIMIT_CPU, RLIMIT_FSIZE, RLIMIT_DATA, RLIMIT_STACK, RLIMIT_CORE, RLIMIT_RSS,
		RLIMIT_MEMLOCK, RLIMIT_NPROC, RLIMIT_NOFILE,
		-1,        /* RLIMIT_SBSIZE: socket buffer space */
		RLIMIT_AS, /* RLIMIT_VMEM */
		-1, -1, -1, -1, /* RLIMIT_NPTS, RLIMIT_SWAP, RLIMIT_KQUEUES, RLIMIT_UMTXP */
		-1,             /* RLIMIT_PIPEBUF */
	};
	return r >= 0 && r < (long)sizeof host ? host[r] : -2;
}
#define FB_RLIM_INFINITY 0x7fffffffffffffffUL

long freebsd_sys_getrlimit(struct trap *tr)
{
	int res = rlimit_to_host(tr->arg[0]);
	unsigned long lim[2];
	if (res == -2)
		return -EINVAL;
	if (res == -1) {
		lim[0] = lim[1] = FB_RLIM_INFINITY; /* a limit Linux does not impose */
	} else {
		long r = raw2(SYS_getrlimit, res, lim);
		if (r < 0)
			return r;
		for (int i = 0; i < 2; i++)
			if (lim[i] > FB_RLIM_INFINITY)
				lim[i] = FB_RLIM_INFINITY;
	}
	return xabi_copy_safe((void *)tr->arg[1], lim, sizeof lim) < 0 ? -EFAULT : 0;
}

long freebsd_sys_setrlimit(struct trap *tr)
{
	int res = rlimit_to_host(tr->arg[0]);
	unsigned long lim[2];
	if (res == -2)
		return -EINVAL;
	if (xabi_copy_safe(lim, (void *)tr->arg[1], sizeof lim) < 0)
		return -EFAULT;
	if (res == -1) {
		if (lim[0] == FB_RLIM_INFINITY && lim[1] == FB_RLIM_INFINITY)
			return 0;
		diag_not_implemented(tr, "limits Linux does not have");
		return -EINVAL;
	}
	for (int i = 0; i < 2; i++)
		if (lim[i] == FB_RLIM_INFINITY)
			lim[i] = RLIM_INFINITY;
	return raw2(SYS_setrlimit, res, lim);
}

long freebsd_sys_getdtablesize(struct trap *tr)
{
	(void)tr;
	unsigned long lim[2];
	long r = raw2(SYS_getrlimit, RLIMIT_NOFILE, lim);
	return r < 0 ? r : (long)(lim[0] > 0x7fffffff ? 0x7fffffff : lim[0]);
}

/* utrace(addr, len): a record for ktrace(1), which nobody is running. */
long freebsd_sys_utrace(struct trap *tr)
{
	return tr->arg[1] > 2048 ? -EINVAL : 0;
}

long freebsd_sys_sched_getcpu(struct trap *tr)
{
	(void)tr;
	unsigned cpu = 0;
	long r = raw3(SYS_getcpu, &cpu, 0, 0);
	return r < 0 ? r : (long)cpu;
}

/* procctl(idtype, id, cmd, data): the commands a program may use on itself. */
long freebsd_sys_procctl(struct trap *tr)
{
	enum { PROC_TRACE_CTL = 7, PROC_TRACE_STATUS = 8, PROC_PDEATHSIG_CTL = 11,
	       PROC_PDEATHSIG_STATUS = 12, PROC_STACKGAP_CTL = 17, PROC_STACKGAP_STATUS = 18 };
	void *data = (void *)tr->arg[3];
	int v;
	if (tr->arg[0] != FB_P_PID || (tr->arg[1] != 0 && tr->arg[1] != raw0(SYS_getpid))) {
		diag_not_implemented(tr, "procctl on another process");
		return -EINVAL;
	}
	switch (tr->arg[2]) {
	case PROC_PDEATHSIG_CTL:
		if (xabi_copy_safe(&v, data, sizeof v) < 0)
			return -EFAULT;
		if (v && !freebsd_sig_to_host(v))
			return -EINVAL;
		return raw2(SYS_prctl, 1 /* PR_SET_PDEATHSIG */, v ? freebsd_sig_to_host(v) : 0);
	case PROC_PDEATHSIG_STATUS: {
		int h = 0;
		long r = raw2(SYS_prctl, 2 /* PR_GET_PDEATHSIG */, &h);
		if (r < 0)
			return r;
		v = h ? freebsd_sig_from_host(h) : 0;
		return xabi_copy_safe(data, &v, sizeof v) < 0 ? -EFAULT : 0;
	}
	case PROC_TRACE_STATUS: /* -1: tracing disabled, 0: not traced, else the tracer's pid */
		v = 0;
		return xabi_copy_safe(data, &v, sizeof v) < 0 ? -EFAULT : 0;
	case PROC_STACKGAP_STATUS: /* PROC_STACKGAP_DISABLE: Linux has no stack gap randomisation */
		v = 0x2;
		return xabi_copy_safe(data, &v, sizeof v) < 0 ? -EFAULT : 0;
	}
	diag_not_implemented(tr, "this procctl command");
	return -EINVAL;
}

/* sigtimedwait(set, info, timeout) and sigwaitinfo(set, info): return the FreeBSD signal number. */
static long wait_for_signal(struct trap *tr, const void *timeout)
{
	uint32_t g[4];
	if (xabi_copy_safe(g, (void *)tr->arg[0], sizeof g) < 0)
		return -EFAULT;
	uint64_t set = freebsd_sigset_to_host(g);
	siginfo_t si;
	long r = xabi_syscall_cp(&tr->t->intr, SYS_rt_sigtimedwait, (long)&set, (long)&si,
				 (long)timeout, 8, 0, 0);
	if (r <= 0)
		return r;
	if (tr->arg[1] && put_siginfo((void *)tr->arg[1], &si) < 0)
		return -EFAULT;
	return freebsd_sig_from_host((int)r);
}

long freebsd_sys_sigtimedwait(struct trap *tr)
{
	return wait_for_signal(tr, (const void *)tr->arg[2]);
}

long freebsd_sys_sigwaitinfo(struct trap *tr)
{
	return wait_for_signal(tr, 0);
}
