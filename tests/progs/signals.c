/* signals.c - signal semantics that a syscall-intercepting VM must preserve:
 * handlers + siginfo, pending/blocked delivery order, handler masks,
 * SA_RESETHAND/SA_NODEFER/SA_RESTART/SA_ONSTACK, synchronous faults
 * (SIGSEGV/SIGFPE/SIGILL) recovered via siglongjmp or ucontext editing,
 * sigaltstack, timers interrupting blocking syscalls, sigsuspend, sigwait,
 * signalfd, per-thread signals, SIGCHLD, nested handlers, and preservation of
 * FPU/SSE/AVX and general registers across signal delivery and syscalls.
 * Exits 0 iff every check passed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

static int g_fail;

static void check(const char *name, int ok, const char *fmt, ...)
{
	if (ok) {
		printf("%s: ok\n", name);
		return;
	}
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	printf("%s: FAIL (%s)\n", name, buf);
	g_fail = 1;
}

static const char *ename(int e)
{
	static char buf[32];
	switch (e) {
	case 0: return "0";
	case EINTR: return "EINTR";
	case EAGAIN: return "EAGAIN";
	case EINVAL: return "EINVAL";
	case EPERM: return "EPERM";
	case ESRCH: return "ESRCH";
	default: snprintf(buf, sizeof buf, "E%d", e); return buf;
	}
}

static pid_t my_gettid(void)
{
	return (pid_t)syscall(SYS_gettid);
}

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void set_handler(int sig, void (*fn)(int, siginfo_t *, void *), int flags, const int *maskSigs)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	for (; maskSigs && *maskSigs; maskSigs++)
		sigaddset(&sa.sa_mask, *maskSigs);
	if (sigaction(sig, &sa, NULL) != 0) {
		printf("sigaction(%d): FAIL (%s)\n", sig, ename(errno));
		g_fail = 1;
	}
}

static void set_default(int sig)
{
	signal(sig, SIG_DFL);
}

static void block(int sig, int how)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(how, &s, NULL);
}

static int is_blocked(int sig)
{
	sigset_t cur;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	return sigismember(&cur, sig) == 1;
}

/* ================= basic handler + siginfo ================= */
static volatile sig_atomic_t info_count;
static volatile int info_signo, info_code, info_errno_seen;
static volatile pid_t info_pid;
static volatile uid_t info_uid;

static void h_info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	info_count++;
	info_signo = sig == si->si_signo ? sig : -1;
	info_code = si->si_code;
	info_pid = si->si_pid;
	info_uid = si->si_uid;
}

static void test_basic(void)
{
	set_handler(SIGUSR1, h_info, 0, NULL);
	info_count = 0;
	int rc = raise(SIGUSR1);
	check("raise_runs_handler", rc == 0 && info_count == 1 && info_signo == SIGUSR1, "rc=%d count=%d", rc, (int)info_count);
	check("raise_si_code_SI_TKILL", info_code == SI_TKILL, "si_code=%d", info_code);
	check("raise_si_pid", info_pid == getpid(), "pid differs");

	info_count = 0;
	rc = kill(getpid(), SIGUSR1);
	/* POSIX: delivered before kill() returns when sent to self and unblocked */
	check("kill_self_runs_handler_before_return", rc == 0 && info_count == 1 && info_signo == SIGUSR1, "rc=%d count=%d", rc, (int)info_count);
	check("kill_si_code_SI_USER", info_code == SI_USER, "si_code=%d", info_code);
	check("kill_si_pid_uid", info_pid == getpid() && info_uid == getuid(), "pid/uid differ");

	info_count = 0;
	union sigval v = { .sival_int = 5 };
	rc = sigqueue(getpid(), SIGUSR1, v);
	check("sigqueue_si_code_SI_QUEUE", rc == 0 && info_count == 1 && info_code == SI_QUEUE, "rc=%d count=%d code=%d", rc, (int)info_count, info_code);

	info_count = 0;
	rc = (int)syscall(SYS_tgkill, getpid(), my_gettid(), SIGUSR1);
	check("tgkill_self", rc == 0 && info_count == 1 && info_code == SI_TKILL, "rc=%d count=%d", rc, (int)info_count);

	check("kill_sig0", kill(getpid(), 0) == 0, "errno=%s", ename(errno));
	errno = 0;
	rc = sigaction(SIGKILL, &(struct sigaction){ .sa_handler = SIG_IGN }, NULL);
	check("sigaction_SIGKILL_EINVAL", rc == -1 && errno == EINVAL, "rc=%d errno=%s", rc, ename(errno));
	errno = 0;
	rc = sigaction(SIGSTOP, &(struct sigaction){ .sa_handler = SIG_IGN }, NULL);
	check("sigaction_SIGSTOP_EINVAL", rc == -1 && errno == EINVAL, "rc=%d errno=%s", rc, ename(errno));
	errno = 0;
	rc = kill(getpid(), 1000);
	check("kill_badsig_EINVAL", rc == -1 && errno == EINVAL, "rc=%d errno=%s", rc, ename(errno));
	/* SIGKILL cannot be blocked: mask silently drops it */
	sigset_t s, cur;
	sigemptyset(&s);
	sigaddset(&s, SIGKILL);
	sigaddset(&s, SIGSTOP);
	sigprocmask(SIG_BLOCK, &s, NULL);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	check("cannot_block_SIGKILL_SIGSTOP", !sigismember(&cur, SIGKILL) && !sigismember(&cur, SIGSTOP), "");
	struct sigaction old;
	sigaction(SIGUSR1, NULL, &old);
	check("sigaction_query", old.sa_sigaction == h_info && (old.sa_flags & SA_SIGINFO), "");
	/* SIG_IGN: raise does nothing */
	signal(SIGUSR1, SIG_IGN);
	info_count = 0;
	raise(SIGUSR1);
	check("sig_ign", info_count == 0, "");
	set_default(SIGUSR1);
}

/* ================= pending + delivery order ================= */
static char order_log[256];
static volatile int order_n;

static void h_order(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	char tmp[32];
	if (sig == SIGUSR1)
		snprintf(tmp, sizeof tmp, "USR1");
	else if (sig == SIGUSR2)
		snprintf(tmp, sizeof tmp, "USR2");
	else
		snprintf(tmp, sizeof tmp, "RTMIN+%d:%d", sig - SIGRTMIN, si->si_value.sival_int);
	if (order_n)
		strcat(order_log, " ");
	strcat(order_log, tmp);
	order_n++;
}

