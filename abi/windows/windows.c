/* The Windows ABI at the system call level. A Windows program asks its operating system through
 * DLL imports (libshim/), not system calls: NT's system call numbers change with every build and
 * only ntdll.dll uses them. So the table is empty; a program that makes a raw `syscall` gets the
 * one-line "not implemented" report and STATUS_NOT_IMPLEMENTED. It has no POSIX signal handlers:
 * the only "handlers" are for the faults, which become Windows exceptions (faults.c). */
#include <errno.h>
#include "../../syscall/trap.h"
#include "../abi.h"
#include "windows.h"

#define STATUS_NOT_IMPLEMENTED 0xC0000002u

static void set_result(struct trap *tr, long r)
{
	GREG(tr, RAX) = r < 0 && r >= -4095 ? (long)STATUS_NOT_IMPLEMENTED : r;
}

static int same(int v)
{
	return v;
}

static const struct strtab no_names = { 0, 0 };

const struct abi windows_abi = {
	.name = "windows",
	.sysent = 0,
	.nsysent = 0,
	.errnames = &no_names,
	.signames = &no_names,
	.errno_to_guest = same,
	.sigset_bytes = 8,
	.set_result = set_result,
	.sig_to_host = same,
	.sig_from_host = same,
	.deliver_signal = windows_deliver_fault,
};
