/* setjmp and longjmp as x64 msvcrt.dll does them. _setjmp(buf, frame) records the callee-saved
 * registers and the establisher frame mingw-w64's setjmp.h passes (__builtin_frame_address(0));
 * longjmp with a frame unwinds to it with RtlUnwind and a STATUS_LONGJUMP record, so termination
 * handlers and C++ cleanups between run, and RtlRestoreContext takes the registers from the
 * buffer. Without a frame it only restores them. */
#pragma GCC diagnostic ignored "-Wunused-parameter" /* naked functions name them for the reader */
#include "../ntdll/exception.h"
#include "msvcrt.h"

/* Fill the _JUMP_BUFFER at %rcx with the caller's registers and Frame = %rdx; return 0. */
#define SAVE_JUMP_BUFFER \
	"mov %rdx, 0x00(%rcx)\n\t" \
	"mov %rbx, 0x08(%rcx)\n\t" \
	"lea 8(%rsp), %rax\n\t" \
	"mov %rax, 0x10(%rcx)\n\t" \
	"mov %rbp, 0x18(%rcx)\n\t" \
	"mov %rsi, 0x20(%rcx)\n\t" \
	"mov %rdi, 0x28(%rcx)\n\t" \
	"mov %r12, 0x30(%rcx)\n\t" \
	"mov %r13, 0x38(%rcx)\n\t" \
	"mov %r14, 0x40(%rcx)\n\t" \
	"mov %r15, 0x48(%rcx)\n\t" \
	"mov (%rsp), %rax\n\t" \
	"mov %rax, 0x50(%rcx)\n\t" \
	"stmxcsr 0x58(%rcx)\n\t" \
	"fnstcw 0x5c(%rcx)\n\t" \
	"movdqu %xmm6, 0x60(%rcx)\n\t" \
	"movdqu %xmm7, 0x70(%rcx)\n\t" \
	"movdqu %xmm8, 0x80(%rcx)\n\t" \
	"movdqu %xmm9, 0x90(%rcx)\n\t" \
	"movdqu %xmm10, 0xa0(%rcx)\n\t" \
	"movdqu %xmm11, 0xb0(%rcx)\n\t" \
	"movdqu %xmm12, 0xc0(%rcx)\n\t" \
	"movdqu %xmm13, 0xd0(%rcx)\n\t" \
	"movdqu %xmm14, 0xe0(%rcx)\n\t" \
	"movdqu %xmm15, 0xf0(%rcx)\n\t" \
	"xor %eax, %eax\n\t" \
	"ret"

WINAPI __attribute__((naked)) int msvcrt__setjmp(void *buf, void *frame)
{
	__asm__(SAVE_JUMP_BUFFER);
}

WINAPI __attribute__((naked)) int msvcrt__setjmpex(void *buf, void *frame)
{
	__asm__(SAVE_JUMP_BUFFER);
}

/* The one-argument form has no frame to unwind to. */
WINAPI __attribute__((naked)) int msvcrt_setjmp(void *buf)
{
	__asm__("xor %edx, %edx\n\t" SAVE_JUMP_BUFFER);
}

static __attribute__((used)) _Noreturn void long_jump(CONTEXT *ctx, ULONG64 *buf, int value)
{
	EXCEPTION_RECORD rec = { .ExceptionCode = STATUS_LONGJUMP, .NumberParameters = 1,
				 .ExceptionInformation = { (ULONG_PTR)buf } };
	if (!value)
		value = 1;
	if (buf[0])
		unwind_to((void *)buf[0], (void *)buf[10], &rec, (void *)(ULONG_PTR)(unsigned)value, ctx);
	ctx->Rax = (unsigned)value;
	ntdll_RtlRestoreContext(ctx, &rec);
	__builtin_unreachable();
}

WINAPI __attribute__((naked)) void msvcrt_longjmp(void *buf, int value)
{
	__asm__(CAPTURE_CALLER_CONTEXT
		"mov %rsp, %rdi\n\t"
		"mov %rcx, %rsi\n\t"
		"call long_jump\n\t"
		"ud2");
}
