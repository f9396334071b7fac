/* The guest's memory calls where xabi must step in: the program break it emulates, and the
 * mappings of xabi itself, which the guest may not replace or remove. */
#ifndef XABI_MEMORY_H
#define XABI_MEMORY_H

#include <stdint.h>

long mem_brk(uintptr_t want);
/* Does [addr, addr+len) touch memory xabi needs (its image and heap, its thread blocks)? */
int mem_is_xabis(uintptr_t addr, uintptr_t len);

/* File descriptors xabi keeps for itself (the trace file): the guest cannot close or replace them. */
int fd_is_xabis(int fd);
/* One of them in [first, last], or -1. */
int fd_xabis_in_range(unsigned first, unsigned last);

#endif
