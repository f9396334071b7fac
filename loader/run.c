/* From a file name to a running guest: open, detect, follow "#!", load, hand over. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <asm/prctl.h>
#include "../abi/abi.h"
#include "../syscall/intercept.h"
#include "../syscall/kframe.h"
#include "../syscall/raw.h"
#include "../syscall/runtime.h"
#include "../syscall/signals.h"
#include "../syscall/xthread.h"
#include "detect.h"
#include "run.h"
#include "start.h"
#include "status.h"

extern char __executable_start[], etext[], _end[];

#define MAX_SCRIPT_DEPTH 4 /* the kernel's limit on nested interpreters */

int xabi_error(int status, const char *file, const char *why)
{
	fprintf(stderr, "xabi: %s: %s\n", file, why);
	return status;
}

static int open_error(const char *path, int err)
{
	int status = err == ENOENT || err == ENOTDIR ? XABI_STATUS_NOTFOUND : XABI_STATUS_NOEXEC;
	return xabi_error(status, path, strerror(err));
}

/* "#!interp [arg]": run interp with [arg,] the script and the script's arguments. */
static int run_script(const struct options *o, const char *path, const unsigned char *buf,
		      size_t n, char **envp, int depth)
{
	static char line[256];
	size_t len = 0;
	while (2 + len < n && len < sizeof line - 1 && buf[2 + len] != '\n')
		len++;
	memcpy(line, buf + 2, len);
	line[len] = 0;
	char *interp = line + strspn(line, " \t");
	char *end = interp + strcspn(interp, " \t");
	char *arg = 0;
	if (*end) {
		*end = 0;
		arg = end + 1 + strspn(end + 1, " \t");
		arg[strcspn(arg, "\r")] = 0;
		for (char *e = arg + strlen(arg); e > arg && (e[-1] == ' ' || e[-1] == '\t');)
			*--e = 0;
		if (!*arg)
			arg = 0;
	}
	if (!*interp)
		return xabi_error(XABI_STATUS_NOEXEC, path, "a \"#!\" line names no interpreter");
	char **argv = calloc((size_t)o->argc + 3, sizeof *argv);
	if (!argv)
		return xabi_error(XABI_STATUS_SETUP, path, "out of memory");
	int k = 0;
	if (arg)
		argv[k++] = arg;
	argv[k++] = (char *)path;
	memcpy(argv + k, o->argv, (size_t)o->argc * sizeof *argv);
	struct options next = *o;
	next.program = interp;
	next.argv0 = interp;
	next.argv = argv;
	next.argc = o->argc + k;
	next.abi = 0;
	return depth >= MAX_SCRIPT_DEPTH
		       ? xabi_error(XABI_STATUS_NOEXEC, path, "too many levels of \"#!\" interpreters")
		       : run_program(&next, envp, depth + 1);
}

int run_program(const struct options *o, char **envp, int depth)
{
	const char *path = o->program;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return open_error(path, errno);
	struct stat st;
	if (fstat(fd, &st) < 0)
		return open_error(path, errno);
	if (S_ISDIR(st.st_mode))
		return open_error(path, EISDIR);
	if (!S_ISREG(st.st_mode))
		return open_error(path, EACCES);
	if (access(path, X_OK) < 0)
		return open_error(path, errno);
	static unsigned char buf[DETECT_PREFIX];
	ssize_t n = pread(fd, buf, sizeof buf, 0);
	if (n < 0)
		return open_error(path, errno);
	struct detection d;
	detect(buf, (size_t)n, &d);
	if (d.format == FMT_SCRIPT)
		return run_script(o, path, buf, (size_t)n, envp, depth);
	const char *abi = o->abi ? o->abi : d.abi;
	if (d.problem && !(o->abi && d.status == XABI_STATUS_UNSUPPORTED && abi_supported(o->abi))) {
		if (d.status == XABI_STATUS_UNSUPPORTED && d.abi) {
			char why[128];
			snprintf(why, sizeof why, "%s %s programs are not supported yet (detected by %s)",
				 d.format_name, d.abi, d.how);
			return xabi_error(d.status, path, why);
		}
		return xabi_error(d.status, path, d.problem);
	}
	if (!abi_supported(abi)) {
		char why[128];
		snprintf(why, sizeof why, "unknown ABI \"%s\" (--abi)", abi);
		return xabi_error(XABI_STATUS_USAGE, path, why);
	}
	if (!strcmp(abi, "windows")) {
		if (d.format != FMT_PE)
			return xabi_error(XABI_STATUS_UNSUPPORTED, path,
					  "this format cannot run as a Windows program");
		return start_windows(o, fd, path, envp);
	}
	if (!strcmp(abi, "freebsd")) {
		if (d.format != FMT_ELF)
			return xabi_error(XABI_STATUS_UNSUPPORTED, path,
					  "this format cannot run as a FreeBSD program");
		return start_freebsd(o, fd, path, envp);
	}
	if (d.format != FMT_ELF)
		return xabi_error(XABI_STATUS_UNSUPPORTED, path, "this format cannot run as a Linux program");
	return start_linux(o, fd, path, envp);
}

