/* Process-wide state of the running translation, set up by the loader before the guest starts and
 * read by the trap path. */
#ifndef XABI_RUNTIME_H
#define XABI_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

struct abi;

enum intercept { INTERCEPT_SUD, INTERCEPT_SECCOMP };

struct runtime {
	const struct abi *abi;
	enum intercept mode;
	int trace_fd;         /* -1: not tracing */
	int trace_tids;       /* prefix trace lines with the task id (after a clone or fork) */
	int follow_exec;      /* run every program the guest executes under xabi again */
	const char *self_exe; /* xabi's own executable, to run execve'd programs again */
	const char *root;     /* the foreign ABI's alternate root (altroot.c), absolute; NULL: none */
	size_t root_len;
	uint64_t root_dev, root_ino; /* the root directory's identity */
	const char *guest_exe; /* the guest's program, absolute: what /proc/self/exe names for it */
	uintptr_t text_start, text_end; /* xabi's code: its system calls are not intercepted */
	uintptr_t image_start, image_end; /* all of xabi's image, which the guest may not map over */
	uintptr_t brk_start, brk_cur;     /* the guest's emulated program break */
};

extern struct runtime rt;

#endif
