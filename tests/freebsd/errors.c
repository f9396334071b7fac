/* FreeBSD's system call conventions, checked on raw `syscall` instructions: the entry state
 * exec_setregs leaves (sys/amd64/amd64/exec_machdep.c), and cpu_set_syscall_retval's result
 * convention (sys/amd64/amd64/vm_machdep.c): success clears the carry flag with the result in
 * %rax; failure sets it with FreeBSD's own errno (sys/sys/errno.h) in %rax; %rdx and the
 * callee-saved registers come back as they went in. Then errno numbers where FreeBSD's differ
 * from Linux's, and unknown calls (nosys(): ENOSYS and SIGSYS; sys/kern/kern_sig.c).
 * Usage: errors DIR "two words" é, with FB_PID and FB_PPID in the environment (the pid this
 * program will have and its parent's: tests/suites/freebsd.sh execs it from a shell). */
#include "rt/fb.h"

#define CF 0x1UL
#define DF 0x400UL
#define PSL_USER 0x202UL /* PSL_I | the always-one bit 1 */

enum { AT_PAGESZ = 6, AT_EXECPATH = 15, AT_OSRELDATE = 18, AT_ARGC = 28, AT_ARGV = 29,
       AT_ENVC = 30, AT_ENVV = 31 };

static const uint64_t SENTINEL = 0x5a5a5a5a00000000UL;

/* One raw call: arguments a1..a3, the carry flag preset to cf_in, distinct values in every other
 * register. */
static struct fb_regs call(long nr, long a1, long a2, long a3, int cf_in)
{
	struct fb_regs r = {
		.rax = (uint64_t)nr, .rdi = (uint64_t)a1, .rsi = (uint64_t)a2,
		.rdx = (uint64_t)a3, .rbx = SENTINEL | 0xb, .rbp = SENTINEL | 0xbb,
		.r12 = SENTINEL | 0x12, .r13 = SENTINEL | 0x13, .r14 = SENTINEL | 0x14,
		.r15 = SENTINEL | 0x15, .rflags = PSL_USER | (cf_in ? CF : 0),
	};
	fb_regs_syscall(&r);
	return r;
}

/* The registers FreeBSD leaves alone: rbx rbp r12-r15; rdi and rsi (fast_syscall restores them
 * from the trap frame, sys/amd64/amd64/exception.S); rdx (td_retval[1] starts as the caller's
 * %rdx and only two-result calls change it). */
static int kept(const struct fb_regs *r, long a1, long a2, long a3)
{
	return r->rbx == (SENTINEL | 0xb) && r->rbp == (SENTINEL | 0xbb) &&
	       r->r12 == (SENTINEL | 0x12) && r->r13 == (SENTINEL | 0x13) &&
	       r->r14 == (SENTINEL | 0x14) && r->r15 == (SENTINEL | 0x15) &&
	       r->rdi == (uint64_t)a1 && r->rsi == (uint64_t)a2 && r->rdx == (uint64_t)a3;
}

/* A failing call: CF set (preset clear) and rax == want; registers kept. */
static void fails(const char *name, long nr, long a1, long a2, long a3, long want)
{
	struct fb_regs r = call(nr, a1, a2, a3, 0);
	int k = kept(&r, a1, a2, a3);
	fb_check((r.rflags & CF) && r.rax == (uint64_t)want && k, name,
		 "CF=%lu rax=%lu (%s), expected CF=1 rax=%ld (%s)%s", r.rflags & CF, r.rax,
		 fb_errname((long)r.rax), want, fb_errname(want),
		 k ? "" : "; rdi/rsi/rdx/rbx/rbp/r12-r15 changed");
}

static volatile int sigsys_count, sigsys_code, sigsys_signo;

static void on_sigsys(int sig, fb_siginfo_t *si, void *uc)
{
	(void)uc;
	sigsys_count++;
	sigsys_signo = sig == si->si_signo ? sig : -1;
	sigsys_code = si->si_code;
}

static long sigaction(int sig, uintptr_t handler, int flags)
{
	struct fb_sigaction sa = { .handler = handler, .sa_flags = flags };
	return SC3(FB_SYS_sigaction, sig, &sa, 0);
}

