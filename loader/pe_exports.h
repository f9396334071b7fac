/* A mapped image's export directory: checked once when the module is loaded, then searched by
 * name (binary search of the sorted name pointer table) or by ordinal (minus the ordinal base). */
#ifndef XABI_PE_EXPORTS_H
#define XABI_PE_EXPORTS_H

#include "pe_image.h"

/* Every table of the export directory inside the image, every name a string in it, every name's
 * ordinal index below the function count, every function RVA inside the image and every
 * forwarder a string. 0, or -1 with *why. An image without exports passes. */
int pe_exports_check(const struct pe_image *img, const char **why);

struct pe_export {
	void *addr;          /* the export's address, when not forwarded */
	const char *forward; /* else "DLL.Name" or "DLL.#ORDINAL" */
};

/* Find the export named name, or (name NULL) the one with this ordinal, in a checked image.
 * 0, or -1 when it has none. */
int pe_export_find(const struct pe_image *img, const char *name, unsigned ordinal,
		   struct pe_export *out);

#endif
