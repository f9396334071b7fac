/* The process's PE modules, as the Windows loader keeps them: the program first, then each DLL in
 * load order. The registry answers "which module holds this address" (unwinding), builds each
 * thread's TLS blocks and runs the TLS callbacks and DllMain notifications. */
#ifndef XABI_PE_MODULES_H
#define XABI_PE_MODULES_H

#include "../libshim/ntdll/teb.h"
#include "pe_image.h"

#define DLL_PROCESS_DETACH 0
#define DLL_PROCESS_ATTACH 1
#define DLL_THREAD_ATTACH 2
#define DLL_THREAD_DETACH 3

struct pe_module {
	struct pe_module *next;
	struct pe_image img;
	const char *name; /* the file's base name, e.g. "prog.exe", "libfoo.dll" */
	int is_exe;
	uintptr_t entry;  /* the entry point (a DLL's DllMain), or 0 */
	/* The TLS directory: the template [tls_start, tls_end) plus tls_zero bytes, copied for every
	 * thread into ThreadLocalStoragePointer[tls_index]; tls_index is -1 without one. */
	int tls_index;
	uintptr_t tls_start, tls_end;
	uint32_t tls_zero;
	uintptr_t tls_callbacks; /* NULL-terminated array of PIMAGE_TLS_CALLBACK, or 0 */
};

/* Every module, the program first. */
extern struct pe_module *pe_modules;

/* Record the mapped program (its TLS directory checked and given index 0). 0, or -1 with *why. */
int pe_module_add_exe(const struct pe_image *img, const char **why);
/* The module whose image holds pc; NULL if none does. */
struct pe_module *pe_module_from_pc(uintptr_t pc);

/* The calling thread's TLS blocks, one per module with a TLS directory, in teb's
 * ThreadLocalStoragePointer. 0, or -1 when out of memory. */
int pe_modules_tls_alloc(TEB *teb);
void pe_modules_tls_free(TEB *teb);
/* Run every module's TLS callbacks (and DLLs' DllMain) with reason, on the calling thread: the
 * program's thread start and exit notifications. */
void pe_modules_notify(DWORD reason);

#endif
