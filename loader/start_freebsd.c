/* Starting a FreeBSD ELF program as FreeBSD's image activator does (sys/kern/imgact_elf.c,
 * exec_setregs in sys/amd64/amd64/exec_machdep.c): its auxiliary vector, the signal trampoline
 * page, and the entry registers (%rdi points at argc, as well as %rsp nearly does). */
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>
#include "../abi/freebsd/freebsd.h"
#include "elf_load.h"
#include "run.h"
#include "stack.h"
#include "start.h"
#include "status.h"

/* sys/sys/elf_common.h */
enum {
	FB_AT_PHDR = 3, FB_AT_PHENT = 4, FB_AT_PHNUM = 5, FB_AT_PAGESZ = 6, FB_AT_BASE = 7,
	FB_AT_FLAGS = 8, FB_AT_ENTRY = 9, FB_AT_EXECPATH = 15, FB_AT_CANARY = 16,
	FB_AT_CANARYLEN = 17, FB_AT_OSRELDATE = 18, FB_AT_NCPUS = 19, FB_AT_PAGESIZES = 20,
	FB_AT_PAGESIZESLEN = 21, FB_AT_STACKPROT = 23, FB_AT_EHDRFLAGS = 24, FB_AT_BSDFLAGS = 27,
	FB_AT_ARGC = 28, FB_AT_ARGV = 29, FB_AT_ENVC = 30, FB_AT_ENVV = 31,
};
#define VM_PROT_RW 3

/* The page FreeBSD calls the shared page: here it holds only the signal trampoline, outside
 * xabi's image so that the trampoline's sigreturn is intercepted like any guest call. */
static int map_sigcode(void)
{
	void *p = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	memcpy(p, freebsd_sigcode_bytes, freebsd_sigcode_size);
	if (mprotect(p, 4096, PROT_READ | PROT_EXEC) < 0)
		return -1;
	freebsd_sigcode = (uintptr_t)p;
	return 0;
}

static int count(char **v)
{
	int n = 0;
	while (v[n])
		n++;
	return n;
}

int start_freebsd(const struct options *o, int fd, const char *path, char **envp)
{
	static struct elf_image prog, interp;
	const char *why;
	int r = elf_load(fd, path, &prog, &why);
	if (r)
		return xabi_error(r, path, why);
	uintptr_t entry = prog.entry;
	if (prog.interp[0]) {
		if (!o->root) {
			static char msg[sizeof prog.interp + 160];
			snprintf(msg, sizeof msg, "a dynamically linked FreeBSD program: its interpreter %s "
				 "must come from a FreeBSD root; name one with --root DIR or "
				 "XABI_FREEBSD_ROOT", prog.interp);
			return xabi_error(XABI_STATUS_NOTFOUND, path, msg);
		}
		static char ipath[PATH_MAX + sizeof prog.interp];
		snprintf(ipath, sizeof ipath, "%s%s%s", o->root, prog.interp[0] == '/' ? "" : "/",
			 prog.interp);
		int ifd = open(ipath, O_RDONLY | O_CLOEXEC);
		if (ifd < 0)
			return xabi_error(XABI_STATUS_NOTFOUND, ipath,
					  "cannot open the program's interpreter in the FreeBSD root");
		r = elf_load(ifd, ipath, &interp, &why);
		close(ifd);
		if (r)
			return xabi_error(r, ipath, why);
		entry = interp.entry;
	}
	if (map_sigcode() < 0)
		return xabi_error(XABI_STATUS_SETUP, path, "cannot map the signal trampoline");

	static char execpath[PATH_MAX];
	if (!realpath(path, execpath))
		snprintf(execpath, sizeof execpath, "%s", path);
	unsigned char canary[64];
	if (getrandom(canary, sizeof canary, 0) != sizeof canary)
		return xabi_error(XABI_STATUS_SETUP, path, "no random bytes for the stack canary");
	static const unsigned long pagesizes[] = { 4096, 2UL << 20, 1UL << 30 };
	long ncpus = sysconf(_SC_NPROCESSORS_ONLN);
	int argc = o->argc + 1;
	struct auxent aux[] = {
		{ FB_AT_PHDR, prog.phdr, 0, 0, 0 },
		{ FB_AT_PHENT, sizeof(Elf64_Phdr), 0, 0, 0 },
		{ FB_AT_PHNUM, prog.phnum, 0, 0, 0 },
		{ FB_AT_PAGESZ, 4096, 0, 0, 0 },
		{ FB_AT_FLAGS, 0, 0, 0, 0 },
		{ FB_AT_ENTRY, prog.entry, 0, 0, 0 },
		{ FB_AT_BASE, prog.interp[0] ? interp.bias : 0, 0, 0, 0 },
		{ FB_AT_EHDRFLAGS, 0, 0, 0, 0 },
		{ FB_AT_EXECPATH, 0, execpath, strlen(execpath) + 1, 0 },
		{ FB_AT_OSRELDATE, FREEBSD_OSRELDATE, 0, 0, 0 },
		{ FB_AT_CANARY, 0, canary, sizeof canary, 0 },
		{ FB_AT_CANARYLEN, sizeof canary, 0, 0, 0 },
		{ FB_AT_NCPUS, ncpus > 0 ? (unsigned long)ncpus : 1, 0, 0, 0 },
		{ FB_AT_PAGESIZES, 0, pagesizes, sizeof pagesizes, 0 },
		{ FB_AT_PAGESIZESLEN, sizeof pagesizes, 0, 0, 0 },
		{ FB_AT_STACKPROT, VM_PROT_RW, 0, 0, 0 },
		{ FB_AT_BSDFLAGS, 0, 0, 0, 0 },
		{ FB_AT_ARGC, (unsigned long)argc, 0, 0, 0 },
		{ FB_AT_ARGV, 0, 0, 0, AUXREF_ARGV },
		{ FB_AT_ENVC, (unsigned long)count(envp), 0, 0, 0 },
		{ FB_AT_ENVV, 0, 0, 0, AUXREF_ENVP },
	};
	const char *argv0 = o->argv0 ? o->argv0 : o->program;
	char *args[argc + 1];
	args[0] = (char *)argv0;
	memcpy(args + 1, o->argv, (size_t)o->argc * sizeof(char *));
	args[argc] = 0;
	uintptr_t sp = stack_build(argc, args, envp, aux, sizeof aux / sizeof aux[0]);
	if (!sp)
		return xabi_error(XABI_STATUS_SETUP, path, "the arguments and environment do not fit "
							   "on the stack");
	close(fd);
	/* exec_setregs: %rsp aligned as just after a call, %rdi the address of argc. */
	struct entry_regs e = { .rip = entry, .rsp = ((sp - 8) & ~(uintptr_t)15) + 8, .rdi = sp };
	run_enter(o, path, &freebsd_abi, &e, prog.end);
}
