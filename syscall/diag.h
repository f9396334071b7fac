/* Messages from the trap path to the user (stderr), one line each, prefixed "xabi: ". */
#ifndef XABI_DIAG_H
#define XABI_DIAG_H

#include <signal.h>
#include <ucontext.h>

struct trap;

/* "xabi: ABI syscall NR name(args) not implemented[: detail]", once per number and process. */
void diag_not_implemented(const struct trap *tr, const char *detail);
/* xabi's own code faulted: say where, as a bug in xabi. */
void diag_internal_fault(int sig, const siginfo_t *si, const ucontext_t *uc);

#endif
