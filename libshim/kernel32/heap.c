/* Heaps over the host's malloc. Each block carries a header naming its heap, so HeapSize,
 * HeapValidate and HeapFree can check what they are given, and each heap keeps its blocks in a
 * list so HeapDestroy frees them all. Blocks are 16-byte aligned, as on x64 Windows. A heap's
 * lock is recursive and always taken (HEAP_NO_SERIALIZE is accepted and has no effect).
 * HEAP_GENERATE_EXCEPTIONS is accepted but a failure returns NULL rather than raising. */
#include <malloc.h>
#include <pthread.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "heap.h"

#define HEAP_MAGIC 0x50414548u /* "HEAP" */
#define BLOCK_MAGIC 0x6b636f6c62706168ull

struct heap;
struct block {
	struct block *prev, *next;
	struct heap *heap;
	size_t size;
	uint64_t magic, pad;
};
_Static_assert(sizeof(struct block) % 16 == 0 && alignof(max_align_t) == 16, "16-byte blocks");

struct heap {
	uint32_t magic;
	DWORD flags;
	size_t max, used; /* max 0: growable */
	pthread_mutex_t lock;
	struct block list; /* sentinel */
	struct heap *next;
};

static struct heap process_heap, *heaps = &process_heap;
static pthread_mutex_t heaps_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void heap_init(struct heap *h, DWORD flags, size_t max)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&h->lock, &a);
	pthread_mutexattr_destroy(&a);
	h->flags = flags;
	h->max = max;
	h->list.prev = h->list.next = &h->list;
	h->magic = HEAP_MAGIC;
}

static void process_heap_init(void)
{
	heap_init(&process_heap, HEAP_GROWABLE, 0);
	NtCurrentTeb()->Peb->ProcessHeap = &process_heap;
}

/* The heap behind a handle, or NULL with ERROR_INVALID_HANDLE. */
static struct heap *get(HANDLE handle)
{
	pthread_once(&once, process_heap_init);
	struct heap *h = handle;
	if (h && h->magic == HEAP_MAGIC)
		return h;
	win_set_last_error(ERROR_INVALID_HANDLE);
	return NULL;
}

static struct block *block_of(struct heap *h, LPCVOID p)
{
	struct block *b = (struct block *)p - 1;
	if (p && ((uintptr_t)p & 15) == 0 && b->magic == BLOCK_MAGIC && b->heap == h)
		return b;
	return NULL;
}

static void link(struct heap *h, struct block *b)
{
	b->heap = h;
	b->magic = BLOCK_MAGIC;
	b->prev = &h->list;
	b->next = h->list.next;
	b->next->prev = b;
	h->list.next = b;
}

static void unlink_block(struct block *b)
{
	b->prev->next = b->next;
	b->next->prev = b->prev;
}

/* Room for size more bytes in a heap made with a maximum size. */
static int fits(struct heap *h, size_t size)
{
	return !h->max || (size <= h->max && h->used <= h->max - size);
}

WINAPI HANDLE kernel32_GetProcessHeap(void)
{
	pthread_once(&once, process_heap_init);
	return &process_heap;
}

WINAPI HANDLE kernel32_HeapCreate(DWORD flags, SIZE_T initial, SIZE_T max)
{
	pthread_once(&once, process_heap_init);
	if (max && initial > max) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	struct heap *h = calloc(1, sizeof *h);
	if (!h) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	heap_init(h, flags, max);
	pthread_mutex_lock(&heaps_lock);
	h->next = heaps;
	heaps = h;
	pthread_mutex_unlock(&heaps_lock);
	return h;
}

