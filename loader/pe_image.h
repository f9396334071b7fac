/* A PE32+ image mapped in memory: the program or a DLL. */
#ifndef XABI_PE_IMAGE_H
#define XABI_PE_IMAGE_H

#include "pe.h"

struct pe_image {
	uint8_t *base;
	uint64_t size;     /* SizeOfImage, page-rounded */
	struct pe_file pf; /* headers; sections point into the mapped image, data is NULL */
	const char *path;  /* the host file */
};

/* Map a checked file; 0, or with *why set (nothing stays mapped) -1 when there is no room for it
 * and PE_MAP_MALFORMED for a bad relocation table. */
#define PE_MAP_MALFORMED (-2)
int pe_map(const struct pe_file *pf, struct pe_image *img, const char **why);
/* Give each page its section's protection (after imports are bound: the IAT may be read-only). */
int pe_protect(struct pe_image *img, const char **why);

/* The NUL-terminated string at rva, if all of it lies in the image; else NULL. */
const char *pe_string(const struct pe_image *img, uint64_t rva);
/* rva .. rva+len inside the image? */
int pe_in_image(const struct pe_image *img, uint64_t rva, uint64_t len);

/* How one import was bound, for `xabi info` and the loader's messages. */
struct pe_import {
	const char *dll;
	const char *name; /* NULL: by ordinal */
	unsigned ordinal;
	int implemented;  /* a shim function or variable, not a missing-import thunk */
};
typedef void pe_import_fn(void *ctx, const struct pe_import *imp);

/* Bind every import of the program img: to the shim's DLLs (missing ones to thunk_missing
 * closures) or to PE DLLs, loaded (pe_dll.h, searched from img->path's directory when it is set)
 * and kept loaded; fn is called for each import when it is not NULL. 0, or -1 with *why set (a
 * malformed import table or DLL, a DLL not found or lacking an export, out of memory); dll_out
 * then names the DLL not found or lacking the export. */
int pe_bind_imports(struct pe_image *img, pe_import_fn *fn, void *ctx, const char **why,
		    const char **dll_out);

#endif
