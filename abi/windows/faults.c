/* Host faults as Windows exceptions: what Windows' kernel does before KiUserExceptionDispatcher.
 * The host handler (syscall/signals.c) hands a synchronous SIGSEGV, SIGBUS, SIGFPE, SIGILL or
 * SIGTRAP of guest code to windows_deliver_fault, which turns the signal context into a CONTEXT
 * and an EXCEPTION_RECORD on the guest's stack and redirects the thread to the dispatcher in the
 * shim (libshim/ntdll/dispatch.c), where ordinary C runs. Trap-path code (syscall/README.md). */
#define _GNU_SOURCE
#include <string.h>
#include <sys/mman.h>
#include <asm/prctl.h>
#include "../../libshim/ntdll/exception.h"
#include "../../syscall/copy.h"
#include "../../syscall/fmt.h"
#include "../../syscall/kframe.h"
#include "../../syscall/raw.h"
#include "../../syscall/signals.h"
#include "windows.h"

/* The shim's KiUserExceptionDispatcher (libshim/ntdll/dispatch.c), given at start-up: trap-path
 * objects reference nothing outside xabi's core (tests/suites/trap-path.sh). */
static uintptr_t dispatcher;

/* What KiUserExceptionDispatcher finds at %rsp. */
struct exception_frame {
	CONTEXT ctx;
	EXCEPTION_RECORD rec;
};
_Static_assert(offsetof(struct exception_frame, rec) == 0x4d0, "the dispatcher's entry");

#define TRAP_PAGE_FAULT 14
#define PF_WRITE 0x2
#define PF_INSTRUCTION 0x10

void windows_context_from_ucontext(CONTEXT *c, const ucontext_t *uc)
{
	const greg_t *g = uc->uc_mcontext.gregs;
	memset(c, 0, sizeof *c);
	c->ContextFlags = CONTEXT_FULL | CONTEXT_SEGMENTS;
	c->Rax = (ULONG64)g[REG_RAX];
	c->Rcx = (ULONG64)g[REG_RCX];
	c->Rdx = (ULONG64)g[REG_RDX];
	c->Rbx = (ULONG64)g[REG_RBX];
	c->Rsp = (ULONG64)g[REG_RSP];
	c->Rbp = (ULONG64)g[REG_RBP];
	c->Rsi = (ULONG64)g[REG_RSI];
	c->Rdi = (ULONG64)g[REG_RDI];
	c->R8 = (ULONG64)g[REG_R8];
	c->R9 = (ULONG64)g[REG_R9];
	c->R10 = (ULONG64)g[REG_R10];
	c->R11 = (ULONG64)g[REG_R11];
	c->R12 = (ULONG64)g[REG_R12];
	c->R13 = (ULONG64)g[REG_R13];
	c->R14 = (ULONG64)g[REG_R14];
	c->R15 = (ULONG64)g[REG_R15];
	c->Rip = (ULONG64)g[REG_RIP];
	c->EFlags = (DWORD)g[REG_EFL];
	c->SegCs = (WORD)g[REG_CSGSFS];
	c->SegGs = (WORD)(g[REG_CSGSFS] >> 16);
	c->SegFs = (WORD)(g[REG_CSGSFS] >> 32);
	__asm__("movw %%ss, %0; movw %%ds, %1; movw %%es, %2"
		: "=m"(c->SegSs), "=m"(c->SegDs), "=m"(c->SegEs));
	if (uc->uc_mcontext.fpregs)
		memcpy(&c->FltSave, uc->uc_mcontext.fpregs, sizeof c->FltSave);
	c->MxCsr = c->FltSave.MxCsr;
}

/* The instruction at the fault, decoded just enough: prefixes, opcode, ModRM. */
struct insn {
	BYTE b[16];
	int n;       /* bytes read */
	int pos;     /* after the prefixes */
	int rex, opsize16, seg;
};

static void read_insn(struct insn *in, ULONG64 pc)
{
	memset(in, 0, sizeof *in);
	for (in->n = 16; in->n > 0 && xabi_copy_safe(in->b, (void *)pc, (size_t)in->n) < 0; in->n -= 4)
		;
	while (in->pos < in->n) {
		BYTE p = in->b[in->pos];
		if (p == 0x66)
			in->opsize16 = 1;
		else if (p == 0x64 || p == 0x65)
			in->seg = p;
		else if (p != 0x67 && p != 0xf0 && p != 0xf2 && p != 0xf3 && p != 0x2e && p != 0x3e &&
			 p != 0x26 && p != 0x36 && (p & 0xf0) != 0x40)
			break;
		in->rex = (p & 0xf0) == 0x40 ? p : 0; /* REX counts only right before the opcode */
		in->pos++;
	}
}

