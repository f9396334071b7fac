/* Structured exception handling on x64: the winnt.h layouts (offsets checked below) and what the
 * exception files share (libshim/README.md, "Exceptions"). */
#ifndef XABI_NTDLL_EXCEPTION_H
#define XABI_NTDLL_EXCEPTION_H

#include "teb.h"

typedef uint64_t ULONG64; /* basetsd.h */

/* ntstatus.h */
#define STATUS_SUCCESS 0x00000000u
#define STATUS_BREAKPOINT 0x80000003u
#define STATUS_SINGLE_STEP 0x80000004u
#define STATUS_LONGJUMP 0x80000026u
#define STATUS_UNWIND_CONSOLIDATE 0x80000029u
#define STATUS_ACCESS_VIOLATION 0xC0000005u
#define STATUS_INVALID_PARAMETER 0xC000000Du
#define STATUS_ILLEGAL_INSTRUCTION 0xC000001Du
#define STATUS_NONCONTINUABLE_EXCEPTION 0xC0000025u
#define STATUS_INVALID_DISPOSITION 0xC0000026u
#define STATUS_FLOAT_DENORMAL_OPERAND 0xC000008Du
#define STATUS_FLOAT_DIVIDE_BY_ZERO 0xC000008Eu
#define STATUS_FLOAT_INEXACT_RESULT 0xC000008Fu
#define STATUS_FLOAT_INVALID_OPERATION 0xC0000090u
#define STATUS_FLOAT_OVERFLOW 0xC0000091u
#define STATUS_FLOAT_STACK_CHECK 0xC0000092u
#define STATUS_FLOAT_UNDERFLOW 0xC0000093u
#define STATUS_INTEGER_DIVIDE_BY_ZERO 0xC0000094u
#define STATUS_INTEGER_OVERFLOW 0xC0000095u
#define STATUS_PRIVILEGED_INSTRUCTION 0xC0000096u
#define STATUS_STACK_OVERFLOW 0xC00000FDu
#define STATUS_BAD_STACK 0xC0000028u
#define STATUS_INVALID_UNWIND_TARGET 0xC0000029u

/* ExceptionFlags */
#define EXCEPTION_NONCONTINUABLE 0x01
#define EXCEPTION_UNWINDING 0x02
#define EXCEPTION_EXIT_UNWIND 0x04
#define EXCEPTION_STACK_INVALID 0x08
#define EXCEPTION_NESTED_CALL 0x10
#define EXCEPTION_TARGET_UNWIND 0x20
#define EXCEPTION_COLLIDED_UNWIND 0x40
#define EXCEPTION_UNWIND (EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND)

/* What a frame handler returns (EXCEPTION_DISPOSITION) and what a filter returns. */
#define ExceptionContinueExecution 0
#define ExceptionContinueSearch 1
#define ExceptionNestedException 2
#define ExceptionCollidedUnwind 3
#define EXCEPTION_EXECUTE_HANDLER 1
#define EXCEPTION_CONTINUE_SEARCH 0
#define EXCEPTION_CONTINUE_EXECUTION (-1)

#define EXCEPTION_MAXIMUM_PARAMETERS 15

typedef struct EXCEPTION_RECORD {
	DWORD ExceptionCode;
	DWORD ExceptionFlags;
	struct EXCEPTION_RECORD *ExceptionRecord;
	void *ExceptionAddress;
	DWORD NumberParameters;
	ULONG_PTR ExceptionInformation[EXCEPTION_MAXIMUM_PARAMETERS];
} EXCEPTION_RECORD;
_Static_assert(offsetof(EXCEPTION_RECORD, ExceptionAddress) == 0x10, "ExceptionAddress");
_Static_assert(offsetof(EXCEPTION_RECORD, ExceptionInformation) == 0x20, "ExceptionInformation");
_Static_assert(sizeof(EXCEPTION_RECORD) == 0x98, "EXCEPTION_RECORD");

typedef struct __attribute__((aligned(16))) {
	ULONGLONG Low;
	LONGLONG High;
} M128A;

typedef struct {
	WORD ControlWord, StatusWord;
	BYTE TagWord, Reserved1;
	WORD ErrorOpcode;
	DWORD ErrorOffset;
	WORD ErrorSelector, Reserved2;
	DWORD DataOffset;
	WORD DataSelector, Reserved3;
	DWORD MxCsr, MxCsr_Mask;
	M128A FloatRegisters[8];
	M128A XmmRegisters[16];
	BYTE Reserved4[96];
} XMM_SAVE_AREA32; /* the fxsave image */
_Static_assert(sizeof(XMM_SAVE_AREA32) == 512, "XMM_SAVE_AREA32");

