/* Register contexts: RtlCaptureContext, resuming a CONTEXT (RtlRestoreContext, NtContinue), and
 * the frame every handler call goes through (call_handler), which the stack walks recognise. */
#pragma GCC diagnostic ignored "-Wunused-parameter" /* naked functions name them for the reader */
#include <string.h>
#include "exception.h"

/* The caller's registers as they will be when the call returns. */
WINAPI __attribute__((naked)) void ntdll_RtlCaptureContext(CONTEXT *ctx)
{
	__asm__("mov %rax, 0x78(%rcx)\n\t"
		"mov %rcx, 0x80(%rcx)\n\t"
		"mov %rdx, 0x88(%rcx)\n\t"
		"mov %rbx, 0x90(%rcx)\n\t"
		"mov %rbp, 0xa0(%rcx)\n\t"
		"mov %rsi, 0xa8(%rcx)\n\t"
		"mov %rdi, 0xb0(%rcx)\n\t"
		"mov %r8, 0xb8(%rcx)\n\t"
		"mov %r9, 0xc0(%rcx)\n\t"
		"mov %r10, 0xc8(%rcx)\n\t"
		"mov %r11, 0xd0(%rcx)\n\t"
		"mov %r12, 0xd8(%rcx)\n\t"
		"mov %r13, 0xe0(%rcx)\n\t"
		"mov %r14, 0xe8(%rcx)\n\t"
		"mov %r15, 0xf0(%rcx)\n\t"
		"lea 8(%rsp), %rax\n\t"
		"mov %rax, 0x98(%rcx)\n\t"
		"mov (%rsp), %rax\n\t"
		"mov %rax, 0xf8(%rcx)\n\t"
		"fxsave 0x100(%rcx)\n\t"
		"stmxcsr 0x34(%rcx)\n\t"
		"pushfq\n\t"
		"popq %rax\n\t"
		"mov %eax, 0x44(%rcx)\n\t"
		"movw %cs, 0x38(%rcx)\n\t"
		"movw %ds, 0x3a(%rcx)\n\t"
		"movw %es, 0x3c(%rcx)\n\t"
		"movw %fs, 0x3e(%rcx)\n\t"
		"movw %gs, 0x40(%rcx)\n\t"
		"movw %ss, 0x42(%rcx)\n\t"
		"movl $0x10000f, 0x30(%rcx)\n\t"
		"mov 0x78(%rcx), %rax\n\t"
		"ret");
}

/* Every register from ctx (SysV: %rdi), the last ones through iretq, which loads %rip, %rsp and
 * the flags together without touching the target stack. */
__asm__(".text\n"
	".globl context_resume\n"
	".type context_resume, @function\n"
	"context_resume:\n\t"
	"fxrstor 0x100(%rdi)\n\t"
	"ldmxcsr 0x34(%rdi)\n\t"
	"mov %ss, %eax\n\t"
	"push %rax\n\t"
	"pushq 0x98(%rdi)\n\t"
	"mov 0x44(%rdi), %eax\n\t"
	"push %rax\n\t"
	"mov %cs, %eax\n\t"
	"push %rax\n\t"
	"pushq 0xf8(%rdi)\n\t"
	"mov 0x78(%rdi), %rax\n\t"
	"mov 0x80(%rdi), %rcx\n\t"
	"mov 0x88(%rdi), %rdx\n\t"
	"mov 0x90(%rdi), %rbx\n\t"
	"mov 0xa0(%rdi), %rbp\n\t"
	"mov 0xa8(%rdi), %rsi\n\t"
	"mov 0xb8(%rdi), %r8\n\t"
	"mov 0xc0(%rdi), %r9\n\t"
	"mov 0xc8(%rdi), %r10\n\t"
	"mov 0xd0(%rdi), %r11\n\t"
	"mov 0xd8(%rdi), %r12\n\t"
	"mov 0xe0(%rdi), %r13\n\t"
	"mov 0xe8(%rdi), %r14\n\t"
	"mov 0xf0(%rdi), %r15\n\t"
	"mov 0xb0(%rdi), %rdi\n\t"
	"iretq\n\t"
	".size context_resume, .-context_resume\n");

/* call_handler(call, handler, a, b, c, d): handler(a, b, c, d) in the Windows convention, from a
 * frame that keeps call at 32 bytes above the stack pointer the handler returns to. */
__asm__(".text\n"
	".globl call_handler\n"
	".type call_handler, @function\n"
	"call_handler:\n\t"
	"push %rbp\n\t"
	"mov %rsp, %rbp\n\t"
	"sub $48, %rsp\n\t"
	"mov %rdi, 32(%rsp)\n\t"
	"mov %rsi, %rax\n\t"
	"mov %rcx, %r10\n\t"
	"mov %rdx, %rcx\n\t"
	"mov %r10, %rdx\n\t"
	"call *%rax\n"
	".globl call_handler_return\n"
	"call_handler_return:\n\t"
	"leave\n\t"
	"ret\n\t"
	".size call_handler, .-call_handler\n");

struct handler_call *handler_call_at(ULONG64 rsp)
{
	return *(struct handler_call **)(rsp + 32);
}

/* msvcrt's x64 jmp_buf (setjmp.h's _JUMP_BUFFER), which longjmp's unwind hands to
 * RtlRestoreContext in a STATUS_LONGJUMP record. */
struct jump_buffer {
	ULONG64 Frame, Rbx, Rsp, Rbp, Rsi, Rdi, R12, R13, R14, R15, Rip;
	DWORD MxCsr;
	WORD FpCsr, Spare;
	M128A Xmm[10]; /* Xmm6..Xmm15 */
};
_Static_assert(sizeof(struct jump_buffer) == 256, "_JUMP_BUFFER");

static void load_jump_buffer(CONTEXT *c, const struct jump_buffer *j)
{
	c->Rbx = j->Rbx;
	c->Rsp = j->Rsp;
	c->Rbp = j->Rbp;
	c->Rsi = j->Rsi;
	c->Rdi = j->Rdi;
	c->R12 = j->R12;
	c->R13 = j->R13;
	c->R14 = j->R14;
	c->R15 = j->R15;
	c->Rip = j->Rip;
	c->MxCsr = c->FltSave.MxCsr = j->MxCsr;
	c->FltSave.ControlWord = j->FpCsr;
	memcpy(&c->Xmm[6], j->Xmm, sizeof j->Xmm);
}

WINAPI void ntdll_RtlRestoreContext(CONTEXT *ctx, EXCEPTION_RECORD *rec)
{
	CONTEXT c = *ctx;
	if (rec && rec->ExceptionCode == STATUS_LONGJUMP && rec->NumberParameters >= 1)
		load_jump_buffer(&c, (const struct jump_buffer *)rec->ExceptionInformation[0]);
	else if (rec && rec->ExceptionCode == STATUS_UNWIND_CONSOLIDATE)
		exception_not_implemented("STATUS_UNWIND_CONSOLIDATE (MSVC C++ catch blocks)");
	if ((c.ContextFlags & CONTEXT_FLOATING_POINT) != CONTEXT_FLOATING_POINT) {
		__asm__ volatile("fxsave %0" : "=m"(c.FltSave));
		c.MxCsr = c.FltSave.MxCsr;
	}
	context_resume(&c);
}

WINAPI NTSTATUS ntdll_NtContinue(CONTEXT *ctx, BOOL alert)
{
	(void)alert;
	ntdll_RtlRestoreContext(ctx, 0);
	return 0;
}