static void test_pending_order(void)
{
	int sigs[] = { SIGUSR1, SIGUSR2, SIGRTMIN, SIGRTMIN + 1, 0 };
	for (int i = 0; sigs[i]; i++)
		set_handler(sigs[i], h_order, 0, sigs); /* handlers mutually block */
	sigset_t set, old, pend;
	sigemptyset(&set);
	for (int i = 0; sigs[i]; i++)
		sigaddset(&set, sigs[i]);
	sigprocmask(SIG_BLOCK, &set, &old);
	order_log[0] = 0;
	order_n = 0;
	raise(SIGUSR2);
	raise(SIGUSR1);
	raise(SIGUSR1); /* standard signals do not queue */
	sigqueue(getpid(), SIGRTMIN + 1, (union sigval){ .sival_int = 1 });
	sigqueue(getpid(), SIGRTMIN + 1, (union sigval){ .sival_int = 2 });
	sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 3 });
	sigpending(&pend);
	int allpend = 1;
	for (int i = 0; sigs[i]; i++)
		allpend &= sigismember(&pend, sigs[i]) == 1;
	check("blocked_signals_pending", allpend && order_n == 0, "allpend=%d delivered=%d", allpend, order_n);
	sigprocmask(SIG_SETMASK, &old, NULL);
	sigpending(&pend);
	check("delivered_on_unblock", order_n == 5 && !sigismember(&pend, SIGUSR1) && !sigismember(&pend, SIGRTMIN + 1), "n=%d", order_n);
	printf("delivery order: %s\n", order_log);
	check("delivery_order", !strcmp(order_log, "USR1 USR2 RTMIN+0:3 RTMIN+1:1 RTMIN+1:2"), "got '%s'", order_log);
	for (int i = 0; sigs[i]; i++)
		set_default(sigs[i]);
}

/* ================= handler mask ================= */
static volatile int hm_usr1, hm_usr2, hm_term, hm_uc_usr1, hm_ran;

static void h_mask(int sig, siginfo_t *si, void *ucv)
{
	(void)sig;
	(void)si;
	ucontext_t *uc = ucv;
	sigset_t cur;
	pthread_sigmask(SIG_BLOCK, NULL, &cur);
	hm_usr1 = sigismember(&cur, SIGUSR1);
	hm_usr2 = sigismember(&cur, SIGUSR2);
	hm_term = sigismember(&cur, SIGTERM);
	hm_uc_usr1 = sigismember(&uc->uc_sigmask, SIGUSR1) || sigismember(&uc->uc_sigmask, SIGUSR2);
	hm_ran = 1;
}

static void test_handler_mask(void)
{
	int m[] = { SIGUSR2, 0 };
	set_handler(SIGUSR1, h_mask, 0, m);
	raise(SIGUSR1);
	check("handler_mask_has_sa_mask", hm_ran && hm_usr2 == 1, "ran=%d usr2=%d", hm_ran, hm_usr2);
	check("handler_mask_has_signal_itself", hm_usr1 == 1, "usr1=%d", hm_usr1);
	check("handler_mask_no_extra", hm_term == 0, "term=%d", hm_term);
	check("ucontext_sigmask_is_pre_handler_mask", hm_uc_usr1 == 0, "");
	check("mask_restored_after_handler", !is_blocked(SIGUSR1) && !is_blocked(SIGUSR2), "");
	set_default(SIGUSR1);
}

/* ================= SA_RESETHAND / SA_NODEFER ================= */
static volatile int rh_count;
static void h_count(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	rh_count++;
}

static volatile int nd_depth, nd_max, nd_count;
static void h_nodefer(int sig, siginfo_t *si, void *uc)
{
	(void)si;
	(void)uc;
	nd_count++;
	nd_depth++;
	if (nd_depth > nd_max)
		nd_max = nd_depth;
	if (nd_count == 1)
		raise(sig);
	nd_depth--;
}

