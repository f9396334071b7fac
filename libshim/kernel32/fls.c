/* Fiber-local storage. There are no fibers, so a fiber's slots are its thread's: one block of
 * values per thread that has set one, all blocks in a list so that FlsFree can run the slot's
 * callback on every thread's value (on the freeing thread, as Windows does). A thread's
 * callbacks run when it ends (fls_thread_exit, before DLL_THREAD_DETACH). Index 0 is never
 * handed out. */
#include <pthread.h>
#include <stdlib.h>
#include "kernel32.h"
#include "object.h"

#define FLS_SLOTS 1024
#define FLS_OUT_OF_INDEXES 0xffffffffu
#define ERROR_NO_MORE_ITEMS 259

typedef void WINAPI fls_callback(void *);

struct block {
	struct block *next, **prev;
	void *v[FLS_SLOTS];
};

static struct {
	int used;
	fls_callback *cb;
} slots[FLS_SLOTS];
static struct block *blocks;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static __thread struct block *mine;

WINAPI DWORD kernel32_FlsAlloc(fls_callback *cb)
{
	pthread_mutex_lock(&lock);
	for (DWORD i = 1; i < FLS_SLOTS; i++)
		if (!slots[i].used) {
			slots[i].used = 1;
			slots[i].cb = cb;
			for (struct block *b = blocks; b; b = b->next)
				b->v[i] = 0;
			pthread_mutex_unlock(&lock);
			return i;
		}
	pthread_mutex_unlock(&lock);
	win_set_last_error(ERROR_NO_MORE_ITEMS);
	return FLS_OUT_OF_INDEXES;
}

static int valid(DWORD i)
{
	if (i && i < FLS_SLOTS && slots[i].used)
		return 1;
	win_set_last_error(ERROR_INVALID_PARAMETER);
	return 0;
}

WINAPI LPVOID kernel32_FlsGetValue(DWORD i)
{
	if (!valid(i))
		return 0;
	win_set_last_error(ERROR_SUCCESS); /* NULL can be a stored value */
	return mine ? mine->v[i] : 0;
}

WINAPI BOOL kernel32_FlsSetValue(DWORD i, LPVOID v)
{
	if (!valid(i))
		return FALSE;
	if (!mine) {
		struct block *b = calloc(1, sizeof *b);
		if (!b) {
			win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
			return FALSE;
		}
		pthread_mutex_lock(&lock);
		b->next = blocks;
		b->prev = &blocks;
		if (blocks)
			blocks->prev = &b->next;
		blocks = b;
		pthread_mutex_unlock(&lock);
		mine = b;
	}
	mine->v[i] = v;
	return TRUE;
}

WINAPI BOOL kernel32_FlsFree(DWORD i)
{
	/* The values are taken under the lock, the callbacks run after it (they may use FLS). */
	size_t n = 0, cap = 0;
	void **values = 0;
	pthread_mutex_lock(&lock);
	if (!valid(i)) {
		pthread_mutex_unlock(&lock);
		return FALSE;
	}
	for (struct block *b = blocks; b; b = b->next)
		cap += !!b->v[i];
	if (cap && !(values = malloc(cap * sizeof *values))) {
		pthread_mutex_unlock(&lock);
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	for (struct block *b = blocks; b; b = b->next)
		if (b->v[i]) {
			values[n++] = b->v[i];
			b->v[i] = 0;
		}
	fls_callback *cb = slots[i].cb;
	slots[i].used = 0;
	pthread_mutex_unlock(&lock);
	for (size_t k = 0; cb && k < n; k++)
		cb(values[k]);
	free(values);
	return TRUE;
}

void fls_thread_exit(void)
{
	struct block *b = mine;
	if (!b)
		return;
	for (DWORD i = 1; i < FLS_SLOTS; i++) {
		pthread_mutex_lock(&lock);
		void *v = b->v[i];
		fls_callback *cb = slots[i].used ? slots[i].cb : 0;
		b->v[i] = 0;
		pthread_mutex_unlock(&lock);
		if (v && cb)
			cb(v);
	}
	pthread_mutex_lock(&lock);
	*b->prev = b->next;
	if (b->next)
		b->next->prev = b->prev;
	pthread_mutex_unlock(&lock);
	mine = 0;
	free(b);
}
