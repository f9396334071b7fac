/* Mapping a checked PE32+ file (pe_parse) as the Windows loader does: the image reserved whole at
 * its preferred base or, when that is taken, anywhere with base relocations applied; headers and
 * sections copied in; protections set from the section flags once imports are bound. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "pe_image.h"

#define PAGE 4096UL

static int fail(const char **why, const char *msg)
{
	*why = msg;
	return -1;
}

static uint64_t page_up(uint64_t v)
{
	return (v + PAGE - 1) & ~(PAGE - 1);
}

/* Reserve the image: at its preferred base if free, else (if it can be relocated) anywhere
 * 64 KiB aligned, as Windows places images. */
static uint8_t *reserve(const struct pe_file *pf, uint64_t size, const char **why)
{
	void *want = (void *)pf->opt.image_base;
	void *p = mmap(want, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (p == want)
		return p;
	if (p != MAP_FAILED)
		munmap(p, size); /* an old kernel ignored MAP_FIXED_NOREPLACE */
	if (pf->coff.characteristics & PE_FILE_RELOCS_STRIPPED) {
		fail(why, "its preferred base address is taken and it has no relocations");
		return 0;
	}
	uint64_t span = size + 0x10000;
	uint8_t *q = mmap(0, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (q == MAP_FAILED) {
		fail(why, "no room for the image");
		return 0;
	}
	uint8_t *base = (uint8_t *)(((uintptr_t)q + 0xffff) & ~(uintptr_t)0xffff);
	if (base > q)
		munmap(q, (size_t)(base - q));
	munmap(base + size, (size_t)(q + span - (base + size)));
	return base;
}

/* Apply the base relocation directory for a move of delta bytes. */
static int relocate(struct pe_image *img, int64_t delta, const char **why)
{
	const struct pe_datadir *d = &img->pf.opt.dir[PE_DIR_BASERELOC];
	uint64_t off = d->rva, end = (uint64_t)d->rva + d->size;
	while (off + sizeof(struct pe_reloc_block) <= end) {
		struct pe_reloc_block b;
		memcpy(&b, img->base + off, sizeof b);
		if (b.size < sizeof b || b.size > end - off || (b.size & 1))
			return fail(why, "a base relocation block has an invalid size");
		for (uint64_t e = off + sizeof b; e + 2 <= off + b.size; e += 2) {
			uint16_t w;
			memcpy(&w, img->base + e, 2);
			unsigned type = w >> 12;
			uint64_t target = (uint64_t)b.page_rva + (w & 0xfff);
			if (type == PE_REL_ABSOLUTE)
				continue;
			if (type != PE_REL_DIR64)
				return fail(why, "a base relocation of a type x86-64 does not use");
			if (target + 8 > img->size)
				return fail(why, "a base relocation points outside the image");
			uint64_t v;
			memcpy(&v, img->base + target, 8);
			v += (uint64_t)delta;
			memcpy(img->base + target, &v, 8);
		}
		off += b.size;
	}
	return 0;
}

/* Fault in the pages a section is copied to in one call rather than one fault per page: a Go
 * program's image is copied in whole (11 MB for esbuild.exe), and thousands of single faults were
 * half of its start-up. Only an optimisation: an older kernel without MADV_POPULATE_WRITE just
 * faults page by page. */
static void populate(uint8_t *p, uint64_t n)
{
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
	uintptr_t start = (uintptr_t)p & ~(PAGE - 1);
	madvise((void *)start, page_up((uintptr_t)p + n) - start, MADV_POPULATE_WRITE);
}

int pe_map(const struct pe_file *pf, struct pe_image *img, const char **why)
{
	memset(img, 0, sizeof *img);
	img->pf = *pf;
	img->size = page_up(pf->opt.image_size);
	img->base = reserve(pf, img->size, why);
	if (!img->base)
		return -1;
	memcpy(img->base, pf->data, pf->opt.headers_size);
	for (unsigned i = 0; i < pf->coff.nsections; i++) {
		struct pe_section s;
		memcpy(&s, pf->sections + i, sizeof s);
		uint64_t vsize = s.vsize ? s.vsize : s.raw_size;
		uint64_t n = s.raw_size < vsize ? s.raw_size : vsize;
		if (n) {
			populate(img->base + s.rva, n);
			memcpy(img->base + s.rva, pf->data + s.raw_offset, n);
		}
	}
	/* From here on the sections table is read from the mapped headers, not the file. */
	img->pf.sections = (const struct pe_section *)(img->base + ((const uint8_t *)pf->sections -
								   pf->data));
	img->pf.data = 0;
	int64_t delta = (int64_t)((uint64_t)img->base - pf->opt.image_base);
	if (delta && relocate(img, delta, why) < 0) {
		munmap(img->base, img->size);
		return PE_MAP_MALFORMED;
	}
	return 0;
}

static int section_prot(uint32_t c)
{
	int p = 0;
	if (c & PE_SCN_MEM_READ)
		p |= PROT_READ;
	if (c & PE_SCN_MEM_WRITE)
		p |= PROT_READ | PROT_WRITE; /* Windows has no write-only pages */
	if (c & PE_SCN_MEM_EXECUTE)
		p |= PROT_READ | PROT_EXEC;
	return p;
}

int pe_protect(struct pe_image *img, const char **why)
{
	size_t pages = img->size / PAGE;
	unsigned char *prot = calloc(pages, 1);
	if (!prot)
		return fail(why, "out of memory");
	size_t hdr = page_up(img->pf.opt.headers_size) / PAGE;
	for (size_t i = 0; i < hdr && i < pages; i++)
		prot[i] = PROT_READ;
	for (unsigned i = 0; i < img->pf.coff.nsections; i++) {
		struct pe_section s; /* the table need not be aligned: e_lfanew may be odd */
		memcpy(&s, img->pf.sections + i, sizeof s);
		uint64_t vsize = s.vsize ? s.vsize : s.raw_size;
		if (!vsize)
			continue;
		/* Sections aligned below a page share pages: each page gets the union. */
		for (uint64_t p = s.rva / PAGE; p < page_up(s.rva + vsize) / PAGE && p < pages; p++)
			prot[p] |= (unsigned char)section_prot(s.characteristics);
	}
	for (size_t i = 0; i < pages;) {
		size_t j = i;
		while (j < pages && prot[j] == prot[i])
			j++;
		if (mprotect(img->base + i * PAGE, (j - i) * PAGE, prot[i]) < 0) {
			free(prot);
			return fail(why, "cannot set the sections' protections");
		}
		i = j;
	}
	free(prot);
	return 0;
}