#define CONTEXT_AMD64 0x00100000
#define CONTEXT_CONTROL (CONTEXT_AMD64 | 0x1)
#define CONTEXT_INTEGER (CONTEXT_AMD64 | 0x2)
#define CONTEXT_SEGMENTS (CONTEXT_AMD64 | 0x4)
#define CONTEXT_FLOATING_POINT (CONTEXT_AMD64 | 0x8)
#define CONTEXT_FULL (CONTEXT_CONTROL | CONTEXT_INTEGER | CONTEXT_FLOATING_POINT)

typedef struct __attribute__((aligned(16))) {
	ULONGLONG P1Home, P2Home, P3Home, P4Home, P5Home, P6Home;
	DWORD ContextFlags, MxCsr;
	WORD SegCs, SegDs, SegEs, SegFs, SegGs, SegSs;
	DWORD EFlags;
	ULONGLONG Dr0, Dr1, Dr2, Dr3, Dr6, Dr7;
	/* In the order of the x64 register numbers (UNWIND_CODE's OpInfo). */
	ULONGLONG Rax, Rcx, Rdx, Rbx, Rsp, Rbp, Rsi, Rdi, R8, R9, R10, R11, R12, R13, R14, R15;
	ULONGLONG Rip;
	union {
		XMM_SAVE_AREA32 FltSave;
		struct {
			M128A Header[2], Legacy[8];
			M128A Xmm[16]; /* Xmm0..Xmm15 */
		};
	};
	M128A VectorRegister[26];
	ULONGLONG VectorControl, DebugControl, LastBranchToRip, LastBranchFromRip,
		LastExceptionToRip, LastExceptionFromRip;
} CONTEXT;
_Static_assert(offsetof(CONTEXT, ContextFlags) == 0x30, "ContextFlags");
_Static_assert(offsetof(CONTEXT, MxCsr) == 0x34, "MxCsr");
_Static_assert(offsetof(CONTEXT, SegCs) == 0x38, "SegCs");
_Static_assert(offsetof(CONTEXT, SegSs) == 0x42, "SegSs");
_Static_assert(offsetof(CONTEXT, EFlags) == 0x44, "EFlags");
_Static_assert(offsetof(CONTEXT, Dr0) == 0x48, "Dr0");
_Static_assert(offsetof(CONTEXT, Rax) == 0x78, "Rax");
_Static_assert(offsetof(CONTEXT, Rsp) == 0x98, "Rsp");
_Static_assert(offsetof(CONTEXT, R15) == 0xf0, "R15");
_Static_assert(offsetof(CONTEXT, Rip) == 0xf8, "Rip");
_Static_assert(offsetof(CONTEXT, FltSave) == 0x100, "FltSave");
_Static_assert(offsetof(CONTEXT, Xmm) == 0x1a0, "Xmm0");
_Static_assert(offsetof(CONTEXT, VectorRegister) == 0x300, "VectorRegister");
_Static_assert(offsetof(CONTEXT, VectorControl) == 0x4a0, "VectorControl");
_Static_assert(sizeof(CONTEXT) == 0x4d0, "CONTEXT");

static inline ULONGLONG *context_reg(CONTEXT *c, unsigned n)
{
	return &c->Rax + n;
}

typedef struct {
	EXCEPTION_RECORD *ExceptionRecord;
	CONTEXT *ContextRecord;
} EXCEPTION_POINTERS;

typedef struct {
	DWORD BeginAddress, EndAddress, UnwindData; /* RVAs */
} RUNTIME_FUNCTION;

typedef struct {
	ULONG Count;
	BYTE LocalHint, GlobalHint, Search, Once;
	ULONG64 LowAddress, HighAddress;
	struct {
		ULONG64 ImageBase;
		RUNTIME_FUNCTION *FunctionEntry;
	} Entry[12];
} UNWIND_HISTORY_TABLE;

typedef struct {
	M128A *FloatingContext[16];
	ULONG64 *IntegerContext[16];
} KNONVOLATILE_CONTEXT_POINTERS;

struct DISPATCHER_CONTEXT;
typedef DWORD WINAPI exception_routine(EXCEPTION_RECORD *rec, void *establisher_frame,
				       CONTEXT *ctx, struct DISPATCHER_CONTEXT *dc);