/* Does the instruction need ring 0 (the #GP Windows reports as a privileged instruction)? */
static int privileged(const struct insn *in)
{
	if (in->pos + 2 > in->n)
		return 0;
	BYTE op = in->b[in->pos], op2 = in->b[in->pos + 1], reg = (op2 >> 3) & 7;
	if (op == 0xf4 || op == 0xfa || op == 0xfb || (op >= 0xe4 && op <= 0xe7) ||
	    (op >= 0xec && op <= 0xef) || (op >= 0x6c && op <= 0x6f))
		return 1; /* hlt cli sti in out ins outs */
	if (op != 0x0f || in->pos + 3 > in->n)
		return 0;
	BYTE modrm = in->b[in->pos + 2];
	switch (op2) {
	case 0x06: case 0x08: case 0x09: case 0x20: case 0x21: case 0x22: case 0x23: case 0x30:
	case 0x32:
		return 1; /* clts invd wbinvd mov cr/dr wrmsr rdmsr */
	case 0x00:
		return ((modrm >> 3) & 7) == 2 || ((modrm >> 3) & 7) == 3; /* lldt ltr */
	case 0x01:
		reg = (modrm >> 3) & 7;
		return (modrm >> 6) != 3 && (reg == 2 || reg == 3 || reg == 6 || reg == 7);
	}
	return 0;
}

/* A divide error is Windows' STATUS_INTEGER_OVERFLOW unless the divisor is zero: is the div or
 * idiv's operand non-zero? -1 when it cannot be decoded. */
static int divisor_nonzero(const struct insn *in, CONTEXT *c)
{
	int i = in->pos;
	if (i + 2 > in->n || (in->b[i] != 0xf6 && in->b[i] != 0xf7))
		return -1;
	int size = in->b[i] == 0xf6 ? 1 : (in->rex & 8) ? 8 : in->opsize16 ? 2 : 4;
	BYTE modrm = in->b[i + 1];
	int mod = modrm >> 6, rm = modrm & 7, reg = (modrm >> 3) & 7;
	if (reg != 6 && reg != 7)
		return -1;
	i += 2;
	ULONG64 v = 0;
	if (mod == 3) {
		if (size == 1 && !in->rex && rm >= 4)
			v = *context_reg(c, (unsigned)rm - 4) >> 8; /* ah ch dh bh */
		else
			v = *context_reg(c, (unsigned)rm + ((in->rex & 1) ? 8 : 0));
	} else {
		if (in->seg)
			return -1;
		ULONG64 ea = 0;
		int rip_relative = 0;
		if (rm == 4) {
			if (i + 1 > in->n)
				return -1;
			BYTE sib = in->b[i++];
			int index = ((sib >> 3) & 7) + ((in->rex & 2) ? 8 : 0), base = sib & 7;
			if (index != 4)
				ea += *context_reg(c, (unsigned)index) << (sib >> 6);
			if (base == 5 && mod == 0)
				mod = 2; /* disp32, no base */
			else
				ea += *context_reg(c, (unsigned)base + ((in->rex & 1) ? 8 : 0));
		} else if (rm == 5 && mod == 0) {
			rip_relative = 1;
			mod = 2;
		} else {
			ea += *context_reg(c, (unsigned)rm + ((in->rex & 1) ? 8 : 0));
		}
		int disp_size = mod == 1 ? 1 : mod == 2 ? 4 : 0;
		if (i + disp_size > in->n)
			return -1;
		if (disp_size == 1)
			ea += (ULONG64)(long long)(signed char)in->b[i];
		else if (disp_size == 4) {
			int32_t d;
			memcpy(&d, in->b + i, 4);
			ea += (ULONG64)(long long)d;
		}
		i += disp_size;
		if (rip_relative)
			ea += c->Rip + (ULONG64)i;
		if (xabi_copy_safe(&v, (void *)ea, (size_t)size) < 0)
			return -1;
	}
	if (size < 8)
		v &= (1ULL << (size * 8)) - 1;
	return v != 0;
}

static TEB *current_teb(void)
{
	unsigned long gs = 0;
	raw2(SYS_arch_prctl, ARCH_GET_GS, &gs);
	return (TEB *)gs;
}

/* A fault in the stack's guard: the zone below StackLimit is given to the handlers and the fault
 * becomes STATUS_STACK_OVERFLOW; with the zone used up there is no stack left to run anything on,
 * and the process ends as Windows ends it. 1 if addr is in the guard. */
static int stack_guard_fault(ULONG64 addr, const CONTEXT *c)
{
	TEB *teb = current_teb();
	ULONG64 *dealloc = (ULONG64 *)((char *)teb + TEB_DEALLOCATION_STACK);
	if (!teb || !*dealloc || addr < *dealloc || addr >= (ULONG64)teb->StackLimit)
		return 0;
	ULONG64 zone = *dealloc + 4096;
	if ((ULONG64)teb->StackLimit > zone && addr >= zone) {
		raw3(SYS_mprotect, zone, (ULONG64)teb->StackLimit - zone, PROT_READ | PROT_WRITE);
		teb->StackLimit = (void *)zone;
		return 1;
	}
	char buf[160];
	struct fmt f;
	fmt_init(&f, buf, sizeof buf);
	fmt_str(&f, "xabi: unhandled exception 0xC00000FD (stack overflow) at ");
	fmt_hex(&f, c->Rip);
	fmt_str(&f, ": the stack's guard zone was already used (see _resetstkoflw)");
	fmt_flush_line(&f, 2);
	raw1(SYS_exit_group, (long)STATUS_STACK_OVERFLOW);
	return 1;
}

