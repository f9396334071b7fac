/* What kind of program a file is, from its first bytes: format, guest ABI, and whether xabi can run
 * it. Pure (no libc state), so the trap path can use it to decide how to execve a program. */
#ifndef XABI_DETECT_H
#define XABI_DETECT_H

#include <stddef.h>

#define DETECT_PREFIX 4096 /* bytes a caller should read; fewer is fine for small files */

enum format { FMT_UNKNOWN, FMT_SCRIPT, FMT_ELF, FMT_PE, FMT_MACHO, FMT_MZ };

struct detection {
	enum format format;
	const char *format_name; /* "ELF64 x86-64", "PE32+ x86-64", "script", ... */
	const char *abi;         /* "linux", "freebsd", "windows", ...; NULL when unknown */
	const char *how;         /* how the ABI was recognised */
	const char *problem;     /* NULL, or why xabi cannot run it */
	int status;              /* the exit status that goes with problem (loader/status.h) */
};

void detect(const unsigned char *buf, size_t n, struct detection *d);

/* The ABIs xabi runs today. */
int abi_supported(const char *abi);

#endif
