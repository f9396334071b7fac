#include <elf.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "elf_load.h"
#include "status.h"

#define PAGE 4096UL
#define PAGE_DOWN(x) ((x) & ~(PAGE - 1))
#define PAGE_UP(x) (((x) + PAGE - 1) & ~(PAGE - 1))
#define USER_TOP 0x800000000000UL /* end of the 47-bit user address space */
#define MAX_PHNUM 512

static int bad(const char **why, const char *msg)
{
	*why = msg;
	return XABI_STATUS_MALFORMED;
}

static int prot_of(uint32_t pf)
{
	return (pf & PF_R ? PROT_READ : 0) | (pf & PF_W ? PROT_WRITE : 0) |
	       (pf & PF_X ? PROT_EXEC : 0);
}

static int check_headers(const Elf64_Ehdr *eh, const Elf64_Phdr *ph, uint64_t fsize,
			 const char **why)
{
	int loads = 0, entry_ok = 0;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *p = &ph[i];
		if (p->p_type != PT_LOAD && p->p_type != PT_INTERP)
			continue;
		if (p->p_offset > fsize || p->p_filesz > fsize - p->p_offset)
			return bad(why, "a segment extends past the end of the file");
		if (p->p_type == PT_INTERP)
			continue;
		loads++;
		if (p->p_filesz > p->p_memsz)
			return bad(why, "a segment's file size exceeds its memory size");
		if (p->p_vaddr >= USER_TOP || p->p_memsz > USER_TOP - p->p_vaddr)
			return bad(why, "a segment lies outside the user address space");
		if ((p->p_vaddr - p->p_offset) % PAGE)
			return bad(why, "a segment's address and file offset are not congruent");
		if (eh->e_entry >= p->p_vaddr && eh->e_entry - p->p_vaddr < p->p_memsz &&
		    (p->p_flags & PF_X))
			entry_ok = 1;
	}
	if (!loads)
		return bad(why, "no loadable segment");
	if (!entry_ok)
		return bad(why, "the entry point is not in an executable segment");
	return 0;
}

static int map_segments(int fd, const Elf64_Ehdr *eh, const Elf64_Phdr *ph,
			struct elf_image *img, const char **why)
{
	uintptr_t lo = UINTPTR_MAX, hi = 0;
	for (unsigned i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD) {
			if (PAGE_DOWN(ph[i].p_vaddr) < lo)
				lo = PAGE_DOWN(ph[i].p_vaddr);
			if (PAGE_UP(ph[i].p_vaddr + ph[i].p_memsz) > hi)
				hi = PAGE_UP(ph[i].p_vaddr + ph[i].p_memsz);
		}
	int fixed = MAP_FIXED_NOREPLACE;
	img->bias = 0;
	if (eh->e_type == ET_DYN) {
		/* Let the kernel pick a free range, then place the segments inside it. */
		void *base = mmap(0, hi - lo, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (base == MAP_FAILED) {
			*why = "no address space for the program";
			return XABI_STATUS_SETUP;
		}
		img->bias = (uintptr_t)base - lo;
		fixed = MAP_FIXED;
	}
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *p = &ph[i];
		if (p->p_type != PT_LOAD || !p->p_memsz)
			continue;
		uintptr_t start = PAGE_DOWN(p->p_vaddr) + img->bias;
		uintptr_t file_end = p->p_vaddr + p->p_filesz + img->bias;
		uintptr_t mem_end = PAGE_UP(p->p_vaddr + p->p_memsz) + img->bias;
		int prot = prot_of(p->p_flags);
		if (p->p_filesz) {
			void *m = mmap((void *)start, file_end - start, prot | PROT_WRITE,
				       MAP_PRIVATE | fixed, fd, (off_t)PAGE_DOWN(p->p_offset));
			if (m != (void *)start) {
				*why = errno == EEXIST ? "its addresses are taken (by xabi itself?)"
						       : "a segment cannot be mapped";
				return XABI_STATUS_SETUP;
			}
			/* The rest of the last file page belongs to .bss. Like the kernel, leave the
			 * file's bytes in a segment that is not writable. */
			if (p->p_memsz > p->p_filesz && (prot & PROT_WRITE) && PAGE_UP(file_end) > file_end)
				memset((void *)file_end, 0, PAGE_UP(file_end) - file_end);
		}
		uintptr_t anon = p->p_filesz ? PAGE_UP(file_end) : start;
		if (mem_end > anon &&
		    mmap((void *)anon, mem_end - anon, prot, MAP_PRIVATE | MAP_ANONYMOUS | fixed, -1,
			 0) != (void *)anon) {
			*why = "its addresses are taken (by xabi itself?)";
			return XABI_STATUS_SETUP;
		}
		if (p->p_filesz && !(prot & PROT_WRITE))
			mprotect((void *)start, PAGE_UP(file_end) - start, prot);
	}
	img->end = hi + img->bias;
	return 0;
}

