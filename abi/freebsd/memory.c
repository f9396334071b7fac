/* FreeBSD's memory calls (sys/vm/vm_mmap.c): flags translated, xabi's own mappings protected. */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/mman.h>
#include "../../syscall/diag.h"
#include "../../syscall/memory.h"
#include "../../syscall/raw.h"
#include "../../syscall/trap.h"
#include "freebsd.h"

#define FB_MAP_FIXED 0x0010
#define FB_MAP_ANON 0x1000
#define FB_MAP_GUARD 0x2000
#define FB_PROT_ALL 7 /* the bits above are PROT_MAX(), a ceiling Linux has no notion of */

long freebsd_sys_mmap(struct trap *tr)
{
	uintptr_t addr = (uintptr_t)tr->arg[0], len = (uintptr_t)tr->arg[1];
	long prot = tr->arg[2] & FB_PROT_ALL, gflags = (int)tr->arg[3], fd = (int)tr->arg[4];
	long flags = freebsd_mmap_flags_to_host(gflags);
	if (flags < 0) {
		diag_not_implemented(tr, "these mmap flags");
		return -EINVAL;
	}
	if ((gflags & FB_MAP_ANON) && fd != -1)
		return -EINVAL; /* FreeBSD insists on fd -1 for anonymous memory */
	if (gflags & FB_MAP_GUARD) {
		if (prot || fd != -1 || tr->arg[5])
			return -EINVAL;
	}
	if ((flags & MAP_FIXED) && !(flags & MAP_FIXED_NOREPLACE) && mem_is_xabis(addr, len))
		return -ENOMEM;
	long r = raw6(SYS_mmap, addr, len, prot, flags, fd, tr->arg[5]);
	return r == -EEXIST ? -ENOMEM : r; /* MAP_EXCL over a mapping */
}

long freebsd_sys_munmap(struct trap *tr)
{
	if (mem_is_xabis((uintptr_t)tr->arg[0], (uintptr_t)tr->arg[1]))
		return -EINVAL;
	return raw2(SYS_munmap, tr->arg[0], tr->arg[1]);
}

long freebsd_sys_mprotect(struct trap *tr)
{
	if (mem_is_xabis((uintptr_t)tr->arg[0], (uintptr_t)tr->arg[1]))
		return -ENOMEM;
	return raw3(SYS_mprotect, tr->arg[0], tr->arg[1], tr->arg[2] & FB_PROT_ALL);
}

/* sys/sys/mman.h */
enum {
	FB_MADV_NORMAL, FB_MADV_RANDOM, FB_MADV_SEQUENTIAL, FB_MADV_WILLNEED, FB_MADV_DONTNEED,
	FB_MADV_FREE, FB_MADV_NOSYNC, FB_MADV_AUTOSYNC, FB_MADV_NOCORE, FB_MADV_CORE, FB_MADV_PROTECT,
};

long freebsd_sys_madvise(struct trap *tr)
{
	static const signed char host[] = {
		[FB_MADV_NORMAL] = MADV_NORMAL,     [FB_MADV_RANDOM] = MADV_RANDOM,
		[FB_MADV_SEQUENTIAL] = MADV_SEQUENTIAL, [FB_MADV_WILLNEED] = MADV_WILLNEED,
		[FB_MADV_DONTNEED] = MADV_DONTNEED, [FB_MADV_FREE] = MADV_FREE,
		[FB_MADV_NOSYNC] = -1,              [FB_MADV_AUTOSYNC] = -1,
		[FB_MADV_NOCORE] = MADV_DONTDUMP,   [FB_MADV_CORE] = MADV_DODUMP,
		[FB_MADV_PROTECT] = -1,
	};
	long advice = tr->arg[2];
	if (advice < 0 || advice > FB_MADV_PROTECT)
		return -EINVAL;
	if (mem_is_xabis((uintptr_t)tr->arg[0], (uintptr_t)tr->arg[1]))
		return -EINVAL;
	/* NOSYNC/AUTOSYNC tune when dirty shared pages are written back and PROTECT exempts the
	 * process from the OOM killer: hints with no effect a program can observe. */
	if (host[advice] < 0)
		return 0;
	long r = raw3(SYS_madvise, tr->arg[0], tr->arg[1], host[advice]);
	/* FreeBSD accepts every advice on any mapping; Linux refuses MADV_FREE on shared ones. */
	return r == -EINVAL && advice == FB_MADV_FREE ? 0 : r;
}

#define FB_MS_ASYNC 1
#define FB_MS_INVALIDATE 2

long freebsd_sys_msync(struct trap *tr)
{
	long f = tr->arg[2];
	if (f & ~(long)(FB_MS_ASYNC | FB_MS_INVALIDATE))
		return -EINVAL;
	long host = (f & FB_MS_ASYNC ? MS_ASYNC : MS_SYNC) | (f & FB_MS_INVALIDATE ? MS_INVALIDATE : 0);
	return raw3(SYS_msync, tr->arg[0], tr->arg[1], host);
}

/* minherit(addr, len, inherit): what a fork child gets of the range. */
long freebsd_sys_minherit(struct trap *tr)
{
	enum { INHERIT_SHARE, INHERIT_COPY, INHERIT_NONE, INHERIT_ZERO };
	long advice;
	switch (tr->arg[2]) {
	case INHERIT_COPY: advice = MADV_DOFORK; break;
	case INHERIT_NONE: advice = MADV_DONTFORK; break;
	case INHERIT_ZERO: advice = MADV_WIPEONFORK; break;
	case INHERIT_SHARE:
		diag_not_implemented(tr, "INHERIT_SHARE (Linux cannot share a private mapping with a "
					 "fork child)");
		return -EINVAL;
	default:
		return -EINVAL;
	}
	if (mem_is_xabis((uintptr_t)tr->arg[0], (uintptr_t)tr->arg[1]))
		return -EINVAL;
	return raw3(SYS_madvise, tr->arg[0], tr->arg[1], advice);
}
