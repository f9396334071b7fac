/* Thread-local storage slots: the first 64 live in the TEB (TlsSlots), where compilers' inline
 * TlsGetValue reads them; further ones in TlsExpansionSlots. */
#include <stdatomic.h>
#include <stdlib.h>
#include "kernel32.h"

#define TLS_EXPANSION_SLOTS 1024
#define TLS_OUT_OF_INDEXES 0xffffffffu

static _Atomic unsigned char used[TLS_MINIMUM_AVAILABLE + TLS_EXPANSION_SLOTS];

static void **slot(DWORD i)
{
	TEB *t = NtCurrentTeb();
	if (i < TLS_MINIMUM_AVAILABLE)
		return &t->TlsSlots[i];
	if (!t->TlsExpansionSlots &&
	    !(t->TlsExpansionSlots = calloc(TLS_EXPANSION_SLOTS, sizeof(void *))))
		return 0;
	return &t->TlsExpansionSlots[i - TLS_MINIMUM_AVAILABLE];
}

WINAPI DWORD kernel32_TlsAlloc(void)
{
	for (DWORD i = 0; i < sizeof used; i++) {
		unsigned char expect = 0;
		if (atomic_compare_exchange_strong(&used[i], &expect, 1)) {
			void **p = slot(i);
			if (p)
				*p = 0;
			return i;
		}
	}
	win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	return TLS_OUT_OF_INDEXES;
}

WINAPI BOOL kernel32_TlsFree(DWORD i)
{
	if (i >= sizeof used || !used[i]) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	used[i] = 0;
	return TRUE;
}

WINAPI LPVOID kernel32_TlsGetValue(DWORD i)
{
	void **p = i < sizeof used ? slot(i) : 0;
	if (!p) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	win_set_last_error(ERROR_SUCCESS); /* Windows clears it: NULL can be a stored value */
	return *p;
}

WINAPI BOOL kernel32_TlsSetValue(DWORD i, LPVOID v)
{
	void **p = i < sizeof used ? slot(i) : 0;
	if (!p) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	*p = v;
	return TRUE;
}