static void test_resethand_nodefer(void)
{
	set_handler(SIGUSR1, h_count, SA_RESETHAND, NULL);
	rh_count = 0;
	raise(SIGUSR1);
	struct sigaction old;
	sigaction(SIGUSR1, NULL, &old);
	check("SA_RESETHAND_resets_to_default", rh_count == 1 && old.sa_handler == SIG_DFL, "count=%d", rh_count);

	pid_t pid = fork();
	if (pid == 0) {
		set_handler(SIGUSR1, h_count, SA_RESETHAND, NULL);
		raise(SIGUSR1);
		raise(SIGUSR1); /* default action now: terminate */
		_exit(0);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	check("SA_RESETHAND_second_signal_kills", WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1, "status=%#x", st);

	set_handler(SIGUSR1, h_nodefer, SA_NODEFER, NULL);
	nd_depth = nd_max = nd_count = 0;
	raise(SIGUSR1);
	check("SA_NODEFER_nests", nd_count == 2 && nd_max == 2, "count=%d maxdepth=%d", nd_count, nd_max);

	set_handler(SIGUSR1, h_nodefer, 0, NULL);
	nd_depth = nd_max = nd_count = 0;
	raise(SIGUSR1);
	check("no_NODEFER_defers", nd_count == 2 && nd_max == 1, "count=%d maxdepth=%d", nd_count, nd_max);
	set_default(SIGUSR1);
}

/* ================= synchronous faults ================= */
enum { SEG_JMP = 1, SEG_SKIP = 2 };
static __thread int seg_mode;
static __thread sigjmp_buf seg_jb;
static __thread volatile void *seg_addr;
static __thread volatile int seg_code, seg_count, seg_rip_ok, seg_bytes_ok;

static void h_segv(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	(void)sig;
	seg_count++;
	seg_addr = si->si_addr;
	seg_code = si->si_code;
	if (seg_mode == SEG_SKIP) {
		greg_t rip = uc->uc_mcontext.gregs[REG_RIP];
		const unsigned char *ip = (const unsigned char *)rip;
		static const unsigned char insn[6] = { 0xc7, 0x00, 0x01, 0x00, 0x00, 0x00 }; /* movl $1,(%rax) */
		seg_rip_ok = rip == uc->uc_mcontext.gregs[REG_RDX];
		seg_bytes_ok = !memcmp(ip, insn, sizeof insn);
		uc->uc_mcontext.gregs[REG_RIP] = rip + 6;
		uc->uc_mcontext.gregs[REG_RAX] = 0x1234;
		uc->uc_mcontext.gregs[REG_RCX] = 0x5678;
		return;
	}
	if (seg_mode == SEG_JMP)
		siglongjmp(seg_jb, 1);
	/* unexpected: die with the default action */
	signal(SIGSEGV, SIG_DFL);
}

__attribute__((noinline)) static void ucontext_fault(void *target, unsigned long *rax_out, unsigned long *rcx_out, unsigned long *keep_out)
{
	unsigned long rax = (unsigned long)target, rcx = 0x1111, rdx, keep = 0xfeedface12345678UL;
	__asm__ volatile("lea 1f(%%rip), %%rdx\n\t"
	                 "1: movl $1, (%%rax)\n\t"
	                 : "+a"(rax), "+c"(rcx), "=&d"(rdx), "+r"(keep)
	                 :
	                 : "memory");
	(void)rdx;
	*rax_out = rax;
	*rcx_out = rcx;
	*keep_out = keep;
}

static volatile long fpe_zero = 0, fpe_one = 1, fpe_min = LONG_MIN, fpe_m1 = -1;
static sigjmp_buf fpe_jb;
static volatile int fpe_code, fpe_count;
static void h_fpe(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fpe_count++;
	fpe_code = si->si_code;
	siglongjmp(fpe_jb, 1);
}

static volatile int ill_code, ill_count, ill_addr_ok;
static int ill_clobber;
static void h_ill(int sig, siginfo_t *si, void *ucv);

static void test_faults(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	int sa_m[] = { 0 };
	set_handler(SIGSEGV, h_segv, 0, sa_m);
	char *p = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p[0] = 'x';
	mprotect(p, pg, PROT_READ);
	munmap(p + pg, pg);

	seg_mode = SEG_JMP;
	seg_count = 0;
	volatile char *target = p + 16;
	if (sigsetjmp(seg_jb, 1) == 0) {
		*target = 1;
		check("segv_write_readonly", 0, "no fault");
	} else {
		check("segv_write_readonly", seg_count == 1, "count=%d", seg_count);
		check("segv_si_addr", seg_addr == (void *)target, "addr mismatch");
		check("segv_si_code_SEGV_ACCERR", seg_code == SEGV_ACCERR, "code=%d", seg_code);
		check("segv_unblocked_after_siglongjmp", !is_blocked(SIGSEGV), "");
		check("segv_page_still_readable", p[0] == 'x', "");
	}
	seg_count = 0;
	target = p + pg + 8;
	if (sigsetjmp(seg_jb, 1) == 0) {
		(void)*target;
		check("segv_unmapped", 0, "no fault");
	} else {
		check("segv_unmapped_SEGV_MAPERR", seg_count == 1 && seg_code == SEGV_MAPERR && seg_addr == (void *)target, "count=%d code=%d", seg_count, seg_code);
	}

	/* recover by editing the ucontext */
	seg_mode = SEG_SKIP;
	seg_count = 0;
	unsigned long rax = 0, rcx = 0, keep = 0;
	ucontext_fault(p + 32, &rax, &rcx, &keep);
	check("ucontext_skip_fault", seg_count == 1 && seg_code == SEGV_ACCERR && seg_addr == (void *)(p + 32), "count=%d", seg_count);
	check("ucontext_rip_points_at_insn", seg_rip_ok && seg_bytes_ok, "rip_ok=%d bytes_ok=%d", seg_rip_ok, seg_bytes_ok);
	check("ucontext_gregs_written", rax == 0x1234 && rcx == 0x5678, "rax=%#lx rcx=%#lx", rax, rcx);
	check("ucontext_other_regs_kept", keep == 0xfeedface12345678UL, "keep=%#lx", keep);
	check("ucontext_no_write_happened", p[32] == 0, "");
	seg_mode = 0;
	set_default(SIGSEGV);
	munmap(p, pg);

	/* SIGFPE */
	set_handler(SIGFPE, h_fpe, 0, NULL);
	fpe_count = 0;
	if (sigsetjmp(fpe_jb, 1) == 0) {
		volatile long r = fpe_one / fpe_zero;
		(void)r;
		check("sigfpe_div_zero", 0, "no fault");
	} else {
		check("sigfpe_div_zero_FPE_INTDIV", fpe_count == 1 && fpe_code == FPE_INTDIV, "count=%d code=%d", fpe_count, fpe_code);
	}
	if (sigsetjmp(fpe_jb, 1) == 0) {
		volatile long r = fpe_min / fpe_m1;
		(void)r;
		check("sigfpe_overflow", 0, "no fault");
	} else {
		check("sigfpe_LONG_MIN_div_minus1", fpe_count == 2 && fpe_code == FPE_INTDIV, "count=%d code=%d", fpe_count, fpe_code);
	}
	check("sigfpe_unblocked_after", !is_blocked(SIGFPE), "");
	set_default(SIGFPE);

	/* SIGILL via ud2, skipped via ucontext */
	set_handler(SIGILL, h_ill, 0, NULL);
	ill_clobber = 0;
	ill_count = 0;
	__asm__ volatile("ud2");
	check("sigill_ud2_ILL_ILLOPN", ill_count == 1 && ill_code == ILL_ILLOPN && ill_addr_ok, "count=%d code=%d addr_ok=%d", ill_count, ill_code, ill_addr_ok);
	set_default(SIGILL);
}

/* ================= sigaltstack ================= */
static char altstack[65536] __attribute__((aligned(64)));
static volatile int alt_in_range, alt_onstack_flag, alt_eperm, alt_ran;

static void h_alt(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	volatile char local = 0;
	alt_in_range = (char *)&local >= altstack && (char *)&local < altstack + sizeof altstack;
	stack_t cur;
	sigaltstack(NULL, &cur);
	alt_onstack_flag = (cur.ss_flags & SS_ONSTACK) != 0;
	stack_t ns = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
	errno = 0;
	alt_eperm = sigaltstack(&ns, NULL) == -1 && errno == EPERM;
	alt_ran = 1 + local;
}

/* stack overflow in a small thread -> SIGSEGV delivered on that thread's altstack */
static char thr_altstack[65536] __attribute__((aligned(64)));
__attribute__((noinline)) static int recurse(int n, volatile char *prev)
{
	volatile char buf[1024];
	buf[0] = (char)n;
	buf[1023] = prev ? prev[0] : 0;
	if (n > 100000)
		return buf[0];
	return recurse(n + 1, buf) + buf[1023];
}

static void *overflow_thread(void *arg)
{
	(void)arg;
	stack_t ss = { .ss_sp = thr_altstack, .ss_size = sizeof thr_altstack, .ss_flags = 0 };
	if (sigaltstack(&ss, NULL) != 0)
		return (void *)0;
	seg_mode = SEG_JMP;
	seg_count = 0;
	if (sigsetjmp(seg_jb, 1) == 0) {
		recurse(0, NULL);
		return (void *)2;
	}
	seg_mode = 0;
	stack_t cur;
	sigaltstack(NULL, &cur);
	int ok = seg_count == 1 && !(cur.ss_flags & SS_ONSTACK);
	return (void *)(intptr_t)ok;
}

static void test_altstack(void)
{
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 }, old;
	int rc = sigaltstack(&ss, &old);
	check("sigaltstack_install", rc == 0 && (old.ss_flags & SS_DISABLE), "rc=%d flags=%d", rc, old.ss_flags);
	set_handler(SIGUSR2, h_alt, SA_ONSTACK, NULL);
	raise(SIGUSR2);
	check("altstack_handler_local_in_range", alt_ran && alt_in_range, "ran=%d in_range=%d", alt_ran, alt_in_range);
	check("altstack_SS_ONSTACK_in_handler", alt_onstack_flag, "");
	check("altstack_change_while_on_it_EPERM", alt_eperm, "");
	stack_t cur;
	sigaltstack(NULL, &cur);
	check("altstack_not_onstack_after", !(cur.ss_flags & SS_ONSTACK) && cur.ss_sp == altstack && cur.ss_size == sizeof altstack, "flags=%d", cur.ss_flags);
	/* without SA_ONSTACK the handler runs on the normal stack */
	set_handler(SIGUSR2, h_alt, 0, NULL);
	alt_ran = 0;
	raise(SIGUSR2);
	check("no_SA_ONSTACK_normal_stack", alt_ran && !alt_in_range && !alt_onstack_flag, "in_range=%d", alt_in_range);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	set_default(SIGUSR2);

	set_handler(SIGSEGV, h_segv, SA_ONSTACK, NULL);
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, 128 * 1024);
	pthread_t t;
	void *rv = NULL;
	rc = pthread_create(&t, &a, overflow_thread, NULL);
	pthread_attr_destroy(&a);
	if (rc == 0)
		pthread_join(t, &rv);
	check("stack_overflow_caught_on_altstack", rc == 0 && rv == (void *)1, "rc=%d rv=%ld", rc, (long)(intptr_t)rv);
	set_default(SIGSEGV);
}

