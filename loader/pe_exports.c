/* Export directories (pe_exports.h), as the PE/COFF specification lays them out: the export
 * address table (RVAs, indexed by ordinal - base), the name pointer table (sorted name RVAs) and
 * the ordinal table beside it (each name's index into the address table). An address table RVA
 * inside the export directory's own range is a forwarder string. */
#include <string.h>
#include "pe_exports.h"

static uint32_t u32(const struct pe_image *img, uint64_t rva)
{
	uint32_t v;
	memcpy(&v, img->base + rva, 4);
	return v;
}

static uint16_t u16(const struct pe_image *img, uint64_t rva)
{
	uint16_t v;
	memcpy(&v, img->base + rva, 2);
	return v;
}

static int read_dir(const struct pe_image *img, struct pe_export_dir *e)
{
	const struct pe_datadir *d = &img->pf.opt.dir[PE_DIR_EXPORT];
	if (!d->size || d->size < sizeof *e || !pe_in_image(img, d->rva, d->size))
		return -1;
	memcpy(e, img->base + d->rva, sizeof *e);
	return 0;
}

static int fail(const char **why, const char *msg)
{
	*why = msg;
	return -1;
}

int pe_exports_check(const struct pe_image *img, const char **why)
{
	const struct pe_datadir *d = &img->pf.opt.dir[PE_DIR_EXPORT];
	if (!d->size)
		return 0;
	struct pe_export_dir e;
	if (d->size < sizeof e || !pe_in_image(img, d->rva, d->size))
		return fail(why, "the export directory lies outside the image");
	memcpy(&e, img->base + d->rva, sizeof e);
	if (e.nfunctions > 0x10000 || e.nnames > e.nfunctions)
		return fail(why, "the export directory's counts are impossible");
	if (!pe_in_image(img, e.functions_rva, 4ULL * e.nfunctions) ||
	    !pe_in_image(img, e.names_rva, 4ULL * e.nnames) ||
	    !pe_in_image(img, e.ordinals_rva, 2ULL * e.nnames))
		return fail(why, "an export table lies outside the image");
	for (uint32_t i = 0; i < e.nnames; i++) {
		if (!pe_string(img, u32(img, e.names_rva + 4ULL * i)))
			return fail(why, "an export's name lies outside the image");
		if (u16(img, e.ordinals_rva + 2ULL * i) >= e.nfunctions)
			return fail(why, "an export's ordinal index is past the address table");
	}
	for (uint32_t i = 0; i < e.nfunctions; i++) {
		uint32_t rva = u32(img, e.functions_rva + 4ULL * i);
		if (rva >= img->size)
			return fail(why, "an export's address lies outside the image");
		if (rva - d->rva < d->size && !pe_string(img, rva))
			return fail(why, "a forwarded export's name lies outside the image");
	}
	return 0;
}

static int by_index(const struct pe_image *img, const struct pe_export_dir *e, uint32_t index,
		    struct pe_export *out)
{
	const struct pe_datadir *d = &img->pf.opt.dir[PE_DIR_EXPORT];
	if (index >= e->nfunctions)
		return -1;
	uint32_t rva = u32(img, e->functions_rva + 4ULL * index);
	if (!rva)
		return -1; /* a gap in the ordinals */
	out->addr = 0;
	out->forward = 0;
	if (rva - d->rva < d->size)
		out->forward = (const char *)img->base + rva;
	else
		out->addr = img->base + rva;
	return 0;
}

int pe_export_find(const struct pe_image *img, const char *name, unsigned ordinal,
		   struct pe_export *out)
{
	struct pe_export_dir e;
	if (read_dir(img, &e) < 0)
		return -1;
	if (!name)
		return ordinal < e.ordinal_base ? -1 : by_index(img, &e, ordinal - e.ordinal_base, out);
	uint32_t lo = 0, hi = e.nnames;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, (const char *)img->base + u32(img, e.names_rva + 4ULL * mid));
		if (!c)
			return by_index(img, &e, u16(img, e.ordinals_rva + 2ULL * mid), out);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}
