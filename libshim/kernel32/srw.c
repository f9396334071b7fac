/* Slim reader/writer locks. SRWLOCK is one pointer-sized word, zero when free (SRWLOCK_INIT);
 * its low 32 bits are the lock: WRITER, or the number of readers, plus WAITING when a thread
 * sleeps on it (a release that sees WAITING wakes every sleeper to retry). Like Windows' own,
 * the lock is not fair and not recursive. */
#include "futex.h"
#include "kernel32.h"

#define WRITER 0x80000000u
#define WAITING 0x40000000u
#define READERS 0x3fffffffu

typedef struct {
	void *Ptr;
} SRWLOCK;

static atomic_uint *word(SRWLOCK *l)
{
	return (atomic_uint *)&l->Ptr;
}

WINAPI void kernel32_InitializeSRWLock(SRWLOCK *l)
{
	l->Ptr = 0;
}

/* Sleep until the lock changes from s, saying so first. */
static void sleep_on(atomic_uint *w, unsigned s)
{
	if (!(s & WAITING) && !atomic_compare_exchange_strong(w, &s, s | WAITING))
		return; /* it changed: look again */
	futex_wait_ms(w, s | WAITING, 0xffffffffu);
}

WINAPI BOOL kernel32_TryAcquireSRWLockExclusive(SRWLOCK *l)
{
	atomic_uint *w = word(l);
	unsigned s = atomic_load(w);
	return !(s & (WRITER | READERS)) && atomic_compare_exchange_strong(w, &s, s | WRITER);
}

WINAPI void kernel32_AcquireSRWLockExclusive(SRWLOCK *l)
{
	atomic_uint *w = word(l);
	for (;;) {
		unsigned s = atomic_load(w);
		if (!(s & (WRITER | READERS))) {
			if (atomic_compare_exchange_weak(w, &s, s | WRITER))
				return;
		} else {
			sleep_on(w, s);
		}
	}
}

WINAPI BOOL kernel32_TryAcquireSRWLockShared(SRWLOCK *l)
{
	atomic_uint *w = word(l);
	unsigned s = atomic_load(w);
	while (!(s & WRITER))
		if (atomic_compare_exchange_weak(w, &s, s + 1))
			return TRUE;
	return FALSE;
}

WINAPI void kernel32_AcquireSRWLockShared(SRWLOCK *l)
{
	atomic_uint *w = word(l);
	for (;;) {
		unsigned s = atomic_load(w);
		if (!(s & WRITER)) {
			if (atomic_compare_exchange_weak(w, &s, s + 1))
				return;
		} else {
			sleep_on(w, s);
		}
	}
}

/* The lock is free of owners in s: if someone sleeps, clear WAITING and wake them all. */
static void wake_sleepers(atomic_uint *w, unsigned s)
{
	while (!(s & (WRITER | READERS)) && (s & WAITING))
		if (atomic_compare_exchange_weak(w, &s, s & ~WAITING)) {
			futex_wake(w, INT_MAX);
			return;
		}
}

WINAPI void kernel32_ReleaseSRWLockExclusive(SRWLOCK *l)
{
	atomic_uint *w = word(l);
	unsigned s = atomic_fetch_and(w, ~(WRITER | WAITING));
	if (s & WAITING)
		futex_wake(w, INT_MAX);
}

WINAPI void kernel32_ReleaseSRWLockShared(SRWLOCK *l)
{
	atomic_uint *w = word(l);
	wake_sleepers(w, atomic_fetch_sub(w, 1) - 1);
}
