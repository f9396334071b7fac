/* --trace: one line per system call, in the guest ABI's names, arguments decoded as the table row
 * says, then the result. Also formats the not-implemented message from the same row. */
#ifndef XABI_TRACE_H
#define XABI_TRACE_H

#include "fmt.h"

struct trap;

/* The call "name(args)" into f; with done, output buffers are shown using result r. */
void trace_format_call(struct fmt *f, const struct trap *tr, int done, long r);
/* A whole line for a finished (or, for noreturn calls, starting) call. */
void trace_line(const struct trap *tr, int done, long r);
/* The line for a call that will be restarted after a guest signal handler. */
void trace_restart(const struct trap *tr);

#endif
