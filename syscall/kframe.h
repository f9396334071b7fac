/* The kernel's x86-64 rt_sigframe, as rt_sigreturn reads it. musl's mcontext_t and stack_t have the
 * kernel's layout; its ucontext_t does not (its sigset is 128 bytes), hence this header. */
#ifndef XABI_KFRAME_H
#define XABI_KFRAME_H

#define _GNU_SOURCE
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

#define UC_FP_XSTATE 0x1
#define UC_SIGCONTEXT_SS 0x2
#define UC_STRICT_RESTORE_SS 0x4

#define USER_CS 0x33
#define USER_DS 0x2b

struct kucontext {
	unsigned long uc_flags;
	unsigned long uc_link;
	stack_t uc_stack;
	mcontext_t uc_mcontext;
	uint64_t uc_sigmask;
};

struct krt_sigframe {
	unsigned long pretcode;
	struct kucontext uc;
	siginfo_t info;
};

/* Bytes of the FPU/extended state area a signal frame's fpregs points to (xsave size if present). */
size_t kframe_fpstate_size(const void *fpstate);

/* Put the FPU/SSE/AVX state of a frame in its initial configuration. */
void kframe_fpstate_reset(void *fpstate);

/* Load a complete register state and never return: builds a frame below top (fpstate copied if not
 * NULL) and executes rt_sigreturn on it. Trap-path code. */
_Noreturn void kframe_enter(void *top, const mcontext_t *regs, const void *fpstate,
			    unsigned long uc_flags, uint64_t sigmask, const stack_t *altstack);

#endif
