/* Linux memory and descriptor calls that must not reach xabi's own mappings and descriptors. */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/mman.h>
#include "../../syscall/memory.h"
#include "../../syscall/raw.h"
#include "../../syscall/trap.h"
#include "linux.h"

long linux_sys_brk(struct trap *tr)
{
	return mem_brk((uintptr_t)tr->arg[0]);
}

long linux_sys_mmap(struct trap *tr)
{
	unsigned long flags = (unsigned long)tr->arg[3];
	if ((flags & MAP_FIXED) && !(flags & MAP_FIXED_NOREPLACE) &&
	    mem_is_xabis((uintptr_t)tr->arg[0], (uintptr_t)tr->arg[1]))
		return -ENOMEM;
	return trap_forward(tr, tr->nr);
}

long linux_sys_munmap(struct trap *tr)
{
	if (mem_is_xabis((uintptr_t)tr->arg[0], (uintptr_t)tr->arg[1]))
		return -EINVAL;
	return trap_forward(tr, tr->nr);
}

long linux_sys_mprotect(struct trap *tr)
{
	if (mem_is_xabis((uintptr_t)tr->arg[0], (uintptr_t)tr->arg[1]))
		return -ENOMEM;
	return trap_forward(tr, tr->nr);
}

long linux_sys_mremap(struct trap *tr)
{
	if (mem_is_xabis((uintptr_t)tr->arg[0], (uintptr_t)tr->arg[1]) ||
	    ((tr->arg[3] & MREMAP_FIXED) && mem_is_xabis((uintptr_t)tr->arg[4], (uintptr_t)tr->arg[2])))
		return -ENOMEM;
	return trap_forward(tr, tr->nr);
}

long linux_sys_close(struct trap *tr)
{
	return fd_is_xabis((int)tr->arg[0]) ? -EBADF : trap_forward(tr, tr->nr);
}

long linux_sys_dup2(struct trap *tr)
{
	return fd_is_xabis((int)tr->arg[1]) ? -EBADF : trap_forward(tr, tr->nr);
}

long linux_sys_dup3(struct trap *tr)
{
	return fd_is_xabis((int)tr->arg[1]) ? -EBADF : trap_forward(tr, tr->nr);
}

/* close_range over one of xabi's descriptors: close the parts on either side of it. */
long linux_sys_close_range(struct trap *tr)
{
	unsigned first = (unsigned)tr->arg[0], last = (unsigned)tr->arg[1];
	int fd = fd_xabis_in_range(first, last);
	if (fd < 0)
		return trap_forward(tr, tr->nr);
	long r = 0;
	if ((unsigned)fd > first)
		r = raw3(SYS_close_range, first, fd - 1, tr->arg[2]);
	if (r == 0 && (unsigned)fd < last)
		r = raw3(SYS_close_range, fd + 1, last, tr->arg[2]);
	return r;
}
