/* Signal delivery as FreeBSD/amd64 does it: sendsig() and sys_sigreturn() of
 * sys/amd64/amd64/exec_machdep.c, the sigcode trampoline (sys/amd64/amd64/sigtramp.S: the frame
 * is struct sigframe of sys/amd64/include/sigframe.h, the handler called with %rsp 8 mod 16),
 * thr_kill's SI_LWP and kill's SI_USER (sys/kern/kern_thr.c, kern_sig.c), a page fault's
 * siginfo (sys/amd64/amd64/trap.c), sigaltstack and SA_* flags. The handler's own entry
 * registers are kept by a small assembly stub; the handler edits the context and the checks after
 * the return look for the edits. Usage: signals (no arguments). */
#include "rt/fb.h"

#define CF 0x1UL
#define DF 0x400UL
#define INITIAL_MXCSR 0x1f80 /* __INITIAL_MXCSR__ and __INITIAL_FPUCW__ (x86/include/fpu.h) */
#define INITIAL_FPUCW 0x37f
#define FX_FCW 0 /* offsets in the fxsave image */
#define FX_MXCSR 24
#define FX_XMM(n) (160 + 16 * (n))
#define RBX_IN 0x0123456789abcdefUL
#define RBX_EDITED 0x0fedcba987654321UL
#define R12_IN 0x1212121234343434UL
#define SEGV_RESULT 0x1234

/* What the entry stub saw, then what the C handler saw. */
uint64_t entry_rsp, entry_rdi, entry_rsi, entry_rdx, entry_rcx, entry_rflags;
uint32_t entry_mxcsr;
uint16_t entry_fcw;
__asm__(".text\n"
	".globl sig_entry\n"
	"sig_entry:\n"
	"	mov %rsp, entry_rsp(%rip)\n"
	"	mov %rdi, entry_rdi(%rip)\n"
	"	mov %rsi, entry_rsi(%rip)\n"
	"	mov %rdx, entry_rdx(%rip)\n"
	"	mov %rcx, entry_rcx(%rip)\n"
	"	pushfq\n"
	"	popq entry_rflags(%rip)\n"
	"	stmxcsr entry_mxcsr(%rip)\n"
	"	fnstcw entry_fcw(%rip)\n"
	"	jmp on_signal\n"
	/* long fault_load(const long *p): loads *p with an instruction the SIGSEGV handler skips */
	".globl fault_load, fault_insn, fault_resume\n"
	"fault_load:\n"
	"	mov $0x5555, %eax\n"
	"fault_insn:\n"
	"	mov (%rdi), %rax\n"
	"fault_resume:\n"
	"	ret\n");
void sig_entry(void);
long fault_load(const long *p);
extern const char fault_insn[], fault_resume[];

enum edit { EDIT_NONE, EDIT_REGS, EDIT_MASK, EDIT_SEGV };
static volatile enum edit edit;
static volatile int count;
static fb_siginfo_t got_si;
static fb_ucontext_t got_uc;
static fb_sigset_t got_mask;             /* sigprocmask inside the handler */
static fb_stack_t got_ss;                /* sigaltstack inside the handler */
static long got_ss_r, got_ss_set_r;
static uintptr_t got_local, got_si_addr, got_uc_addr;
static const unsigned char xmm_in[16] = "xmm8 before sig", xmm_edited[16] = "xmm8 edited!!!!";