/* ================= timers interrupting read() ================= */
static int alrm_pipe[2];
static volatile int alrm_count;
static void h_alrm_restart(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	if (++alrm_count == 2) {
		ssize_t w = write(alrm_pipe[1], "R", 1);
		(void)w;
	}
}

static void h_alrm_plain(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	alrm_count++;
}

static void disarm_alarm(void)
{
	struct itimerval zero = { { 0, 0 }, { 0, 0 } };
	block(SIGALRM, SIG_BLOCK);
	setitimer(ITIMER_REAL, &zero, NULL);
	signal(SIGALRM, SIG_IGN); /* discards a pending SIGALRM */
	block(SIGALRM, SIG_UNBLOCK);
	set_default(SIGALRM);
}

static void test_alarm_read(void)
{
	if (pipe(alrm_pipe)) {
		check("pipe", 0, "");
		return;
	}
	struct itimerval it = { { 0, 10000 }, { 0, 10000 } };
	char c = 0;

	/* SA_RESTART: read is restarted; the 2nd tick's handler provides data */
	set_handler(SIGALRM, h_alrm_restart, SA_RESTART, NULL);
	alrm_count = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	ssize_t n = read(alrm_pipe[0], &c, 1);
	int e = errno;
	disarm_alarm();
	check("SA_RESTART_read_restarted", n == 1 && c == 'R' && alrm_count >= 2, "n=%zd errno=%s count=%d", n, n < 0 ? ename(e) : "-", alrm_count);

	/* without SA_RESTART: read fails with EINTR */
	set_handler(SIGALRM, h_alrm_plain, 0, NULL);
	alrm_count = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	errno = 0;
	n = read(alrm_pipe[0], &c, 1);
	e = errno;
	disarm_alarm();
	check("no_SA_RESTART_read_EINTR", n == -1 && e == EINTR && alrm_count >= 1, "n=%zd errno=%s", n, ename(e));

	/* alarm(0) cancels a pending alarm and reports the remaining seconds */
	unsigned prev = alarm(5);
	unsigned rem = alarm(0);
	check("alarm_cancel_returns_remaining", prev == 0 && rem == 5, "prev=%u rem=%u", prev, rem);
	/* (periodic timers below, so a tick that fires before the blocking call
	 * is entered cannot make the test hang) */
	set_handler(SIGALRM, h_alrm_plain, 0, NULL);
	alrm_count = 0;
	struct itimerval periodic = { { 0, 20000 }, { 0, 20000 } }, cur;
	setitimer(ITIMER_REAL, &periodic, NULL);
	getitimer(ITIMER_REAL, &cur);
	int armed = cur.it_value.tv_sec != 0 || cur.it_value.tv_usec != 0;
	int interval_ok = cur.it_interval.tv_sec == 0 && cur.it_interval.tv_usec == 20000;
	errno = 0;
	int pr = pause();
	e = errno;
	disarm_alarm();
	check("setitimer_getitimer", armed && interval_ok, "armed=%d interval_ok=%d", armed, interval_ok);
	check("pause_EINTR", pr == -1 && e == EINTR && alrm_count >= 1, "pr=%d errno=%s count=%d", pr, ename(e), alrm_count);

	/* nanosleep interrupted without SA_RESTART returns EINTR + remaining */
	set_handler(SIGALRM, h_alrm_plain, 0, NULL);
	setitimer(ITIMER_REAL, &periodic, NULL);
	struct timespec req = { 5, 0 }, remts = { 0, 0 };
	errno = 0;
	int nr = nanosleep(&req, &remts);
	e = errno;
	disarm_alarm();
	check("nanosleep_EINTR_remaining", nr == -1 && e == EINTR && remts.tv_sec >= 3 && remts.tv_sec <= 5, "nr=%d errno=%s", nr, ename(e));
	close(alrm_pipe[0]);
	close(alrm_pipe[1]);
}

/* ================= sigsuspend + signal from child ================= */
static volatile int sus_got;
static volatile pid_t sus_pid;
static volatile int sus_code;
static void h_sus(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	sus_got++;
	sus_pid = si->si_pid;
	sus_code = si->si_code;
}

