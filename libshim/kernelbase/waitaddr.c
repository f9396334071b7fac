/* WaitOnAddress and WakeByAddress*: waiters sleep on one of 256 futex words chosen by the
 * address; a wake bumps that word and wakes all its sleepers, who re-check their own address
 * (Windows documents spurious wake-ups: callers loop). Exported by kernelbase.dll (and the
 * api-ms-win-core-synch-l1-2-0 API set that mingw's libsynchronization.a imports). */
#include <string.h>
#include "../kernel32/futex.h"
#include "../kernel32/kernel32.h"

#define ERROR_TIMEOUT 1460

static atomic_uint buckets[256];

static atomic_uint *bucket(volatile void *addr)
{
	uintptr_t a = (uintptr_t)addr;
	return &buckets[(a >> 3 ^ a >> 11) & 255];
}

static int same(volatile void *addr, const void *cmp, SIZE_T size)
{
	switch (size) {
	case 1: return *(volatile BYTE *)addr == *(const BYTE *)cmp;
	case 2: return *(volatile WORD *)addr == *(const WORD *)cmp;
	case 4: return *(volatile DWORD *)addr == *(const DWORD *)cmp;
	default: return *(volatile ULONGLONG *)addr == *(const ULONGLONG *)cmp;
	}
}

WINAPI BOOL kernelbase_WaitOnAddress(volatile void *addr, void *cmp, SIZE_T size, DWORD ms)
{
	if (size != 1 && size != 2 && size != 4 && size != 8) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	atomic_uint *b = bucket(addr);
	unsigned seq = atomic_load(b);
	if (!same(addr, cmp, size))
		return TRUE;
	if (futex_wait_ms(b, seq, ms) < 0) {
		win_set_last_error(ERROR_TIMEOUT);
		return FALSE;
	}
	return TRUE;
}

WINAPI void kernelbase_WakeByAddressAll(void *addr)
{
	atomic_uint *b = bucket(addr);
	atomic_fetch_add(b, 1);
	futex_wake(b, INT_MAX);
}

/* Waking one would risk waking a sleeper on another address of the bucket: all re-check. */
WINAPI void kernelbase_WakeByAddressSingle(void *addr)
{
	kernelbase_WakeByAddressAll(addr);
}
