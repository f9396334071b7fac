/* The Windows process as the shim knows it, set up by the loader (loader/start_windows.c) before
 * the program's first instruction. */
#ifndef XABI_NTDLL_PROCESS_H
#define XABI_NTDLL_PROCESS_H

#include "teb.h"

struct win_process {
	PEB *peb;
	void *exe_base;
	char *cmdline_a;         /* the command line in the ANSI code page (UTF-8) */
};
extern struct win_process win_process;

/* Where the main thread starts (an entry_regs.rip): the TLS callbacks, then the program's entry,
 * then ExitProcess with what it returns, as Windows' process start-up does. */
_Noreturn void ntdll_process_start(void);

#endif
