/* The exception dispatcher (RtlDispatchException, KiUserExceptionDispatcher, RtlRaiseException):
 * vectored handlers first, then the handler of each frame found by unwinding from where the
 * exception was raised, then the unhandled-exception filter. */
#pragma GCC diagnostic ignored "-Wunused-parameter" /* naked functions name them for the reader */
#include <stdio.h>
#include <unistd.h>
#include "../kernel32/kernel32.h"
#include "../../loader/pe_modules.h"
#include "exception.h"

extern char __executable_start[], etext[];

/* Where a host fault enters (abi/windows/faults.c): %rsp at a CONTEXT followed by an
 * EXCEPTION_RECORD, as Windows' kernel leaves them for KiUserExceptionDispatcher. */
__asm__(".text\n"
	".globl ntdll_KiUserExceptionDispatcher\n"
	".type ntdll_KiUserExceptionDispatcher, @function\n"
	"ntdll_KiUserExceptionDispatcher:\n\t"
	"mov %rsp, %rsi\n\t"
	"lea 0x4d0(%rsp), %rdi\n\t"
	"call dispatch_exception\n\t"
	"ud2\n\t"
	".size ntdll_KiUserExceptionDispatcher, .-ntdll_KiUserExceptionDispatcher\n");

_Noreturn void exception_not_implemented(const char *what)
{
	fflush(0);
	dprintf(2, "xabi: exception handling: %s not implemented\n", what);
	kernel32_ExitProcess(120);
}

_Noreturn void raise_status(DWORD code, EXCEPTION_RECORD *nested, CONTEXT *ctx)
{
	EXCEPTION_RECORD rec = { .ExceptionCode = code,
				 .ExceptionFlags = EXCEPTION_NONCONTINUABLE,
				 .ExceptionRecord = nested,
				 .ExceptionAddress = (void *)ctx->Rip };
	CONTEXT c = *ctx;
	dispatch_exception(&rec, &c);
}

/* Continue at ctx once a handler asked for it: the continue handlers run first. */
static _Noreturn void resume(EXCEPTION_RECORD *rec, CONTEXT *ctx)
{
	if (rec->ExceptionFlags & EXCEPTION_NONCONTINUABLE)
		raise_status(STATUS_NONCONTINUABLE_EXCEPTION, rec, ctx);
	call_vectored_handlers(1, rec, ctx);
	ntdll_RtlRestoreContext(ctx, 0);
	__builtin_unreachable();
}

/* The frame the search stopped at, when it is xabi's own code that called the program back rather
 * than the thread's first frame (near the top of its stack). */
static ULONG64 stopped_in_xabi;

static int thread_base(const CONTEXT *c)
{
	TEB *teb = NtCurrentTeb();
	return !teb->StackBase || (ULONG64)teb->StackBase - c->Rsp < 1024;
}

_Noreturn void dispatch_exception(EXCEPTION_RECORD *rec, CONTEXT *ctx)
{
	if (call_vectored_handlers(0, rec, ctx) == EXCEPTION_CONTINUE_EXECUTION)
		resume(rec, ctx);
	CONTEXT cur = *ctx;
	DISPATCHER_CONTEXT dc = { .ContextRecord = &cur };
	for (;;) {
		if (!stack_contains(cur.Rsp)) {
			rec->ExceptionFlags |= EXCEPTION_STACK_INVALID;
			break;
		}
		if (cur.Rip == (ULONG64)call_handler_return) {
			/* A handler's own exception: the search goes on through the frames of the
			 * exception it handles (nested), or from the frame being unwound, whose handler
			 * sees the new exception (collided: how GCC's handler starts a cleanup). */
			struct handler_call *call = handler_call_at(cur.Rsp);
			if (call->kind == CALL_UNWIND) {
				cur = *call->dc->ContextRecord;
			} else {
				if (call->kind == CALL_EXCEPTION)
					rec->ExceptionFlags |= EXCEPTION_NESTED_CALL;
				cur = *call->origin;
			}
			continue;
		}
		if (unwind_frame(UNW_FLAG_EHANDLER, &cur, &dc) < 0) {
			if (!thread_base(&cur))
				stopped_in_xabi = cur.Rip;
			break;
		}
		if (!dc.LanguageHandler)
			continue;
		if (!stack_contains(dc.EstablisherFrame)) {
			rec->ExceptionFlags |= EXCEPTION_STACK_INVALID;
			break;
		}
		dc.ScopeIndex = 0;
		struct handler_call call = { .kind = CALL_EXCEPTION, .origin = ctx, .dc = &dc };
		DWORD r = call_handler(&call, (void *)dc.LanguageHandler, rec,
				       (void *)dc.EstablisherFrame, ctx, &dc);
		switch (r) {
		case ExceptionContinueExecution:
			resume(rec, ctx);
		case ExceptionContinueSearch:
			break;
		case ExceptionNestedException:
			rec->ExceptionFlags |= EXCEPTION_NESTED_CALL;
			break;
		default:
			raise_status(STATUS_INVALID_DISPOSITION, rec, ctx);
		}
	}
	/* No frame handled it: what the first frame of every Windows thread does, an __except whose
	 * filter is UnhandledExceptionFilter and whose handler ends the process. */
	EXCEPTION_POINTERS ep = { rec, ctx };
	struct handler_call call = { .kind = CALL_VECTORED, .origin = ctx };
	LONG r = (LONG)call_handler(&call, (void *)kernel32_UnhandledExceptionFilter, &ep, 0, 0, 0);
	if (r == EXCEPTION_CONTINUE_EXECUTION)
		resume(rec, ctx);
	kernel32_ExitProcess(rec->ExceptionCode);
}

