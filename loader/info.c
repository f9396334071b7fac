/* What xabi sees in a file, and an ABI's system call table with each call's support. */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../abi/freebsd/freebsd.h"
#include "../abi/linux/linux.h"
#include "../syscall/trap.h"
#include "detect.h"
#include "pe_image.h"
#include "run.h"
#include "status.h"

static const char *segment_type(uint32_t t)
{
	switch (t) {
	case PT_LOAD: return "LOAD";
	case PT_DYNAMIC: return "DYNAMIC";
	case PT_INTERP: return "INTERP";
	case PT_NOTE: return "NOTE";
	case PT_PHDR: return "PHDR";
	case PT_TLS: return "TLS";
	case PT_GNU_EH_FRAME: return "GNU_EH_FRAME";
	case PT_GNU_STACK: return "GNU_STACK";
	case PT_GNU_RELRO: return "GNU_RELRO";
	case PT_GNU_PROPERTY: return "GNU_PROPERTY";
	default: return "other";
	}
}

/* NEEDED libraries, then undefined dynamic symbols: what the program imports. */
static int print_dynamic(Elf *e, Elf64_Word type)
{
	Elf_Scn *scn = 0;
	int n = 0;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != type || !sh.sh_entsize)
			continue;
		Elf_Data *data = elf_getdata(scn, 0);
		for (size_t i = 0; data && i < sh.sh_size / sh.sh_entsize; i++) {
			size_t name = 0;
			GElf_Dyn dyn;
			GElf_Sym sym;
			if (type == SHT_DYNAMIC && gelf_getdyn(data, (int)i, &dyn) && dyn.d_tag == DT_NEEDED)
				name = dyn.d_un.d_val;
			else if (type == SHT_DYNSYM && gelf_getsym(data, (int)i, &sym) &&
				 sym.st_shndx == SHN_UNDEF)
				name = sym.st_name;
			if (!name)
				continue;
			const char *s = elf_strptr(e, sh.sh_link, name);
			if (type == SHT_DYNAMIC)
				printf("%s%s", n++ ? ", " : "needs:       ", s ? s : "?");
			else
				printf("%s%s", n++ % 6 ? " " : n > 1 ? "\n             " : "imports:     ",
				       s ? s : "?");
		}
	}
	if (n)
		putchar('\n');
	return n;
}

static void print_imports(Elf *e)
{
	int needed = print_dynamic(e, SHT_DYNAMIC);
	if (!print_dynamic(e, SHT_DYNSYM) && !needed)
		printf("imports:     none (statically linked)\n");
}

static int info_elf(int fd)
{
	elf_version(EV_CURRENT);
	Elf *e = elf_begin(fd, ELF_C_READ, 0);
	GElf_Ehdr eh;
	if (!e || !gelf_getehdr(e, &eh)) {
		printf("headers:     unreadable (%s)\n", elf_errmsg(-1));
		if (e)
			elf_end(e);
		return XABI_STATUS_MALFORMED;
	}
	printf("type:        %s\n", eh.e_type == ET_EXEC ? "executable (fixed address)"
				    : eh.e_type == ET_DYN ? "position-independent (ET_DYN)"
				    : eh.e_type == ET_REL ? "relocatable object"
				    : eh.e_type == ET_CORE ? "core dump" : "unknown");
	printf("entry:       0x%llx\n", (unsigned long long)eh.e_entry);
	size_t phnum = 0;
	elf_getphdrnum(e, &phnum);
	printf("segments:    %-13s %-10s %-18s %-10s %-10s %s\n", "type", "offset", "address",
	       "file size", "mem size", "flags");
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(e, (int)i, &ph))
			continue;
		printf("             %-13s 0x%-8llx 0x%-16llx 0x%-8llx 0x%-8llx %c%c%c\n",
		       segment_type(ph.p_type), (unsigned long long)ph.p_offset,
		       (unsigned long long)ph.p_vaddr, (unsigned long long)ph.p_filesz,
		       (unsigned long long)ph.p_memsz, ph.p_flags & PF_R ? 'r' : '-',
		       ph.p_flags & PF_W ? 'w' : '-', ph.p_flags & PF_X ? 'x' : '-');
		if (ph.p_type == PT_INTERP) {
			size_t len;
			char *raw = elf_rawfile(e, &len);
			if (raw && ph.p_offset < len && ph.p_filesz <= len - ph.p_offset)
				printf("interpreter: %.*s\n", (int)ph.p_filesz, raw + ph.p_offset);
		}
	}
	print_imports(e);
	elf_end(e);
	return 0;
}

static const char *subsystem_name(unsigned s)
{
	switch (s) {
	case 1: return "native";
	case 2: return "windows (GUI)";
	case 3: return "console";
	case 10: return "EFI application";
	default: return "other";
	}
}

