#include <string.h>
#include "kframe.h"

#define FP_XSTATE_MAGIC1 0x46505853U
#define SW_RESERVED_OFFSET 464 /* struct _fpx_sw_bytes inside the 512-byte legacy area */

_Noreturn void xabi_sigreturn_to(void *uc);

size_t kframe_fpstate_size(const void *fpstate)
{
	uint32_t sw[2]; /* magic1, extended_size */
	memcpy(sw, (const char *)fpstate + SW_RESERVED_OFFSET, sizeof sw);
	return sw[0] == FP_XSTATE_MAGIC1 ? sw[1] : 512;
}

_Noreturn void kframe_enter(void *top, const mcontext_t *regs, const void *fpstate,
			    unsigned long uc_flags, uint64_t sigmask, const stack_t *altstack)
{
	uintptr_t sp = (uintptr_t)top;
	void *fp = 0;
	if (fpstate) {
		size_t n = kframe_fpstate_size(fpstate);
		sp = (sp - n) & ~(uintptr_t)63;
		fp = memcpy((void *)sp, fpstate, n);
	} else {
		uc_flags &= ~(unsigned long)UC_FP_XSTATE;
	}
	sp = (sp - sizeof(struct krt_sigframe)) & ~(uintptr_t)15;
	struct krt_sigframe *f = (struct krt_sigframe *)sp;
	memset(f, 0, sizeof *f);
	f->uc.uc_flags = uc_flags | UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	f->uc.uc_stack = *altstack;
	f->uc.uc_mcontext = *regs;
	f->uc.uc_mcontext.fpregs = fp;
	f->uc.uc_mcontext.gregs[REG_CSGSFS] = USER_CS | (greg_t)USER_DS << 48;
	f->uc.uc_sigmask = sigmask;
	xabi_sigreturn_to(&f->uc);
}

void kframe_fpstate_reset(void *fpstate)
{
	unsigned char *p = fpstate;
	uint16_t fcw = 0x37f;
	uint32_t mxcsr = 0x1f80;
	memset(p, 0, 24); /* control, status and tag words; last instruction and operand */
	memcpy(p, &fcw, 2);
	memcpy(p + 24, &mxcsr, 4);
	memset(p + 32, 0, 416 - 32); /* x87 and SSE registers */
	if (kframe_fpstate_size(fpstate) > 512)
		memset(p + 512, 0, 8); /* xstate_bv: every other component in its initial state */
}
