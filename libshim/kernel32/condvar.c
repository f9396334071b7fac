/* Condition variables. CONDITION_VARIABLE is one pointer-sized word, zero initially; its low 32
 * bits count wakes. A sleeper reads the count while it holds the lock, releases the lock and
 * sleeps while the count is unchanged, so a wake between the two is not lost. Windows allows
 * spurious wake-ups, which this has (a Wake may release a thread that began sleeping after it). */
#include "futex.h"
#include "kernel32.h"

#define CONDITION_VARIABLE_LOCKMODE_SHARED 0x1
#define ERROR_TIMEOUT 1460

typedef struct {
	void *Ptr;
} CONDITION_VARIABLE;
typedef struct {
	void *Ptr;
} SRWLOCK;
typedef struct CRITICAL_SECTION CRITICAL_SECTION;

WINAPI void kernel32_EnterCriticalSection(CRITICAL_SECTION *cs);
WINAPI void kernel32_LeaveCriticalSection(CRITICAL_SECTION *cs);
WINAPI void kernel32_AcquireSRWLockExclusive(SRWLOCK *l);
WINAPI void kernel32_AcquireSRWLockShared(SRWLOCK *l);
WINAPI void kernel32_ReleaseSRWLockExclusive(SRWLOCK *l);
WINAPI void kernel32_ReleaseSRWLockShared(SRWLOCK *l);

static atomic_uint *word(CONDITION_VARIABLE *cv)
{
	return (atomic_uint *)&cv->Ptr;
}

WINAPI void kernel32_InitializeConditionVariable(CONDITION_VARIABLE *cv)
{
	cv->Ptr = 0;
}

WINAPI void kernel32_WakeConditionVariable(CONDITION_VARIABLE *cv)
{
	atomic_fetch_add(word(cv), 1);
	futex_wake(word(cv), 1);
}

WINAPI void kernel32_WakeAllConditionVariable(CONDITION_VARIABLE *cv)
{
	atomic_fetch_add(word(cv), 1);
	futex_wake(word(cv), INT_MAX);
}

WINAPI BOOL kernel32_SleepConditionVariableCS(CONDITION_VARIABLE *cv, CRITICAL_SECTION *cs, DWORD ms)
{
	unsigned seq = atomic_load(word(cv));
	kernel32_LeaveCriticalSection(cs);
	int r = futex_wait_ms(word(cv), seq, ms);
	kernel32_EnterCriticalSection(cs);
	if (r < 0) {
		win_set_last_error(ERROR_TIMEOUT);
		return FALSE;
	}
	return TRUE;
}

WINAPI BOOL kernel32_SleepConditionVariableSRW(CONDITION_VARIABLE *cv, SRWLOCK *l, DWORD ms,
					       ULONG flags)
{
	int shared = flags & CONDITION_VARIABLE_LOCKMODE_SHARED;
	unsigned seq = atomic_load(word(cv));
	if (shared)
		kernel32_ReleaseSRWLockShared(l);
	else
		kernel32_ReleaseSRWLockExclusive(l);
	int r = futex_wait_ms(word(cv), seq, ms);
	if (shared)
		kernel32_AcquireSRWLockShared(l);
	else
		kernel32_AcquireSRWLockExclusive(l);
	if (r < 0) {
		win_set_last_error(ERROR_TIMEOUT);
		return FALSE;
	}
	return TRUE;
}
