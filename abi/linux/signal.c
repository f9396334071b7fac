/* Linux signal calls and the Linux signal frame. The guest's structures are the kernel's x86-64
 * ones (a 64-bit sigset, struct sigaction with sa_restorer, the rt_sigframe of kframe.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include "../../syscall/copy.h"
#include "../../syscall/kframe.h"
#include "../../syscall/raw.h"
#include "../../syscall/signals.h"
#include "../../syscall/trap.h"
#include "../../syscall/xthread.h"
#include "linux.h"

struct linux_sigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

#define MINSIGSTKSZ_LINUX 2048
/* The eflags bits a signal handler may change (the kernel's FIX_EFLAGS). */
#define EFLAGS_USER 0x50dd5UL

static long put(void *guest, const void *v, size_t n)
{
	return xabi_copy_safe(guest, v, n) < 0 ? -EFAULT : 0;
}

long linux_sys_rt_sigaction(struct trap *tr)
{
	int sig = (int)tr->arg[0];
	if (tr->arg[3] != 8)
		return -EINVAL;
	struct linux_sigaction la;
	struct gsigaction act, old;
	if (tr->arg[1]) {
		if (xabi_copy_safe(&la, (void *)tr->arg[1], sizeof la) < 0)
			return -EFAULT;
		act = (struct gsigaction){ la.handler, la.flags, la.mask, la.restorer };
	}
	long r = gsig_action(sig, tr->arg[1] ? &act : 0, &old);
	if (r < 0 || !tr->arg[2])
		return r;
	la = (struct linux_sigaction){ old.handler, old.flags, old.restorer, old.mask };
	return put((void *)tr->arg[2], &la, sizeof la);
}

long linux_sys_rt_sigprocmask(struct trap *tr)
{
	int how = (int)tr->arg[0];
	if (tr->arg[3] != 8)
		return -EINVAL;
	uint64_t old = gsig_mask(tr->t, tr->uc), set;
	if (tr->arg[1]) {
		if (xabi_copy_safe(&set, (void *)tr->arg[1], 8) < 0)
			return -EFAULT;
		uint64_t m = how == SIG_BLOCK ? old | set
			     : how == SIG_UNBLOCK ? old & ~set
			     : how == SIG_SETMASK ? set
						  : 0;
		if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
			return -EINVAL;
		gsig_set_mask(tr->t, tr->uc, m);
	}
	return tr->arg[2] ? put((void *)tr->arg[2], &old, 8) : 0;
}

long linux_sys_rt_sigpending(struct trap *tr)
{
	if (tr->arg[1] != 8)
		return -EINVAL;
	uint64_t set;
	long r = raw2(SYS_rt_sigpending, &set, 8);
	if (r < 0)
		return r;
	set |= tr->t->emul_pending;
	return put((void *)tr->arg[0], &set, 8);
}

/* Calls that wait with a temporary signal mask: the handlers of the signals that end the wait run
 * even when the ordinary mask blocks them. */
static long wait_with_mask(struct trap *tr)
{
	tr->deliver_intr = 1;
	return trap_forward(tr, tr->nr);
}
long linux_sys_rt_sigsuspend(struct trap *tr) { return wait_with_mask(tr); }
long linux_sys_ppoll(struct trap *tr) { return wait_with_mask(tr); }
long linux_sys_pselect6(struct trap *tr) { return wait_with_mask(tr); }
long linux_sys_epoll_pwait(struct trap *tr) { return wait_with_mask(tr); }
long linux_sys_epoll_pwait2(struct trap *tr) { return wait_with_mask(tr); }

static stack_t guest_altstack(const struct xthread *t, uintptr_t sp)
{
	stack_t ss = { .ss_sp = (void *)t->gss_sp, .ss_size = t->gss_size, .ss_flags = t->gss_flags };
	if (!t->gss_size)
		ss.ss_flags = SS_DISABLE;
	else if (gsig_on_altstack(t, sp))
		ss.ss_flags |= SS_ONSTACK;
	return ss;
}

/* The kernel's do_sigaltstack, on the emulated alternate stack. */
static long set_altstack(struct xthread *t, const stack_t *ss, uintptr_t sp)
{
	if (gsig_on_altstack(t, sp))
		return -EPERM;
	int mode = ss->ss_flags & ~SS_AUTODISARM;
	if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		t->gss_sp = 0;
		t->gss_size = 0;
		t->gss_flags = 0;
		return 0;
	}
	if (ss->ss_size < MINSIGSTKSZ_LINUX)
		return -ENOMEM;
	t->gss_sp = (uintptr_t)ss->ss_sp;
	t->gss_size = ss->ss_size;
	t->gss_flags = ss->ss_flags & SS_AUTODISARM;
	return 0;
}

