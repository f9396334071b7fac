/* Starting a guest: what the command line decided, and the step that hands the process over. */
#ifndef XABI_RUN_H
#define XABI_RUN_H

#include <stdint.h>
#include "../syscall/runtime.h"

struct options {
	const char *abi;         /* --abi, or NULL to detect */
	enum intercept mode;     /* --intercept */
	const char *trace;       /* --trace[=FILE]: "" for stderr, NULL for none */
	int trace_fd;            /* --trace-fd (inherited from a parent xabi), or -1 */
	int follow_exec;         /* --follow-exec (from a parent xabi): run what the guest runs under xabi */
	const char *argv0;       /* --argv0 */
	const char *root;        /* --root: a FreeBSD root for dynamic FreeBSD programs */
	const char *program;     /* as the user gave it */
	int argc;                /* the guest's arguments after argv[0] */
	char **argv;
};

/* Load and run the program; returns only on failure, with an exit status (status.h), after saying
 * why on stderr. depth counts nested "#!" interpreters (0 at first). */
int run_program(const struct options *o, char **envp, int depth);

/* The guest's registers at its first instruction (the others are 0). A Windows guest starts in
 * xabi's own process start-up code (libshim/ntdll/start.c), with %gs at its TEB and xabi's
 * thread pointer kept in %fs: the shim runs ordinary C on guest threads. Other guests start with
 * no thread pointer, as after an exec. */
struct entry_regs {
	uintptr_t rip, rsp, rdi;
	uintptr_t gs_base; /* 0: none */
	int keep_fs;
};

/* Everything is mapped: set up interception and jump to the entry state. path is the program file
 * (what the guest's /proc/self/exe names); brk is where its program break starts. */
_Noreturn void run_enter(const struct options *o, const char *path, const struct abi *abi,
			 const struct entry_regs *e, uintptr_t brk);

int xabi_error(int status, const char *file, const char *why);

#endif