__attribute__((used)) void on_signal(int sig, fb_siginfo_t *si, fb_ucontext_t *uc)
{
	volatile char local = 0;
	got_local = (uintptr_t)&local;
	got_si_addr = (uintptr_t)si;
	got_uc_addr = (uintptr_t)uc;
	got_si = *si;
	got_uc = *uc;
	(void)sig;
	SC3(FB_SYS_sigprocmask, FB_SIG_BLOCK, 0, &got_mask);
	memset(&got_ss, 0x5a, sizeof got_ss);
	got_ss_r = SC2(FB_SYS_sigaltstack, 0, &got_ss);
	fb_stack_t other = { .ss_sp = 0, .ss_size = 65536, .ss_flags = FB_SS_DISABLE };
	got_ss_set_r = (got_ss.ss_flags & FB_SS_ONSTACK) ? SC2(FB_SYS_sigaltstack, &other, 0) : 0;
	switch (edit) {
	case EDIT_NONE:
		break;
	case EDIT_REGS:
		uc->uc_mcontext.mc_rbx = RBX_EDITED;
		memcpy(uc->uc_mcontext.mc_fpstate + FX_XMM(8), xmm_edited, 16);
		break;
	case EDIT_MASK:
		fb_sigaddset(&uc->uc_sigmask, FB_SIGUSR2);
		break;
	case EDIT_SEGV:
		if (uc->uc_mcontext.mc_rip == (uintptr_t)fault_insn) {
			uc->uc_mcontext.mc_rip = (uintptr_t)fault_resume;
			uc->uc_mcontext.mc_rax = SEGV_RESULT;
		} else {
			fb_printf("SIGSEGV at rip 0x%lx, not at fault_insn %p: exiting\n",
				  uc->uc_mcontext.mc_rip, (void *)fault_insn);
			fb_finish();
		}
		break;
	}
	count++;
}

static long pid, uid, tid;

static long sigaction(int sig, uintptr_t handler, int flags, int mask_sig,
		      struct fb_sigaction *old)
{
	struct fb_sigaction sa = { .handler = handler, .sa_flags = flags };
	if (mask_sig)
		fb_sigaddset(&sa.sa_mask, mask_sig);
	return SC3(FB_SYS_sigaction, sig, &sa, old);
}

static fb_sigset_t current_mask(void)
{
	fb_sigset_t m;
	memset(&m, 0xff, sizeof m);
	SC3(FB_SYS_sigprocmask, FB_SIG_BLOCK, 0, &m);
	return m;
}

static void set_mask(int how, int sig)
{
	fb_sigset_t m = { { 0 } };
	fb_sigaddset(&m, sig);
	SC3(FB_SYS_sigprocmask, how, &m, 0);
}

/* thr_kill(tid, SIGUSR1) with known values in rbx, r12, xmm8, MXCSR and the direction flag;
 * what they hold afterwards. */
static struct {
	uint64_t rsp, rbx, r12, rflags, rax;
	unsigned char xmm8[16];
	uint32_t mxcsr;
} after;
static const uint64_t rbx_in = RBX_IN, r12_in = R12_IN;
static const uint32_t mxcsr_in = INITIAL_MXCSR | 0x2000, mxcsr_default = INITIAL_MXCSR;
extern const char after_thr_kill[];

__attribute__((noinline)) static void thr_kill_with_state(long id, long sig)
{
	__asm__ volatile("movdqu %[xin], %%xmm8\n\t"
			 "ldmxcsr %[mxin]\n\t"
			 "mov %[rbxin], %%rbx\n\t"
			 "mov %[r12in], %%r12\n\t"
			 "mov %%rsp, %[rsp]\n\t"
			 "mov $433, %%eax\n\t"
			 "std\n\t"
			 "syscall\n"
			 ".globl after_thr_kill\n"
			 "after_thr_kill:\n\t"
			 "pushfq\n\t"
			 "popq %[fl]\n\t"
			 "cld\n\t"
			 "mov %%rax, %[rax]\n\t"
			 "mov %%rbx, %[rbx]\n\t"
			 "mov %%r12, %[r12]\n\t"
			 "movdqu %%xmm8, %[xout]\n\t"
			 "stmxcsr %[mxout]\n\t"
			 "ldmxcsr %[mxdef]"
			 : [rsp] "=m"(after.rsp), [fl] "=m"(after.rflags), [rax] "=m"(after.rax),
			   [rbx] "=m"(after.rbx), [r12] "=m"(after.r12), [xout] "=m"(after.xmm8),
			   [mxout] "=m"(after.mxcsr), "+D"(id), "+S"(sig)
			 : [xin] "m"(xmm_in), [mxin] "m"(mxcsr_in), [rbxin] "m"(rbx_in),
			   [r12in] "m"(r12_in), [mxdef] "m"(mxcsr_default)
			 : "rax", "rbx", "rcx", "rdx", "r8", "r9", "r10", "r11", "r12", "xmm8",
			   "memory", "cc");
}

