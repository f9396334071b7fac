/* Stack overflow: unbounded recursion raises STATUS_STACK_OVERFLOW (0xC00000FD), which a vectored
 * handler sees while there is still stack to run it on, and leaves with longjmp (unwinding every
 * recursion frame). _resetstkoflw puts the guard back, so a second overflow is caught the same
 * way. (Wine 8 does not survive the longjmp out of the handler.) */
#include <malloc.h>
#include <setjmp.h>
#include <stdio.h>
#include <windows.h>

static jmp_buf env;
static volatile int depth;

static LONG CALLBACK handler(EXCEPTION_POINTERS *ep)
{
	EXCEPTION_RECORD *r = ep->ExceptionRecord;
	if (r->ExceptionCode != EXCEPTION_STACK_OVERFLOW)
		return EXCEPTION_CONTINUE_SEARCH;
	printf("caught %08lX after more than 1000 frames: %s, %lu parameters\n", r->ExceptionCode,
	       depth > 1000 ? "yes" : "no", r->NumberParameters);
	longjmp(env, 1);
}

__attribute__((noinline)) static int recurse(int n)
{
	volatile char pad[512];
	pad[0] = (char)n;
	depth = n;
	return n < 0 ? 0 : recurse(n + 1) + pad[0]; /* n < 0: never, but gcc cannot tell */
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	AddVectoredExceptionHandler(1, handler);
	for (int round = 1; round <= 2; round++) {
		if (!setjmp(env))
			recurse(0);
		printf("round %d: back in main, _resetstkoflw: %s\n", round, _resetstkoflw() ? "ok" : "failed");
	}
	return 0;
}