static void access_violation(EXCEPTION_RECORD *r, ULONG_PTR how, ULONG64 addr)
{
	r->ExceptionCode = STATUS_ACCESS_VIOLATION;
	r->NumberParameters = 2;
	r->ExceptionInformation[0] = how;
	r->ExceptionInformation[1] = addr;
}

/* The exception for the signal; 0 when there is none (a signal another process sent). */
static int to_record(EXCEPTION_RECORD *r, CONTEXT *c, const struct sigdelivery *d)
{
	const greg_t *g = d->uc->uc_mcontext.gregs;
	ULONG64 addr = (ULONG64)d->si->si_addr;
	struct insn in;
	if (d->si->si_code <= 0)
		return 0;
	switch (d->sig) {
	case SIGSEGV:
	case SIGBUS:
		if (g[REG_TRAPNO] == TRAP_PAGE_FAULT || d->sig == SIGBUS) {
			ULONG64 err = (ULONG64)g[REG_ERR];
			access_violation(r, err & PF_INSTRUCTION ? 8 : err & PF_WRITE ? 1 : 0, addr);
			if (d->sig == SIGSEGV && stack_guard_fault(addr, c))
				r->ExceptionCode = STATUS_STACK_OVERFLOW;
			break;
		}
		read_insn(&in, c->Rip);
		if (privileged(&in))
			r->ExceptionCode = STATUS_PRIVILEGED_INSTRUCTION;
		else /* a general protection fault: Windows gives no address */
			access_violation(r, 0, ~0ULL);
		break;
	case SIGILL:
		r->ExceptionCode = d->si->si_code == ILL_PRVOPC ? STATUS_PRIVILEGED_INSTRUCTION
							   : STATUS_ILLEGAL_INSTRUCTION;
		break;
	case SIGFPE:
		switch (d->si->si_code) {
		case FPE_INTDIV:
		case FPE_INTOVF:
			read_insn(&in, c->Rip);
			r->ExceptionCode = divisor_nonzero(&in, c) == 1 ? STATUS_INTEGER_OVERFLOW
								: STATUS_INTEGER_DIVIDE_BY_ZERO;
			break;
		default:
			if (g[REG_TRAPNO] == 19) { /* SSE: what Windows x64 reports for it */
				r->ExceptionCode = 0xC00002B5u; /* STATUS_FLOAT_MULTIPLE_TRAPS */
				r->NumberParameters = 1;
				break;
			}
			r->ExceptionCode = d->si->si_code == FPE_FLTDIV ? STATUS_FLOAT_DIVIDE_BY_ZERO
				: d->si->si_code == FPE_FLTOVF ? STATUS_FLOAT_OVERFLOW
				: d->si->si_code == FPE_FLTUND ? STATUS_FLOAT_UNDERFLOW
				: d->si->si_code == FPE_FLTRES ? STATUS_FLOAT_INEXACT_RESULT
				: d->si->si_code == FPE_FLTSUB ? STATUS_FLOAT_STACK_CHECK
								: STATUS_FLOAT_INVALID_OPERATION;
		}
		break;
	case SIGTRAP:
		if (d->si->si_code == SI_KERNEL) { /* int3: Windows points at the instruction */
			c->Rip--;
			r->ExceptionCode = STATUS_BREAKPOINT;
			r->NumberParameters = 1;
		} else {
			r->ExceptionCode = STATUS_SINGLE_STEP;
		}
		break;
	default:
		return 0;
	}
	r->ExceptionAddress = (void *)c->Rip;
	return 1;
}

int windows_deliver_fault(const struct sigdelivery *d)
{
	struct exception_frame f;
	windows_context_from_ucontext(&f.ctx, d->uc);
	memset(&f.rec, 0, sizeof f.rec);
	if (!to_record(&f.rec, &f.ctx, d))
		return -1;
	uintptr_t sp = (d->sp - sizeof f) & ~(uintptr_t)63;
	if (xabi_copy_safe((void *)sp, &f, sizeof f) < 0)
		return -1;
	greg_t *g = d->uc->uc_mcontext.gregs;
	g[REG_RIP] = (greg_t)dispatcher;
	g[REG_RSP] = (greg_t)sp;
	g[REG_EFL] &= ~(greg_t)0x40500; /* the dispatcher is C: no direction, trap or alignment flag */
	if (d->uc->uc_mcontext.fpregs) /* nor the program's FPU modes; its state is in the CONTEXT */
		kframe_fpstate_reset(d->uc->uc_mcontext.fpregs);
	return 0;
}

void windows_faults_init(void (*entry)(void))
{
	dispatcher = (uintptr_t)entry;
	static const int faults[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP };
	/* A guest "handler" for each: deliver() then calls windows_deliver_fault. SA_NODEFER: the
	 * dispatcher never returns through sigreturn, so the guest mask must not change. */
	struct gsigaction act = { .handler = dispatcher,
				  .flags = SA_SIGINFO | SA_NODEFER };
	for (unsigned i = 0; i < sizeof faults / sizeof *faults; i++)
		gsig_action(faults[i], &act, 0);
}