static int only(const fb_sigset_t *m, int a, int b)
{
	fb_sigset_t want = { { 0 } };
	if (a)
		fb_sigaddset(&want, a);
	if (b)
		fb_sigaddset(&want, b);
	return !memcmp(m, &want, sizeof want);
}

/* The frame: the handler's arguments, the trampoline's call, sigframe's layout. */
static void check_frame(const char *what, int sig)
{
	char name[128];
	fb_snprintf(name, sizeof name, "%s: handler arguments (sig, &siginfo, &ucontext)", what);
	fb_check(entry_rdi == (uint64_t)sig && entry_rsi == got_si_addr &&
			 entry_rdx == got_uc_addr,
		 name, "rdi %lu rsi 0x%lx rdx 0x%lx", entry_rdi, entry_rsi, entry_rdx);
	fb_snprintf(name, sizeof name, "%s: struct sigframe (%%rsp 8 mod 16, uc at +24, si after uc)",
		    what);
	fb_check(entry_rsp % 16 == 8 && got_uc_addr == entry_rsp + 24 &&
			 got_si_addr == got_uc_addr + sizeof(fb_ucontext_t),
		 name, "entry %%rsp 0x%lx, uc 0x%lx, si 0x%lx", entry_rsp, got_uc_addr,
		 got_si_addr);
	fb_snprintf(name, sizeof name, "%s: handler starts with DF clear and a fresh FPU state",
		    what);
	fb_check(!(entry_rflags & DF) && entry_mxcsr == INITIAL_MXCSR && entry_fcw == INITIAL_FPUCW,
		 name, "rflags 0x%lx mxcsr 0x%x fcw 0x%x", entry_rflags, entry_mxcsr, entry_fcw);
	const fb_mcontext_t *mc = &got_uc.uc_mcontext;
	fb_snprintf(name, sizeof name, "%s: mc_len 800, mc_fpformat XMM, mc_ownedfp FPU or PCB",
		    what);
	fb_check(mc->mc_len == 800 && mc->mc_fpformat == FB_MC_FPFMT_XMM &&
			 (mc->mc_ownedfp == FB_MC_FPOWNED_FPU || mc->mc_ownedfp == FB_MC_FPOWNED_PCB),
		 name, "mc_len %ld mc_fpformat 0x%lx mc_ownedfp 0x%lx", mc->mc_len, mc->mc_fpformat,
		 mc->mc_ownedfp);
	fb_snprintf(name, sizeof name, "%s: user selectors, known mc_flags, fs base, uc_link",
		    what);
	uint64_t fsbase = 1;
	SC2(FB_SYS_sysarch, FB_AMD64_GET_FSBASE, &fsbase);
	fb_check(mc->mc_cs == FB_GUCODE_SEL && mc->mc_ss == FB_GUDATA_SEL && !(mc->mc_flags & ~7u) &&
			 mc->mc_fsbase == fsbase && got_uc.uc_link == 0,
		 name, "cs 0x%lx ss 0x%lx flags 0x%x fsbase 0x%lx (sysarch 0x%lx) uc_link 0x%lx",
		 mc->mc_cs, mc->mc_ss, mc->mc_flags, mc->mc_fsbase, fsbase, got_uc.uc_link);
}

