/* FreeBSD signal calls, and FreeBSD's amd64 signal frame (sendsig and sys_sigreturn of
 * sys/amd64/amd64/exec_machdep.c): guest handlers see FreeBSD's siginfo, ucontext and mcontext. */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include "../../syscall/copy.h"
#include "../../syscall/kframe.h"
#include "../../syscall/raw.h"
#include "../../syscall/signals.h"
#include "../../syscall/trap.h"
#include "../../syscall/xthread.h"
#include "freebsd.h"
#include "sigframe.h"

/* sys/sys/signal.h */
#define FB_SA_ONSTACK 0x01
#define FB_SA_RESTART 0x02
#define FB_SA_RESETHAND 0x04
#define FB_SA_NOCLDSTOP 0x08
#define FB_SA_NODEFER 0x10
#define FB_SA_NOCLDWAIT 0x20
#define FB_SA_SIGINFO 0x40
#define FB_SIG_BLOCK 1
#define FB_SIG_UNBLOCK 2
#define FB_SIG_SETMASK 3
#define FB_SS_ONSTACK 1
#define FB_SS_DISABLE 4
#define FB_MINSIGSTKSZ 2048
#define FB_SIGMAX 128

struct fb_sigaction {
	uint64_t handler;
	int32_t flags;
	uint32_t mask[4];
};
_Static_assert(sizeof(struct fb_sigaction) == 32, "struct sigaction of FreeBSD/amd64");
_Static_assert(sizeof(struct fb_siginfo) == FREEBSD_SIGINFO_SIZE, "freebsd.h");

static const struct { int fb, host; } saflags[] = {
	{ FB_SA_ONSTACK, SA_ONSTACK },     { FB_SA_RESTART, SA_RESTART },
	{ FB_SA_RESETHAND, SA_RESETHAND }, { FB_SA_NOCLDSTOP, SA_NOCLDSTOP },
	{ FB_SA_NODEFER, SA_NODEFER },     { FB_SA_NOCLDWAIT, SA_NOCLDWAIT },
	{ FB_SA_SIGINFO, SA_SIGINFO },
};

static long put(void *guest, const void *v, size_t n)
{
	return xabi_copy_safe(guest, v, n) < 0 ? -EFAULT : 0;
}

/* The host number of a FreeBSD signal argument: -EINVAL when out of range, 0 when FreeBSD has it
 * but Linux does not (SIGEMT, SIGINFO). */
static int host_sig(long fbsig)
{
	if (fbsig < 1 || fbsig > FB_SIGMAX)
		return -EINVAL;
	return freebsd_sig_to_host((int)fbsig);
}

long freebsd_sys_sigaction(struct trap *tr)
{
	int sig = host_sig(tr->arg[0]);
	if (sig < 0)
		return sig;
	struct fb_sigaction fa;
	struct gsigaction act = { 0 }, old = { 0 };
	if (tr->arg[1]) {
		if (xabi_copy_safe(&fa, (void *)tr->arg[1], sizeof fa) < 0)
			return -EFAULT;
		act.handler = fa.handler;
		act.mask = freebsd_sigset_to_host(fa.mask);
		for (unsigned i = 0; i < sizeof saflags / sizeof saflags[0]; i++)
			if (fa.flags & saflags[i].fb)
				act.flags |= (unsigned)saflags[i].host;
	}
	/* A signal Linux lacks: remember nothing, as it can never be delivered; SIG_DFL/SIG_IGN are
	 * what the guest reads back. */
	long r = sig ? gsig_action(sig, tr->arg[1] ? &act : 0, &old) : 0;
	if (r < 0 || !tr->arg[2])
		return r;
	memset(&fa, 0, sizeof fa);
	fa.handler = old.handler;
	freebsd_sigset_from_host(old.mask, fa.mask);
	for (unsigned i = 0; i < sizeof saflags / sizeof saflags[0]; i++)
		if (old.flags & (unsigned)saflags[i].host)
			fa.flags |= saflags[i].fb;
	return put((void *)tr->arg[2], &fa, sizeof fa);
}

