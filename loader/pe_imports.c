/* Binding a mapped image's imports: each import descriptor names a DLL, whose lookup table lists
 * names (with a hint) or ordinals; the loader writes each one's address into the import address
 * table. A shim DLL's exports bind to their ms_abi function (or variable), the ones it does not
 * implement to a closure that reports the call (thunks/missing.c); a PE DLL is loaded (pe_dll.c)
 * and its export table searched, forwarders followed. Every RVA is checked against the image. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../libshim/kernel32/kernel32.h"
#include "pe_dll.h"
#include "pe_dll_search.h"


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

static int bind_one(struct pe_image *img, const char *dll, struct pe_module *target,
		    uint64_t entry, uint64_t slot, pe_import_fn *fn, void *ctx, const char **why)
{
	struct pe_import imp = { .dll = dll };
	if (entry & PE_ORDINAL_FLAG)
		imp.ordinal = entry & 0xffff;
	else if (entry >> 31 || !(imp.name = pe_string(img, entry + 2)))
		return fail(why, "an import's name lies outside the image");
	void *addr;
	if (pe_dll_export(target, dll, imp.name, imp.ordinal, 1, 0, &addr, &imp.implemented) < 0) {
		*why = pe_load_error.msg;
		return -1;
	}
	memcpy(img->base + slot, &addr, sizeof addr);
	if (fn)
		fn(ctx, &imp);
	return 0;
}

/* Bind img's imports; owner (NULL for the program, whose DLLs stay loaded) holds a reference on
 * each DLL they load. */
static int bind_all(struct pe_image *img, struct pe_module *owner, unsigned flags,
		    pe_import_fn *fn, void *ctx, const char **why)
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
		struct pe_module *target = pe_dll_load(dll, flags, owner);
		if (!target) {
			*why = pe_load_error.msg;
			return -1;
		}
		if (owner) {
			struct pe_module **v = reallocarray(owner->deps, owner->ndeps + 1, sizeof *v);
			if (!v) {
				pe_dll_release(target);
				return fail(why, "out of memory");
			}
			v[owner->ndeps++] = target;
			owner->deps = v;
		}
		uint64_t lookup = desc.lookup_rva ? desc.lookup_rva : desc.iat_rva;
		for (uint64_t i = 0;; i++) {
			uint64_t entry, at = lookup + 8 * i, slot = (uint64_t)desc.iat_rva + 8 * i;
			if (!pe_in_image(img, at, 8) || !pe_in_image(img, slot, 8))
				return fail(why, "an import table runs past the end of the image");
			memcpy(&entry, img->base + at, 8);
			if (!entry)
				break;
			if (bind_one(img, dll, target, entry, slot, fn, ctx, why) < 0) {
				if (*why == pe_load_error.msg && pe_load_error.code == ERROR_PROC_NOT_FOUND) {
					size_t n = strlen(pe_load_error.msg);
					snprintf(pe_load_error.msg + n, sizeof pe_load_error.msg - n,
						 " (imported by %s)", owner ? owner->name : "the program");
				}
				return -1;
			}
		}
	}
}

int pe_bind_imports(struct pe_image *img, pe_import_fn *fn, void *ctx, const char **why,
		    const char **dll_out)
{
	if (img->path && !(img->pf.coff.characteristics & PE_FILE_DLL))
		pe_dll_set_program(img->path); /* its directory is searched first */
	pe_load_error.code = 0;
	pe_load_error.dll = 0;
	int r = bind_all(img, 0, 0, fn, ctx, why);
	if (r < 0 && (pe_load_error.code == ERROR_MOD_NOT_FOUND ||
		      pe_load_error.code == ERROR_PROC_NOT_FOUND))
		*dll_out = pe_load_error.dll;
	return r;
}

int pe_bind_module_imports(struct pe_module *m, unsigned flags)
{
	const char *why;
	pe_load_error.code = 0;
	if (bind_all(&m->img, m, flags, 0, 0, &why) < 0) {
		if (!pe_load_error.code || why != pe_load_error.msg) {
			pe_load_error.code = ERROR_BAD_EXE_FORMAT; /* a malformed import table */
			pe_load_error.dll = 0;
			snprintf(pe_load_error.msg, sizeof pe_load_error.msg, "%s: %s", m->path, why);
		}
		return -1;
	}
	return 0;
}