/* xabi's own descriptor for the trace, out of the way of the guest's low numbers. */
static int trace_descriptor(const struct options *o)
{
	if (o->trace_fd >= 0) {
		fcntl(o->trace_fd, F_SETFD, FD_CLOEXEC);
		return o->trace_fd;
	}
	if (!o->trace)
		return -1;
	int fd = *o->trace ? open(o->trace, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644) : 2;
	if (fd < 0) {
		perror(o->trace);
		exit(XABI_STATUS_USAGE);
	}
	struct rlimit rl;
	long high = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < 1024 ? (long)rl.rlim_cur - 1 : 1023;
	int hi = fcntl(fd, F_DUPFD_CLOEXEC, high > 3 ? high - 16 : 3);
	if (fd != 2)
		close(fd);
	return hi;
}

/* The foreign ABI's alternate root (syscall/altroot.c), by its absolute name. The Linux ABI has
 * none: its paths are the host's. */
static void set_root(const struct options *o, const struct abi *abi)
{
	static char root[4096];
	struct stat st;
	if (!o->root || !strcmp(abi->name, "linux"))
		return;
	if (!realpath(o->root, root) || stat(root, &st) < 0 || !S_ISDIR(st.st_mode)) {
		static char why[64];
		snprintf(why, sizeof why, "the %s root (--root) is not a directory", abi->name);
		exit(xabi_error(XABI_STATUS_NOTFOUND, o->root, why));
	}
	if (!strcmp(root, "/"))
		return; /* the host's root: nothing to redirect */
	rt.root = root;
	rt.root_len = strlen(root);
	rt.root_dev = st.st_dev;
	rt.root_ino = st.st_ino;
}

_Noreturn void run_enter(const struct options *o, const char *path, const struct abi *abi,
			 const struct entry_regs *e, uintptr_t brk)
{
	static char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	self[n > 0 ? n : 0] = 0;
	rt.abi = abi;
	rt.mode = o->mode;
	rt.self_exe = self;
	static char guest[4096];
	rt.guest_exe = realpath(path, guest) ? guest : path;
	rt.text_start = (uintptr_t)__executable_start;
	rt.text_end = (uintptr_t)etext;
	rt.image_start = (uintptr_t)__executable_start;
	rt.image_end = (uintptr_t)_end;
	rt.brk_start = rt.brk_cur = brk;
	rt.trace_fd = trace_descriptor(o);
	/* A foreign guest's whole process tree stays under xabi: the Linux programs it runs (sh -c,
	 * env, nohup) run in passthrough, so the foreign programs they run in turn are translated
	 * too, which the kernel cannot do by itself without a binfmt_misc entry. */
	rt.follow_exec = rt.trace_fd >= 0 || o->follow_exec || strcmp(abi->name, "linux");
	rt.trace_tids = o->trace_fd >= 0;
	set_root(o, abi);

	struct xthread *t = xthread_alloc();
	if (!t)
		exit(xabi_error(XABI_STATUS_SETUP, o->program, "out of memory"));
	t->tid = gettid();
	t->alive = t->tid;
	if (xthread_install_altstack(t) < 0)
		exit(xabi_error(XABI_STATUS_SETUP, o->program, "cannot set the signal stack"));
	uint64_t mask = signals_init();
	t->emul_blocked = mask & SIG_EMULATED_MASK;
	mask &= ~SIG_EMULATED_MASK;

	int err = o->mode == INTERCEPT_SUD ? sud_arm() : seccomp_install();
	if (err < 0)
		exit(xabi_error(XABI_STATUS_SETUP, o->program,
				o->mode == INTERCEPT_SUD
					? "Syscall User Dispatch is not available (Linux 5.11 or later "
					  "is needed); try --intercept=seccomp"
					: "cannot install the seccomp filter"));

	static char scratch[16384] __attribute__((aligned(64)));
	mcontext_t regs;
	memset(&regs, 0, sizeof regs);
	regs.gregs[REG_RIP] = (greg_t)e->rip;
	regs.gregs[REG_RSP] = (greg_t)e->rsp;
	regs.gregs[REG_RDI] = (greg_t)e->rdi;
	regs.gregs[REG_EFL] = 0x202;
	stack_t ss = { .ss_sp = (char *)t + XTHREAD_HEADER + 4096,
		       .ss_size = XTHREAD_SIZE - XTHREAD_HEADER - 4096 };
	/* A Linux or BSD guest starts with no thread pointer, as after exec; from here on xabi runs
	 * only in signal handlers (syscall/README.md). */
	if (!e->keep_fs)
		raw2(SYS_arch_prctl, ARCH_SET_FS, 0);
	if (e->gs_base)
		raw2(SYS_arch_prctl, ARCH_SET_GS, e->gs_base);
	kframe_enter(scratch + sizeof scratch, &regs, 0, 0, mask, &ss);
}