typedef struct DISPATCHER_CONTEXT {
	ULONG64 ControlPc, ImageBase;
	RUNTIME_FUNCTION *FunctionEntry;
	ULONG64 EstablisherFrame, TargetIp;
	CONTEXT *ContextRecord;
	exception_routine *LanguageHandler;
	void *HandlerData;
	UNWIND_HISTORY_TABLE *HistoryTable;
	ULONG ScopeIndex, Fill0;
} DISPATCHER_CONTEXT;
_Static_assert(offsetof(DISPATCHER_CONTEXT, EstablisherFrame) == 0x18, "EstablisherFrame");
_Static_assert(offsetof(DISPATCHER_CONTEXT, LanguageHandler) == 0x30, "LanguageHandler");
_Static_assert(offsetof(DISPATCHER_CONTEXT, ScopeIndex) == 0x48, "ScopeIndex");
_Static_assert(sizeof(DISPATCHER_CONTEXT) == 0x50, "DISPATCHER_CONTEXT");

/* UNWIND_INFO flags: which handler RtlVirtualUnwind returns. */
#define UNW_FLAG_NHANDLER 0
#define UNW_FLAG_EHANDLER 1
#define UNW_FLAG_UHANDLER 2
#define UNW_FLAG_CHAININFO 4

/* The TEB fields the stack guard uses (reserved in teb.h's layout). */
#define TEB_DEALLOCATION_STACK 0x1478
#define TEB_GUARANTEED_STACK_BYTES 0x1748
_Static_assert(TEB_DEALLOCATION_STACK >= 0x6c && TEB_GUARANTEED_STACK_BYTES < 0x1780, "reserved");

/* The stack guard (stack.c): below a thread's stack, one page that is never touched and, above it,
 * STACK_GUARD_ZONE bytes whose first touch raises STATUS_STACK_OVERFLOW and leaves the zone for
 * the handlers to run on; _resetstkoflw puts it back. */
#define STACK_GUARD_ZONE (64 * 1024)
/* Protect the guard of the stack [base, base+size) (base is its lowest address), and record the
 * stack in teb (StackBase, StackLimit, DeallocationStack). 0, or -1 (errno set). */
int win_stack_guard_init(TEB *teb, void *base, size_t size);

/* Copy of a CONTEXT's registers into the CPU, resuming there (context.c). */
_Noreturn void context_resume(const CONTEXT *ctx);

/* A handler call the dispatcher or the unwinder makes through call_handler (context.c): a walk that
 * reaches its frame continues from here instead of from the dispatcher's own frames. */
enum handler_call_kind { CALL_VECTORED, CALL_EXCEPTION, CALL_UNWIND };
struct handler_call {
	enum handler_call_kind kind;
	CONTEXT *origin;         /* CALL_VECTORED, CALL_EXCEPTION: where the exception was raised */
	DISPATCHER_CONTEXT *dc;  /* CALL_EXCEPTION, CALL_UNWIND: the frame whose handler runs */
};
DWORD call_handler(struct handler_call *call, void *handler, void *a, void *b, void *c, void *d);
/* The return address of call_handler's call: a walk that finds it is in a handler call. */
extern const char call_handler_return[];
/* The handler_call of the call_handler frame whose return address is at rsp. */
struct handler_call *handler_call_at(ULONG64 rsp);

/* One frame up: ctx (a frame in a PE module or dynamic function table) becomes its caller's, dc
 * gets the frame's function, handler and establisher frame (handler_type: UNW_FLAG_*). 0, or -1 when
 * pc is not guest code (xabi's own or unknown). */
int unwind_frame(DWORD handler_type, CONTEXT *ctx, DISPATCHER_CONTEXT *dc);
/* Is rsp inside the calling thread's stack? */
int stack_contains(ULONG64 rsp);

/* The dispatcher (dispatch.c): vectored handlers, frames from ctx up, the unhandled filter. Resumes
 * ctx when the exception is handled, ends the process when not. */
_Noreturn void dispatch_exception(EXCEPTION_RECORD *rec, CONTEXT *ctx);
/* Raise a new exception from shim code on behalf of the caller whose context is ctx. */
_Noreturn void raise_status(DWORD code, EXCEPTION_RECORD *nested, CONTEXT *ctx);
/* Vectored handlers (vectored.c): LONG handler(EXCEPTION_POINTERS *) in order; returns
 * EXCEPTION_CONTINUE_EXECUTION as soon as one does. */
