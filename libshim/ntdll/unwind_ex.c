/* RtlUnwindEx and RtlUnwind: call the termination handler of every frame from the caller up to the
 * target frame (EXCEPTION_UNWINDING, EXCEPTION_TARGET_UNWIND at the target), then continue in the
 * target frame at the target address with the return value in %rax. */
#pragma GCC diagnostic ignored "-Wunused-parameter" /* naked functions name them for the reader */
#include "exception.h"

#define STATUS_UNWIND 0xC0000027u

_Noreturn void unwind_to(void *target_frame, void *target_ip, EXCEPTION_RECORD *rec,
			 void *retval, CONTEXT *ctx)
{
	EXCEPTION_RECORD own = { .ExceptionCode = STATUS_UNWIND, .ExceptionAddress = (void *)ctx->Rip };
	if (!rec)
		rec = &own;
	ULONG64 target = (ULONG64)target_frame;
	rec->ExceptionFlags |= EXCEPTION_UNWINDING | (target ? 0 : EXCEPTION_EXIT_UNWIND);
	CONTEXT cur = *ctx, next;
	DISPATCHER_CONTEXT dc = { .TargetIp = (ULONG64)target_ip, .ContextRecord = &cur };
	for (;;) {
		if (!stack_contains(cur.Rsp))
			raise_status(STATUS_BAD_STACK, rec, ctx);
		if (cur.Rip == (ULONG64)call_handler_return) {
			struct handler_call *call = handler_call_at(cur.Rsp);
			if (call->kind != CALL_UNWIND) {
				/* From inside an exception handler: on through the frames of the exception. */
				cur = *call->origin;
				continue;
			}
			/* A collided unwind, from inside a termination handler of another unwind: that
			 * one's frame is done; go on past it. */
			DISPATCHER_CONTEXT *old = call->dc;
			cur = *old->ContextRecord;
			dc.ControlPc = old->ControlPc;
			dc.ImageBase = old->ImageBase;
			dc.FunctionEntry = old->FunctionEntry;
			dc.EstablisherFrame = old->EstablisherFrame;
			dc.LanguageHandler = old->LanguageHandler;
			dc.HandlerData = old->HandlerData;
			dc.HistoryTable = old->HistoryTable;
			dc.ScopeIndex = old->ScopeIndex;
			next = cur;
			DISPATCHER_CONTEXT scratch;
			unwind_frame(UNW_FLAG_NHANDLER, &next, &scratch);
			rec->ExceptionFlags |= EXCEPTION_COLLIDED_UNWIND;
		} else {
			next = cur;
			if (unwind_frame(UNW_FLAG_UHANDLER, &next, &dc) < 0)
				raise_status(STATUS_INVALID_UNWIND_TARGET, rec, ctx);
			if (target && dc.EstablisherFrame > target)
				raise_status(STATUS_INVALID_UNWIND_TARGET, rec, ctx);
			if (dc.LanguageHandler) {
				if (dc.EstablisherFrame == target)
					rec->ExceptionFlags |= EXCEPTION_TARGET_UNWIND;
				dc.ScopeIndex = 0;
				dc.ContextRecord = &cur;
				struct handler_call call = { .kind = CALL_UNWIND, .dc = &dc };
				DWORD r = call_handler(&call, (void *)dc.LanguageHandler, rec,
						       (void *)dc.EstablisherFrame, &cur, &dc);
				if (r != ExceptionContinueSearch)
					raise_status(STATUS_INVALID_DISPOSITION, rec, ctx);
			}
			rec->ExceptionFlags &= ~(EXCEPTION_TARGET_UNWIND | EXCEPTION_COLLIDED_UNWIND);
		}
		if (dc.EstablisherFrame == target)
			break;
		cur = next;
	}
	cur.Rax = (ULONG64)retval;
	cur.Rip = (ULONG64)target_ip;
	ntdll_RtlRestoreContext(&cur, rec);
	__builtin_unreachable();
}

static __attribute__((used)) _Noreturn void unwind_from(CONTEXT *ctx, void *frame, void *ip,
							EXCEPTION_RECORD *rec, void *retval)
{
	unwind_to(frame, ip, rec, retval, ctx);
}

/* RtlUnwindEx(frame, ip, rec, retval, context, history): the context argument is the scratch
 * space Windows works in; the unwind starts from the caller's registers either way. */
WINAPI __attribute__((naked)) void ntdll_RtlUnwindEx(void *frame, void *ip, EXCEPTION_RECORD *rec,
						     void *retval, CONTEXT *ctx,
						     UNWIND_HISTORY_TABLE *history)
{
	__asm__(CAPTURE_CALLER_CONTEXT
		"mov %rsp, %rdi\n\t"
		"mov %rcx, %rsi\n\t"
		"mov %r8, %rcx\n\t"
		"mov %r9, %r8\n\t"
		"call unwind_from\n\t"
		"ud2");
}

WINAPI __attribute__((naked)) void ntdll_RtlUnwind(void *frame, void *ip, EXCEPTION_RECORD *rec,
						   void *retval)
{
	__asm__(CAPTURE_CALLER_CONTEXT
		"mov %rsp, %rdi\n\t"
		"mov %rcx, %rsi\n\t"
		"mov %r8, %rcx\n\t"
		"mov %r9, %r8\n\t"
		"call unwind_from\n\t"
		"ud2");
}