int elf_load(int fd, const char *name, struct elf_image *img, const char **why)
{
	(void)name;
	struct stat st;
	Elf64_Ehdr eh;
	memset(img, 0, sizeof *img);
	if (fstat(fd, &st) < 0 || pread(fd, &eh, sizeof eh, 0) != sizeof eh)
		return bad(why, "truncated ELF header");
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG)) {
		*why = "not an ELF file";
		return XABI_STATUS_NOEXEC;
	}
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh.e_machine != EM_X86_64) {
		*why = "not an x86-64 ELF file";
		return XABI_STATUS_WRONG_ISA;
	}
	if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
		*why = eh.e_type == ET_REL ? "an object file, not an executable"
		       : eh.e_type == ET_CORE ? "a core dump, not an executable"
					      : "not an executable ELF type";
		return XABI_STATUS_NOEXEC;
	}
	if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0 || eh.e_phnum > MAX_PHNUM)
		return bad(why, "invalid program header table size");
	uint64_t fsize = (uint64_t)st.st_size;
	size_t phbytes = (size_t)eh.e_phnum * sizeof(Elf64_Phdr);
	if (eh.e_phoff > fsize || phbytes > fsize - eh.e_phoff)
		return bad(why, "the program header table lies past the end of the file");
	Elf64_Phdr ph[MAX_PHNUM];
	if (pread(fd, ph, phbytes, (off_t)eh.e_phoff) != (ssize_t)phbytes)
		return bad(why, "truncated program header table");
	int r = check_headers(&eh, ph, fsize, why);
	if (r)
		return r;
	for (unsigned i = 0; i < eh.e_phnum; i++)
		if (ph[i].p_type == PT_INTERP) {
			if (ph[i].p_filesz < 2 || ph[i].p_filesz > sizeof img->interp ||
			    pread(fd, img->interp, ph[i].p_filesz, (off_t)ph[i].p_offset) !=
				    (ssize_t)ph[i].p_filesz ||
			    img->interp[ph[i].p_filesz - 1] || !img->interp[0])
				return bad(why, "invalid interpreter name (PT_INTERP)");
		}
	r = map_segments(fd, &eh, ph, img, why);
	if (r)
		return r;
	img->entry = eh.e_entry + img->bias;
	img->phnum = eh.e_phnum;
	/* As Linux does: the headers' address is where the PT_LOAD holding e_phoff maps them
	 * (PT_PHDR is not consulted). */
	for (unsigned i = 0; i < eh.e_phnum && !img->phdr; i++)
		if (ph[i].p_type == PT_LOAD && eh.e_phoff >= ph[i].p_offset &&
		    eh.e_phoff + phbytes <= ph[i].p_offset + ph[i].p_filesz)
			img->phdr = ph[i].p_vaddr + (eh.e_phoff - ph[i].p_offset) + img->bias;
	return 0;
}
