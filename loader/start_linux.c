/* Starting a Linux ELF program: its interpreter, if any, and the auxiliary vector the kernel gives. */
#include <elf.h>
#include <fcntl.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <unistd.h>
#include "../abi/linux/linux.h"
#include "elf_load.h"
#include "run.h"
#include "stack.h"
#include "start.h"
#include "status.h"

#ifndef AT_MINSIGSTKSZ
#define AT_MINSIGSTKSZ 51
#endif

int start_linux(const struct options *o, int fd, const char *path, char **envp)
{
	static struct elf_image prog, interp;
	const char *why;
	int r = elf_load(fd, path, &prog, &why);
	if (r)
		return xabi_error(r, path, why);
	uintptr_t entry = prog.entry;
	if (prog.interp[0]) {
		int ifd = open(prog.interp, O_RDONLY | O_CLOEXEC);
		if (ifd < 0)
			return xabi_error(XABI_STATUS_NOTFOUND, prog.interp,
					  "cannot open the program's interpreter");
		r = elf_load(ifd, prog.interp, &interp, &why);
		close(ifd);
		if (r)
			return xabi_error(r, prog.interp, why);
		entry = interp.entry;
	}

	unsigned char random[16];
	if (getrandom(random, sizeof random, 0) != sizeof random)
		memset(random, 0x5a, sizeof random);
	struct auxent aux[] = {
		{ AT_SYSINFO_EHDR, getauxval(AT_SYSINFO_EHDR), 0, 0, 0 },
		{ AT_MINSIGSTKSZ, getauxval(AT_MINSIGSTKSZ), 0, 0, 0 },
		{ AT_HWCAP, getauxval(AT_HWCAP), 0, 0, 0 },
		{ AT_PAGESZ, 4096, 0, 0, 0 },
		{ AT_CLKTCK, getauxval(AT_CLKTCK), 0, 0, 0 },
		{ AT_PHDR, prog.phdr, 0, 0, 0 },
		{ AT_PHENT, sizeof(Elf64_Phdr), 0, 0, 0 },
		{ AT_PHNUM, prog.phnum, 0, 0, 0 },
		{ AT_BASE, prog.interp[0] ? interp.bias : 0, 0, 0, 0 },
		{ AT_FLAGS, 0, 0, 0, 0 },
		{ AT_ENTRY, prog.entry, 0, 0, 0 },
		{ AT_UID, getuid(), 0, 0, 0 },
		{ AT_EUID, geteuid(), 0, 0, 0 },
		{ AT_GID, getgid(), 0, 0, 0 },
		{ AT_EGID, getegid(), 0, 0, 0 },
		{ AT_SECURE, 0, 0, 0, 0 },
		{ AT_RANDOM, 0, random, sizeof random, 0 },
		{ AT_HWCAP2, getauxval(AT_HWCAP2), 0, 0, 0 },
		{ AT_EXECFN, 0, path, strlen(path) + 1, 0 },
		{ AT_PLATFORM, 0, "x86_64", 7, 0 },
	};
	const char *argv0 = o->argv0 ? o->argv0 : o->program;
	char *args[o->argc + 2];
	args[0] = (char *)argv0;
	memcpy(args + 1, o->argv, (size_t)o->argc * sizeof(char *));
	args[o->argc + 1] = 0;
	uintptr_t sp = stack_build(o->argc + 1, args, envp, aux, sizeof aux / sizeof aux[0]);
	if (!sp)
		return xabi_error(XABI_STATUS_SETUP, path, "the arguments and environment do not fit "
							   "on the stack");
	close(fd);
	struct entry_regs e = { .rip = entry, .rsp = sp };
	run_enter(o, path, &linux_abi, &e, prog.end);
}
