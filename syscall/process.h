/* Guest threads and processes: clone in all its forms, thread exit, execve. ABI-neutral; each ABI
 * fills a request from its own calls (clone, fork, vfork, thr_new, CreateThread…). */
#ifndef XABI_PROCESS_H
#define XABI_PROCESS_H

#include <stdint.h>

struct trap;

struct clone_req {
	unsigned long flags; /* Linux CLONE_* and the exit signal in the low byte */
	uintptr_t stack;     /* the child's stack pointer; 0: the parent's */
	int *ptid, *ctid;
	unsigned long tls;
	/* With a shared VM: start the child at start_pc with start_arg in rdi (FreeBSD's thr_new)
	 * instead of returning from the call; 0 for clone's return. */
	uintptr_t start_pc, start_arg;
};

/* A new task that shares memory (a thread, or a vfork child) starts in a thread block of its own;
 * any other (fork) continues in a copy of this trap. Returns what clone returns to the parent. */
long process_clone(struct trap *tr, const struct clone_req *req);

/* The calling guest thread ends (not the process). */
_Noreturn void process_exit_thread(struct trap *tr, int status);

/* execve/execveat: run path natively, or under xabi again when it is foreign or when the mode
 * demands (README.md). flags: AT_EMPTY_PATH / AT_SYMLINK_NOFOLLOW as execveat takes them. */
long process_execve(struct trap *tr, int dirfd, const char *path, char *const *argv,
		    char *const *envp, int flags);

#endif
