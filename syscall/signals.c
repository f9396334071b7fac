/* Guest signal dispositions, masks and delivery over host signals (README.md, "Signals").
 * Trap-path code: raw system calls only. */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include "../abi/abi.h"
#include "copy.h"
#include "diag.h"
#include "raw.h"
#include "runtime.h"
#include "signals.h"
#include "trap.h"
#include "xthread.h"

/* The kernel's struct sigaction on x86-64 (what rt_sigaction takes). */
struct ksigaction {
	void *handler;
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

void xabi_restorer(void);
void on_sigsys(int, siginfo_t *, void *);

static struct gsigaction actions[HSIG_MAX + 1];
static int actions_lock;

static void lock(void)
{
	while (__atomic_exchange_n(&actions_lock, 1, __ATOMIC_ACQUIRE))
		__builtin_ia32_pause();
}
static void unlock(void)
{
	__atomic_store_n(&actions_lock, 0, __ATOMIC_RELEASE);
}

static long host_sigaction(int sig, void *handler, unsigned long flags, uint64_t mask)
{
	struct ksigaction ka = {
		.handler = handler,
		.flags = flags | SA_RESTORER,
		.restorer = xabi_restorer,
		.mask = mask,
	};
	return raw4(SYS_rt_sigaction, sig, &ka, 0, 8);
}

/* xabi's own handler for sig: runs on the thread block's stack, every other signal blocked except
 * the faults (a fault inside a handler must still reach it). */
static long host_take(int sig)
{
	void *h = sig == SIGSYS ? (void *)on_sigsys : (void *)signals_on_host_signal;
	uint64_t mask = sig == SIGSYS ? 0 : ~SIG_EMULATED_MASK;
	return host_sigaction(sig, h, SA_SIGINFO | SA_ONSTACK, mask);
}

/* What the host does for sig while the guest's disposition is act. */
static long host_mirror(int sig, const struct gsigaction *act)
{
	if (sigbit(sig) & SIG_EMULATED_MASK)
		return 0;
	unsigned long keep = act->flags & (SA_NOCLDSTOP | SA_NOCLDWAIT);
	if (act->handler == GSIG_DFL || act->handler == GSIG_IGN)
		return host_sigaction(sig, (void *)act->handler, keep, 0);
	return host_sigaction(sig, (void *)signals_on_host_signal, SA_SIGINFO | SA_ONSTACK | keep,
			      ~SIG_EMULATED_MASK);
}

uint64_t signals_init(void)
{
	for (int sig = 1; sig <= HSIG_MAX; sig++) {
		struct ksigaction old;
		if (sig == SIGKILL || sig == SIGSTOP || raw4(SYS_rt_sigaction, sig, 0, &old, 8) < 0)
			continue;
		/* An exec keeps ignored signals ignored and resets handled ones: the same for the guest. */
		actions[sig].handler = old.handler == SIG_IGN ? GSIG_IGN : GSIG_DFL;
		if (sigbit(sig) & SIG_EMULATED_MASK)
			host_take(sig);
	}
	uint64_t mask;
	raw4(SYS_rt_sigprocmask, SIG_BLOCK, 0, &mask, 8);
	return mask;
}

struct gsigaction gsig_get_action(int sig)
{
	lock();
	struct gsigaction a = actions[sig];
	unlock();
	return a;
}

long gsig_action(int sig, const struct gsigaction *act, struct gsigaction *old)
{
	if (sig < 1 || sig > HSIG_MAX)
		return -EINVAL;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	lock();
	if (old)
		*old = actions[sig];
	long r = 0;
	if (act) {
		actions[sig] = *act;
		r = host_mirror(sig, act);
	}
	unlock();
	return r;
}

static uint64_t uc_mask(const ucontext_t *uc)
{
	uint64_t m;
	memcpy(&m, &uc->uc_sigmask, 8);
	return m;
}

static void set_uc_mask(ucontext_t *uc, uint64_t m)
{
	memcpy(&uc->uc_sigmask, &m, 8);
}

uint64_t gsig_mask(const struct xthread *t, const ucontext_t *uc)
{
	return (uc_mask(uc) & ~SIG_EMULATED_MASK) | t->emul_blocked;
}

static void deliver(struct xthread *t, ucontext_t *uc, int sig, const siginfo_t *si);

void gsig_set_mask(struct xthread *t, ucontext_t *uc, uint64_t mask)
{
	mask &= ~SIG_UNBLOCKABLE;
	set_uc_mask(uc, mask & ~SIG_EMULATED_MASK);
	t->emul_blocked = mask & SIG_EMULATED_MASK;
	uint64_t ready = t->emul_pending & ~t->emul_blocked;
	for (int sig = 1; ready; sig++) {
		if (!(ready & sigbit(sig)))
			continue;
		ready &= ~sigbit(sig);
		t->emul_pending &= ~sigbit(sig);
		siginfo_t si;
		memcpy(&si, &t->emul_info[emulated_index(sig)], sizeof si);
		deliver(t, uc, sig, &si);
	}
}

int gsig_on_altstack(const struct xthread *t, uintptr_t sp)
{
	return t->gss_size && sp > t->gss_sp && sp - t->gss_sp <= t->gss_size;
}

static int default_ignores(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH;
}

static int is_fault(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE || sig == SIGILL || sig == SIGTRAP;
}

/* Let the kernel carry out sig's default action on the whole process, as it would have for the
 * guest: a fault re-executes the faulting instruction, anything else is sent again. */
static void die_by(ucontext_t *uc, int sig, const siginfo_t *si)
{
	host_sigaction(sig, SIG_DFL, 0, 0);
	set_uc_mask(uc, uc_mask(uc) & ~sigbit(sig));
	if (!(is_fault(sig) && si->si_code > 0))
		raw3(SYS_tgkill, raw0(SYS_getpid), raw0(SYS_gettid), sig);
}

void gsig_default_action(ucontext_t *uc, int sig, const siginfo_t *si)
{
	if (default_ignores(sig))
		return;
	die_by(uc, sig, si);
}

static void deliver(struct xthread *t, ucontext_t *uc, int sig, const siginfo_t *si)
{
	struct gsigaction act = gsig_get_action(sig);
	int synchronous = is_fault(sig) && si->si_code > 0;
	if (act.handler == GSIG_IGN) {
		if (synchronous) /* the kernel does not let a program ignore its own faults */
			die_by(uc, sig, si);
		return;
	}
	if (act.handler == GSIG_DFL) {
		gsig_default_action(uc, sig, si);
		return;
	}
	if (t->emul_blocked & sigbit(sig)) {
		if (synchronous) {
			die_by(uc, sig, si);
			return;
		}
		t->emul_pending |= sigbit(sig);
		memcpy(&t->emul_info[emulated_index(sig)], si, sizeof *si);
		return;
	}
	uint64_t saved = gsig_mask(t, uc);
	uintptr_t rsp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
	int onstack = (act.flags & SA_ONSTACK) && t->gss_size && !(t->gss_flags & SS_DISABLE) &&
		      !gsig_on_altstack(t, rsp);
	struct sigdelivery d = {
		.t = t,
		.uc = uc,
		.sig = sig,
		.si = si,
		.act = &act,
		.sp = onstack ? t->gss_sp + t->gss_size : rsp,
		.onstack = onstack,
		.saved_mask = saved,
	};
	if (rt.abi->deliver_signal(&d) < 0) {
		siginfo_t segv = { .si_signo = SIGSEGV, .si_code = SI_KERNEL };
		die_by(uc, SIGSEGV, &segv);
		return;
	}
	uint64_t during = saved | act.mask;
	if (!(act.flags & SA_NODEFER))
		during |= sigbit(sig);
	gsig_set_mask(t, uc, during);
	if (act.flags & SA_RESETHAND) {
		struct gsigaction dfl = { .handler = GSIG_DFL };
		gsig_action(sig, &dfl, 0);
	}
}

static int in_range(uintptr_t pc, const char *begin, const char *end)
{
	return pc >= (uintptr_t)begin && pc < (uintptr_t)end;
}

/* A signal arrived while xabi was running a trap for this thread. */
static void interrupted_xabi(struct xthread *t, ucontext_t *uc, int sig, siginfo_t *si)
{
	greg_t *pc = &uc->uc_mcontext.gregs[REG_RIP];
	if ((sig == SIGSEGV || sig == SIGBUS) && in_range(*pc, xabi_safe_begin, xabi_safe_end)) {
		*pc = (greg_t)xabi_safe_fixup;
		return;
	}
	if (is_fault(sig) && si->si_code > 0) {
		diag_internal_fault(sig, si, uc);
		die_by(uc, sig, si);
		return;
	}
	if (in_range(*pc, xabi_cp_begin, xabi_cp_end))
		*pc = (greg_t)xabi_cp_cancel;
	t->intr = 1;
	t->intr_set |= sigbit(sig);
	if (sigbit(sig) & SIG_EMULATED_MASK) {
		t->emul_pending |= sigbit(sig);
		memcpy(&t->emul_info[emulated_index(sig)], si, sizeof *si);
		return;
	}
	/* Keep it pending in the kernel, blocked until the trap returns to the guest. */
	raw4(SYS_rt_tgsigqueueinfo, raw0(SYS_getpid), t->tid, sig, si);
	set_uc_mask(uc, uc_mask(uc) | sigbit(sig));
}

void signals_on_host_signal(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	struct xthread *t = xthread_current();
	uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
	if (pc >= rt.text_start && pc < rt.text_end)
		interrupted_xabi(t, uc, sig, si);
	else
		deliver(t, uc, sig, si);
}

void gsig_deliver_interrupting(struct trap *tr)
{
	struct xthread *t = tr->t;
	uint64_t set = t->intr_set & ~SIG_EMULATED_MASK;
	struct timespec zero = { 0, 0 };
	while (set) {
		siginfo_t si;
		long sig = raw4(SYS_rt_sigtimedwait, &set, &si, &zero, 8);
		if (sig <= 0)
			break;
		set &= ~sigbit((int)sig);
		deliver(t, tr->uc, (int)sig, &si);
	}
	gsig_set_mask(t, tr->uc, gsig_mask(t, tr->uc)); /* emulated ones */
}