long linux_sys_sigaltstack(struct trap *tr)
{
	uintptr_t sp = (uintptr_t)GREG(tr, RSP);
	stack_t old = guest_altstack(tr->t, sp), ss;
	if (tr->arg[0]) {
		if (xabi_copy_safe(&ss, (void *)tr->arg[0], sizeof ss) < 0)
			return -EFAULT;
		long r = set_altstack(tr->t, &ss, sp);
		if (r < 0)
			return r;
	}
	return tr->arg[1] ? put((void *)tr->arg[1], &old, sizeof old) : 0;
}

int linux_deliver_signal(const struct sigdelivery *d)
{
	ucontext_t *uc = d->uc;
	if (!(d->act->flags & SA_RESTORER))
		return -1; /* x86-64 has no default restorer: the kernel fails the same way */
	uintptr_t sp = d->sp - (d->onstack ? 0 : 128); /* skip the red zone */
	void *hostfp = uc->uc_mcontext.fpregs;
	size_t fpsize = hostfp ? kframe_fpstate_size(hostfp) : 0;
	sp = (sp - fpsize) & ~(uintptr_t)63;
	uintptr_t fpaddr = sp;
	sp = ((sp - sizeof(struct krt_sigframe)) & ~(uintptr_t)15) - 8;

	struct krt_sigframe f;
	memset(&f, 0, sizeof f);
	f.pretcode = d->act->restorer;
	f.uc.uc_flags = (uc->uc_flags & UC_FP_XSTATE) | UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	f.uc.uc_stack = guest_altstack(d->t, (uintptr_t)uc->uc_mcontext.gregs[REG_RSP]);
	f.uc.uc_mcontext = uc->uc_mcontext;
	f.uc.uc_mcontext.fpregs = hostfp ? (void *)fpaddr : 0;
	f.uc.uc_sigmask = d->saved_mask;
	memcpy(&f.info, d->si, sizeof f.info);
	if ((hostfp && xabi_copy_safe((void *)fpaddr, hostfp, fpsize) < 0) ||
	    xabi_copy_safe((void *)sp, &f, sizeof f) < 0)
		return -1;
	if (d->onstack && (d->t->gss_flags & SS_AUTODISARM)) {
		d->t->gss_sp = 0;
		d->t->gss_size = 0;
	}

	greg_t *g = uc->uc_mcontext.gregs;
	struct krt_sigframe *gf = (struct krt_sigframe *)sp;
	g[REG_RIP] = (greg_t)d->act->handler;
	g[REG_RSP] = (greg_t)sp;
	g[REG_RDI] = d->sig;
	g[REG_RSI] = (greg_t)&gf->info;
	g[REG_RDX] = (greg_t)&gf->uc;
	g[REG_RAX] = 0;
	g[REG_EFL] &= ~(greg_t)(0x400 | 0x10000 | 0x100); /* DF, RF, TF */
	if (hostfp)
		kframe_fpstate_reset(hostfp); /* the handler starts with a clean FPU, as on Linux */
	return 0;
}

long linux_sys_rt_sigreturn(struct trap *tr)
{
	struct kucontext k;
	greg_t *g = tr->uc->uc_mcontext.gregs;
	void *hostfp = tr->uc->uc_mcontext.fpregs;
	tr->regs_set = 1;
	if (xabi_copy_safe(&k, (void *)g[REG_RSP], sizeof k) < 0 ||
	    (k.uc_mcontext.fpregs && hostfp &&
	     xabi_copy_safe(hostfp, k.uc_mcontext.fpregs, kframe_fpstate_size(hostfp)) < 0)) {
		siginfo_t segv = { .si_signo = SIGSEGV, .si_code = SI_KERNEL };
		gsig_default_action(tr->uc, SIGSEGV, &segv); /* the kernel's "bad frame" */
		return 0;
	}
	greg_t csgsfs = g[REG_CSGSFS], efl = g[REG_EFL];
	memcpy(g, k.uc_mcontext.gregs, sizeof k.uc_mcontext.gregs);
	g[REG_CSGSFS] = csgsfs;
	g[REG_EFL] = (efl & ~(greg_t)EFLAGS_USER) | (k.uc_mcontext.gregs[REG_EFL] & (greg_t)EFLAGS_USER);
	if (!k.uc_mcontext.fpregs && hostfp)
		kframe_fpstate_reset(hostfp);
	set_altstack(tr->t, &k.uc_stack, (uintptr_t)g[REG_RSP]); /* errors ignored, as the kernel does */
	gsig_set_mask(tr->t, tr->uc, k.uc_sigmask);
	return 0;
}
