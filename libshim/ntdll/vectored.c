/* Vectored exception and continue handlers (RtlAddVectoredExceptionHandler and friends): two lists
 * called in order, before the frames (exceptions) and after a handler has decided to continue
 * (continue handlers). A removed entry is unlinked but never freed, so that a dispatch running on
 * another thread can still step past it. */
#include <pthread.h>
#include <stdlib.h>
#include "exception.h"

typedef LONG WINAPI vectored_handler(EXCEPTION_POINTERS *ep);
struct vectored {
	struct vectored *next;
	vectored_handler *handler;
	int removed;
};
static struct vectored *lists[2]; /* 0: exception handlers, 1: continue handlers */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *add(int list, ULONG first, vectored_handler *h)
{
	struct vectored *v = calloc(1, sizeof *v);
	if (!v)
		return 0;
	v->handler = h;
	pthread_mutex_lock(&lock);
	struct vectored **p = &lists[list];
	if (!first)
		while (*p)
			p = &(*p)->next;
	v->next = *p;
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&lock);
	return v;
}

static ULONG remove_entry(int list, void *entry)
{
	ULONG found = 0;
	pthread_mutex_lock(&lock);
	for (struct vectored **p = &lists[list]; *p; p = &(*p)->next)
		if (*p == entry) {
			(*p)->removed = 1;
			__atomic_store_n(p, (*p)->next, __ATOMIC_RELEASE);
			found = 1;
			break;
		}
	pthread_mutex_unlock(&lock);
	return found;
}

WINAPI void *ntdll_RtlAddVectoredExceptionHandler(ULONG first, vectored_handler *h)
{
	return add(0, first, h);
}

WINAPI ULONG ntdll_RtlRemoveVectoredExceptionHandler(void *entry)
{
	return remove_entry(0, entry);
}

WINAPI void *ntdll_RtlAddVectoredContinueHandler(ULONG first, vectored_handler *h)
{
	return add(1, first, h);
}

WINAPI ULONG ntdll_RtlRemoveVectoredContinueHandler(void *entry)
{
	return remove_entry(1, entry);
}

LONG call_vectored_handlers(int list, EXCEPTION_RECORD *rec, CONTEXT *ctx)
{
	EXCEPTION_POINTERS ep = { rec, ctx };
	struct handler_call call = { .kind = CALL_VECTORED, .origin = ctx };
	for (struct vectored *v = __atomic_load_n(&lists[list], __ATOMIC_ACQUIRE); v;
	     v = __atomic_load_n(&v->next, __ATOMIC_ACQUIRE)) {
		if (v->removed)
			continue;
		if ((LONG)call_handler(&call, (void *)v->handler, &ep, 0, 0, 0) ==
		    EXCEPTION_CONTINUE_EXECUTION)
			return EXCEPTION_CONTINUE_EXECUTION;
	}
	return EXCEPTION_CONTINUE_SEARCH;
}
