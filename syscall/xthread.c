/* Thread blocks: allocation, reuse and the alternate stack. Trap-path code (README.md). */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include "raw.h"
#include "xthread.h"

static struct xthread *all_blocks;

static struct xthread *map_block(void)
{
	/* Over-allocate, then trim to an XTHREAD_SIZE-aligned block. */
	long m = raw6(SYS_mmap, 0, 2 * XTHREAD_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m < 0 && m > -4096)
		return NULL;
	uintptr_t base = (uintptr_t)m;
	uintptr_t aligned = (base + XTHREAD_SIZE - 1) & ~(uintptr_t)(XTHREAD_SIZE - 1);
	if (aligned > base)
		raw2(SYS_munmap, base, aligned - base);
	if (base + 2 * XTHREAD_SIZE > aligned + XTHREAD_SIZE)
		raw2(SYS_munmap, aligned + XTHREAD_SIZE, base + 2 * XTHREAD_SIZE - aligned - XTHREAD_SIZE);
	raw3(SYS_mprotect, aligned + XTHREAD_HEADER, 4096, PROT_NONE); /* guard page */
	return (struct xthread *)aligned;
}

struct xthread *xthread_alloc(void)
{
	long pid = raw0(SYS_getpid);
	for (struct xthread *t = __atomic_load_n(&all_blocks, __ATOMIC_ACQUIRE); t; t = t->next) {
		/* An exited thread's task is gone once its tid is: it runs nothing of ours any more. */
		int tid = t->alive;
		if (t->exiting && tid > 0 && raw3(SYS_tgkill, pid, tid, 0) == -ESRCH)
			__atomic_compare_exchange_n(&t->alive, &tid, 0, 0, __ATOMIC_ACQ_REL,
						    __ATOMIC_RELAXED);
		/* A block is reusable once alive is zero; -1 marks a claim in progress. */
		int zero = 0;
		if (__atomic_compare_exchange_n(&t->alive, &zero, -1, 0, __ATOMIC_ACQ_REL,
						__ATOMIC_RELAXED)) {
			struct xthread *next = t->next;
			memset(t, 0, sizeof *t);
			t->next = next;
			t->alive = -1;
			return t;
		}
	}
	struct xthread *t = map_block();
	if (!t)
		return NULL;
	t->alive = -1;
	t->next = __atomic_load_n(&all_blocks, __ATOMIC_RELAXED);
	while (!__atomic_compare_exchange_n(&all_blocks, &t->next, t, 1, __ATOMIC_RELEASE,
					    __ATOMIC_RELAXED))
		;
	return t;
}

int xthread_install_altstack(struct xthread *t)
{
	stack_t ss = {
		.ss_sp = (char *)t + XTHREAD_HEADER + 4096,
		.ss_size = XTHREAD_SIZE - XTHREAD_HEADER - 4096,
		.ss_flags = 0,
	};
	return (int)raw2(SYS_sigaltstack, &ss, 0);
}

void xthread_forget_others(struct xthread *self)
{
	for (struct xthread *t = all_blocks; t; t = t->next)
		if (t != self)
			t->alive = 0;
}

void xthread_release_at_exec(struct xthread *t)
{
	t->alive = t->tid;
	raw1(SYS_set_tid_address, &t->alive);
}

int xthread_overlaps(uintptr_t addr, uintptr_t len)
{
	for (struct xthread *t = __atomic_load_n(&all_blocks, __ATOMIC_ACQUIRE); t; t = t->next)
		if (addr < (uintptr_t)t + XTHREAD_SIZE && (uintptr_t)t < addr + len)
			return 1;
	return 0;
}
