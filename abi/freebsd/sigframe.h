/* FreeBSD/amd64's signal frame: siginfo_t (sys/sys/signal.h), mcontext_t (sys/x86/include/
 * ucontext.h), ucontext_t (sys/sys/_ucontext.h) and struct sigframe (sys/amd64/include/sigframe.h). */
#ifndef XABI_FREEBSD_SIGFRAME_H
#define XABI_FREEBSD_SIGFRAME_H

#include <stddef.h>
#include <stdint.h>

struct fb_siginfo {
	int32_t signo, errno_, code, pid;
	uint32_t uid;
	int32_t status;
	uint64_t addr;
	uint64_t value;
	union { /* _reason */
		int32_t trapno; /* faults */
		struct { int32_t timerid, overrun; };
		int64_t spare[5];
	};
};
_Static_assert(sizeof(struct fb_siginfo) == 80, "siginfo_t of FreeBSD/amd64");

#define FB_SI_NOINFO 0
#define FB_SI_USER 0x10001
#define FB_SI_QUEUE 0x10002
#define FB_SI_TIMER 0x10003
#define FB_SI_ASYNCIO 0x10004
#define FB_SI_MESGQ 0x10005
#define FB_SI_KERNEL 0x10006
#define FB_SI_LWP 0x10007
#define FB_FPE_INTOVF 1
#define FB_FPE_INTDIV 2

struct fb_mcontext {
	uint64_t onstack;
	uint64_t rdi, rsi, rdx, rcx, r8, r9, rax, rbx, rbp, r10, r11, r12, r13, r14, r15;
	uint32_t trapno;
	uint16_t fs, gs;
	uint64_t addr;
	uint32_t flags;
	uint16_t es, ds;
	uint64_t err, rip, cs, rflags, rsp, ss;
	int64_t len, fpformat, ownedfp;
	unsigned char fpstate[512] __attribute__((aligned(16))); /* fxsave image */
	uint64_t fsbase, gsbase;
	uint64_t xfpustate, xfpustate_len; /* the xsave area past the fxsave image */
	int64_t spare[4];
};
_Static_assert(sizeof(struct fb_mcontext) == 800, "mcontext_t of FreeBSD/amd64");
_Static_assert(offsetof(struct fb_mcontext, rip) == 160, "mc_rip");
_Static_assert(offsetof(struct fb_mcontext, fpstate) == 224, "mc_fpstate");

#define FB_MC_HASSEGS 0x1
#define FB_MC_HASBASES 0x2
#define FB_MC_HASFPXSTATE 0x4
#define FB_MC_FPFMT_NODEV 0x10000
#define FB_MC_FPFMT_XMM 0x10002
#define FB_MC_FPOWNED_NONE 0x20000
#define FB_MC_FPOWNED_FPU 0x20001
#define FB_FXSAVE_SIZE 512
#define FB_GUCODE_SEL 0x43 /* GSEL(GUCODE_SEL, SEL_UPL) */
#define FB_GUDATA_SEL 0x3b
/* The rflags bits a signal handler may change: PSL_USERCHANGE (CF PF AF ZF SF TF DF OF NT AC ID;
 * RF) of sys/x86/include/psl.h. */
#define FB_EFLAGS_USER 0x254dd5UL

struct fb_stack {
	uint64_t sp, size;
	int32_t flags, pad;
};

struct fb_ucontext {
	uint32_t sigmask[4];
	struct fb_mcontext mcontext;
	uint64_t link;
	struct fb_stack stack;
	int32_t flags;
	int32_t spare[4];
};
_Static_assert(sizeof(struct fb_ucontext) == 880, "ucontext_t of FreeBSD/amd64");

struct fb_sigframe {
	uint64_t handler; /* sf_ahu: what the trampoline calls */
	struct fb_ucontext uc __attribute__((aligned(16)));
	struct fb_siginfo si;
};
_Static_assert(offsetof(struct fb_sigframe, uc) == 16, "SIGF_UC");

#endif