static const char *exception_name(DWORD code)
{
	switch (code) {
	case STATUS_ACCESS_VIOLATION: return "access violation";
	case STATUS_BREAKPOINT: return "breakpoint";
	case STATUS_SINGLE_STEP: return "single step";
	case STATUS_ILLEGAL_INSTRUCTION: return "illegal instruction";
	case STATUS_PRIVILEGED_INSTRUCTION: return "privileged instruction";
	case STATUS_INTEGER_DIVIDE_BY_ZERO: return "integer divide by zero";
	case STATUS_INTEGER_OVERFLOW: return "integer overflow";
	case STATUS_STACK_OVERFLOW: return "stack overflow";
	case STATUS_NONCONTINUABLE_EXCEPTION: return "noncontinuable exception";
	case STATUS_INVALID_DISPOSITION: return "invalid disposition";
	case STATUS_INVALID_UNWIND_TARGET: return "invalid unwind target";
	case STATUS_FLOAT_DENORMAL_OPERAND: return "float denormal operand";
	case STATUS_FLOAT_DIVIDE_BY_ZERO: return "float divide by zero";
	case STATUS_FLOAT_INEXACT_RESULT: return "float inexact result";
	case STATUS_FLOAT_INVALID_OPERATION: return "float invalid operation";
	case STATUS_FLOAT_OVERFLOW: return "float overflow";
	case STATUS_FLOAT_STACK_CHECK: return "float stack check";
	case STATUS_FLOAT_UNDERFLOW: return "float underflow";
	case 0xC00002B5u: return "float multiple traps";
	case 0x20474343u: return "GCC C++ exception";
	case 0xE06D7363u: return "Microsoft C++ exception";
	}
	return 0;
}

/* Where pc is: "prog.exe+0x1234", "xabi+0x…", or nothing. */
static void where(char *buf, size_t size, ULONG64 pc)
{
	struct pe_module *m = pe_module_from_pc(pc);
	if (m)
		snprintf(buf, size, " (%s+0x%llx)", m->name, (unsigned long long)(pc - (ULONG64)m->img.base));
	else if (pc >= (ULONG64)__executable_start && pc < (ULONG64)etext)
		snprintf(buf, size, " (xabi+0x%llx)", (unsigned long long)(pc - (ULONG64)__executable_start));
	else
		buf[0] = 0;
}

void exception_report(const EXCEPTION_RECORD *rec)
{
	const char *name = exception_name(rec->ExceptionCode);
	char detail[96] = "", at[300], xabi_at[300];
	if ((rec->ExceptionCode == STATUS_ACCESS_VIOLATION || rec->ExceptionCode == STATUS_STACK_OVERFLOW) &&
	    rec->NumberParameters >= 2) {
		ULONG_PTR how = rec->ExceptionInformation[0];
		snprintf(detail, sizeof detail, ": %s 0x%llx",
			 how == 8 ? "executing" : how == 1 ? "writing" : "reading",
			 (unsigned long long)rec->ExceptionInformation[1]);
	}
	where(at, sizeof at, (ULONG64)rec->ExceptionAddress);
	fflush(0);
	dprintf(2, "xabi: unhandled exception 0x%08X%s%s%s at %p%s%s\n", rec->ExceptionCode,
		name ? " (" : "", name ? name : "", name ? ")" : "", rec->ExceptionAddress, at, detail);
	if (stopped_in_xabi) {
		where(xabi_at, sizeof xabi_at, stopped_in_xabi);
		dprintf(2, "xabi: (the search for a handler stopped at xabi's own code%s, which called "
			   "the program back: exceptions cannot cross it)\n", xabi_at);
	}
}

static __attribute__((used)) _Noreturn void raise_from(EXCEPTION_RECORD *rec, CONTEXT *ctx)
{
	rec->ExceptionAddress = (void *)ctx->Rip;
	dispatch_exception(rec, ctx);
}

/* RtlRaiseException(rec): dispatched from the caller's context. */
WINAPI __attribute__((naked)) void ntdll_RtlRaiseException(EXCEPTION_RECORD *rec)
{
	__asm__(CAPTURE_CALLER_CONTEXT
		"mov %rsp, %rsi\n\t"
		"mov %rcx, %rdi\n\t"
		"call raise_from\n\t"
		"ud2");
}
