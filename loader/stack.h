/* The initial stack of a SysV-style process: argc, argv, envp and the auxiliary vector, with the
 * strings and data they point to above them. */
#ifndef XABI_STACK_H
#define XABI_STACK_H

#include <stddef.h>
#include <stdint.h>

/* One auxv entry. With data, those len bytes are copied onto the stack and the entry's value is
 * their address; with ref, the value is the address of the argv or envp array built here. */
struct auxent {
	unsigned long type;
	unsigned long value;
	const void *data;
	size_t len;
	enum { AUXREF_NONE, AUXREF_ARGV, AUXREF_ENVP } ref;
};

/* Map a stack of the size RLIMIT_STACK asks for and fill it. Returns the initial stack pointer
 * (pointing at argc), or 0 when there is no memory or the arguments do not fit. */
uintptr_t stack_build(int argc, char *const argv[], char *const envp[], struct auxent *aux,
		      int naux);

#endif
