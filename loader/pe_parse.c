/* Checking a PE32+ file's headers and section table before anything is mapped: every offset and
 * size the loader will follow is proven to lie inside the file or the image. Pure (no libc state),
 * so that the fuzz target (tests/fuzz) can run it on any bytes. */
#include <string.h>
#include "pe.h"

#define MAX_SECTIONS 96                 /* the Windows loader's limit */
#define MAX_IMAGE_SIZE (3ULL << 30)     /* larger images do not load on Windows either */

static uint32_t u32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof v);
	return v;
}

static int pow2(uint64_t v)
{
	return v && !(v & (v - 1));
}

static int fail(const char **why, const char *msg)
{
	*why = msg;
	return -1;
}

static int check_sections(const struct pe_file *pf, const char **why)
{
	uint64_t image = pf->opt.image_size, prev_end = pf->opt.headers_size;
	for (unsigned i = 0; i < pf->coff.nsections; i++) {
		struct pe_section s;
		memcpy(&s, pf->sections + i, sizeof s);
		uint64_t vsize = s.vsize ? s.vsize : s.raw_size;
		if (s.raw_size && (uint64_t)s.raw_offset + s.raw_size > pf->size)
			return fail(why, "a section's data lies past the end of the file");
		if ((uint64_t)s.rva + vsize > image)
			return fail(why, "a section lies past the end of the image (SizeOfImage)");
		if (s.rva < prev_end)
			return fail(why, "the sections overlap, are out of order, or overlap the headers");
		prev_end = (uint64_t)s.rva + vsize;
	}
	return 0;
}

static int check_directories(const struct pe_file *pf, const char **why)
{
	for (unsigned i = 0; i < PE_DIR_COUNT; i++) {
		const struct pe_datadir *d = &pf->opt.dir[i];
		if (i == PE_DIR_SECURITY || !d->size) /* the certificate table is a file offset */
			continue;
		if ((uint64_t)d->rva + d->size > pf->opt.image_size)
			return fail(why, "a data directory lies past the end of the image");
	}
	return 0;
}

int pe_parse(const uint8_t *data, size_t n, struct pe_file *pf, const char **why)
{
	memset(pf, 0, sizeof *pf);
	pf->data = data;
	pf->size = n;
	if (n < 0x40 || data[0] != 'M' || data[1] != 'Z')
		return fail(why, "not a PE file: no MZ header");
	uint64_t pe = u32(data + 0x3c);
	if (pe + 4 + sizeof pf->coff > n || memcmp(data + pe, "PE\0\0", 4))
		return fail(why, "truncated: the PE header is past the end of the file");
	memcpy(&pf->coff, data + pe + 4, sizeof pf->coff);
	if (pf->coff.machine != PE_MACHINE_AMD64)
		return fail(why, "not a PE32+ x86-64 program");
	uint64_t opt = pe + 4 + sizeof pf->coff;
	size_t fixed = offsetof(struct pe_opt_header, dir);
	if (pf->coff.opt_size < fixed || opt + pf->coff.opt_size > n)
		return fail(why, "truncated: the optional header is incomplete");
	size_t take = pf->coff.opt_size < sizeof pf->opt ? pf->coff.opt_size : sizeof pf->opt;
	memcpy(&pf->opt, data + opt, take);
	if (pf->opt.magic != PE_MAGIC_PE32PLUS)
		return fail(why, "not a PE32+ program (optional header magic)");
	if (pf->opt.ndirs > PE_DIR_COUNT || fixed + pf->opt.ndirs * sizeof(struct pe_datadir) > take)
		return fail(why, "the optional header's data directory count is wrong");
	memset(pf->opt.dir + pf->opt.ndirs, 0,
	       (PE_DIR_COUNT - pf->opt.ndirs) * sizeof(struct pe_datadir));

	uint64_t sect = opt + pf->coff.opt_size;
	if (pf->coff.nsections > MAX_SECTIONS)
		return fail(why, "too many sections");
	if (sect + (uint64_t)pf->coff.nsections * sizeof(struct pe_section) > n)
		return fail(why, "truncated: the section table is past the end of the file");
	pf->sections = (const struct pe_section *)(data + sect);

	const struct pe_opt_header *o = &pf->opt;
	if (!pow2(o->section_align) || !pow2(o->file_align) || o->file_align > o->section_align)
		return fail(why, "invalid section or file alignment");
	if (o->image_base & 0xffff)
		return fail(why, "the image base is not 64 KiB aligned");
	if (!o->image_size || o->image_size > MAX_IMAGE_SIZE)
		return fail(why, "invalid image size (SizeOfImage)");
	if (o->headers_size > o->image_size || o->headers_size > n ||
	    o->headers_size < sect + (uint64_t)pf->coff.nsections * sizeof(struct pe_section))
		return fail(why, "invalid header size (SizeOfHeaders)");
	if (o->entry >= o->image_size)
		return fail(why, "the entry point lies outside the image");
	if (!o->entry && !(pf->coff.characteristics & PE_FILE_DLL))
		return fail(why, "a program without an entry point");
	if (check_sections(pf, why) < 0 || check_directories(pf, why) < 0)
		return -1;
	return 0;
}
