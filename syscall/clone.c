/* Guest task creation and thread exit. Trap-path code (README.md). */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <sched.h>
#include <string.h>
#include "diag.h"
#include "intercept.h"
#include "kframe.h"
#include "../loader/status.h"
#include "../abi/abi.h"
#include "process.h"
#include "raw.h"
#include "runtime.h"
#include "signals.h"
#include "trap.h"
#include "xthread.h"

long xabi_clone(unsigned long flags, void *stack, int *ptid, int *ctid, unsigned long tls,
		void (*fn)(void *), void *arg);

static void block_all(uint64_t *old)
{
	uint64_t all = ~0ULL;
	raw4(SYS_rt_sigprocmask, SIG_SETMASK, &all, old, 8);
}

static void restore_mask(const uint64_t *old)
{
	raw4(SYS_rt_sigprocmask, SIG_SETMASK, old, 0, 8);
}

/* A task that cannot be intercepted must not run guest code. */
static void fatal_arm_failure(void)
{
	static const char msg[] = "xabi: cannot arm system call interception in a new task\n";
	raw3(SYS_write, 2, msg, sizeof msg - 1);
	raw1(SYS_exit_group, XABI_STATUS_SETUP);
}

/* What a new task is given by its creator: the block, and the guest context to start in. */
struct start {
	struct xthread *block;
	mcontext_t regs;
	const void *fpstate;
	unsigned long uc_flags;
	uint64_t sigmask;
	volatile int started; /* the parent waits until the child has copied what it needs */
};

static void child_start(void *arg)
{
	struct start *s = arg;
	struct xthread *t = s->block;
	t->tid = (int)raw0(SYS_gettid);
	t->alive = t->tid;
	xthread_install_altstack(t);
	if (intercept_arm_task() < 0)
		fatal_arm_failure();
	/* The entry frame goes at the top of the block's stack, which this function runs below. */
	mcontext_t regs = s->regs;
	stack_t ss = { .ss_sp = (char *)t + XTHREAD_HEADER + 4096,
		       .ss_size = XTHREAD_SIZE - XTHREAD_HEADER - 4096 };
	unsigned char fp[4096] __attribute__((aligned(64)));
	const void *fpstate = 0;
	if (s->fpstate && kframe_fpstate_size(s->fpstate) <= sizeof fp) {
		memcpy(fp, s->fpstate, kframe_fpstate_size(s->fpstate));
		fpstate = fp;
	}
	unsigned long uc_flags = s->uc_flags;
	uint64_t mask = s->sigmask;
	__atomic_store_n(&s->started, 1, __ATOMIC_RELEASE);
	raw6(SYS_futex, &s->started, FUTEX_WAKE, 1, 0, 0, 0);
	kframe_enter(xthread_stack_top(t), &regs, fpstate, uc_flags, mask, &ss);
}

static long clone_shared_vm(struct trap *tr, const struct clone_req *req)
{
	struct xthread *parent = tr->t;
	struct xthread *c = xthread_alloc();
	if (!c)
		return -EAGAIN;
	struct start s = {
		.block = c,
		.regs = tr->uc->uc_mcontext,
		.fpstate = tr->uc->uc_mcontext.fpregs,
		.uc_flags = tr->uc->uc_flags,
	};
	memcpy(&s.sigmask, &tr->uc->uc_sigmask, 8);
	if (req->stack)
		s.regs.gregs[REG_RSP] = (greg_t)req->stack;
	if (req->start_pc) {
		s.regs.gregs[REG_RIP] = (greg_t)req->start_pc;
		s.regs.gregs[REG_RDI] = (greg_t)req->start_arg;
	}
	/* The child's result, 0, in the ABI's convention (rax, and flags for the BSDs). */
	ucontext_t cuc;
	cuc.uc_mcontext = s.regs;
	struct trap ct = { .uc = &cuc };
	rt.abi->set_result(&ct, 0);
	s.regs = cuc.uc_mcontext;
	c->emul_blocked = parent->emul_blocked;
	if (req->flags & CLONE_VFORK) { /* the kernel keeps the alternate stack only for vfork */
		c->gss_sp = parent->gss_sp;
		c->gss_size = parent->gss_size;
		c->gss_flags = parent->gss_flags;
	}
	if (req->flags & CLONE_CHILD_CLEARTID)
		c->guest_ctid = req->ctid;

	/* The child runs child_start on its block's stack, below the room kframe_enter needs. */
	void *stack = (char *)xthread_stack_top(c) - 16384;
	uint64_t old;
	block_all(&old);
	long r = xabi_clone(req->flags, stack, req->ptid, req->ctid, req->tls, child_start, &s);
	if (r > 0 && !(req->flags & CLONE_VFORK))
		while (!__atomic_load_n(&s.started, __ATOMIC_ACQUIRE))
			raw6(SYS_futex, &s.started, FUTEX_WAIT, 0, 0, 0, 0);
	restore_mask(&old);
	if (r < 0)
		c->alive = 0; /* give the block back */
	else
		rt.trace_tids = 1;
	return r;
}

static long clone_copied_vm(struct trap *tr, const struct clone_req *req)
{
	struct xthread *t = tr->t;
	uint64_t old;
	block_all(&old);
	long r = raw5(SYS_clone, req->flags, 0, req->ptid, req->ctid, req->tls);
	if (r == 0) {
		t->tid = (int)raw0(SYS_gettid);
		t->alive = t->tid;
		xthread_forget_others(t);
		if (intercept_arm_task() < 0)
			fatal_arm_failure();
		rt.trace_tids = 1;
		if (req->stack)
			GREG(tr, RSP) = (greg_t)req->stack;
		if (req->flags & CLONE_CHILD_CLEARTID)
			t->guest_ctid = req->ctid;
	}
	restore_mask(&old);
	return r;
}

long process_clone(struct trap *tr, const struct clone_req *req)
{
	if (req->flags & CLONE_VM)
		return clone_shared_vm(tr, req);
	return clone_copied_vm(tr, req);
}

_Noreturn void process_exit_thread(struct trap *tr, int status)
{
	tr->t->exiting = 1;
	for (;;)
		raw1(SYS_exit, status);
}