long freebsd_sys_sigprocmask(struct trap *tr)
{
	int how = (int)tr->arg[0];
	uint64_t old = gsig_mask(tr->t, tr->uc);
	if (tr->arg[1]) {
		uint32_t g[4];
		if (xabi_copy_safe(g, (void *)tr->arg[1], sizeof g) < 0)
			return -EFAULT;
		uint64_t set = freebsd_sigset_to_host(g);
		if (how == FB_SIG_BLOCK)
			set |= old;
		else if (how == FB_SIG_UNBLOCK)
			set = old & ~set;
		else if (how != FB_SIG_SETMASK)
			return -EINVAL;
		gsig_set_mask(tr->t, tr->uc, set);
	}
	if (!tr->arg[2])
		return 0;
	uint32_t g[4];
	freebsd_sigset_from_host(old, g);
	return put((void *)tr->arg[2], g, sizeof g);
}

long freebsd_sys_sigpending(struct trap *tr)
{
	uint64_t set;
	long r = raw2(SYS_rt_sigpending, &set, 8);
	if (r < 0)
		return r;
	uint32_t g[4];
	freebsd_sigset_from_host(set | tr->t->emul_pending, g);
	return put((void *)tr->arg[0], g, sizeof g);
}

/* sigsuspend(const sigset_t *): the handlers of the signals that end the wait run even when the
 * ordinary mask blocks them (signals.h, gsig_deliver_interrupting). */
long freebsd_sys_sigsuspend(struct trap *tr)
{
	uint32_t g[4];
	if (xabi_copy_safe(g, (void *)tr->arg[0], sizeof g) < 0)
		return -EFAULT;
	uint64_t set = freebsd_sigset_to_host(g) & ~SIG_EMULATED_MASK;
	tr->deliver_intr = 1;
	return xabi_syscall_cp(&tr->t->intr, SYS_rt_sigsuspend, (long)&set, 8, 0, 0, 0, 0);
}

long freebsd_sys_kill(struct trap *tr)
{
	int sig = tr->arg[1] ? host_sig(tr->arg[1]) : 0;
	if (sig < 0 || (tr->arg[1] && !sig))
		return -EINVAL;
	return raw2(SYS_kill, tr->arg[0], sig);
}

/* thr_kill(long id, int sig): a signal to one thread of this process. */
long freebsd_sys_thr_kill(struct trap *tr)
{
	int sig = tr->arg[1] ? host_sig(tr->arg[1]) : 0;
	if (sig < 0 || (tr->arg[1] && !sig))
		return -EINVAL;
	return raw3(SYS_tgkill, raw0(SYS_getpid), tr->arg[0], sig);
}

/* thr_kill2(pid_t pid, long id, int sig) */
long freebsd_sys_thr_kill2(struct trap *tr)
{
	int sig = tr->arg[2] ? host_sig(tr->arg[2]) : 0;
	if (sig < 0 || (tr->arg[2] && !sig))
		return -EINVAL;
	long pid = tr->arg[0] ? tr->arg[0] : raw0(SYS_getpid);
	return raw3(SYS_tgkill, pid, tr->arg[1], sig);
}

/* FreeBSD's stack_t: {ss_sp, ss_size, ss_flags}, where Linux's has the flags second. */
static struct fb_stack guest_altstack(const struct xthread *t, uintptr_t sp)
{
	struct fb_stack ss = { .sp = t->gss_sp, .size = t->gss_size };
	if (!t->gss_size)
		ss.flags = FB_SS_DISABLE;
	else if (gsig_on_altstack(t, sp))
		ss.flags = FB_SS_ONSTACK;
	return ss;
}