static void test_thr_kill(void)
{
	count = 0;
	edit = EDIT_REGS;
	thr_kill_with_state(tid, FB_SIGUSR1);
	if (!fb_check(count == 1, "thr_kill: delivered once, before the call returns", "%d", count))
		return;
	check_frame("thr_kill", FB_SIGUSR1);
	fb_check(got_si.si_signo == FB_SIGUSR1 && got_si.si_code == FB_SI_LWP &&
			 got_si.si_pid == pid && got_si.si_uid == uid && got_si.si_errno == 0,
		 "thr_kill: siginfo SI_LWP, si_pid, si_uid",
		 "signo %d code 0x%x pid %d uid %u errno %d", got_si.si_signo, got_si.si_code,
		 got_si.si_pid, got_si.si_uid, got_si.si_errno);
	fb_check(only(&got_uc.uc_sigmask, 0, 0), "thr_kill: uc_sigmask is the mask before delivery",
		 "0x%x 0x%x", got_uc.uc_sigmask.bits[0], got_uc.uc_sigmask.bits[1]);
	fb_check(only(&got_mask, FB_SIGUSR1, FB_SIGUSR2),
		 "thr_kill: the handler runs with the signal and sa_mask blocked", "0x%x 0x%x",
		 got_mask.bits[0], got_mask.bits[1]);
	const fb_mcontext_t *mc = &got_uc.uc_mcontext;
	fb_check(mc->mc_rip == (uintptr_t)after_thr_kill && mc->mc_rsp == after.rsp,
		 "thr_kill: mc_rip just after the syscall, mc_rsp the caller's",
		 "rip 0x%lx (expected %p) rsp 0x%lx (expected 0x%lx)", mc->mc_rip,
		 (void *)after_thr_kill, mc->mc_rsp, after.rsp);
	fb_check(mc->mc_rax == 0 && !(mc->mc_rflags & CF) && (mc->mc_rflags & DF) &&
			 mc->mc_rbx == RBX_IN && mc->mc_r12 == R12_IN &&
			 mc->mc_rdi == (uint64_t)tid && mc->mc_rsi == FB_SIGUSR1,
		 "thr_kill: mc registers (rax 0 and CF clear: the call's result; DF; rbx r12 rdi rsi)",
		 "rax 0x%lx rflags 0x%lx rbx 0x%lx r12 0x%lx rdi %ld rsi %ld", mc->mc_rax,
		 mc->mc_rflags, mc->mc_rbx, mc->mc_r12, mc->mc_rdi, mc->mc_rsi);
	uint32_t mx;
	uint16_t fcw;
	memcpy(&mx, mc->mc_fpstate + FX_MXCSR, 4);
	memcpy(&fcw, mc->mc_fpstate + FX_FCW, 2);
	fb_check(!memcmp(mc->mc_fpstate + FX_XMM(8), xmm_in, 16) && mx == mxcsr_in &&
			 fcw == INITIAL_FPUCW,
		 "thr_kill: mc_fpstate holds xmm8, MXCSR and FCW", "mxcsr 0x%x fcw 0x%x xmm8 \"%s\"",
		 mx, fcw, (const char *)(mc->mc_fpstate + FX_XMM(8)));
	fb_check(got_uc_addr + sizeof(fb_ucontext_t) + sizeof(fb_siginfo_t) <= after.rsp - 128,
		 "thr_kill: the frame is below the interrupted code's red zone",
		 "frame ends at 0x%lx, rsp 0x%lx", got_uc_addr + 960, after.rsp);
	fb_check(mc->mc_onstack == 0 && got_uc.uc_stack.ss_flags == FB_SS_DISABLE,
		 "thr_kill: no alternate stack: mc_onstack 0, uc_stack SS_DISABLE",
		 "mc_onstack %lu ss_flags 0x%x", mc->mc_onstack, got_uc.uc_stack.ss_flags);
	fb_check(after.rbx == RBX_EDITED && after.r12 == R12_IN &&
			 !memcmp(after.xmm8, xmm_edited, 16) && after.mxcsr == mxcsr_in &&
			 (after.rflags & DF) && after.rax == 0 && !(after.rflags & CF),
		 "thr_kill: sigreturn restores the edited context (rbx, xmm8) and the rest",
		 "rbx 0x%lx r12 0x%lx xmm8 \"%s\" mxcsr 0x%x rflags 0x%lx rax %ld", after.rbx,
		 after.r12, (const char *)after.xmm8, after.mxcsr, after.rflags, after.rax);
	fb_sigset_t m = current_mask();
	fb_check(only(&m, 0, 0), "thr_kill: the mask is restored after the handler", "0x%x",
		 m.bits[0]);
}

