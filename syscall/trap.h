/* One trapped system call, as its handler sees it. */
#ifndef XABI_TRAP_H
#define XABI_TRAP_H

#define _GNU_SOURCE
#include <signal.h>
#include <ucontext.h>
#include "../abi/abi.h"

struct xthread;

struct trap {
	ucontext_t *uc;           /* the guest's registers; the result is written back here */
	const siginfo_t *si;
	struct xthread *t;
	const struct sysent *row; /* NULL: the number has no row */
	long nr;
	long arg[6];
	int regs_set;      /* the handler set every register itself (sigreturn, restart) */
	int deliver_intr;  /* deliver the signals that interrupted the call (gsig_deliver_interrupting) */
};

#define GREG(tr, r) ((tr)->uc->uc_mcontext.gregs[REG_##r])

/* The host side of a call that the guest ABI makes with the same number and meaning. */
long trap_forward(struct trap *tr, long host_nr);
/* The handler of a row that is the host's call row->host_nr, arguments and all ("=name" rows). */
long trap_forward_row(struct trap *tr);

#endif
