/* The shim's exports, generated from libshim/DLL/DLL.spec by thunks/genspec.awk: one table per DLL,
 * sorted by name, for binding imports and for GetProcAddress. */
#ifndef XABI_THUNKS_SHIM_H
#define XABI_THUNKS_SHIM_H

#include <stdint.h>

enum shim_kind {
	SHIM_FUNC, /* an ms_abi function */
	SHIM_DATA, /* a variable: the import holds its address */
	SHIM_STUB, /* known to Windows, not implemented: binds to a thunk_missing closure */
};

struct shim_export {
	const char *name;
	void *addr; /* NULL for SHIM_STUB */
	uint16_t ordinal; /* 0: none */
	uint8_t kind;     /* enum shim_kind */
	const char *args; /* the spec's argument kinds, e.g. "ptr long" */
};

struct shim_dll {
	const char *name; /* lower case, with ".dll" */
	const struct shim_export *exports;
	unsigned nexports;
};

extern const struct shim_dll shim_dlls[];
extern const unsigned shim_ndlls;

/* The shim DLL named name (any case, ".dll" optional); NULL if there is none. */
const struct shim_dll *shim_find_dll(const char *name);
/* Its export named name, or with ordinal (when name is NULL); NULL if it has none. */
const struct shim_export *shim_find_export(const struct shim_dll *dll, const char *name,
					   unsigned ordinal);

#endif