static void test_kill(void)
{
	count = 0;
	edit = EDIT_MASK;
	long r = SC2(FB_SYS_kill, pid, FB_SIGUSR1);
	if (!fb_check(r == 0 && count == 1, "kill self: delivered before kill returns",
		      "kill %s, %d deliveries", fb_errname(r), count))
		return;
	check_frame("kill", FB_SIGUSR1);
	fb_check(got_si.si_signo == FB_SIGUSR1 && got_si.si_code == FB_SI_USER &&
			 got_si.si_pid == pid && got_si.si_uid == uid,
		 "kill: siginfo SI_USER, si_pid, si_uid", "signo %d code 0x%x pid %d uid %u",
		 got_si.si_signo, got_si.si_code, got_si.si_pid, got_si.si_uid);
	fb_check(got_uc.uc_mcontext.mc_rip == (uintptr_t)fb_syscall_ret,
		 "kill: mc_rip just after the syscall", "0x%lx, expected %p",
		 got_uc.uc_mcontext.mc_rip, (void *)fb_syscall_ret);
	fb_sigset_t m = current_mask();
	fb_check(only(&m, FB_SIGUSR2, 0), "kill: sigreturn installs the edited uc_sigmask",
		 "0x%x 0x%x", m.bits[0], m.bits[1]);
	set_mask(FB_SIG_UNBLOCK, FB_SIGUSR2);

	/* Blocked: pending until unblocked, then delivered before sigprocmask returns. */
	count = 0;
	edit = EDIT_NONE;
	set_mask(FB_SIG_BLOCK, FB_SIGUSR1);
	SC2(FB_SYS_kill, pid, FB_SIGUSR1);
	fb_sigset_t pend = { { 0 } };
	r = SC1(FB_SYS_sigpending, &pend);
	fb_check(count == 0 && r == 0 && only(&pend, FB_SIGUSR1, 0),
		 "a blocked signal stays pending (sigpending)", "%d deliveries, pending 0x%x",
		 count, pend.bits[0]);
	set_mask(FB_SIG_UNBLOCK, FB_SIGUSR1);
	fb_check(count == 1 && only(&got_uc.uc_sigmask, 0, 0),
		 "unblocking delivers it; uc_sigmask is the new mask", "%d deliveries, 0x%x", count,
		 got_uc.uc_sigmask.bits[0]);
}

static void test_segv(void)
{
	long r = sigaction(FB_SIGSEGV, (uintptr_t)sig_entry, FB_SA_SIGINFO, 0, 0);
	fb_check(r == 0, "sigaction SIGSEGV", "%s", fb_errname(r));
	count = 0;
	edit = EDIT_SEGV;
	long v = fault_load((const long *)0x10);
	if (!fb_check(count == 1 && v == SEGV_RESULT,
		      "SIGSEGV: handled, and resumed where the handler said with its rax",
		      "%d deliveries, result 0x%lx", count, v))
		return;
	check_frame("SIGSEGV", FB_SIGSEGV);
	fb_check(got_si.si_signo == FB_SIGSEGV && got_si.si_code == FB_SEGV_MAPERR &&
			 got_si.si_addr == 0x10 && got_si.reason.trapno == FB_T_PAGEFLT,
		 "SIGSEGV: siginfo SEGV_MAPERR, si_addr, si_trapno T_PAGEFLT",
		 "signo %d code %d addr 0x%lx trapno %d", got_si.si_signo, got_si.si_code,
		 got_si.si_addr, got_si.reason.trapno);
	const fb_mcontext_t *mc = &got_uc.uc_mcontext;
	fb_check(mc->mc_rip == (uintptr_t)fault_insn && mc->mc_addr == 0x10 &&
			 mc->mc_trapno == FB_T_PAGEFLT && mc->mc_err == 4 && mc->mc_rdi == 0x10,
		 "SIGSEGV: mc_rip the faulting instruction, mc_addr, mc_trapno, mc_err PGEX_U",
		 "rip 0x%lx (expected %p) addr 0x%lx trapno %u err 0x%lx rdi 0x%lx", mc->mc_rip,
		 (void *)fault_insn, mc->mc_addr, mc->mc_trapno, mc->mc_err, mc->mc_rdi);
	fb_check(entry_rcx == 0x10, "SIGSEGV: the handler's 4th argument (%rcx) is the address",
		 "0x%lx", entry_rcx);
	fb_check(only(&got_mask, FB_SIGSEGV, 0), "SIGSEGV: blocked in its handler", "0x%x",
		 got_mask.bits[0]);
}