/* kern_sigaltstack */
long freebsd_sys_sigaltstack(struct trap *tr)
{
	struct xthread *t = tr->t;
	uintptr_t sp = (uintptr_t)GREG(tr, RSP);
	struct fb_stack old = guest_altstack(t, sp), ss;
	if (tr->arg[0]) {
		if (xabi_copy_safe(&ss, (void *)tr->arg[0], sizeof ss) < 0)
			return -EFAULT;
		if (gsig_on_altstack(t, sp))
			return -EPERM;
		if (ss.flags & ~FB_SS_DISABLE)
			return -EINVAL;
		if (ss.flags & FB_SS_DISABLE) {
			t->gss_sp = t->gss_size = 0;
		} else {
			if (ss.size < FB_MINSIGSTKSZ)
				return -ENOMEM;
			t->gss_sp = ss.sp;
			t->gss_size = ss.size;
		}
		t->gss_flags = 0;
	}
	return tr->arg[1] ? put((void *)tr->arg[1], &old, sizeof old) : 0;
}

/* ---- the signal frame ---- */

uintptr_t freebsd_sigcode; /* the guest's trampoline page (start_freebsd.c) */

/* sigcode of sys/amd64/amd64/sigtramp.S: call the handler the frame names, then sigreturn with
 * the frame's ucontext. */
const unsigned char freebsd_sigcode_bytes[] = {
	0xff, 0x14, 0x24,                         /* call *(%rsp)        sf_ahu */
	0x48, 0x8d, 0x7c, 0x24, 0x10,             /* lea 16(%rsp), %rdi  sf_uc */
	0x6a, 0x00,                               /* push $0             a fake return address */
	0x48, 0xc7, 0xc0, 0xa1, 0x01, 0x00, 0x00, /* mov $417, %rax      SYS_sigreturn */
	0x0f, 0x05,                               /* syscall */
	0xf4,                                     /* 1: hlt */
	0xeb, 0xfd,                               /* jmp 1b */
};
const unsigned freebsd_sigcode_size = sizeof freebsd_sigcode_bytes;

/* si_code, host to FreeBSD (sys/sys/signal.h). Fault codes agree but for FPE's first two. */
static int code_from_host(int sig, int code)
{
	switch (code) {
	case SI_USER: return FB_SI_USER;
	case SI_QUEUE: return FB_SI_QUEUE;
	case SI_TIMER: return FB_SI_TIMER;
	case SI_MESGQ: return FB_SI_MESGQ;
	case SI_ASYNCIO: return FB_SI_ASYNCIO;
	case SI_TKILL: return FB_SI_LWP;
	case SI_KERNEL: return FB_SI_KERNEL;
	}
	if (sig == SIGFPE && (code == FPE_INTDIV || code == FPE_INTOVF))
		return code == FPE_INTDIV ? FB_FPE_INTDIV : FB_FPE_INTOVF;
	return code > 0 ? code : FB_SI_NOINFO;
}

void freebsd_siginfo_from_host(void *out, const siginfo_t *si)
{
	struct fb_siginfo *f = out;
	memset(f, 0, sizeof *f);
	f->signo = freebsd_sig_from_host(si->si_signo);
	f->errno_ = si->si_errno;
	f->code = code_from_host(si->si_signo, si->si_code);
	switch (si->si_signo) {
	case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGTRAP:
		if (si->si_code > 0) {
			f->addr = (uint64_t)si->si_addr;
			f->trapno = si->si_signo == SIGSEGV ? 12 : 0; /* T_PAGEFLT for a page fault */
			return;
		}
		break;
	case SIGCHLD:
		if (si->si_code > 0) {
			f->pid = si->si_pid;
			f->uid = si->si_uid;
			f->status = si->si_code == CLD_EXITED ? si->si_status
							       : freebsd_sig_from_host(si->si_status);
			return;
		}
		break;
	}
	f->pid = si->si_pid;
	f->uid = si->si_uid;
	if (si->si_code == SI_QUEUE || si->si_code == SI_TIMER || si->si_code == SI_MESGQ)
		f->value = (uint64_t)si->si_value.sival_ptr;
	if (si->si_code == SI_TIMER) {
		f->timerid = si->si_timerid;
		f->overrun = si->si_overrun;
	}
}