static void test_sigsuspend(void)
{
	set_handler(SIGUSR2, h_sus, 0, NULL);
	sigset_t s, old, waitmask;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	sigprocmask(SIG_BLOCK, &s, &old);
	waitmask = old;
	sigdelset(&waitmask, SIGUSR2);
	sus_got = 0;
	pid_t pid = fork();
	if (pid == 0) {
		kill(getppid(), SIGUSR2);
		_exit(0);
	}
	int rc = 0, e = 0, loops = 0;
	while (!sus_got && loops++ < 100) {
		rc = sigsuspend(&waitmask);
		e = errno;
	}
	int still_blocked = is_blocked(SIGUSR2);
	sigprocmask(SIG_SETMASK, &old, NULL);
	int st;
	waitpid(pid, &st, 0);
	check("sigsuspend_woken_by_child", sus_got == 1 && rc == -1 && e == EINTR, "got=%d rc=%d errno=%s", sus_got, rc, ename(e));
	check("sigsuspend_si_pid_is_child", sus_pid == pid && sus_code == SI_USER, "code=%d", sus_code);
	check("sigsuspend_restores_mask", still_blocked, "");
	set_default(SIGUSR2);
}

/* ================= sigwait family + signalfd ================= */
static void *sigwait_thread(void *arg)
{
	sigset_t *s = arg;
	int sig = 0;
	if (sigwait(s, &sig) != 0)
		return (void *)0;
	return (void *)(intptr_t)sig;
}

static void test_sigwait(void)
{
	set_handler(SIGUSR1, h_info, 0, NULL);
	sigset_t s, old;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGRTMIN + 2);
	sigaddset(&s, SIGUSR2);
	sigprocmask(SIG_BLOCK, &s, &old);
	info_count = 0;
	raise(SIGUSR1);
	int sig = 0;
	sigset_t w1;
	sigemptyset(&w1);
	sigaddset(&w1, SIGUSR1);
	int rc = sigwait(&w1, &sig);
	check("sigwait", rc == 0 && sig == SIGUSR1 && info_count == 0, "rc=%d sig=%d handler=%d", rc, sig, (int)info_count);

	sigqueue(getpid(), SIGRTMIN + 2, (union sigval){ .sival_int = 99 });
	siginfo_t si;
	memset(&si, 0, sizeof si);
	struct timespec ts = { 1, 0 };
	rc = sigtimedwait(&s, &si, &ts);
	check("sigtimedwait_siginfo", rc == SIGRTMIN + 2 && si.si_signo == SIGRTMIN + 2 && si.si_code == SI_QUEUE && si.si_value.sival_int == 99 && si.si_pid == getpid(),
	      "rc=%d code=%d val=%d", rc, si.si_code, si.si_value.sival_int);

	struct timespec shortts = { 0, 10000000 };
	errno = 0;
	rc = sigtimedwait(&s, &si, &shortts);
	check("sigtimedwait_timeout_EAGAIN", rc == -1 && errno == EAGAIN, "rc=%d errno=%s", rc, ename(errno));

	raise(SIGUSR2);
	memset(&si, 0, sizeof si);
	rc = sigwaitinfo(&s, &si);
#ifdef __GLIBC__
	/* glibc's sigtimedwait/sigwaitinfo folds SI_TKILL into SI_USER */
	int want_code = SI_USER;
#else
	int want_code = SI_TKILL;
#endif
	check("sigwaitinfo", rc == SIGUSR2 && si.si_code == want_code, "rc=%d code=%d", rc, si.si_code);

	/* signal sent to the process is received by a thread in sigwait() */
	pthread_t t;
	void *rv = NULL;
	pthread_create(&t, NULL, sigwait_thread, &w1);
	msleep(10);
	kill(getpid(), SIGUSR1);
	pthread_join(t, &rv);
	check("sigwait_in_thread_gets_process_signal", rv == (void *)(intptr_t)SIGUSR1 && info_count == 0, "rv=%ld", (long)(intptr_t)rv);

	/* signalfd */
	sigset_t sfs;
	sigemptyset(&sfs);
	sigaddset(&sfs, SIGUSR2);
	int sfd = signalfd(-1, &sfs, SFD_CLOEXEC);
	struct signalfd_siginfo ssi;
	memset(&ssi, 0, sizeof ssi);
	raise(SIGUSR2);
	ssize_t n = sfd >= 0 ? read(sfd, &ssi, sizeof ssi) : -1;
	check("signalfd_read", n == sizeof ssi && ssi.ssi_signo == SIGUSR2 && ssi.ssi_code == SI_TKILL && ssi.ssi_pid == (uint32_t)getpid(), "n=%zd signo=%u", n, ssi.ssi_signo);
	int fl = fcntl(sfd, F_SETFL, O_NONBLOCK);
	errno = 0;
	n = read(sfd, &ssi, sizeof ssi);
	check("signalfd_empty_EAGAIN", fl == 0 && n == -1 && errno == EAGAIN, "n=%zd errno=%s", n, ename(errno));
	close(sfd);

	sigprocmask(SIG_SETMASK, &old, NULL);
	set_default(SIGUSR1);
}

/* ================= pthread_kill to a specific thread ================= */
static volatile int pk_stop;
static volatile pid_t pk_handled_tid;
static volatile int pk_count, pk_code;
static pid_t pk_tids[3];

static void h_pk(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	pk_handled_tid = my_gettid();
	pk_code = si->si_code;
	pk_count++;
}

static void *pk_thread(void *arg)
{
	intptr_t i = (intptr_t)arg;
	block(SIGUSR1, SIG_UNBLOCK); /* main blocked it before creating us */
	__atomic_store_n(&pk_tids[i], my_gettid(), __ATOMIC_SEQ_CST);
	while (!pk_stop)
		msleep(1);
	return NULL;
}

static void test_pthread_kill(void)
{
	set_handler(SIGUSR1, h_pk, 0, NULL);
	block(SIGUSR1, SIG_BLOCK); /* main thread does not take it */
	pthread_t t[3];
	for (intptr_t i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, pk_thread, (void *)i);
	for (int i = 0; i < 3; i++)
		while (!__atomic_load_n(&pk_tids[i], __ATOMIC_SEQ_CST))
			msleep(1);
	pk_count = 0;
	int rc = pthread_kill(t[1], SIGUSR1);
	for (int i = 0; i < 2000 && !pk_count; i++)
		msleep(1);
	pk_stop = 1;
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	block(SIGUSR1, SIG_UNBLOCK);
	check("pthread_kill_targets_thread", rc == 0 && pk_count == 1 && pk_handled_tid == pk_tids[1], "rc=%d count=%d right_thread=%d", rc, pk_count, pk_handled_tid == pk_tids[1]);
	check("pthread_kill_si_code_SI_TKILL", pk_code == SI_TKILL, "code=%d", pk_code);
	/* signal to an exited-and-joined thread id via tgkill: ESRCH */
	errno = 0;
	rc = (int)syscall(SYS_tgkill, getpid(), pk_tids[2], 0);
	check("tgkill_exited_thread_ESRCH", rc == -1 && errno == ESRCH, "rc=%d errno=%s", rc, ename(errno));
	set_default(SIGUSR1);
}