static void test_altstack(void)
{
	static char stack[65536] __attribute__((aligned(16)));
	fb_stack_t ss;
	memset(&ss, 0x5a, sizeof ss);
	long r = SC2(FB_SYS_sigaltstack, 0, &ss);
	fb_check(r == 0 && ss.ss_flags == FB_SS_DISABLE, "sigaltstack: none at first (SS_DISABLE)",
		 "%s, ss_flags 0x%x", fb_errname(r), ss.ss_flags);
	fb_stack_t set = { .ss_sp = (uintptr_t)stack, .ss_size = sizeof stack, .ss_flags = 0 };
	r = SC2(FB_SYS_sigaltstack, &set, 0);
	fb_check(r == 0, "sigaltstack: set", "%s", fb_errname(r));
	r = sigaction(FB_SIGUSR2, (uintptr_t)sig_entry, FB_SA_SIGINFO | FB_SA_ONSTACK, 0, 0);
	fb_check(r == 0, "sigaction SIGUSR2 SA_ONSTACK", "%s", fb_errname(r));
	count = 0;
	edit = EDIT_NONE;
	SC2(FB_SYS_thr_kill, tid, FB_SIGUSR2);
	if (!fb_check(count == 1, "SA_ONSTACK: delivered", "%d deliveries", count))
		return;
	uintptr_t lo = (uintptr_t)stack, hi = lo + sizeof stack;
	check_frame("SA_ONSTACK", FB_SIGUSR2);
	fb_check(got_local >= lo && got_local < hi && got_uc_addr >= lo &&
			 got_si_addr + sizeof(fb_siginfo_t) <= hi,
		 "SA_ONSTACK: the handler and its frame are on the alternate stack",
		 "local 0x%lx uc 0x%lx, stack 0x%lx-0x%lx", got_local, got_uc_addr, lo, hi);
	fb_check(got_ss_r == 0 && (got_ss.ss_flags & FB_SS_ONSTACK) && got_ss.ss_sp == lo,
		 "SA_ONSTACK: sigaltstack in the handler says SS_ONSTACK", "%s, flags 0x%x sp 0x%lx",
		 fb_errname(got_ss_r), got_ss.ss_flags, got_ss.ss_sp);
	fb_check(got_ss_set_r == -FB_EPERM, "SA_ONSTACK: changing the active stack: EPERM",
		 "%ld (%s)", got_ss_set_r, fb_errname(got_ss_set_r));
	fb_check(got_uc.uc_stack.ss_sp == lo && got_uc.uc_stack.ss_size == sizeof stack &&
			 got_uc.uc_stack.ss_flags == 0 && got_uc.uc_mcontext.mc_onstack == 0,
		 "SA_ONSTACK: uc_stack is the alternate stack, the interrupted code was not on it",
		 "sp 0x%lx size %lu flags 0x%x onstack %lu", got_uc.uc_stack.ss_sp,
		 got_uc.uc_stack.ss_size, got_uc.uc_stack.ss_flags,
		 got_uc.uc_mcontext.mc_onstack);
	memset(&ss, 0x5a, sizeof ss);
	r = SC2(FB_SYS_sigaltstack, 0, &ss);
	fb_check(r == 0 && ss.ss_flags == 0 && ss.ss_sp == lo && ss.ss_size == sizeof stack,
		 "sigaltstack after the handler: set, not on it", "flags 0x%x", ss.ss_flags);
	set.ss_flags = FB_SS_DISABLE;
	SC2(FB_SYS_sigaltstack, &set, 0);
	memset(&ss, 0x5a, sizeof ss);
	r = SC2(FB_SYS_sigaltstack, 0, &ss);
	fb_check(r == 0 && ss.ss_flags == FB_SS_DISABLE, "sigaltstack: disabled again",
		 "flags 0x%x", ss.ss_flags);
}

