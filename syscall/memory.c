/* Trap-path code (README.md). */
#include <sys/mman.h>
#include "memory.h"
#include "raw.h"
#include "runtime.h"
#include "xthread.h"

#define PAGE 4096UL
#define PAGE_UP(x) (((x) + PAGE - 1) & ~(PAGE - 1))

static int brk_lock;

long mem_brk(uintptr_t want)
{
	while (__atomic_exchange_n(&brk_lock, 1, __ATOMIC_ACQUIRE))
		__builtin_ia32_pause();
	uintptr_t cur = rt.brk_cur;
	if (want >= rt.brk_start) {
		uintptr_t old_end = PAGE_UP(cur), new_end = PAGE_UP(want);
		long ok = 1;
		if (new_end > old_end) {
			/* Like the kernel's brk: grow only into free address space. */
			long m = raw6(SYS_mmap, old_end, new_end - old_end, PROT_READ | PROT_WRITE,
				      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
			if ((uintptr_t)m != old_end) {
				if (m >= 0)
					raw2(SYS_munmap, m, new_end - old_end);
				ok = 0;
			}
		} else if (new_end < old_end) {
			raw2(SYS_munmap, new_end, old_end - new_end);
		}
		if (ok)
			rt.brk_cur = cur = want;
	}
	__atomic_store_n(&brk_lock, 0, __ATOMIC_RELEASE);
	return (long)cur;
}

static int overlaps(uintptr_t a, uintptr_t alen, uintptr_t b, uintptr_t blen)
{
	return a < b + blen && b < a + alen;
}

int mem_is_xabis(uintptr_t addr, uintptr_t len)
{
	uintptr_t heap_end = (uintptr_t)raw1(SYS_brk, 0);
	if (overlaps(addr, len, rt.image_start, heap_end - rt.image_start))
		return 1;
	return xthread_overlaps(addr, len);
}

int fd_is_xabis(int fd)
{
	return fd >= 0 && fd == rt.trace_fd;
}

int fd_xabis_in_range(unsigned first, unsigned last)
{
	return rt.trace_fd >= 0 && (unsigned)rt.trace_fd >= first && (unsigned)rt.trace_fd <= last
		       ? rt.trace_fd
		       : -1;
}
