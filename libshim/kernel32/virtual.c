/* VirtualAlloc/VirtualFree: reservations of the address space, committed page by page.
 *
 * A reservation is a host mapping made PROT_NONE (so reserved pages fault, as on Windows), its
 * base on Windows' 64 KiB allocation granularity. The state of each page (reserved, or committed
 * with its protection) is kept here, for VirtualQuery; committing mprotects, decommitting maps
 * fresh PROT_NONE pages over the old ones so a later commit reads zeros again. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "virtual.h"

#define GRANULE 0x10000UL

struct region {
	uintptr_t base, size;
	DWORD alloc_prot;
	DWORD *page; /* per page: 0 reserved, else the committed protection */
	struct region *next;
};

static struct region *regions;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

int virtual_host_prot(DWORD p)
{
	switch (p & ~(DWORD)(PAGE_NOCACHE | PAGE_WRITECOMBINE)) {
	case PAGE_NOACCESS: return PROT_NONE;
	case PAGE_READONLY: return PROT_READ;
	case PAGE_READWRITE: case PAGE_WRITECOPY: return PROT_READ | PROT_WRITE;
	case PAGE_EXECUTE: case PAGE_EXECUTE_READ: return PROT_READ | PROT_EXEC;
	case PAGE_EXECUTE_READWRITE: case PAGE_EXECUTE_WRITECOPY:
		return PROT_READ | PROT_WRITE | PROT_EXEC;
	}
	return -1;
}

/* The region holding addr; the lock is held. */
static struct region *find(uintptr_t addr)
{
	for (struct region *r = regions; r; r = r->next)
		if (addr >= r->base && addr - r->base < r->size)
			return r;
	return NULL;
}

/* Validates a protection for VirtualAlloc/VirtualProtect; -1 with the last error set if bad.
 * PAGE_GUARD needs a one-shot fault the host does not give: it fails loudly (not supported). */
static int checked_prot(DWORD prot)
{
	if (prot & PAGE_GUARD) {
		win_set_last_error(ERROR_NOT_SUPPORTED);
		return -1;
	}
	int p = virtual_host_prot(prot);
	if (p < 0)
		win_set_last_error(ERROR_INVALID_PARAMETER);
	return p;
}