static void entry_state(int argc, char **argv)
{
	const struct fb_regs *e = &fb_entry_regs;
	fb_check(fb_entry_rsp % 16 == 8, "entry: %rsp is 8 mod 16", "%%rsp 0x%lx", fb_entry_rsp);
	fb_check(e->rdi && *(uint64_t *)e->rdi == (uint64_t)argc &&
			 fb_entry_rsp == ((e->rdi - 8) & ~15UL) + 8,
		 "entry: %rdi points at argc, %rsp = ((%rdi - 8) & ~15) + 8",
		 "%%rdi 0x%lx %%rsp 0x%lx", e->rdi, fb_entry_rsp);
	const uint64_t *v = (const uint64_t *)e;
	static const char *const names[] = { "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8",
					     "r9", "r10", "r11", "r12", "r13", "r14", "r15" };
	char nonzero[128] = "";
	int len = 0;
	for (int i = 0; i < 15; i++)
		if (i != 5 && v[i] && len < 100)
			len += fb_snprintf(nonzero + len, sizeof nonzero - (size_t)len, " %s=0x%lx",
					   names[i], v[i]);
	fb_check(!nonzero[0], "entry: every other register zero", "%s", nonzero);
	fb_check(e->rflags == PSL_USER, "entry: rflags 0x202", "rflags 0x%lx", e->rflags);
	uint64_t fsbase = 1;
	long r = SC2(FB_SYS_sysarch, FB_AMD64_GET_FSBASE, &fsbase);
	fb_check(r == 0 && fsbase == 0, "entry: fs base 0 (sysarch AMD64_GET_FSBASE)",
		 "%s, fs base 0x%lx", fb_errname(r), fsbase);

	fb_check(argc == 4 && !strcmp(argv[2], "two words") && !strcmp(argv[3], "\xc3\xa9") &&
			 !argv[4],
		 "argv as given", "argc %d", argc);
	int envc = 0;
	while (fb_environ[envc])
		envc++;
	uint64_t pagesz = 0, argcv = 0, argvv = 0, envcv = 0, envvv = 0, osrel = 0;
	const char *execpath = 0;
	for (uint64_t *a = fb_auxv; a[0]; a += 2) {
		switch (a[0]) {
		case AT_PAGESZ: pagesz = a[1]; break;
		case AT_EXECPATH: execpath = (const char *)a[1]; break;
		case AT_OSRELDATE: osrel = a[1]; break;
		case AT_ARGC: argcv = a[1]; break;
		case AT_ARGV: argvv = a[1]; break;
		case AT_ENVC: envcv = a[1]; break;
		case AT_ENVV: envvv = a[1]; break;
		}
	}
	fb_check(pagesz == 4096, "auxv: AT_PAGESZ 4096", "%lu", pagesz);
	fb_check(argcv == (uint64_t)argc && argvv == (uintptr_t)argv &&
			 envcv == (uint64_t)envc && envvv == (uintptr_t)fb_environ,
		 "auxv: AT_ARGC AT_ARGV AT_ENVC AT_ENVV", "%lu 0x%lx %lu 0x%lx", argcv, argvv,
		 envcv, envvv);
	const char *prog = fb_getenv("FB_PROG");
	fb_check(execpath && prog && !strcmp(execpath, prog), "auxv: AT_EXECPATH is the program",
		 "\"%s\", expected \"%s\"", execpath, prog);
	fb_check(osrel >= 1200000, "auxv: AT_OSRELDATE of FreeBSD 12 or later (64-bit ino_t)",
		 "%lu", osrel);
}

