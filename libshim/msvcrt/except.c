/* __C_specific_handler: the language handler of C functions with __try blocks (Microsoft's x64
 * exception-handling documentation, "Language-specific handler"). Its data is a SCOPE_TABLE: for
 * each __try range, either a filter and the __except block's address, or (JumpTarget 0) a
 * __finally block, called on unwind. */
#include "../ntdll/exception.h"
#include "msvcrt.h"

typedef struct {
	ULONG Count;
	struct {
		ULONG BeginAddress, EndAddress, HandlerAddress, JumpTarget; /* RVAs */
	} ScopeRecord[];
} SCOPE_TABLE;

typedef LONG WINAPI filter_fn(EXCEPTION_POINTERS *ep, void *frame);
typedef void WINAPI finally_fn(BYTE abnormal, void *frame);

WINAPI DWORD msvcrt___C_specific_handler(EXCEPTION_RECORD *rec, void *frame, CONTEXT *ctx,
					  DISPATCHER_CONTEXT *dc)
{
	const SCOPE_TABLE *t = dc->HandlerData;
	ULONG64 base = dc->ImageBase, pc = dc->ControlPc - base;
	if (!(rec->ExceptionFlags & EXCEPTION_UNWIND)) {
		EXCEPTION_POINTERS ep = { rec, ctx };
		struct handler_call call = { .kind = CALL_EXCEPTION, .origin = ctx, .dc = dc };
		for (ULONG i = dc->ScopeIndex; i < t->Count; i++) {
			if (pc < t->ScopeRecord[i].BeginAddress || pc >= t->ScopeRecord[i].EndAddress ||
			    !t->ScopeRecord[i].JumpTarget)
				continue;
			LONG r = EXCEPTION_EXECUTE_HANDLER; /* HandlerAddress 1: __except(1) */
			if (t->ScopeRecord[i].HandlerAddress != 1)
				r = (LONG)call_handler(&call, (void *)(base + t->ScopeRecord[i].HandlerAddress),
						       &ep, frame, 0, 0);
			if (r < 0)
				return ExceptionContinueExecution;
			if (r > 0) /* into the __except block, the exception code in %eax */
				unwind_to(frame, (void *)(base + t->ScopeRecord[i].JumpTarget), rec,
					  (void *)(ULONG_PTR)rec->ExceptionCode, ctx);
		}
		return ExceptionContinueSearch;
	}
	struct handler_call call = { .kind = CALL_UNWIND, .dc = dc };
	for (ULONG i = dc->ScopeIndex; i < t->Count; i++) {
		if (pc < t->ScopeRecord[i].BeginAddress || pc >= t->ScopeRecord[i].EndAddress)
			continue;
		if (t->ScopeRecord[i].JumpTarget) {
			/* The __except block the unwind goes to: the __finally blocks around it stay. */
			if ((rec->ExceptionFlags & EXCEPTION_TARGET_UNWIND) &&
			    dc->TargetIp == base + t->ScopeRecord[i].JumpTarget)
				break;
			continue;
		}
		dc->ScopeIndex = i + 1; /* a collided unwind resumes after this one */
		call_handler(&call, (void *)(base + t->ScopeRecord[i].HandlerAddress), (void *)1, frame,
			     0, 0);
	}
	return ExceptionContinueSearch;
}
