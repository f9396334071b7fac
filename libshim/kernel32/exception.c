/* kernel32's exception exports: RaiseException and the unhandled-exception filter. The rest of
 * exception handling is ntdll's (libshim/ntdll/dispatch.c and its neighbours). */
#pragma GCC diagnostic ignored "-Wunused-parameter" /* naked functions name them for the reader */
#include "../ntdll/exception.h"
#include "kernel32.h"

typedef LONG WINAPI top_filter(EXCEPTION_POINTERS *ep);
static top_filter *unhandled_filter;

WINAPI top_filter *kernel32_SetUnhandledExceptionFilter(top_filter *f)
{
	return __atomic_exchange_n(&unhandled_filter, f, __ATOMIC_ACQ_REL);
}

/* The program's filter decides first; without one, or when it says EXCEPTION_CONTINUE_SEARCH,
 * what Windows Error Reporting does for a console program: report, and EXCEPTION_EXECUTE_HANDLER
 * (the caller ends the process with the exception code as its status). */
WINAPI LONG kernel32_UnhandledExceptionFilter(EXCEPTION_POINTERS *ep)
{
	top_filter *f = __atomic_load_n(&unhandled_filter, __ATOMIC_ACQUIRE);
	if (f) {
		struct handler_call call = { .kind = CALL_VECTORED, .origin = ep->ContextRecord };
		LONG r = (LONG)call_handler(&call, (void *)f, ep, 0, 0, 0);
		if (r != EXCEPTION_CONTINUE_SEARCH)
			return r;
	}
	exception_report(ep->ExceptionRecord);
	return EXCEPTION_EXECUTE_HANDLER;
}

static __attribute__((used)) _Noreturn void raise_exception(CONTEXT *ctx, DWORD code, DWORD flags,
							   DWORD n, const ULONG_PTR *args)
{
	EXCEPTION_RECORD rec = { .ExceptionCode = code,
				 .ExceptionFlags = flags & EXCEPTION_NONCONTINUABLE,
				 .ExceptionAddress = (void *)ctx->Rip };
	if (args) {
		rec.NumberParameters = n > EXCEPTION_MAXIMUM_PARAMETERS ? EXCEPTION_MAXIMUM_PARAMETERS : n;
		for (DWORD i = 0; i < rec.NumberParameters; i++)
			rec.ExceptionInformation[i] = args[i];
	}
	dispatch_exception(&rec, ctx);
}

/* RaiseException(code, flags, n, args): dispatched from the caller's context, so that a handler
 * that continues execution returns from this call. */
WINAPI __attribute__((naked)) void kernel32_RaiseException(DWORD code, DWORD flags, DWORD n,
							   const ULONG_PTR *args)
{
	__asm__(CAPTURE_CALLER_CONTEXT
		"mov %rsp, %rdi\n\t"
		"mov %ecx, %esi\n\t"
		"mov %r8, %rcx\n\t"
		"mov %r9, %r8\n\t"
		"call raise_exception\n\t"
		"ud2");
}
