/* RtlVirtualUnwind on every kind of UNWIND_CODE (Microsoft's x64 exception-handling
 * documentation): functions written in assembly with .seh directives are never run; instead a
 * fake stack is filled as each would have it at a given pc, and one frame is unwound from there.
 * Covered: PUSH_NONVOL, ALLOC_SMALL, ALLOC_LARGE (16- and 32-bit sizes), SAVE_NONVOL(_FAR),
 * SAVE_XMM128(_FAR), SET_FPREG, PUSH_MACHFRAME (with an error code), chained unwind info (.pdata
 * and .xdata written by hand), a pc inside the prolog (only the codes before it apply) and inside
 * the epilog (the epilog is simulated), the handler and its data, returned only for a pc in
 * the body, and code outside any module described by RtlAddFunctionTable and by
 * RtlInstallFunctionTableCallback, until RtlDeleteFunctionTable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

extern char push_mid[], push_body[], push_epilog[], large_body[], far_body[], frame_body[],
	mach_body[], chain_body[], chain_begin[];
void handler_fn(void);

__asm__(".text\n"
	/* chain_fn: [chain_begin, chain_part2) has the prolog, [chain_part2, chain_end) unwind
	 * info that only chains to it */
	".globl chain_begin\nchain_begin:\n\t"
	"pushq %rbx\n\t"
	"subq $32, %rsp\n"
	"chain_part2:\n\t"
	"nop\n"
	".globl chain_body\nchain_body:\n\t"
	"nop\n\tret\n"
	"chain_end:\n\t"
	".section .xdata\n\t.p2align 2\n"
	"chain_info1:\n\t"
	".byte 1, 5, 2, 0\n\t"
	".byte 5, 0x32\n\t" /* at 5: ALLOC_SMALL 32 */
	".byte 1, 0x30\n"   /* at 1: PUSH_NONVOL rbx */
	"chain_info2:\n\t"
	".byte 0x21, 0, 0, 0\n\t" /* version 1, UNW_FLAG_CHAININFO, no codes */
	".rva chain_begin, chain_part2, chain_info1\n\t"
	".section .pdata\n\t.p2align 2\n\t"
	".rva chain_begin, chain_part2, chain_info1\n\t"
	".rva chain_part2, chain_end, chain_info2\n\t"
	".text\n"
	/* push_fn: push rbx, rsi, r12; sub $24; a handler */
	".globl push_fn\n.def push_fn; .scl 2; .type 32; .endef\n.seh_proc push_fn\npush_fn:\n\t"
	"pushq %rbx\n\t.seh_pushreg %rbx\n\t"
	"pushq %rsi\n\t.seh_pushreg %rsi\n"
	".globl push_mid\npush_mid:\n\t"
	"pushq %r12\n\t.seh_pushreg %r12\n\t"
	"subq $24, %rsp\n\t.seh_stackalloc 24\n\t.seh_endprologue\n\t"
	".seh_handler handler_fn, @except\n"
	".globl push_body\npush_body:\n\t"
	"nop\n"
	".globl push_epilog\npush_epilog:\n\t"
	"addq $24, %rsp\n\tpopq %r12\n\tpopq %rsi\n\tpopq %rbx\n\tret\n\t"
	".seh_handlerdata\n\t.long 0x12345678\n\t.text\n\t.seh_endproc\n"
	/* large_fn: push rbx; sub $0x2000; r13 and xmm6 saved with mov */
	".globl large_fn\n.def large_fn; .scl 2; .type 32; .endef\n.seh_proc large_fn\nlarge_fn:\n\t"
	"pushq %rbx\n\t.seh_pushreg %rbx\n\t"
	"subq $0x2000, %rsp\n\t.seh_stackalloc 0x2000\n\t"
	"movq %r13, 0x100(%rsp)\n\t.seh_savereg %r13, 0x100\n\t"
	"movaps %xmm6, 0x200(%rsp)\n\t.seh_savexmm %xmm6, 0x200\n\t.seh_endprologue\n"
	".globl large_body\nlarge_body:\n\t"
	"nop\n\tret\n\t.seh_endproc\n"
	/* far_fn: sub $0x110000; r14 and xmm7 saved past the 16-bit scaled offsets */
	".globl far_fn\n.def far_fn; .scl 2; .type 32; .endef\n.seh_proc far_fn\nfar_fn:\n\t"
	"subq $0x110000, %rsp\n\t.seh_stackalloc 0x110000\n\t"
	"movq %r14, 0x100000(%rsp)\n\t.seh_savereg %r14, 0x100000\n\t"
	"movaps %xmm7, 0x100010(%rsp)\n\t.seh_savexmm %xmm7, 0x100010\n\t.seh_endprologue\n"
	".globl far_body\nfar_body:\n\t"
	"nop\n\tret\n\t.seh_endproc\n"
	/* frame_fn: push rbp; sub $64; lea 32(%rsp), %rbp as the frame register */
	".globl frame_fn\n.def frame_fn; .scl 2; .type 32; .endef\n.seh_proc frame_fn\nframe_fn:\n\t"
	"pushq %rbp\n\t.seh_pushreg %rbp\n\t"
	"subq $64, %rsp\n\t.seh_stackalloc 64\n\t"
	"leaq 32(%rsp), %rbp\n\t.seh_setframe %rbp, 32\n\t.seh_endprologue\n"
	".globl frame_body\nframe_body:\n\t"
	"nop\n\tret\n\t.seh_endproc\n"
	/* mach_fn: an interrupt handler's frame with an error code, then push rbx */
	".globl mach_fn\n.def mach_fn; .scl 2; .type 32; .endef\n.seh_proc mach_fn\nmach_fn:\n\t"
	".seh_pushframe code\n\t"
	"pushq %rbx\n\t.seh_pushreg %rbx\n\t.seh_endprologue\n"
	".globl mach_body\nmach_body:\n\t"
	"nop\n\tret\n\t.seh_endproc\n"
	".text\n");