/* ================= SIGCHLD ================= */
static volatile int chld_got, chld_code, chld_status;
static volatile pid_t chld_pid;
static void h_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	chld_got++;
	chld_code = si->si_code;
	chld_status = si->si_status;
	chld_pid = si->si_pid;
}

static void test_sigchld(void)
{
	set_handler(SIGCHLD, h_chld, SA_NOCLDSTOP, NULL);
	sigset_t s, old, waitmask;
	sigemptyset(&s);
	sigaddset(&s, SIGCHLD);
	sigprocmask(SIG_BLOCK, &s, &old);
	waitmask = old;
	sigdelset(&waitmask, SIGCHLD);
	chld_got = 0;
	pid_t pid = fork();
	if (pid == 0)
		_exit(7);
	for (int i = 0; i < 100 && !chld_got; i++)
		sigsuspend(&waitmask);
	sigprocmask(SIG_SETMASK, &old, NULL);
	int st = 0;
	pid_t w = waitpid(pid, &st, 0);
	check("sigchld_handler_runs", chld_got == 1 && chld_pid == pid, "got=%d", chld_got);
	check("sigchld_siginfo", chld_code == CLD_EXITED && chld_status == 7, "code=%d status=%d", chld_code, chld_status);
	check("sigchld_waitpid_status", w == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7, "st=%#x", st);
	set_default(SIGCHLD);
}

/* ================= handler making syscalls + nested signal ================= */
static char nest_seq[16];
static volatile int nest_n;
static void h_nest1(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	const char msg[] = "  in SIGUSR1 handler (write from handler)\n";
	ssize_t w = write(1, msg, sizeof msg - 1);
	nest_seq[nest_n++] = w == (ssize_t)(sizeof msg - 1) ? 'a' : 'X';
	raise(SIGUSR2);
	nest_seq[nest_n++] = 'c';
}
static void h_nest2(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	const char msg[] = "  in SIGUSR2 handler (nested inside SIGUSR1 handler)\n";
	ssize_t w = write(1, msg, sizeof msg - 1);
	nest_seq[nest_n++] = w == (ssize_t)(sizeof msg - 1) ? 'b' : 'Y';
}

static void test_nested(void)
{
	set_handler(SIGUSR1, h_nest1, 0, NULL);
	set_handler(SIGUSR2, h_nest2, 0, NULL);
	nest_n = 0;
	memset(nest_seq, 0, sizeof nest_seq);
	raise(SIGUSR1);
	check("nested_handler_sequence", !strcmp(nest_seq, "abc"), "seq=%s", nest_seq);
	set_default(SIGUSR1);
	set_default(SIGUSR2);
}

/* ================= FPU / SSE / AVX state across handlers ================= */
static void clobber_fpu(void)
{
	unsigned int mx = 0x7f80 | (3u << 13); /* round toward zero, flush-to-zero */
	__asm__ volatile("pcmpeqd %%xmm0, %%xmm0\n\t"
	                 "pcmpeqd %%xmm1, %%xmm1\n\t"
	                 "pcmpeqd %%xmm2, %%xmm2\n\t"
	                 "pcmpeqd %%xmm3, %%xmm3\n\t"
	                 "pcmpeqd %%xmm4, %%xmm4\n\t"
	                 "pcmpeqd %%xmm5, %%xmm5\n\t"
	                 "pcmpeqd %%xmm6, %%xmm6\n\t"
	                 "pcmpeqd %%xmm7, %%xmm7\n\t"
	                 "pcmpeqd %%xmm8, %%xmm8\n\t"
	                 "pcmpeqd %%xmm9, %%xmm9\n\t"
	                 "pcmpeqd %%xmm10, %%xmm10\n\t"
	                 "pcmpeqd %%xmm11, %%xmm11\n\t"
	                 "pcmpeqd %%xmm12, %%xmm12\n\t"
	                 "pcmpeqd %%xmm13, %%xmm13\n\t"
	                 "pcmpeqd %%xmm14, %%xmm14\n\t"
	                 "pcmpeqd %%xmm15, %%xmm15\n\t"
	                 "ldmxcsr %0\n\t"
	                 "fninit\n\t"
	                 "fldz\n\t"
	                 "fstp %%st(0)\n\t"
	                 :
	                 : "m"(mx)
	                 : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10",
	                   "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "memory");
}

static int cpu_has_avx, cpu_has_avx512;
static void clobber_avx(void)
{
	if (cpu_has_avx)
		__asm__ volatile("vpcmpeqd %%ymm0, %%ymm0, %%ymm0\n\t"
		                 "vpcmpeqd %%ymm5, %%ymm5, %%ymm5\n\t"
		                 "vpcmpeqd %%ymm15, %%ymm15, %%ymm15\n\t"
		                 ::: "xmm0", "xmm5", "xmm15", "memory");
	if (cpu_has_avx512)
		__asm__ volatile("vpternlogd $0xff, %%zmm16, %%zmm16, %%zmm16\n\t"
		                 "vpternlogd $0xff, %%zmm31, %%zmm31, %%zmm31\n\t"
		                 "kxnorw %%k0, %%k0, %%k1\n\t"
		                 ::: "memory"); /* compiler never uses these without -mavx512f */
	if (cpu_has_avx)
		__asm__ volatile("vzeroupper" ::: "memory");
}

static void h_ill(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	(void)sig;
	ill_count++;
	ill_code = si->si_code;
	ill_addr_ok = (greg_t)si->si_addr == uc->uc_mcontext.gregs[REG_RIP];
	uc->uc_mcontext.gregs[REG_RIP] += 2; /* skip ud2 */
	if (ill_clobber) {
		clobber_fpu();
		clobber_avx();
	}
}

static void h_clobber(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	clobber_fpu();
	clobber_avx();
	volatile double d = 1e300;
	d = d * d; /* raises overflow flag in the handler */
	(void)d;
}

static unsigned char xin[256] __attribute__((aligned(64))), xout[256] __attribute__((aligned(64)));

static void cpu_detect(void)
{
	unsigned a, b, c, d;
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
	int osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
	if (!osxsave || !avx)
		return;
	unsigned lo, hi;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	if ((lo & 6) != 6)
		return;
	cpu_has_avx = 1;
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(7), "c"(0));
	if (((b >> 16) & 1) && (lo & 0xe0) == 0xe0)
		cpu_has_avx512 = 1;
}

