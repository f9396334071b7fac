/* Guest signals over host signals: dispositions, masks, alternate stacks and delivery. The policy is
 * in README.md, "Signals". Signal numbers here are the host's; ABIs convert at their boundary. */
#ifndef XABI_SIGNALS_H
#define XABI_SIGNALS_H

#include <signal.h>
#include <stdint.h>
#include <ucontext.h>

struct xthread;
struct trap;

#define HSIG_MAX 64
static inline uint64_t sigbit(int sig)
{
	return 1ULL << (sig - 1);
}
/* Signals whose host mask bit is never set: xabi must always be able to take them. */
#define SIG_EMULATED_MASK \
	(sigbit(SIGSYS) | sigbit(SIGSEGV) | sigbit(SIGBUS) | sigbit(SIGFPE) | sigbit(SIGILL))
#define SIG_UNBLOCKABLE (sigbit(SIGKILL) | sigbit(SIGSTOP))

/* Slot of an emulated signal in xthread.emul_info. */
static inline int emulated_index(int sig)
{
	return sig == SIGSYS ? 0 : sig == SIGSEGV ? 1 : sig == SIGBUS ? 2 : sig == SIGFPE ? 3 : 4;
}

/* A guest disposition in host terms. handler is GSIG_DFL, GSIG_IGN or a guest address. */
struct gsigaction {
	uintptr_t handler;
	uint64_t flags; /* host SA_* */
	uint64_t mask;  /* host signal set */
	uintptr_t restorer;
};
#define GSIG_DFL 0
#define GSIG_IGN 1

/* What an ABI's deliver_signal needs (abi.h). */
struct sigdelivery {
	struct xthread *t;
	ucontext_t *uc;      /* the interrupted guest context, redirected to the handler */
	int sig;             /* host number */
	const siginfo_t *si; /* host siginfo */
	const struct gsigaction *act;
	uintptr_t sp;        /* where the frame goes: the guest's stack pointer or alternate stack top */
	int onstack;         /* sp is the top of the guest's alternate stack */
	uint64_t saved_mask; /* the guest mask to restore when the handler returns */
};

/* Start-up: take the dispositions xabi inherited as the guest's, install xabi's own handlers.
 * Returns the guest's initial mask. */
uint64_t signals_init(void);

/* The host handler for every signal with a guest handler and for the synchronous faults. */
void signals_on_host_signal(int sig, siginfo_t *si, void *uc);

long gsig_action(int sig, const struct gsigaction *act, struct gsigaction *old);
struct gsigaction gsig_get_action(int sig);

uint64_t gsig_mask(const struct xthread *t, const ucontext_t *uc);
/* Set the mask the guest has when the current trap returns, and deliver emulated signals it
 * unblocks. */
void gsig_set_mask(struct xthread *t, ucontext_t *uc, uint64_t mask);

int gsig_on_altstack(const struct xthread *t, uintptr_t sp);

/* A call that waits with a temporary mask (sigsuspend, ppoll, pselect, epoll_pwait) returned EINTR:
 * the signals that interrupted it were re-queued while blocked in the trap; take them now and run
 * their guest handlers, whose frames restore the guest's ordinary mask. */
void gsig_deliver_interrupting(struct trap *tr);

/* The kernel-like default action of sig for the guest (terminate, core, ignore). */
void gsig_default_action(ucontext_t *uc, int sig, const siginfo_t *si);

#endif