void handler_fn(void)
{
}

static ULONG64 stack[0x24000]; /* 1.1 MiB: far_fn's frame */
static CONTEXT ctx;
static void *handler, *data;
static ULONG64 frame;

static void fill(void)
{
	for (size_t i = 0; i < sizeof stack / sizeof *stack; i++)
		stack[i] = 0x1000000 + i;
	memset(&ctx, 0, sizeof ctx);
	handler = data = NULL;
}

/* Unwind one frame of the function at pc with %rsp at stack[sp]. */
static int unwind(void *pc, size_t sp)
{
	DWORD64 base;
	ctx.Rip = (DWORD64)pc;
	ctx.Rsp = (DWORD64)&stack[sp];
	PRUNTIME_FUNCTION f = RtlLookupFunctionEntry(ctx.Rip, &base, NULL);
	if (!f)
		return 0;
	handler = (void *)RtlVirtualUnwind(UNW_FLAG_EHANDLER, base, ctx.Rip, f, &ctx, &data, &frame,
					   NULL);
	return 1;
}

/* Which stack slot v came from, or -1. */
static long slot(ULONG64 v)
{
	return v >= 0x1000000 && v < 0x1000000 + sizeof stack / sizeof *stack ? (long)(v - 0x1000000) : -1;
}

static long at(ULONG64 rsp)
{
	return (long)((ULONG64 *)rsp - stack);
}

/* "Generated code" outside any module (from the heap) with its function table, 0x1000 bytes of
 * it: one function at 0, whose unwind info (at 0x800) says push rbx; sub $32. */
static char *code;
static RUNTIME_FUNCTION table[1] = { { 0, 0x100, 0x800 } };
static const BYTE info[] = { 1, 5, 2, 0, 5, 0x32, 1, 0x30 };

static PRUNTIME_FUNCTION CALLBACK table_callback(DWORD64 pc, void *context)
{
	(void)pc;
	return context;
}