/* The x86 exception vector Linux reports, as FreeBSD's T_* trap code (sys/x86/include/trap.h). */
static uint32_t trapno_from_host(long vector)
{
	static const unsigned char t[20] = {
		[0] = 18 /* T_DIVIDE */,    [1] = 10 /* T_TRCTRAP */,   [3] = 3 /* T_BPTFLT */,
		[4] = 20 /* T_OFLOW */,     [5] = 21 /* T_BOUND */,     [6] = 1 /* T_PRIVINFLT */,
		[7] = 22 /* T_DNA */,       [8] = 23 /* T_DOUBLEFLT */, [10] = 25 /* T_TSSFLT */,
		[11] = 26 /* T_SEGNPFLT */, [12] = 27 /* T_STKFLT */,   [13] = 9 /* T_PROTFLT */,
		[14] = 12 /* T_PAGEFLT */,  [16] = 6 /* T_ARITHTRAP */, [17] = 14 /* T_ALIGNFLT */,
		[18] = 28 /* T_MCHK */,     [19] = 29 /* T_XMMFLT */,
	};
	return vector >= 0 && vector < 20 ? t[vector] : 0;
}

static void mcontext_from_host(struct fb_mcontext *m, const mcontext_t *h)
{
	const greg_t *g = h->gregs;
	m->rdi = g[REG_RDI]; m->rsi = g[REG_RSI]; m->rdx = g[REG_RDX]; m->rcx = g[REG_RCX];
	m->r8 = g[REG_R8];   m->r9 = g[REG_R9];   m->rax = g[REG_RAX]; m->rbx = g[REG_RBX];
	m->rbp = g[REG_RBP]; m->r10 = g[REG_R10]; m->r11 = g[REG_R11]; m->r12 = g[REG_R12];
	m->r13 = g[REG_R13]; m->r14 = g[REG_R14]; m->r15 = g[REG_R15];
	m->rip = g[REG_RIP]; m->rsp = g[REG_RSP]; m->rflags = g[REG_EFL];
	m->trapno = trapno_from_host(g[REG_TRAPNO]);
	m->err = g[REG_ERR];
	m->cs = FB_GUCODE_SEL;
	m->ss = FB_GUDATA_SEL;
	m->len = sizeof *m;
}

static void mcontext_to_host(mcontext_t *h, const struct fb_mcontext *m)
{
	greg_t *g = h->gregs;
	g[REG_RDI] = m->rdi; g[REG_RSI] = m->rsi; g[REG_RDX] = m->rdx; g[REG_RCX] = m->rcx;
	g[REG_R8] = m->r8;   g[REG_R9] = m->r9;   g[REG_RAX] = m->rax; g[REG_RBX] = m->rbx;
	g[REG_RBP] = m->rbp; g[REG_R10] = m->r10; g[REG_R11] = m->r11; g[REG_R12] = m->r12;
	g[REG_R13] = m->r13; g[REG_R14] = m->r14; g[REG_R15] = m->r15;
	g[REG_RIP] = m->rip; g[REG_RSP] = m->rsp;
	/* The flags a program may set (the kernel's EFL_SECURE check refuses others; we keep ours). */
	g[REG_EFL] = (g[REG_EFL] & ~(greg_t)FB_EFLAGS_USER) | (m->rflags & FB_EFLAGS_USER);
}