static void test_flags(void)
{
	struct fb_sigaction old;
	memset(&old, 0x5a, sizeof old);
	long r = SC3(FB_SYS_sigaction, FB_SIGUSR1, 0, &old);
	fb_check(r == 0 && old.handler == (uintptr_t)sig_entry && old.sa_flags == FB_SA_SIGINFO &&
			 only(&old.sa_mask, FB_SIGUSR2, 0),
		 "sigaction: the old action reads back", "handler 0x%lx flags 0x%x mask 0x%x",
		 old.handler, old.sa_flags, old.sa_mask.bits[0]);

	r = sigaction(FB_SIGUSR1, (uintptr_t)sig_entry, FB_SA_SIGINFO | FB_SA_NODEFER, 0, 0);
	count = 0;
	edit = EDIT_NONE;
	SC2(FB_SYS_thr_kill, tid, FB_SIGUSR1);
	fb_check(r == 0 && count == 1 && !fb_sigismember(&got_mask, FB_SIGUSR1),
		 "SA_NODEFER: the signal is not blocked in its handler", "%d deliveries, mask 0x%x",
		 count, got_mask.bits[0]);

	r = sigaction(FB_SIGUSR2, (uintptr_t)sig_entry, FB_SA_SIGINFO | FB_SA_RESETHAND, 0, 0);
	count = 0;
	SC2(FB_SYS_thr_kill, tid, FB_SIGUSR2);
	memset(&old, 0x5a, sizeof old);
	SC3(FB_SYS_sigaction, FB_SIGUSR2, 0, &old);
	fb_check(r == 0 && count == 1 && old.handler == FB_SIG_DFL,
		 "SA_RESETHAND: SIG_DFL after one delivery", "%d deliveries, handler 0x%lx", count,
		 old.handler);

	r = sigaction(9, (uintptr_t)sig_entry, FB_SA_SIGINFO, 0, 0);
	fb_check(r == -FB_EINVAL, "sigaction SIGKILL: EINVAL", "%s", fb_errname(r));
	r = sigaction(129, (uintptr_t)sig_entry, FB_SA_SIGINFO, 0, 0);
	fb_check(r == -FB_EINVAL, "sigaction 129: EINVAL", "%s", fb_errname(r));
}

int main(int argc, char **argv)
{
	(void)argc, (void)argv;
	pid = SC0(FB_SYS_getpid);
	uid = SC0(FB_SYS_getuid);
	long r = SC1(FB_SYS_thr_self, &tid);
	fb_check(r == 0 && tid > 0, "thr_self", "%s, tid %ld", fb_errname(r), tid);
	r = sigaction(FB_SIGUSR1, (uintptr_t)sig_entry, FB_SA_SIGINFO, FB_SIGUSR2, 0);
	if (!fb_check(r == 0, "sigaction SIGUSR1 SA_SIGINFO", "%s", fb_errname(r)))
		fb_finish();
	test_thr_kill();
	test_kill();
	test_segv();
	test_altstack();
	test_flags();
	fb_finish();
}