WINAPI BOOL kernel32_HeapDestroy(HANDLE handle)
{
	struct heap *h = get(handle), **link;
	if (!h)
		return FALSE;
	if (h == &process_heap) { /* The process heap lives as long as the process. */
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	pthread_mutex_lock(&heaps_lock);
	for (link = &heaps; *link != h; link = &(*link)->next)
		;
	*link = h->next;
	pthread_mutex_unlock(&heaps_lock);
	for (struct block *b = h->list.next, *n; b != &h->list; b = n) {
		n = b->next;
		b->magic = 0;
		free(b);
	}
	h->magic = 0;
	pthread_mutex_destroy(&h->lock);
	free(h);
	return TRUE;
}

WINAPI LPVOID kernel32_HeapAlloc(HANDLE handle, DWORD flags, SIZE_T size)
{
	struct heap *h = get(handle);
	if (!h)
		return NULL;
	pthread_mutex_lock(&h->lock);
	struct block *b = NULL;
	if (fits(h, size) && size < PTRDIFF_MAX - sizeof *b)
		b = (flags & HEAP_ZERO_MEMORY) ? calloc(1, sizeof *b + size) : malloc(sizeof *b + size);
	if (b) {
		b->size = size;
		h->used += size;
		link(h, b);
	}
	pthread_mutex_unlock(&h->lock);
	if (!b) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	return b + 1;
}

WINAPI LPVOID kernel32_HeapReAlloc(HANDLE handle, DWORD flags, LPVOID p, SIZE_T size)
{
	struct heap *h = get(handle);
	if (!h)
		return NULL;
	pthread_mutex_lock(&h->lock);
	struct block *b = block_of(h, p), *nb = NULL;
	DWORD err = ERROR_NOT_ENOUGH_MEMORY;
	if (!b) {
		err = ERROR_INVALID_PARAMETER;
	} else if (!fits(h, size > b->size ? size - b->size : 0) ||
		   size >= PTRDIFF_MAX - sizeof *b) {
		/* no room */
	} else if (malloc_usable_size(b) >= sizeof *b + size) {
		nb = b; /* in place */
	} else if (!(flags & HEAP_REALLOC_IN_PLACE_ONLY)) {
		unlink_block(b);
		nb = realloc(b, sizeof *nb + size);
		link(h, nb ? nb : b);
	}
	if (nb) {
		if ((flags & HEAP_ZERO_MEMORY) && size > nb->size)
			memset((char *)(nb + 1) + nb->size, 0, size - nb->size);
		h->used = h->used - nb->size + size;
		nb->size = size;
	}
	pthread_mutex_unlock(&h->lock);
	if (!nb) {
		win_set_last_error(err);
		return NULL;
	}
	return nb + 1;
}

WINAPI BOOL kernel32_HeapFree(HANDLE handle, DWORD flags, LPVOID p)
{
	(void)flags; /* HEAP_NO_SERIALIZE only */
	struct heap *h = get(handle);
	if (!h)
		return FALSE;
	if (!p)
		return TRUE;
	pthread_mutex_lock(&h->lock);
	struct block *b = block_of(h, p);
	if (b) {
		unlink_block(b);
		h->used -= b->size;
		b->magic = 0;
		free(b);
	}
	pthread_mutex_unlock(&h->lock);
	if (!b)
		win_set_last_error(ERROR_INVALID_PARAMETER);
	return b != NULL;
}

WINAPI SIZE_T kernel32_HeapSize(HANDLE handle, DWORD flags, LPCVOID p)
{
	(void)flags;
	struct heap *h = get(handle);
	if (!h)
		return (SIZE_T)-1;
	pthread_mutex_lock(&h->lock);
	struct block *b = block_of(h, p);
	SIZE_T size = b ? b->size : (SIZE_T)-1;
	pthread_mutex_unlock(&h->lock);
	if (!b)
		win_set_last_error(ERROR_INVALID_PARAMETER);
	return size;
}

BOOL heap_owns(HANDLE handle, LPCVOID p)
{
	struct heap *h = handle;
	pthread_mutex_lock(&h->lock);
	BOOL ok = block_of(h, p) != NULL;
	pthread_mutex_unlock(&h->lock);
	return ok;
}

/* With a block: whether it is one of the heap's. Without: checks every block's header. */
WINAPI BOOL kernel32_HeapValidate(HANDLE handle, DWORD flags, LPCVOID p)
{
	(void)flags;
	struct heap *h = get(handle);
	if (!h)
		return FALSE;
	if (p)
		return heap_owns(h, p);
	pthread_mutex_lock(&h->lock);
	BOOL ok = TRUE;
	for (struct block *b = h->list.next; ok && b != &h->list; b = b->next)
		ok = b->magic == BLOCK_MAGIC && b->heap == h && b->next->prev == b;
	pthread_mutex_unlock(&h->lock);
	return ok;
}

WINAPI BOOL kernel32_HeapLock(HANDLE handle)
{
	struct heap *h = get(handle);
	return h && !pthread_mutex_lock(&h->lock);
}

WINAPI BOOL kernel32_HeapUnlock(HANDLE handle)
{
	struct heap *h = get(handle);
	return h && !pthread_mutex_unlock(&h->lock);
}

/* The number of heaps; their handles in out when count is large enough. */
WINAPI DWORD kernel32_GetProcessHeaps(DWORD count, HANDLE *out)
{
	pthread_once(&once, process_heap_init);
	pthread_mutex_lock(&heaps_lock);
	DWORD n = 0;
	for (struct heap *h = heaps; h; h = h->next)
		n++;
	if (n <= count) {
		DWORD i = 0;
		for (struct heap *h = heaps; h; h = h->next)
			out[i++] = h;
	}
	pthread_mutex_unlock(&heaps_lock);
	return n;
}