static void test_fpu(void)
{
	/* (a) plain C double computation around a clobbering handler */
	set_handler(SIGUSR1, h_clobber, 0, NULL);
	volatile double x = 1.5, y = 3.25;
	double a = x * y + 0.1;
	double b = a / 7.0;
	raise(SIGUSR1);
	double c = b * y - x;
	volatile long double ld = 1.0L / 3.0L;
	raise(SIGUSR1);
	long double ld2 = ld * 3.0L;
	char buf[64];
	snprintf(buf, sizeof buf, "%.12f", c);
	check("double_computation_across_handler", !strcmp(buf, "0.809821428571"), "got %s", buf);
	check("long_double_across_handler", ld2 == 1.0L, "");

	/* (b) exact register state: xmm0-15, MXCSR and x87 across SIGILL */
	for (int i = 0; i < 256; i++)
		xin[i] = (unsigned char)(i * 7 + 3);
	memset(xout, 0, sizeof xout);
	unsigned int mx_in = 0x1f80 | (1u << 13); /* round down */
	unsigned int mx_out = 0;
	double pi_out = 0;
	set_handler(SIGILL, h_ill, 0, NULL);
	ill_clobber = 1;
	ill_count = 0;
	__asm__ volatile(
		"stmxcsr -8(%%rsp)\n\t"
		"ldmxcsr %[mxin]\n\t"
		"movdqa xin+0(%%rip), %%xmm0\n\t"
		"movdqa xin+16(%%rip), %%xmm1\n\t"
		"movdqa xin+32(%%rip), %%xmm2\n\t"
		"movdqa xin+48(%%rip), %%xmm3\n\t"
		"movdqa xin+64(%%rip), %%xmm4\n\t"
		"movdqa xin+80(%%rip), %%xmm5\n\t"
		"movdqa xin+96(%%rip), %%xmm6\n\t"
		"movdqa xin+112(%%rip), %%xmm7\n\t"
		"movdqa xin+128(%%rip), %%xmm8\n\t"
		"movdqa xin+144(%%rip), %%xmm9\n\t"
		"movdqa xin+160(%%rip), %%xmm10\n\t"
		"movdqa xin+176(%%rip), %%xmm11\n\t"
		"movdqa xin+192(%%rip), %%xmm12\n\t"
		"movdqa xin+208(%%rip), %%xmm13\n\t"
		"movdqa xin+224(%%rip), %%xmm14\n\t"
		"movdqa xin+240(%%rip), %%xmm15\n\t"
		"fldpi\n\t"
		"ud2\n\t"
		"fstpl %[piout]\n\t"
		"movdqa %%xmm0, xout+0(%%rip)\n\t"
		"movdqa %%xmm1, xout+16(%%rip)\n\t"
		"movdqa %%xmm2, xout+32(%%rip)\n\t"
		"movdqa %%xmm3, xout+48(%%rip)\n\t"
		"movdqa %%xmm4, xout+64(%%rip)\n\t"
		"movdqa %%xmm5, xout+80(%%rip)\n\t"
		"movdqa %%xmm6, xout+96(%%rip)\n\t"
		"movdqa %%xmm7, xout+112(%%rip)\n\t"
		"movdqa %%xmm8, xout+128(%%rip)\n\t"
		"movdqa %%xmm9, xout+144(%%rip)\n\t"
		"movdqa %%xmm10, xout+160(%%rip)\n\t"
		"movdqa %%xmm11, xout+176(%%rip)\n\t"
		"movdqa %%xmm12, xout+192(%%rip)\n\t"
		"movdqa %%xmm13, xout+208(%%rip)\n\t"
		"movdqa %%xmm14, xout+224(%%rip)\n\t"
		"movdqa %%xmm15, xout+240(%%rip)\n\t"
		"stmxcsr %[mxout]\n\t"
		"ldmxcsr -8(%%rsp)\n\t"
		: [mxout] "=m"(mx_out), [piout] "=m"(pi_out)
		: [mxin] "m"(mx_in)
		: "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",
		  "xmm12", "xmm13", "xmm14", "xmm15", "memory");
	ill_clobber = 0;
	check("xmm0_15_preserved_across_handler", ill_count == 1 && !memcmp(xin, xout, 256), "count=%d", ill_count);
	check("mxcsr_preserved_across_handler", (mx_out & ~0x3fu) == (mx_in & ~0x3fu), "mxcsr=%#x want %#x", mx_out, mx_in);
	check("x87_stack_preserved_across_handler", pi_out > 3.14159265 && pi_out < 3.14159266, "");

	/* (c) upper halves of ymm (AVX) and zmm16-31 / k-regs (AVX-512) */
	if (cpu_has_avx) {
		unsigned char yin[64], yout[64];
		for (int i = 0; i < 64; i++)
			yin[i] = (unsigned char)(i * 13 + 1);
		memset(yout, 0, sizeof yout);
		ill_clobber = 1;
		ill_count = 0;
		__asm__ volatile("vmovdqu (%[in]), %%ymm5\n\t"
		                 "vmovdqu 32(%[in]), %%ymm15\n\t"
		                 "ud2\n\t"
		                 "vmovdqu %%ymm5, (%[out])\n\t"
		                 "vmovdqu %%ymm15, 32(%[out])\n\t"
		                 "vzeroupper\n\t"
		                 :
		                 : [in] "r"(yin), [out] "r"(yout)
		                 : "xmm5", "xmm15", "memory");
		ill_clobber = 0;
		check("ymm_upper_preserved_across_handler", ill_count == 1 && !memcmp(yin, yout, 64), "count=%d", ill_count);
	}
	if (cpu_has_avx512) {
		unsigned char zin[64], zout[64];
		unsigned short kin = 0x5a3c, kout = 0;
		for (int i = 0; i < 64; i++)
			zin[i] = (unsigned char)(i * 5 + 11);
		memset(zout, 0, sizeof zout);
		ill_clobber = 1;
		ill_count = 0;
		__asm__ volatile("vmovdqu64 (%[in]), %%zmm16\n\t"
		                 "kmovw %[kin], %%k1\n\t"
		                 "ud2\n\t"
		                 "vmovdqu64 %%zmm16, (%[out])\n\t"
		                 "kmovw %%k1, %[kout]\n\t"
		                 "vzeroupper\n\t"
		                 : [kout] "=m"(kout)
		                 : [in] "r"(zin), [out] "r"(zout), [kin] "m"(kin)
		                 : "memory");
		ill_clobber = 0;
		check("zmm16_and_k1_preserved_across_handler", ill_count == 1 && !memcmp(zin, zout, 64) && kout == kin, "count=%d k=%#x", ill_count, kout);
	}
	set_default(SIGILL);
	set_default(SIGUSR1);
}

