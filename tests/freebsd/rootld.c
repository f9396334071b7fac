/* A stand-in for FreeBSD's run-time linker, /libexec/ld-elf.so.1, installed in a test root for
 * rooted.c (a position-independent program whose PT_INTERP names it). It does what the first
 * steps of rtld do (libexec/rtld-elf/rtld.c: _rtld, init_rtld, digest_phdr) and checks what it
 * relies on: the kernel maps the program and this interpreter and passes AT_BASE (where this
 * object is loaded), AT_PHDR/AT_PHNUM (the program's headers, mapped) and AT_ENTRY (the program's
 * entry, relocated). It relocates itself with AT_BASE and the program with the bias its headers
 * give, opens a library by its absolute FreeBSD name (which only the root holds), and then starts
 * the program as rtld_start.S does: the original stack, %rdi at argc. Built static-pie, without
 * an interpreter of its own. */
#include "rt/fb.h"

/* sys/sys/elf64.h, sys/sys/elf_common.h, sys/sys/auxv.h */
struct elf_ehdr {
	unsigned char e_ident[16];
	uint16_t e_type, e_machine;
	uint32_t e_version;
	uint64_t e_entry, e_phoff, e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};
struct elf_phdr {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};
struct elf_dyn {
	int64_t d_tag;
	uint64_t d_val;
};
struct elf_rela {
	uint64_t r_offset, r_info;
	int64_t r_addend;
};
enum { PT_DYNAMIC = 2, PT_INTERP = 3, PT_PHDR = 6, DT_NULL = 0, DT_RELA = 7, DT_RELASZ = 8,
       R_X86_64_RELATIVE = 8 };
enum { AT_PHDR = 3, AT_PHNUM = 5, AT_BASE = 7, AT_ENTRY = 9 };

extern const struct elf_ehdr __ehdr_start __attribute__((visibility("hidden")));
extern struct elf_dyn _DYNAMIC[] __attribute__((visibility("hidden")));

static uint64_t aux(unsigned long type)
{
	for (uint64_t *a = fb_auxv; a[0]; a += 2)
		if (a[0] == type)
			return a[1];
	return 0;
}

/* R_X86_64_RELATIVE is all these objects hold: *(base + offset) = base + addend. The number of
 * relocations applied, or -1 for another kind. */
static int relocate(uint64_t base, const struct elf_dyn *dyn)
{
	uint64_t rela = 0, relasz = 0;
	for (const struct elf_dyn *d = dyn; d->d_tag != DT_NULL; d++) {
		if (d->d_tag == DT_RELA)
			rela = d->d_val;
		else if (d->d_tag == DT_RELASZ)
			relasz = d->d_val;
	}
	int n = 0;
	for (struct elf_rela *r = (struct elf_rela *)(base + rela);
	     (char *)r < (char *)(base + rela + relasz); r++, n++) {
		if ((uint32_t)r->r_info != R_X86_64_RELATIVE)
			return -1;
		*(uint64_t *)(base + r->r_offset) = base + (uint64_t)r->r_addend;
	}
	return n;
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	uint64_t base = aux(AT_BASE);
	uint64_t self = (uint64_t)&__ehdr_start; /* %rip-relative: where this object really is */
	if (!fb_check(base == self, "ld: AT_BASE is where the interpreter is loaded",
		      "AT_BASE 0x%lx, loaded at 0x%lx", base, self))
		fb_finish(); /* relocating with a wrong base would only crash */
	int n = relocate(base, _DYNAMIC);
	/* fb_errname reads a table of string pointers: right only once relocated. */
	fb_check(n > 0 && !strcmp(fb_errname(FB_ENOENT), "ENOENT"), "ld: relocated itself with AT_BASE",
		 "%d relocations", n);

	/* digest_phdr: the program's load bias from PT_PHDR, its interpreter's name. */
	const struct elf_phdr *ph = (const struct elf_phdr *)aux(AT_PHDR);
	uint64_t phnum = aux(AT_PHNUM), bias = 0;
	const char *interp = 0;
	const struct elf_dyn *dyn = 0;
	int have_phdr = 0;
	for (uint64_t i = 0; ph && i < phnum; i++)
		if (ph[i].p_type == PT_PHDR) {
			bias = (uint64_t)ph - ph[i].p_vaddr;
			have_phdr = 1;
		}
	for (uint64_t i = 0; have_phdr && i < phnum; i++)
		if (ph[i].p_type == PT_INTERP)
			interp = (const char *)(bias + ph[i].p_vaddr);
		else if (ph[i].p_type == PT_DYNAMIC)
			dyn = (const struct elf_dyn *)(bias + ph[i].p_vaddr);
	fb_check(have_phdr && bias && !(bias & 4095), "ld: AT_PHDR and AT_PHNUM give the program's "
		 "headers", "phdr %p phnum %lu bias 0x%lx", (void *)ph, phnum, bias);
	fb_check(interp && !strcmp(interp, "/libexec/ld-elf.so.1"),
		 "ld: the program's PT_INTERP names /libexec/ld-elf.so.1", "%s", interp ? interp : "none");
	const struct elf_ehdr *eh = (const struct elf_ehdr *)bias;
	uint64_t entry = aux(AT_ENTRY);
	fb_check(have_phdr && !memcmp(eh->e_ident, "\177ELF", 4) && entry == bias + eh->e_entry,
		 "ld: AT_ENTRY is the program's entry, relocated", "AT_ENTRY 0x%lx, bias 0x%lx",
		 entry, bias);

	/* The library, by the absolute name a FreeBSD program's DT_NEEDED search gives it. */
	char buf[64] = { 0 };
	long fd = SC3(FB_SYS_open, "/lib/libc.so.7", FB_O_RDONLY | FB_O_CLOEXEC, 0);
	long got = fd >= 0 ? SC3(FB_SYS_read, fd, buf, sizeof buf - 1) : fd;
	if (fd >= 0)
		SC1(FB_SYS_close, fd);
	fb_check(got > 0 && !strcmp(buf, "libc.so.7 of the root\n"),
		 "ld: opens /lib/libc.so.7 from the root", "%s", got < 0 ? fb_errname(got) : buf);

	n = dyn ? relocate(bias, dyn) : -1;
	fb_check(n >= 0, "ld: relocated the program", "%d relocations", n);
	if (fb_failures)
		fb_finish();
	fb_flush();
	/* rtld_start.S: the program starts with %rsp and %rdi (argc's address) as the kernel set
	 * them for the interpreter. */
	__asm__ volatile("mov %0, %%rsp\n\txor %%ebp, %%ebp\n\tjmp *%2"
			 :
			 : "r"(fb_entry_rsp), "D"(fb_entry_regs.rdi), "r"(entry)
			 : "memory");
	__builtin_unreachable();
}
