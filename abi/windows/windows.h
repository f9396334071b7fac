/* The Windows ABI (windows.c). */
#ifndef XABI_ABI_WINDOWS_H
#define XABI_ABI_WINDOWS_H

extern const struct abi windows_abi;

struct sigdelivery;
/* A host fault of guest code as a Windows exception (faults.c). */
int windows_deliver_fault(const struct sigdelivery *d);

/* Ignore the host's SIGPIPE, as Windows has none (sigpipe.c); at start-up. */
void windows_sigpipe_init(void);
/* Put back the SIGPIPE disposition xabi started with: in a child between fork and exec. */
void windows_sigpipe_restore(void);

#include <ucontext.h>
#include "../../libshim/ntdll/exception.h"
/* The registers of a signal context as a CONTEXT (every part: CONTEXT_FULL | SEGMENTS) (faults.c). */
void windows_context_from_ucontext(CONTEXT *c, const ucontext_t *uc);

#endif