static void *reserve(uintptr_t want, uintptr_t size)
{
	void *m;
	if (want) {
		m = mmap((void *)want, size, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
		if (m != MAP_FAILED && (uintptr_t)m != want) {
			munmap(m, size);
			m = MAP_FAILED;
		}
		return m == MAP_FAILED ? NULL : m;
	}
	/* Over-map by one granule, then trim to an aligned base. */
	m = mmap(NULL, size + GRANULE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		 -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	uintptr_t s = (uintptr_t)m, b = (s + GRANULE - 1) & ~(GRANULE - 1);
	if (b > s)
		munmap(m, b - s);
	if (s + GRANULE > b)
		munmap((void *)(b + size), s + GRANULE - b);
	return (void *)b;
}

/* Commits [a, e) of r with protection prot (host protection p). */
static int commit(struct region *r, uintptr_t a, uintptr_t e, DWORD prot, int p)
{
	if (mprotect((void *)a, e - a, p) < 0)
		return -1;
	for (uintptr_t x = a; x < e; x += PAGE)
		r->page[(x - r->base) / PAGE] = prot;
	return 0;
}

static void *do_alloc(uintptr_t addr, SIZE_T size, DWORD type, DWORD prot)
{
	int p = checked_prot(prot);
	if (p < 0)
		return NULL;
	if (type == MEM_RESET) {
		/* The contents are no longer wanted: the host may drop them (reads give zeros). */
		uintptr_t a = addr & ~(PAGE - 1), e = (addr + size + PAGE - 1) & ~(PAGE - 1);
		struct region *r = find(a);
		for (uintptr_t x = a; r && x < e; x += PAGE)
			if (x - r->base >= r->size || !r->page[(x - r->base) / PAGE])
				r = NULL;
		if (!r) {
			win_set_last_error(ERROR_INVALID_ADDRESS);
			return NULL;
		}
		madvise((void *)a, e - a, MADV_DONTNEED);
		return (void *)addr;
	}
	if (!(type & (MEM_COMMIT | MEM_RESERVE)) || (type & ~(MEM_COMMIT | MEM_RESERVE | MEM_TOP_DOWN))) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (!addr)
		type |= MEM_RESERVE;
	if (type & MEM_RESERVE) {
		uintptr_t base = addr & ~(GRANULE - 1);
		uintptr_t end = (addr + size + PAGE - 1) & ~(PAGE - 1);
		if (!addr)
			end = (size + PAGE - 1) & ~(PAGE - 1);
		uintptr_t len = end - base;
		struct region *r = calloc(1, sizeof *r);
		DWORD *pages = r ? calloc(len / PAGE, sizeof *pages) : NULL;
		void *m = pages ? reserve(base, len) : NULL;
		if (!m) {
			free(pages);
			free(r);
			win_set_last_error(pages ? ERROR_INVALID_ADDRESS : ERROR_NOT_ENOUGH_MEMORY);
			return NULL;
		}
		*r = (struct region){ (uintptr_t)m, len, prot, pages, regions };
		if ((type & MEM_COMMIT) && commit(r, r->base, r->base + len, prot, p) < 0) {
			munmap(m, len);
			free(pages);
			free(r);
			win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
			return NULL;
		}
		regions = r;
		return m;
	}
	uintptr_t a = addr & ~(PAGE - 1), e = (addr + size + PAGE - 1) & ~(PAGE - 1);
	struct region *r = find(a);
	if (!r || e - r->base > r->size) {
		win_set_last_error(ERROR_INVALID_ADDRESS);
		return NULL;
	}
	if (commit(r, a, e, prot, p) < 0) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	return (void *)a;
}

WINAPI LPVOID kernel32_VirtualAlloc(LPVOID addr, SIZE_T size, DWORD type, DWORD prot)
{
	if (!size) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	pthread_mutex_lock(&lock);
	void *m = do_alloc((uintptr_t)addr, size, type, prot);
	pthread_mutex_unlock(&lock);
	return m;
}

static BOOL do_free(uintptr_t addr, SIZE_T size, DWORD type)
{
	struct region **link = &regions, *r;
	if (type == MEM_RELEASE) {
		if (size) {
			win_set_last_error(ERROR_INVALID_PARAMETER);
			return FALSE;
		}
		while (*link && (*link)->base != addr)
			link = &(*link)->next;
		if (!(r = *link)) {
			win_set_last_error(ERROR_INVALID_ADDRESS);
			return FALSE;
		}
		*link = r->next;
		munmap((void *)r->base, r->size);
		free(r->page);
		free(r);
		return TRUE;
	}
	if (type != MEM_DECOMMIT) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	uintptr_t a = addr & ~(PAGE - 1);
	if (!(r = find(a))) {
		win_set_last_error(ERROR_INVALID_ADDRESS);
		return FALSE;
	}
	/* Size 0 decommits to the end of the reservation. */
	uintptr_t e = size ? (addr + size + PAGE - 1) & ~(PAGE - 1) : r->base + r->size;
	if (e - r->base > r->size) {
		win_set_last_error(ERROR_INVALID_ADDRESS);
		return FALSE;
	}
	if (mmap((void *)a, e - a, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
		 -1, 0) == MAP_FAILED) {
		win_set_last_error(win_error_from_errno(errno));
		return FALSE;
	}
	for (uintptr_t x = a; x < e; x += PAGE)
		r->page[(x - r->base) / PAGE] = 0;
	return TRUE;
}

WINAPI BOOL kernel32_VirtualFree(LPVOID addr, SIZE_T size, DWORD type)
{
	pthread_mutex_lock(&lock);
	BOOL ok = do_free((uintptr_t)addr, size, type);
	pthread_mutex_unlock(&lock);
	return ok;
}

/* The -Ex forms work on this process only (the pseudo-handle -1). */
static BOOL is_self(HANDLE process)
{
	if (process == (HANDLE)(intptr_t)-1)
		return TRUE;
	win_set_last_error(ERROR_NOT_SUPPORTED);
	return FALSE;
}

WINAPI LPVOID kernel32_VirtualAllocEx(HANDLE process, LPVOID addr, SIZE_T size, DWORD type,
				      DWORD prot)
{
	return is_self(process) ? kernel32_VirtualAlloc(addr, size, type, prot) : NULL;
}

WINAPI BOOL kernel32_VirtualFreeEx(HANDLE process, LPVOID addr, SIZE_T size, DWORD type)
{
	return is_self(process) && kernel32_VirtualFree(addr, size, type);
}

int virtual_query(uintptr_t addr, MEMORY_BASIC_INFORMATION *mbi, uintptr_t *limit)
{
	pthread_mutex_lock(&lock);
	struct region *r = find(addr);
	if (!r) {
		for (struct region *q = regions; q; q = q->next)
			if (q->base > addr && q->base < *limit)
				*limit = q->base;
		pthread_mutex_unlock(&lock);
		return 0;
	}
	size_t i = (addr - r->base) / PAGE, j = i, n = r->size / PAGE;
	while (j < n && r->page[j] == r->page[i])
		j++;
	mbi->BaseAddress = (void *)addr;
	mbi->AllocationBase = (void *)r->base;
	mbi->AllocationProtect = r->alloc_prot;
	mbi->RegionSize = (j - i) * PAGE;
	mbi->State = r->page[i] ? MEM_COMMIT : MEM_RESERVE;
	mbi->Protect = r->page[i];
	mbi->Type = MEM_PRIVATE;
	pthread_mutex_unlock(&lock);
	return 1;
}

int virtual_protect(uintptr_t addr, SIZE_T size, DWORD prot, DWORD *old, BOOL *ok)
{
	uintptr_t a = addr & ~(PAGE - 1), e = (addr + size + PAGE - 1) & ~(PAGE - 1);
	pthread_mutex_lock(&lock);
	struct region *r = find(a);
	if (!r) {
		pthread_mutex_unlock(&lock);
		return 0;
	}
	*ok = FALSE;
	int p = checked_prot(prot);
	if (p < 0)
		goto out;
	/* Every page must be committed (Windows: ERROR_INVALID_ADDRESS). */
	for (uintptr_t x = a; x < e; x += PAGE)
		if (x - r->base >= r->size || !r->page[(x - r->base) / PAGE]) {
			win_set_last_error(ERROR_INVALID_ADDRESS);
			goto out;
		}
	DWORD first = r->page[(a - r->base) / PAGE];
	if (commit(r, a, e, prot, p) < 0) {
		win_set_last_error(ERROR_INVALID_ADDRESS);
		goto out;
	}
	*old = first;
	*ok = TRUE;
out:
	pthread_mutex_unlock(&lock);
	return 1;
}