LONG call_vectored_handlers(int continue_list, EXCEPTION_RECORD *rec, CONTEXT *ctx);
/* The unhandled-exception filter (kernel32/exception.c). */
WINAPI LONG kernel32_UnhandledExceptionFilter(EXCEPTION_POINTERS *ep);
/* The one-line report of an exception nobody handled (UnhandledExceptionFilter's default). */
void exception_report(const EXCEPTION_RECORD *rec);

/* "xabi: exception handling: WHAT not implemented", status 120 (thunks/missing.c's convention). */
_Noreturn void exception_not_implemented(const char *what);

/* The unwinder (unwind_ex.c), from ctx (the caller of RtlUnwindEx or longjmp). */
_Noreturn void unwind_to(void *target_frame, void *target_ip, EXCEPTION_RECORD *rec,
			 void *retval, CONTEXT *ctx);

/* Make the host's faults reach the dispatcher (abi/windows/faults.c): entry is
 * ntdll_KiUserExceptionDispatcher. */
void windows_faults_init(void (*entry)(void));
void ntdll_KiUserExceptionDispatcher(void);

/* Exports other files call. */
WINAPI void ntdll_RtlRestoreContext(CONTEXT *ctx, EXCEPTION_RECORD *rec);
WINAPI RUNTIME_FUNCTION *ntdll_RtlLookupFunctionEntry(ULONG64 pc, ULONG64 *base,
							 UNWIND_HISTORY_TABLE *history);
WINAPI exception_routine *ntdll_RtlVirtualUnwind(DWORD type, ULONG64 base, ULONG64 pc,
						 RUNTIME_FUNCTION *fn, CONTEXT *ctx, void **data,
						 ULONG64 *frame, KNONVOLATILE_CONTEXT_POINTERS *ptrs);

/* The capture done by every export that works from its caller's registers (RtlCaptureContext,
 * RaiseException, RtlUnwindEx, longjmp): on entry to a naked function, a CONTEXT at a new 16-byte
 * aligned %rsp holding the caller's registers as they will be when the call returns (Rip the
 * return address, Rsp past it). The Windows arguments stay in the saved Rcx, Rdx, R8, R9; a fifth
 * and sixth are at 0x500 and 0x508 from the new %rsp. */
#define CAPTURE_CALLER_CONTEXT \
	"sub $0x4d8, %rsp\n\t" \
	"mov %rax, 0x78(%rsp)\n\t" \
	"mov %rcx, 0x80(%rsp)\n\t" \
	"mov %rdx, 0x88(%rsp)\n\t" \
	"mov %rbx, 0x90(%rsp)\n\t" \
	"mov %rbp, 0xa0(%rsp)\n\t" \
	"mov %rsi, 0xa8(%rsp)\n\t" \
	"mov %rdi, 0xb0(%rsp)\n\t" \
	"mov %r8, 0xb8(%rsp)\n\t" \
	"mov %r9, 0xc0(%rsp)\n\t" \
	"mov %r10, 0xc8(%rsp)\n\t" \
	"mov %r11, 0xd0(%rsp)\n\t" \
	"mov %r12, 0xd8(%rsp)\n\t" \
	"mov %r13, 0xe0(%rsp)\n\t" \
	"mov %r14, 0xe8(%rsp)\n\t" \
	"mov %r15, 0xf0(%rsp)\n\t" \
	"lea 0x4e0(%rsp), %rax\n\t" \
	"mov %rax, 0x98(%rsp)\n\t" \
	"mov 0x4d8(%rsp), %rax\n\t" \
	"mov %rax, 0xf8(%rsp)\n\t" \
	"fxsave 0x100(%rsp)\n\t" \
	"stmxcsr 0x34(%rsp)\n\t" \
	"pushfq\n\t" \
	"popq %rax\n\t" \
	"mov %eax, 0x44(%rsp)\n\t" \
	"movw %cs, 0x38(%rsp)\n\t" \
	"movw %ds, 0x3a(%rsp)\n\t" \
	"movw %es, 0x3c(%rsp)\n\t" \
	"movw %fs, 0x3e(%rsp)\n\t" \
	"movw %gs, 0x40(%rsp)\n\t" \
	"movw %ss, 0x42(%rsp)\n\t" \
	"movl $0x10000f, 0x30(%rsp)\n\t" \
	"mov 0x78(%rsp), %rax\n\t"

#endif
