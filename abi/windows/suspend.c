/* The handler that stops a thread for SuspendThread (suspend.h). Trap-path code (syscall/README.md):
 * raw system calls and the thread's own signal stack only.
 *
 * Where a thread may stop: in guest code, or blocked in a host system call the shim made (a
 * futex wait, a read, a poll...), which is where Windows' kernel suspends a thread that is inside
 * a system call. Anywhere else inside xabi the thread may hold one of the shim's locks, which the
 * suspender or any other thread might need before it resumes the thread: the handler then returns
 * at once and the suspender sends the signal again (the thread stops once it is back in guest code
 * or waiting in the host). */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <linux/futex.h>
#include "../../syscall/raw.h"
#include "../../syscall/runtime.h"
#include "../../syscall/signals.h"
#include "suspend.h"
#include "windows.h"

void xabi_restorer(void);

/* The kernel's struct sigaction on x86-64. */
struct ksigaction {
	void *handler;
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

static int load(int *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

/* Is a call with this number (and first arguments) one that waits? musl waits for a lock or a
 * condition with FUTEX_WAIT, holding no other lock of its own; the shim waits on its condition
 * with sync_lock released. (msvcrt holds a stream's lock across a read: README.md's limit.) */
static int waiting_call(long nr, long op)
{
	switch (nr) {
	case SYS_futex:
		op &= FUTEX_CMD_MASK;
		return op == FUTEX_WAIT || op == FUTEX_WAIT_BITSET;
	case SYS_restart_syscall:
	case SYS_read: case SYS_readv: case SYS_pread64: case SYS_preadv:
	case SYS_poll: case SYS_ppoll: case SYS_select: case SYS_pselect6:
	case SYS_epoll_wait: case SYS_epoll_pwait:
	case SYS_nanosleep: case SYS_clock_nanosleep: case SYS_pause:
	case SYS_wait4: case SYS_waitid:
	case SYS_accept: case SYS_accept4: case SYS_recvfrom: case SYS_recvmsg: case SYS_connect:
	case SYS_rt_sigsuspend: case SYS_rt_sigtimedwait:
		return 1;
	}
	return 0;
}

/* SwitchToThread's sched_yield, where a thread holds none of the shim's locks: a thread that
 * spins on it is mostly inside it, so the stop signal finds it there. */
__asm__(".text\n"
	".globl windows_yield\n"
	".type windows_yield,@function\n"
	"windows_yield:\n\t"
	"mov $24, %eax\n\t" /* SYS_sched_yield */
	"syscall\n"
	"windows_yield_end:\n\t"
	"ret\n"
	".size windows_yield, .-windows_yield\n");
extern const char windows_yield_end[];

/* Interrupted inside xabi: is the thread waiting in a host call? A call the signal interrupted is
 * either set to restart (pc back on its `syscall`, rax its number again) or returns -EINTR. */
static int waiting_in_host(const greg_t *g)
{
	const unsigned char *pc = (const unsigned char *)g[REG_RIP];
	if (pc == (const unsigned char *)windows_yield_end || pc + 2 == (const unsigned char *)windows_yield_end)
		return 1;
	if ((uintptr_t)pc >= rt.text_start + 2 && pc[-2] == 0x0f && pc[-1] == 0x05 && g[REG_RAX] == -EINTR)
		return 1;
	return pc[0] == 0x0f && pc[1] == 0x05 && waiting_call(g[REG_RAX], g[REG_RSI]);
}

#define EFLAGS_USER 0x40dd5 /* CF PF AF ZF SF TF DF OF AC: what a thread's context may change */
#define FP_XSTATE_MAGIC1 0x46505853U

/* SetThreadContext's changes into the signal context the thread resumes from. */
static void to_ucontext(ucontext_t *uc, const CONTEXT *c, DWORD flags)
{
	greg_t *g = uc->uc_mcontext.gregs;
	if ((flags & CONTEXT_CONTROL) == CONTEXT_CONTROL) {
		g[REG_RIP] = (greg_t)c->Rip;
		g[REG_RSP] = (greg_t)c->Rsp;
		g[REG_EFL] = (g[REG_EFL] & ~(greg_t)EFLAGS_USER) | (greg_t)(c->EFlags & EFLAGS_USER);
	}
	if ((flags & CONTEXT_INTEGER) == CONTEXT_INTEGER) {
		g[REG_RAX] = (greg_t)c->Rax;
		g[REG_RCX] = (greg_t)c->Rcx;
		g[REG_RDX] = (greg_t)c->Rdx;
		g[REG_RBX] = (greg_t)c->Rbx;
		g[REG_RBP] = (greg_t)c->Rbp;
		g[REG_RSI] = (greg_t)c->Rsi;
		g[REG_RDI] = (greg_t)c->Rdi;
		g[REG_R8] = (greg_t)c->R8;
		g[REG_R9] = (greg_t)c->R9;
		g[REG_R10] = (greg_t)c->R10;
		g[REG_R11] = (greg_t)c->R11;
		g[REG_R12] = (greg_t)c->R12;
		g[REG_R13] = (greg_t)c->R13;
		g[REG_R14] = (greg_t)c->R14;
		g[REG_R15] = (greg_t)c->R15;
	}
	unsigned char *fp = (unsigned char *)uc->uc_mcontext.fpregs;
	if ((flags & CONTEXT_FLOATING_POINT) == CONTEXT_FLOATING_POINT && fp) {
		uint32_t magic, mxcsr = c->MxCsr & 0xffff;
		memcpy(&magic, fp + 464, 4); /* keep the frame's xsave description (bytes 464-511) */
		memcpy(fp, &c->FltSave, 464);
		memcpy(fp + 24, &mxcsr, 4);
		if (magic == FP_XSTATE_MAGIC1) { /* xstate_bv: x87 and SSE state are the ones given */
			uint64_t bv;
			memcpy(&bv, fp + 512, 8);
			bv |= 3;
			memcpy(fp + 512, &bv, 8);
		}
	}
}

static void futex(int *word, int op, int val)
{
	raw4(SYS_futex, word, op | FUTEX_PRIVATE_FLAG, val, 0);
}

static void on_stop_signal(int sig, siginfo_t *si, void *ucv)
{
	(void)sig;
	ucontext_t *uc = ucv;
	if (si->si_code != SI_QUEUE || si->si_pid != raw0(SYS_getpid))
		return; /* not from SuspendThread */
	struct thread_stop *s = si->si_value.sival_ptr;
	if (load(&s->state) != STOP_REQUESTED)
		return; /* resumed before it stopped, or a signal sent again after it stopped */
	const greg_t *g = uc->uc_mcontext.gregs;
	uintptr_t pc = (uintptr_t)g[REG_RIP];
	int in_xabi = pc >= rt.text_start && pc < rt.text_end;
	if (in_xabi && !waiting_in_host(g)) { /* maybe holding a lock of the shim's: stop later */
		__atomic_store_n(&s->deferred, 1, __ATOMIC_RELEASE);
		return;
	}
	windows_context_from_ucontext(&s->ctx, uc);
	s->in_xabi = in_xabi;
	s->set_flags = 0;
	int requested = STOP_REQUESTED;
	if (!__atomic_compare_exchange_n(&s->state, &requested, STOP_STOPPED, 0, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		return;
	futex(&s->state, FUTEX_WAKE, 0x7fffffff);
	while (load(&s->state) == STOP_STOPPED)
		futex(&s->state, FUTEX_WAIT, STOP_STOPPED);
	if (s->set_flags)
		to_ucontext(uc, &s->ctx, s->set_flags);
	__atomic_store_n(&s->state, STOP_NONE, __ATOMIC_RELEASE);
	futex(&s->state, FUTEX_WAKE, 0x7fffffff);
}

void windows_stop_init(void)
{
	/* Every other signal blocked but the faults, as for xabi's other handlers; SA_RESTART so
	 * that the shim's interrupted host calls carry on. */
	struct ksigaction ka = {
		.handler = (void *)on_stop_signal,
		.flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART | SA_RESTORER,
		.restorer = xabi_restorer,
		.mask = ~SIG_EMULATED_MASK,
	};
	raw4(SYS_rt_sigaction, WIN_STOP_SIGNAL, &ka, 0, 8);
}