int freebsd_deliver_signal(const struct sigdelivery *d)
{
	ucontext_t *uc = d->uc;
	int fbsig = freebsd_sig_from_host(d->sig);
	if (!fbsig || !freebsd_sigcode)
		return -1;
	uintptr_t sp = d->sp - (d->onstack ? 0 : 128); /* skip the red zone */
	unsigned char *hostfp = (unsigned char *)uc->uc_mcontext.fpregs;
	size_t fpsize = hostfp ? kframe_fpstate_size(hostfp) : 0;
	size_t xlen = fpsize > FB_FXSAVE_SIZE ? fpsize - FB_FXSAVE_SIZE : 0;
	sp = (sp - xlen) & ~(uintptr_t)63;
	uintptr_t xaddr = sp;
	sp = (sp - sizeof(struct fb_sigframe)) & ~(uintptr_t)15;

	static struct fb_sigframe zero;
	struct fb_sigframe f = zero;
	struct fb_sigframe *gf = (struct fb_sigframe *)sp;
	f.handler = d->act->handler;
	freebsd_sigset_from_host(d->saved_mask, f.uc.sigmask);
	struct fb_mcontext *m = &f.uc.mcontext;
	mcontext_from_host(m, &uc->uc_mcontext);
	m->onstack = gsig_on_altstack(d->t, (uintptr_t)uc->uc_mcontext.gregs[REG_RSP]);
	m->addr = (uint64_t)d->si->si_addr;
	m->flags = FB_MC_HASBASES;
	long fsbase = 0;
	raw2(SYS_arch_prctl, ARCH_GET_FS, &fsbase);
	m->fsbase = (uint64_t)fsbase;
	if (hostfp) {
		memcpy(m->fpstate, hostfp, FB_FXSAVE_SIZE);
		m->fpformat = FB_MC_FPFMT_XMM;
		m->ownedfp = FB_MC_FPOWNED_FPU;
		if (xlen) {
			m->flags |= FB_MC_HASFPXSTATE;
			m->xfpustate = xaddr;
			m->xfpustate_len = xlen;
		}
	} else {
		m->fpformat = FB_MC_FPFMT_NODEV;
		m->ownedfp = FB_MC_FPOWNED_NONE;
	}
	f.uc.stack = guest_altstack(d->t, (uintptr_t)uc->uc_mcontext.gregs[REG_RSP]);
	freebsd_siginfo_from_host(&f.si, d->si);
	f.si.signo = fbsig;
	if ((xlen && xabi_copy_safe((void *)xaddr, hostfp + FB_FXSAVE_SIZE, xlen) < 0) ||
	    xabi_copy_safe(gf, &f, sizeof f) < 0)
		return -1;

	greg_t *g = uc->uc_mcontext.gregs;
	int info = (d->act->flags & SA_SIGINFO) != 0;
	g[REG_RDI] = fbsig;
	g[REG_RSI] = info ? (greg_t)&gf->si : f.si.code;
	g[REG_RDX] = (greg_t)&gf->uc;
	g[REG_RCX] = (greg_t)f.si.addr;
	g[REG_RSP] = (greg_t)sp;
	g[REG_RIP] = (greg_t)freebsd_sigcode;
	g[REG_EFL] &= ~(greg_t)(0x400 | 0x100); /* DF, TF */
	if (hostfp)
		kframe_fpstate_reset(hostfp);
	return 0;
}

/* sigreturn(const ucontext_t *): the state a handler's frame (or the program) gives. */
long freebsd_sys_sigreturn(struct trap *tr)
{
	struct fb_ucontext u;
	unsigned char *hostfp = (unsigned char *)tr->uc->uc_mcontext.fpregs;
	if (xabi_copy_safe(&u, (void *)tr->arg[0], sizeof u) < 0)
		return -EFAULT;
	const struct fb_mcontext *m = &u.mcontext;
	if (m->len != sizeof *m)
		return -EINVAL;
	if (hostfp) {
		size_t fpsize = kframe_fpstate_size(hostfp);
		if (m->fpformat == FB_MC_FPFMT_XMM && m->ownedfp != FB_MC_FPOWNED_NONE) {
			memcpy(hostfp, m->fpstate, FB_FXSAVE_SIZE);
			size_t x = fpsize - FB_FXSAVE_SIZE;
			if ((m->flags & FB_MC_HASFPXSTATE) && m->xfpustate_len < x)
				x = m->xfpustate_len;
			if (!(m->flags & FB_MC_HASFPXSTATE))
				x = 0;
			if (x && xabi_copy_safe(hostfp + FB_FXSAVE_SIZE, (void *)m->xfpustate, x) < 0)
				return -EINVAL;
		} else {
			kframe_fpstate_reset(hostfp);
		}
	}
	if (m->flags & FB_MC_HASBASES)
		raw2(SYS_arch_prctl, ARCH_SET_FS, m->fsbase);
	mcontext_to_host(&tr->uc->uc_mcontext, m);
	tr->regs_set = 1;
	gsig_set_mask(tr->t, tr->uc, freebsd_sigset_to_host(u.sigmask));
	return 0;
}
