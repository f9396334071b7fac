/* __C_specific_handler, through a function whose scope table is written out by hand (what MSVC
 * emits for __try; gcc has no __try): run_guarded(body) is
 *     __try { __try { body(); } __finally { on_finally(); } } __except (on_filter()) { return code; }
 * Filters run in the search (innermost first), __finally blocks during the unwind that follows
 * EXCEPTION_EXECUTE_HANDLER (AbnormalTermination TRUE), EXCEPTION_CONTINUE_EXECUTION resumes after
 * RaiseException, the __except block gets the exception code; longjmp out of a guarded frame
 * runs its __finally too (msvcrt's longjmp unwinds with STATUS_LONGJUMP). */
#include <setjmp.h>
#include <stdio.h>
#include <windows.h>

int run_guarded(void (*body)(void));
__asm__(".text\n"
	".globl run_guarded\n"
	".def run_guarded; .scl 2; .type 32; .endef\n"
	".seh_proc run_guarded\n"
	"run_guarded:\n\t"
	"pushq %rbx\n\t"
	".seh_pushreg %rbx\n\t"
	"subq $32, %rsp\n\t"
	".seh_stackalloc 32\n\t"
	".seh_endprologue\n\t"
	".seh_handler __C_specific_handler, @except, @unwind\n\t"
	".seh_handlerdata\n\t"
	".long 2\n\t"
	".rva .Ltry_begin, .Ltry_end, on_finally\n\t"
	".long 0\n\t"
	".rva .Ltry_begin, .Ltry_end, on_filter, .Lexcept\n\t"
	".text\n"
	".Ltry_begin:\n\t"
	"call *%rcx\n\t"
	"nop\n"
	".Ltry_end:\n\t"
	"xorl %eax, %eax\n"
	".Lout:\n\t"
	"addq $32, %rsp\n\t"
	"popq %rbx\n\t"
	"ret\n"
	".Lexcept:\n\t"
	"jmp .Lout\n\t"
	".seh_endproc\n");

static const char *plan; /* what the next filters return: '1' execute, '0' search, '-' continue */

LONG on_filter(EXCEPTION_POINTERS *ep, void *frame)
{
	char c = *plan ? *plan++ : '0';
	printf("  filter: %08lX, rip %s the address -> %c\n", ep->ExceptionRecord->ExceptionCode,
	       (void *)ep->ContextRecord->Rip == ep->ExceptionRecord->ExceptionAddress ? "at" : "not at",
	       c);
	(void)frame;
	return c == '1' ? EXCEPTION_EXECUTE_HANDLER : c == '-' ? EXCEPTION_CONTINUE_EXECUTION
							    : EXCEPTION_CONTINUE_SEARCH;
}

void on_finally(BOOLEAN abnormal, void *frame)
{
	(void)frame;
	printf("  finally (abnormal %d)\n", abnormal);
}

static void raise_one(void)
{
	RaiseException(0xE0000010, 0, 0, NULL);
	printf("  resumed after RaiseException\n");
}

static int *volatile nowhere = (int *)8;
static void fault(void)
{
	*nowhere = 1;
}

static void nested(void)
{
	printf("  inner returned %08X\n", run_guarded(raise_one));
}

static jmp_buf env;
static void jump_out(void)
{
	longjmp(env, 5);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("execute handler:\n");
	plan = "1";
	printf("  returned %08X\n", run_guarded(raise_one));
	printf("continue execution:\n");
	plan = "-";
	printf("  returned %08X\n", run_guarded(raise_one));
	printf("access violation:\n");
	plan = "1";
	printf("  returned %08X\n", run_guarded(fault));
	printf("nested, the outer one handles it:\n");
	plan = "01";
	printf("  outer returned %08X\n", run_guarded(nested));
	printf("longjmp out:\n");
	int v = setjmp(env);
	if (!v)
		run_guarded(jump_out);
	printf("  setjmp returned %d\n", v);
	return 0;
}
