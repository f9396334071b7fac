/* Binding a mapped image's imports: each import descriptor names a DLL, whose lookup table lists
 * names (with a hint) or ordinals; the loader writes each one's address into the import address
 * table. Exports the shim implements bind to their ms_abi function (or variable); the others to a
 * closure that reports the call (thunks/missing.c). Every RVA is checked against the image. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../thunks/missing.h"
#include "../thunks/shim.h"
#include "pe_image.h"

int pe_in_image(const struct pe_image *img, uint64_t rva, uint64_t len)
{
	return rva <= img->size && len <= img->size - rva;
}

const char *pe_string(const struct pe_image *img, uint64_t rva)
{
	if (rva >= img->size)
		return 0;
	const char *s = (const char *)img->base + rva;
	return memchr(s, 0, img->size - rva) ? s : 0;
}

static int fail(const char **why, const char *msg)
{
	*why = msg;
	return -1;
}

/* "#ORDINAL", for messages about an import by ordinal. */
static const char *ordinal_name(unsigned ordinal)
{
	char *s = malloc(16);
	if (s)
		snprintf(s, 16, "#%u", ordinal);
	return s;
}

static int bind_one(struct pe_image *img, const char *dll, const struct shim_dll *shim,
		    uint64_t entry, uint64_t slot, pe_import_fn *fn, void *ctx, const char **why)
{
	struct pe_import imp = { .dll = dll };
	const struct shim_export *e;
	if (entry & PE_ORDINAL_FLAG) {
		imp.ordinal = entry & 0xffff;
		e = shim_find_export(shim, 0, imp.ordinal);
	} else {
		if (entry >> 31 || !(imp.name = pe_string(img, entry + 2)))
			return fail(why, "an import's name lies outside the image");
		e = shim_find_export(shim, imp.name, 0);
	}
	void *addr;
	imp.implemented = e && e->kind != SHIM_STUB;
	if (imp.implemented) {
		addr = e->addr;
	} else {
		const char *label = imp.name ? imp.name : ordinal_name(imp.ordinal);
		if (!label || !(addr = thunk_missing(dll, label)))
			return fail(why, "out of memory");
	}
	memcpy(img->base + slot, &addr, sizeof addr);
	if (fn)
		fn(ctx, &imp);
	return 0;
}

int pe_bind_imports(struct pe_image *img, pe_import_fn *fn, void *ctx, const char **why,
		    const char **dll_out)
{
	const struct pe_datadir *d = &img->pf.opt.dir[PE_DIR_IMPORT];
	if (!d->size)
		return 0;
	for (uint64_t off = d->rva;; off += sizeof(struct pe_import_desc)) {
		struct pe_import_desc desc;
		if (!pe_in_image(img, off, sizeof desc))
			return fail(why, "the import directory has no terminating entry");
		memcpy(&desc, img->base + off, sizeof desc);
		if (!desc.name_rva && !desc.iat_rva && !desc.lookup_rva)
			return 0;
		const char *dll = pe_string(img, desc.name_rva);
		if (!dll)
			return fail(why, "an imported DLL's name lies outside the image");
		const struct shim_dll *shim = shim_find_dll(dll);
		if (!shim) {
			*dll_out = dll;
			return fail(why, "a DLL that xabi does not provide");
		}
		uint64_t lookup = desc.lookup_rva ? desc.lookup_rva : desc.iat_rva;
		for (uint64_t i = 0;; i++) {
			uint64_t entry, at = lookup + 8 * i, slot = (uint64_t)desc.iat_rva + 8 * i;
			if (!pe_in_image(img, at, 8) || !pe_in_image(img, slot, 8))
				return fail(why, "an import table runs past the end of the image");
			memcpy(&entry, img->base + at, 8);
			if (!entry)
				break;
			if (bind_one(img, dll, shim, entry, slot, fn, ctx, why) < 0)
				return -1;
		}
	}
}
