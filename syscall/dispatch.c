/* The SIGSYS handler: one trapped guest system call, from the signal context to the ABI's row and
 * back. Trap-path code (README.md). */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <linux/audit.h>
#include "../abi/abi.h"
#include "altroot.h"
#include "diag.h"
#include "raw.h"
#include "runtime.h"
#include "signals.h"
#include "trace.h"
#include "trap.h"
#include "xthread.h"

#define SIGSYS_SECCOMP 1       /* si_code of a seccomp SECCOMP_RET_TRAP */
#define SIGSYS_USER_DISPATCH 2 /* si_code of Syscall User Dispatch */

long trap_forward(struct trap *tr, long host_nr)
{
	return xabi_syscall_cp(&tr->t->intr, host_nr, tr->arg[0], tr->arg[1], tr->arg[2], tr->arg[3],
			       tr->arg[4], tr->arg[5]);
}

long trap_forward_row(struct trap *tr)
{
	return trap_forward(tr, tr->row->host_nr);
}

/* Should the guest execute this call again once the handlers of the signals that interrupted it
 * have run? */
static int restartable(const struct trap *tr, long r)
{
	if (r == XABI_CANCELLED) /* it never started: the signal came first */
		return 1;
	if (r != -EINTR || !tr->t->intr || !tr->row || (tr->row->flags & SYF_INTR))
		return 0;
	for (int sig = 1; sig <= HSIG_MAX; sig++)
		if ((tr->t->intr_set & sigbit(sig)) && !(gsig_get_action(sig).flags & SA_RESTART))
			return 0;
	return 1;
}

/* The signal for a call that does not exist, as the kernel sends it: to this thread, with si_code
 * SI_KERNEL. It is taken when the trap returns (on_sigsys runs with it blocked). */
static void raise_nosys(const struct xthread *t, int sig)
{
	siginfo_t si = { .si_signo = sig, .si_code = SI_KERNEL };
	raw4(SYS_rt_tgsigqueueinfo, raw0(SYS_getpid), t->tid, sig, &si);
}

/* The handler, with the path arguments looked up in the alternate root first; the tracer still
 * shows the guest's own arguments. Apart so that only rooted calls pay for the buffers. */
static __attribute__((noinline)) long call_rooted(struct trap *tr)
{
	char buf[2][ALTROOT_PATH_MAX];
	long guest_arg[6];
	memcpy(guest_arg, tr->arg, sizeof guest_arg);
	altroot_redirect_args(tr, buf, 2);
	long r = tr->row->handler(tr);
	memcpy(tr->arg, guest_arg, sizeof guest_arg);
	return r;
}

static void dispatch(struct trap *tr)
{
	const struct abi *abi = rt.abi;
	struct xthread *t = tr->t;
	tr->row = tr->nr >= 0 && (unsigned long)tr->nr < abi->nsysent && abi->sysent[tr->nr].name
			  ? &abi->sysent[tr->nr]
			  : 0;
	int traced = rt.trace_fd >= 0;
	if (traced && tr->row && (tr->row->flags & SYF_NORETURN))
		trace_line(tr, 0, 0);

	long r;
	if (!tr->row || !tr->row->handler) {
		diag_not_implemented(tr, 0);
		r = -ENOSYS;
		if (!tr->row && abi->nosys_signal)
			raise_nosys(t, abi->nosys_signal);
	} else if (rt.root) {
		r = call_rooted(tr);
	} else {
		r = tr->row->handler(tr);
	}

	if (restartable(tr, r)) {
		if (traced)
			trace_restart(tr);
		GREG(tr, RIP) -= 2; /* back over the 2-byte syscall instruction */
		GREG(tr, RAX) = tr->nr;
	} else {
		if (r == XABI_CANCELLED)
			r = -EINTR;
		if (traced && !(tr->row && (tr->row->flags & SYF_NORETURN) && tr->regs_set))
			trace_line(tr, 1, r);
		if (!tr->regs_set)
			abi->set_result(tr, r);
		if (tr->deliver_intr && t->intr)
			gsig_deliver_interrupting(tr);
	}
	/* SIGSYS or a fault signal sent to the thread while it was in this trap (signals.c). */
	if (t->emul_pending & ~t->emul_blocked)
		gsig_set_mask(t, tr->uc, gsig_mask(t, tr->uc));
	t->intr = 0;
	t->intr_set = 0;
}

void on_sigsys(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	if (si->si_code != SIGSYS_USER_DISPATCH && si->si_code != SIGSYS_SECCOMP) {
		signals_on_host_signal(sig, si, ucv); /* sent by someone: a guest signal */
		return;
	}
	struct trap tr = {
		.uc = uc,
		.si = si,
		.t = xthread_current(),
		.nr = si->si_syscall,
		.arg = {
			uc->uc_mcontext.gregs[REG_RDI], uc->uc_mcontext.gregs[REG_RSI],
			uc->uc_mcontext.gregs[REG_RDX], uc->uc_mcontext.gregs[REG_R10],
			uc->uc_mcontext.gregs[REG_R8], uc->uc_mcontext.gregs[REG_R9],
		},
	};
	if (si->si_arch != AUDIT_ARCH_X86_64) {
		/* int $0x80 or an x32 call from 64-bit code: not part of any ABI we run. */
		diag_not_implemented(&tr, "32-bit system call (int $0x80) from 64-bit code");
		uc->uc_mcontext.gregs[REG_RAX] = -ENOSYS;
		return;
	}
	dispatch(&tr);
}
