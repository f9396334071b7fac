/* Critical sections: recursive locks owned by a thread. The lock word is a futex (0 free,
 * 1 held, 2 held with waiters) kept in the LockSemaphore field; LockCount and RecursionCount
 * follow Windows' meaning (LockCount -1 when free) for programs that look. */
#include <linux/futex.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "kernel32.h"

typedef struct {
	void *DebugInfo;
	LONG LockCount, RecursionCount;
	HANDLE OwningThread;
	HANDLE LockSemaphore;
	ULONG_PTR SpinCount;
} CRITICAL_SECTION;
_Static_assert(sizeof(CRITICAL_SECTION) == 40, "CRITICAL_SECTION");

static _Atomic int *word(CRITICAL_SECTION *cs)
{
	return (_Atomic int *)&cs->LockSemaphore;
}

static void futex(_Atomic int *w, int op, int v)
{
	syscall(SYS_futex, w, op | FUTEX_PRIVATE_FLAG, v, 0, 0, 0);
}

WINAPI BOOL kernel32_InitializeCriticalSectionAndSpinCount(CRITICAL_SECTION *cs, DWORD spin)
{
	cs->DebugInfo = 0;
	cs->LockCount = -1;
	cs->RecursionCount = 0;
	cs->OwningThread = 0;
	cs->LockSemaphore = 0;
	cs->SpinCount = spin;
	return TRUE;
}

WINAPI void kernel32_InitializeCriticalSection(CRITICAL_SECTION *cs)
{
	kernel32_InitializeCriticalSectionAndSpinCount(cs, 0);
}

WINAPI BOOL kernel32_InitializeCriticalSectionEx(CRITICAL_SECTION *cs, DWORD spin, DWORD flags)
{
	(void)flags;
	return kernel32_InitializeCriticalSectionAndSpinCount(cs, spin);
}

WINAPI void kernel32_DeleteCriticalSection(CRITICAL_SECTION *cs)
{
	(void)cs;
}

static HANDLE self(void)
{
	return NtCurrentTeb()->UniqueThread;
}

WINAPI BOOL kernel32_TryEnterCriticalSection(CRITICAL_SECTION *cs)
{
	if (cs->OwningThread == self()) {
		cs->RecursionCount++;
		return TRUE;
	}
	int expect = 0;
	if (!atomic_compare_exchange_strong(word(cs), &expect, 1))
		return FALSE;
	cs->OwningThread = self();
	cs->RecursionCount = 1;
	cs->LockCount = 0;
	return TRUE;
}

WINAPI void kernel32_EnterCriticalSection(CRITICAL_SECTION *cs)
{
	if (cs->OwningThread == self()) {
		cs->RecursionCount++;
		return;
	}
	int c = 0;
	if (!atomic_compare_exchange_strong(word(cs), &c, 1)) {
		if (c != 2)
			c = atomic_exchange(word(cs), 2);
		while (c) {
			futex(word(cs), FUTEX_WAIT, 2);
			c = atomic_exchange(word(cs), 2);
		}
	}
	cs->OwningThread = self();
	cs->RecursionCount = 1;
	cs->LockCount = 0;
}

WINAPI void kernel32_LeaveCriticalSection(CRITICAL_SECTION *cs)
{
	if (--cs->RecursionCount > 0)
		return;
	cs->OwningThread = 0;
	cs->LockCount = -1;
	if (atomic_exchange(word(cs), 0) == 2)
		futex(word(cs), FUTEX_WAKE, 1);
}