int main(int argc, char **argv)
{
	entry_state(argc, argv);
	if (argc < 2)
		fb_finish();
	const char *dir = argv[1];
	char path[1024], path2[1024];
	long pid = fb_atol(fb_getenv("FB_PID") ? fb_getenv("FB_PID") : "0");
	long ppid = fb_atol(fb_getenv("FB_PPID") ? fb_getenv("FB_PPID") : "0");

	/* Success clears a carry flag that was set; the result is in rax. */
	struct fb_regs r = call(FB_SYS_getpid, 0x11, 0x22, 0x1234567, 1);
	int k = kept(&r, 0x11, 0x22, 0x1234567);
	fb_check(!(r.rflags & CF) && (long)r.rax == pid && k,
		 "getpid: CF cleared, rax = the pid, registers kept", "CF=%lu rax=%ld, expected %ld%s",
		 r.rflags & CF, r.rax, pid, k ? "" : "; rdi/rsi/rdx/rbx/rbp/r12-r15 changed");
	r = call(FB_SYS_getppid, 0, 0, 0, 0);
	fb_check(!(r.rflags & CF) && (long)r.rax == ppid, "getppid: rax = the parent's pid",
		 "CF=%lu rax=%ld, expected %ld", r.rflags & CF, r.rax, ppid);
	r = (struct fb_regs){ .rax = FB_SYS_getpid, .rflags = PSL_USER | DF };
	fb_regs_syscall(&r);
	fb_check((r.rflags & DF) && (long)r.rax == pid, "the direction flag survives a call",
		 "rflags 0x%lx rax %ld", r.rflags, r.rax);

	fb_snprintf(path, sizeof path, "%s/no such file", dir);
	fails("open missing: CF, ENOENT", FB_SYS_open, (long)path, FB_O_RDONLY, 0, FB_ENOENT);
	fails("close(-1): CF, EBADF", FB_SYS_close, -1, 0, 0, FB_EBADF);
	fails("mkdir existing: CF, EEXIST", FB_SYS_mkdir, (long)dir, 0755, 0x77, FB_EEXIST);

	int p[2] = { -1, -1 };
	long rc = SC2(FB_SYS_pipe2, p, FB_O_NONBLOCK | FB_O_CLOEXEC);
	if (fb_check(rc == 0, "pipe2(O_NONBLOCK|O_CLOEXEC)", "%s", fb_errname(rc))) {
		char c;
		fails("read empty non-blocking pipe: EAGAIN is 35", FB_SYS_read, p[0], (long)&c, 1,
		      FB_EAGAIN);
		rc = SC2(FB_SYS_fcntl, p[0], FB_F_GETFD);
		fb_check(rc == FB_FD_CLOEXEC, "pipe2 O_CLOEXEC: F_GETFD is FD_CLOEXEC", "%ld", rc);
		rc = SC2(FB_SYS_fcntl, p[1], FB_F_GETFL);
		fb_check(rc >= 0 && (rc & 3) == FB_O_WRONLY && (rc & FB_O_NONBLOCK),
			 "pipe2 O_NONBLOCK: F_GETFL has O_NONBLOCK (4), write end O_WRONLY",
			 "0x%lx", rc);
		fails("lseek on a pipe: ESPIPE", FB_SYS_lseek, p[0], 0, FB_SEEK_CUR, FB_ESPIPE);
		fails("write from a bad address: EFAULT", FB_SYS_write, p[1], 8, 1, FB_EFAULT);
		fails("read from the write end: EBADF", FB_SYS_read, p[1], (long)&c, 1, FB_EBADF);
		rc = sigaction(FB_SIGPIPE, FB_SIG_IGN, 0);
		SC1(FB_SYS_close, p[0]);
		fails("write with no reader (SIGPIPE ignored): EPIPE", FB_SYS_write, p[1], (long)"x", 1,
		      FB_EPIPE);
		SC1(FB_SYS_close, p[1]);
	}

	fb_snprintf(path, sizeof path, "%s/file", dir);
	long fd = SC3(FB_SYS_open, path, FB_O_RDWR | FB_O_CREAT | FB_O_TRUNC, 0644);
	if (fb_check(fd >= 0, "create a file", "%s", fb_errname(fd))) {
		fails("lseek whence 99: EINVAL", FB_SYS_lseek, fd, 0, 99, FB_EINVAL);
		SC1(FB_SYS_close, fd);
	}
	fails("O_CREAT|O_EXCL existing: EEXIST", FB_SYS_open, (long)path,
	      FB_O_WRONLY | FB_O_CREAT | FB_O_EXCL, 0644, FB_EEXIST);
	fb_snprintf(path2, sizeof path2, "%s/file/x", dir);
	fails("open through a file: ENOTDIR", FB_SYS_open, (long)path2, FB_O_RDONLY, 0, FB_ENOTDIR);
	fails("open a directory for writing: EISDIR", FB_SYS_open, (long)dir, FB_O_WRONLY, 0,
	      FB_EISDIR);
	fb_snprintf(path2, sizeof path2, "%s/link", dir);
	SC2(FB_SYS_symlink, "file", path2);
	/* open(2): "[EMLINK] O_NOFOLLOW was specified and the target is a symbolic link" */
	fails("O_NOFOLLOW on a symlink: EMLINK (FreeBSD's, not ELOOP)", FB_SYS_open, (long)path2,
	      FB_O_RDONLY | FB_O_NOFOLLOW, 0, FB_EMLINK);
	fb_snprintf(path2, sizeof path2, "%s/loop", dir);
	SC2(FB_SYS_symlink, "loop", path2);
	fails("a symlink loop: ELOOP is 62", FB_SYS_open, (long)path2, FB_O_RDONLY, 0, FB_ELOOP);
	char longname[300];
	memset(longname, 'n', sizeof longname);
	fb_snprintf(path2, sizeof path2, "%s/", dir);
	size_t l = strlen(path2);
	memcpy(path2 + l, longname, sizeof longname);
	path2[l + sizeof longname] = 0;
	fails("a 300-byte name: ENAMETOOLONG is 63", FB_SYS_open, (long)path2, FB_O_RDONLY, 0,
	      FB_ENAMETOOLONG);
	fb_snprintf(path2, sizeof path2, "%s/sub", dir);
	SC2(FB_SYS_mkdir, path2, 0755);
	fb_snprintf(path, sizeof path, "%s/sub/f", dir);
	fd = SC3(FB_SYS_open, path, FB_O_WRONLY | FB_O_CREAT, 0644);
	if (fd >= 0)
		SC1(FB_SYS_close, fd);
	fails("rmdir a non-empty directory: ENOTEMPTY is 66", FB_SYS_rmdir, (long)path2, 0, 0,
	      FB_ENOTEMPTY);
	fails("wait4 with no children: ECHILD", FB_SYS_wait4, -1, 0, 0, FB_ECHILD);
	fails("kill a pid that does not exist: ESRCH", FB_SYS_kill, 0x7ffffff0, 0, 0, FB_ESRCH);
	fails("kill with signal 200: EINVAL", FB_SYS_kill, pid, 200, 0, FB_EINVAL);

	/* Calls FreeBSD does not have: nosys() answers ENOSYS and sends SIGSYS (SI_KERNEL). */
	rc = sigaction(FB_SIGSYS, (uintptr_t)on_sigsys, FB_SA_SIGINFO);
	fb_check(rc == 0, "sigaction SIGSYS", "%s", fb_errname(rc));
	fails("syscall 1000 (beyond the table): ENOSYS", 1000, 0, 0, 0, FB_ENOSYS);
	fb_check(sigsys_count == 1 && sigsys_signo == FB_SIGSYS && sigsys_code == FB_SI_KERNEL,
		 "syscall 1000 sends SIGSYS with si_code SI_KERNEL", "%d deliveries, si_code 0x%x",
		 sigsys_count, sigsys_code);
	sigsys_count = 0;
	fails("syscall 91 (reserved): ENOSYS", 91, 0, 0, 0, FB_ENOSYS);
	fb_check(sigsys_count == 1, "syscall 91 sends SIGSYS", "%d deliveries", sigsys_count);
	sigaction(FB_SIGSYS, FB_SIG_IGN, 0);
	/* One FreeBSD has but xabi does not implement: ENOSYS, and one line on stderr however
	 * often it is called (the suite counts the lines). */
	fails("acct (not implemented by xabi): ENOSYS", FB_SYS_acct, 0, 0, 0, FB_ENOSYS);
	fails("acct again: ENOSYS", FB_SYS_acct, 0, 0, 0, FB_ENOSYS);
	fb_finish();
}