static void dynamic(const char *how)
{
	fill();
	int found = unwind(code + 0x40, 0);
	printf("%s: found %d", how, found);
	if (found)
		printf(", rbx %ld rip %ld rsp %ld", slot(ctx.Rbx), slot(ctx.Rip), at(ctx.Rsp));
	printf("\n");
}

int main(void)
{
	fill();
	unwind(push_body, 0);
	printf("push body: rbx %ld rsi %ld r12 %ld rip %ld rsp %ld frame %ld handler %s data %08lx\n",
	       slot(ctx.Rbx), slot(ctx.Rsi), slot(ctx.R12), slot(ctx.Rip), at(ctx.Rsp), at(frame),
	       handler == (void *)handler_fn ? "handler_fn" : "none",
	       data ? *(unsigned long *)data : 0UL);
	fill();
	unwind(push_mid, 0);
	printf("push prolog: rbx %ld rsi %ld r12 %ld rip %ld rsp %ld handler %s\n", slot(ctx.Rbx),
	       slot(ctx.Rsi), slot(ctx.R12), slot(ctx.Rip), at(ctx.Rsp), handler ? "yes" : "none");
	fill();
	unwind(push_epilog, 0);
	printf("push epilog: rbx %ld rsi %ld r12 %ld rip %ld rsp %ld handler %s\n", slot(ctx.Rbx),
	       slot(ctx.Rsi), slot(ctx.R12), slot(ctx.Rip), at(ctx.Rsp), handler ? "yes" : "none");
	fill();
	unwind(large_body, 0);
	printf("large: r13 %ld xmm6 %ld/%ld rbx %ld rip %ld rsp %ld\n", slot(ctx.R13),
	       slot(ctx.Xmm6.Low), slot((ULONG64)ctx.Xmm6.High), slot(ctx.Rbx), slot(ctx.Rip),
	       at(ctx.Rsp));
	fill();
	unwind(far_body, 0);
	printf("far: r14 %ld xmm7 %ld/%ld rip %ld rsp %ld\n", slot(ctx.R14), slot(ctx.Xmm7.Low),
	       slot((ULONG64)ctx.Xmm7.High), slot(ctx.Rip), at(ctx.Rsp));
	fill();
	ctx.Rbp = (ULONG64)&stack[100 + 4]; /* the frame base (after sub $64) at slot 100 */
	unwind(frame_body, 40);             /* the body moved %rsp: it does not matter */
	printf("frame: rbp %ld rip %ld rsp %ld frame %ld\n", slot(ctx.Rbp), slot(ctx.Rip), at(ctx.Rsp),
	       at(frame));
	fill();
	stack[5] = 0x7777; /* the interrupted rsp in the machine frame */
	unwind(mach_body, 0);
	printf("machine frame: rbx %ld rip %ld rsp 0x%llx\n", slot(ctx.Rbx), slot(ctx.Rip),
	       (unsigned long long)ctx.Rsp);
	fill();
	int found = unwind(chain_body, 0);
	printf("chained: found %d, rbx %ld rip %ld rsp %ld frame %ld\n", found, slot(ctx.Rbx),
	       slot(ctx.Rip), at(ctx.Rsp), at(frame));
	(void)chain_begin;

	code = malloc(0x1000);
	memcpy(code + 0x800, info, sizeof info);
	DWORD64 base = (DWORD64)code;
	dynamic("no table");
	printf("RtlAddFunctionTable: %d\n", RtlAddFunctionTable(table, 1, base));
	dynamic("added table");
	int deleted = RtlDeleteFunctionTable(table);
	printf("RtlDeleteFunctionTable: %d, again: %d\n", deleted, RtlDeleteFunctionTable(table));
	dynamic("deleted table");
	DWORD64 id = base | 3;
	printf("RtlInstallFunctionTableCallback: %d\n",
	       RtlInstallFunctionTableCallback(id, base, 0x1000, table_callback, table, NULL));
	dynamic("callback");
	printf("deleted: %d\n", RtlDeleteFunctionTable((PRUNTIME_FUNCTION)id));
	return 0;
}
