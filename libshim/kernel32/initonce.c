/* One-time initialisation. INIT_ONCE is one pointer-sized word: its low two bits are the state
 * (0 not started, 1 a synchronous initialisation running, 2 done, 3 asynchronous attempts
 * running), the rest the context stored on completion (whose low INIT_ONCE_CTX_RESERVED_BITS = 2
 * bits must be zero). Waiters for a synchronous initialisation sleep on the word's low half. */
#include "futex.h"
#include "kernel32.h"

#define INIT_ONCE_CHECK_ONLY 0x1
#define INIT_ONCE_ASYNC 0x2
#define INIT_ONCE_INIT_FAILED 0x4
#define ERROR_GEN_FAILURE 31

enum { NOT_STARTED, RUNNING, DONE, ASYNC };

typedef struct {
	void *Ptr;
} INIT_ONCE;

static _Atomic uintptr_t *word(INIT_ONCE *o)
{
	return (_Atomic uintptr_t *)&o->Ptr;
}

WINAPI void kernel32_InitOnceInitialize(INIT_ONCE *o)
{
	o->Ptr = 0;
}

static BOOL fail(DWORD err)
{
	win_set_last_error(err);
	return FALSE;
}

WINAPI BOOL kernel32_InitOnceBeginInitialize(INIT_ONCE *o, DWORD flags, BOOL *pending, void **ctx)
{
	if (flags & ~(INIT_ONCE_CHECK_ONLY | INIT_ONCE_ASYNC))
		return fail(ERROR_INVALID_PARAMETER);
	_Atomic uintptr_t *w = word(o);
	for (;;) {
		uintptr_t v = atomic_load(w);
		switch (v & 3) {
		case DONE:
			*pending = FALSE;
			if (ctx)
				*ctx = (void *)(v & ~(uintptr_t)3);
			return TRUE;
		case ASYNC:
			if (flags & INIT_ONCE_CHECK_ONLY)
				return fail(ERROR_GEN_FAILURE);
			if (!(flags & INIT_ONCE_ASYNC))
				return fail(ERROR_INVALID_PARAMETER); /* sync refused while async runs */
			*pending = TRUE; /* one more attempt in parallel */
			return TRUE;
		case NOT_STARTED:
			if (flags & INIT_ONCE_CHECK_ONLY)
				return fail(ERROR_GEN_FAILURE);
			if (atomic_compare_exchange_strong(w, &v, (flags & INIT_ONCE_ASYNC) ? ASYNC : RUNNING)) {
				*pending = TRUE;
				return TRUE;
			}
			break;
		case RUNNING:
			if (flags & INIT_ONCE_CHECK_ONLY)
				return fail(ERROR_GEN_FAILURE);
			if (flags & INIT_ONCE_ASYNC)
				return fail(ERROR_INVALID_PARAMETER);
			futex_wait_ms((atomic_uint *)w, (unsigned)v, 0xffffffffu);
			break;
		}
	}
}

WINAPI BOOL kernel32_InitOnceComplete(INIT_ONCE *o, DWORD flags, void *ctx)
{
	uintptr_t c = (uintptr_t)ctx;
	if ((flags & ~(INIT_ONCE_ASYNC | INIT_ONCE_INIT_FAILED)) ||
	    (flags & INIT_ONCE_ASYNC && flags & INIT_ONCE_INIT_FAILED) || (c & 3))
		return fail(ERROR_INVALID_PARAMETER);
	_Atomic uintptr_t *w = word(o);
	uintptr_t v = atomic_load(w);
	if (flags & INIT_ONCE_ASYNC) {
		/* The first attempt to complete wins; a later one learns it lost. */
		if ((v & 3) != ASYNC || !atomic_compare_exchange_strong(w, &v, c | DONE))
			return fail((v & 3) == DONE ? ERROR_ALREADY_EXISTS : ERROR_INVALID_PARAMETER);
		return TRUE;
	}
	if ((v & 3) != RUNNING)
		return fail(ERROR_GEN_FAILURE);
	atomic_store(w, flags & INIT_ONCE_INIT_FAILED ? NOT_STARTED : c | DONE);
	futex_wake((atomic_uint *)w, INT_MAX);
	return TRUE;
}

typedef BOOL WINAPI init_fn(INIT_ONCE *o, void *param, void **ctx);

WINAPI BOOL kernel32_InitOnceExecuteOnce(INIT_ONCE *o, init_fn *fn, void *param, void **ctx)
{
	BOOL pending;
	if (!kernel32_InitOnceBeginInitialize(o, 0, &pending, ctx))
		return FALSE;
	if (!pending)
		return TRUE;
	void *c = 0;
	if (!fn(o, param, &c)) {
		kernel32_InitOnceComplete(o, INIT_ONCE_INIT_FAILED, 0);
		return FALSE;
	}
	if (!kernel32_InitOnceComplete(o, 0, c)) {
		kernel32_InitOnceComplete(o, INIT_ONCE_INIT_FAILED, 0); /* c had reserved bits set */
		return FALSE;
	}
	if (ctx)
		*ctx = c;
	return TRUE;
}