static void print_pe_headers(const struct pe_file *pf)
{
	const struct pe_opt_header *o = &pf->opt;
	printf("type:        %s\n", pf->coff.characteristics & PE_FILE_DLL ? "DLL" : "program");
	printf("image base:  0x%llx%s\n", (unsigned long long)o->image_base,
	       pf->coff.characteristics & PE_FILE_RELOCS_STRIPPED ? " (fixed: no relocations)" : "");
	printf("entry:       0x%llx (RVA 0x%x)\n", (unsigned long long)(o->image_base + o->entry),
	       o->entry);
	printf("subsystem:   %s\n", subsystem_name(o->subsystem));
	printf("sections:    %-8s %-10s %-10s %-10s %-10s %s\n", "name", "RVA", "size", "offset",
	       "file size", "flags");
	for (unsigned i = 0; i < pf->coff.nsections; i++) {
		struct pe_section s;
		memcpy(&s, pf->sections + i, sizeof s);
		uint32_t c = s.characteristics;
		char name[9] = { 0 };
		for (int k = 0; k < 8 && s.name[k]; k++) /* names are 8 raw bytes, not always text */
			name[k] = s.name[k] > ' ' && s.name[k] < 0x7f ? s.name[k] : '?';
		printf("             %-8s 0x%-8x 0x%-8x 0x%-8x 0x%-8x %c%c%c\n", name, s.rva, s.vsize,
		       s.raw_offset, s.raw_size, c & PE_SCN_MEM_READ ? 'r' : '-',
		       c & PE_SCN_MEM_WRITE ? 'w' : '-', c & PE_SCN_MEM_EXECUTE ? 'x' : '-');
	}
}

static void print_pe_import(void *ctx, const struct pe_import *imp)
{
	int *n = ctx;
	if (!(*n)++)
		printf("imports:\n");
	if (imp->name)
		printf("             %s!%s", imp->dll, imp->name);
	else
		printf("             %s!#%u", imp->dll, imp->ordinal);
	printf(" %s\n", imp->implemented ? "implemented" : "missing");
}

/* The imports are listed as the loader binds them: the image is mapped (not run) for that. */
static int print_pe_imports(const struct pe_file *pf, const char *path)
{
	struct pe_image img;
	const char *why, *dll = 0;
	int n = 0;
	if (pe_map(pf, &img, &why) < 0) {
		printf("imports:     not listed: %s\n", why);
		return XABI_STATUS_SETUP;
	}
	img.path = path; /* the program's directory is searched for its DLLs */
	int r = pe_bind_imports(&img, print_pe_import, &n, &why, &dll);
	munmap(img.base, img.size);
	if (r < 0) {
		printf("imports:     %s%s\n", dll ? "" : "malformed: ", why);
		return dll ? XABI_STATUS_NOTFOUND : XABI_STATUS_MALFORMED;
	}
	if (!n)
		printf("imports:     none\n");
	return 0;
}

static int info_pe(int fd, const char *path)
{
	struct stat st;
	if (fstat(fd, &st) < 0 || !st.st_size)
		return XABI_STATUS_MALFORMED;
	const uint8_t *file = mmap(0, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (file == MAP_FAILED)
		return XABI_STATUS_MALFORMED;
	struct pe_file pf;
	const char *why;
	int status = XABI_STATUS_MALFORMED;
	if (pe_parse(file, (size_t)st.st_size, &pf, &why) < 0) {
		printf("headers:     %s\n", why);
	} else {
		print_pe_headers(&pf);
		status = print_pe_imports(&pf, path);
		if (!status && pf.coff.characteristics & PE_FILE_DLL)
			status = XABI_STATUS_NOEXEC; /* as start_windows refuses it */
	}
	munmap((void *)file, (size_t)st.st_size);
	return status;
}

int info_main(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return xabi_error(errno == ENOENT ? XABI_STATUS_NOTFOUND : XABI_STATUS_NOEXEC, path,
				  strerror(errno));
	unsigned char buf[DETECT_PREFIX];
	ssize_t n = pread(fd, buf, sizeof buf, 0);
	if (n < 0) {
		int err = errno;
		close(fd);
		return xabi_error(XABI_STATUS_NOEXEC, path, strerror(err));
	}
	struct detection d;
	detect(buf, (size_t)n, &d);
	printf("file:        %s\n", path);
	printf("format:      %s\n", d.format_name);
	if (d.abi)
		printf("abi:         %s (%s)\n", d.abi, d.how);
	int status = 0;
	if (d.format == FMT_ELF && (!d.problem || d.status == XABI_STATUS_UNSUPPORTED))
		status = info_elf(fd);
	else if (d.format == FMT_PE && !d.problem)
		status = info_pe(fd, path);
	close(fd);
	if (d.problem)
		printf("runnable:    no: %s\n", d.problem);
	else if (status == XABI_STATUS_MALFORMED)
		printf("runnable:    no: malformed headers\n");
	else if (status == XABI_STATUS_NOEXEC)
		printf("runnable:    no: a DLL, not a program\n");
	else if (status)
		printf("runnable:    no: it cannot be loaded\n");
	else if (d.format == FMT_SCRIPT)
		printf("runnable:    yes, through its interpreter\n");
	else
		printf("runnable:    yes, as a %s program\n", d.abi ? d.abi : "linux");
	return d.problem ? d.status : status;
}

int syscalls_main(const char *name)
{
	static const struct abi *const abis[] = { &linux_abi, &freebsd_abi };
	const struct abi *abi = 0;
	for (unsigned i = 0; i < sizeof abis / sizeof abis[0]; i++)
		if (!strcmp(name, abis[i]->name))
			abi = abis[i];
	if (!abi)
		return xabi_error(XABI_STATUS_USAGE, name, "no such ABI (known: linux, freebsd)");
	extern long linux_pass(struct trap *);
	for (unsigned nr = 0; nr < abi->nsysent; nr++) {
		const struct sysent *e = &abi->sysent[nr];
		if (!e->name)
			continue;
		printf("%u\t%s\t%s\n", nr, e->name,
		       !e->handler ? "not implemented"
		       : e->handler == linux_pass || e->handler == trap_forward_row ? "forwarded"
										    : "handled by xabi");
	}
	return 0;
}