/* ================= raw syscall preserves registers ================= */
unsigned long sc_in[16], sc_out[16];
unsigned char sc_xin[256] __attribute__((aligned(16))), sc_xout[256] __attribute__((aligned(16)));

static void test_syscall_regs(void)
{
	static const char *names[] = { "rbx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r12", "r13", "r14", "r15" };
	for (int i = 0; i < 16; i++)
		sc_in[i] = 0x0101010101010101UL * (unsigned long)(i + 1) ^ 0x8000000000000000UL;
	for (int i = 0; i < 256; i++)
		sc_xin[i] = (unsigned char)(255 - i);
	memset(sc_out, 0, sizeof sc_out);
	memset(sc_xout, 0, sizeof sc_xout);
	unsigned long ret;
	__asm__ volatile(
		"mov sc_in+0(%%rip), %%rbx\n\t"
		"mov sc_in+8(%%rip), %%rdx\n\t"
		"mov sc_in+16(%%rip), %%rsi\n\t"
		"mov sc_in+24(%%rip), %%rdi\n\t"
		"mov sc_in+32(%%rip), %%r8\n\t"
		"mov sc_in+40(%%rip), %%r9\n\t"
		"mov sc_in+48(%%rip), %%r10\n\t"
		"mov sc_in+56(%%rip), %%r12\n\t"
		"mov sc_in+64(%%rip), %%r13\n\t"
		"mov sc_in+72(%%rip), %%r14\n\t"
		"mov sc_in+80(%%rip), %%r15\n\t"
		"movdqa sc_xin+0(%%rip), %%xmm0\n\t"
		"movdqa sc_xin+16(%%rip), %%xmm1\n\t"
		"movdqa sc_xin+32(%%rip), %%xmm2\n\t"
		"movdqa sc_xin+48(%%rip), %%xmm3\n\t"
		"movdqa sc_xin+64(%%rip), %%xmm4\n\t"
		"movdqa sc_xin+80(%%rip), %%xmm5\n\t"
		"movdqa sc_xin+96(%%rip), %%xmm6\n\t"
		"movdqa sc_xin+112(%%rip), %%xmm7\n\t"
		"movdqa sc_xin+128(%%rip), %%xmm8\n\t"
		"movdqa sc_xin+144(%%rip), %%xmm9\n\t"
		"movdqa sc_xin+160(%%rip), %%xmm10\n\t"
		"movdqa sc_xin+176(%%rip), %%xmm11\n\t"
		"movdqa sc_xin+192(%%rip), %%xmm12\n\t"
		"movdqa sc_xin+208(%%rip), %%xmm13\n\t"
		"movdqa sc_xin+224(%%rip), %%xmm14\n\t"
		"movdqa sc_xin+240(%%rip), %%xmm15\n\t"
		"mov $110, %%eax\n\t" /* SYS_getppid */
		"syscall\n\t"
		"mov %%rbx, sc_out+0(%%rip)\n\t"
		"mov %%rdx, sc_out+8(%%rip)\n\t"
		"mov %%rsi, sc_out+16(%%rip)\n\t"
		"mov %%rdi, sc_out+24(%%rip)\n\t"
		"mov %%r8, sc_out+32(%%rip)\n\t"
		"mov %%r9, sc_out+40(%%rip)\n\t"
		"mov %%r10, sc_out+48(%%rip)\n\t"
		"mov %%r12, sc_out+56(%%rip)\n\t"
		"mov %%r13, sc_out+64(%%rip)\n\t"
		"mov %%r14, sc_out+72(%%rip)\n\t"
		"mov %%r15, sc_out+80(%%rip)\n\t"
		"movdqa %%xmm0, sc_xout+0(%%rip)\n\t"
		"movdqa %%xmm1, sc_xout+16(%%rip)\n\t"
		"movdqa %%xmm2, sc_xout+32(%%rip)\n\t"
		"movdqa %%xmm3, sc_xout+48(%%rip)\n\t"
		"movdqa %%xmm4, sc_xout+64(%%rip)\n\t"
		"movdqa %%xmm5, sc_xout+80(%%rip)\n\t"
		"movdqa %%xmm6, sc_xout+96(%%rip)\n\t"
		"movdqa %%xmm7, sc_xout+112(%%rip)\n\t"
		"movdqa %%xmm8, sc_xout+128(%%rip)\n\t"
		"movdqa %%xmm9, sc_xout+144(%%rip)\n\t"
		"movdqa %%xmm10, sc_xout+160(%%rip)\n\t"
		"movdqa %%xmm11, sc_xout+176(%%rip)\n\t"
		"movdqa %%xmm12, sc_xout+192(%%rip)\n\t"
		"movdqa %%xmm13, sc_xout+208(%%rip)\n\t"
		"movdqa %%xmm14, sc_xout+224(%%rip)\n\t"
		"movdqa %%xmm15, sc_xout+240(%%rip)\n\t"
		: "=a"(ret)
		:
		: "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
		  "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",
		  "xmm12", "xmm13", "xmm14", "xmm15", "memory");
	char bad[128] = "";
	for (int i = 0; i < 11; i++)
		if (sc_out[i] != sc_in[i]) {
			strcat(bad, names[i]);
			strcat(bad, " ");
		}
	if (memcmp(sc_xin, sc_xout, 256))
		strcat(bad, "xmm");
	check("raw_syscall_result", (pid_t)ret == getppid(), "ret mismatch");
	check("raw_syscall_preserves_registers", bad[0] == 0, "clobbered: %s", bad);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	cpu_detect();
	test_basic();
	test_pending_order();
	test_handler_mask();
	test_resethand_nodefer();
	test_faults();
	test_altstack();
	test_alarm_read();
	test_sigsuspend();
	test_sigwait();
	test_pthread_kill();
	test_sigchld();
	test_nested();
	test_fpu();
	test_syscall_regs();
	printf("signals: %s\n", g_fail ? "FAILED" : "all ok");
	return g_fail;
}
