/* A thread stack's guard (exception.h): one page never to be touched, and above it the zone whose
 * first touch is STATUS_STACK_OVERFLOW. Windows keeps a guard page that moves down as the stack
 * commits and raises the exception with a few pages left; here the whole stack is committed
 * lazily by the host, so only the zone at the bottom is needed. */
#include <sys/mman.h>
#include "exception.h"

static ULONG64 *deallocation_stack(TEB *teb)
{
	return (ULONG64 *)((char *)teb + TEB_DEALLOCATION_STACK);
}

int win_stack_guard_init(TEB *teb, void *base, size_t size)
{
	if (mprotect(base, 4096 + STACK_GUARD_ZONE, PROT_NONE) < 0)
		return -1;
	*deallocation_stack(teb) = (ULONG64)base;
	teb->StackBase = (char *)base + size;
	teb->StackLimit = (char *)base + 4096 + STACK_GUARD_ZONE;
	return 0;
}

/* After a stack overflow: the zone back, once the stack is above it again. Nonzero on success. */
WINAPI int msvcrt__resetstkoflw(void)
{
	TEB *teb = NtCurrentTeb();
	ULONG64 zone = *deallocation_stack(teb) + 4096, sp = (ULONG64)__builtin_frame_address(0);
	if (!*deallocation_stack(teb))
		return 0;
	if ((ULONG64)teb->StackLimit > zone)
		return 1; /* never used */
	if (sp < zone + STACK_GUARD_ZONE + 4096 || mprotect((void *)zone, STACK_GUARD_ZONE, PROT_NONE) < 0)
		return 0;
	teb->StackLimit = (void *)(zone + STACK_GUARD_ZONE);
	return 1;
}
