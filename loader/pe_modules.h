/* The process's PE modules, as the Windows loader keeps them: the program first, then each DLL in
 * load order (PE DLLs mapped from files, and the shim's DLLs, which get a header-only image when
 * first named). The registry answers "which module holds this address" (unwinding), builds each
 * thread's TLS blocks and runs the TLS callbacks and DllMain notifications. Loading and unloading
 * DLLs is pe_dll.h. */
#ifndef XABI_PE_MODULES_H
#define XABI_PE_MODULES_H

#include "../libshim/ntdll/teb.h"
#include "pe_image.h"

#define DLL_PROCESS_DETACH 0
#define DLL_PROCESS_ATTACH 1
#define DLL_THREAD_ATTACH 2
#define DLL_THREAD_DETACH 3

/* pe_module.flags */
#define PE_MOD_PINNED 0x1          /* never unloaded: the program, shim DLLs, its static imports */
#define PE_MOD_ATTACHED 0x2        /* DLL_PROCESS_ATTACH succeeded: a detach is due */
#define PE_MOD_INITIALIZING 0x4    /* its attach is under way (a dependency cycle) */
#define PE_MOD_NO_THREAD_CALLS 0x8 /* DisableThreadLibraryCalls */

struct shim_dll;

struct pe_module {
	struct pe_module *next; /* load order */
	struct pe_image img;
	const char *name; /* the file's base name, e.g. "prog.exe", "libfoo.dll" */
	const char *path; /* the host file (absolute when it could be resolved); NULL for a shim DLL */
	const struct shim_dll *shim; /* a shim DLL: exports come from its generated table */
	int is_exe;
	uintptr_t entry;   /* the entry point (a DLL's DllMain), or 0 */
	unsigned refs;     /* LoadLibrary references (and imports) still held */
	unsigned flags;    /* PE_MOD_* */
	unsigned init_seq; /* when its DLL_PROCESS_ATTACH ran: detaches go in reverse */
	unsigned visit;    /* the last initialisation walk that reached it (pe_dll.c) */
	/* Modules this one holds a reference on (its imports, its forwarders' targets), released
	 * when it is unloaded. */
	struct pe_module **deps;
	unsigned ndeps;
	/* The TLS directory: the template [tls_start, tls_end) plus tls_zero bytes, copied for every
	 * thread into ThreadLocalStoragePointer[tls_index]; tls_index is -1 without one. */
	int tls_index;
	uintptr_t tls_start, tls_end;
	uint32_t tls_zero;
	uintptr_t tls_callbacks; /* NULL-terminated array of PIMAGE_TLS_CALLBACK, or 0 */
};

/* Every module, the program first. Changed only under the loader lock. */
extern struct pe_module *pe_modules;

/* The loader lock (recursive: DllMain may call LoadLibrary or GetModuleHandle). Every function
 * here and in pe_dll.h expects it held once the guest runs. */
void pe_loader_lock(void);
void pe_loader_unlock(void);

/* Record the mapped program (its TLS and export directories checked, TLS index 0). 0, or -1
 * with *why. */
int pe_module_add_exe(const struct pe_image *img, const char **why);
/* Put a DLL's module (fields filled but for next and TLS) at the end of the load order, its TLS
 * directory checked and given a free index, a block made for every running thread. 0, or -1 with
 * *why (nothing recorded). */
int pe_module_add_dll(struct pe_module *m, const char **why);
/* Take m out of the list; its TLS index and every thread's block for it are freed. */
void pe_module_remove(struct pe_module *m);
/* The module whose image holds pc; NULL if none does. */
struct pe_module *pe_module_from_pc(uintptr_t pc);
/* The module whose image starts at base (an HMODULE); NULL if none does. */
struct pe_module *pe_module_from_handle(const void *base);
/* The loaded module with this base name (any case; name as the loader normalises it). */
struct pe_module *pe_module_by_name(const char *name);

/* The calling thread's TLS blocks, one per module with a TLS directory, in teb's
 * ThreadLocalStoragePointer; teb is remembered so that DLLs loaded later give it theirs.
 * 0, or -1 when out of memory. */
int pe_modules_tls_alloc(TEB *teb);
void pe_modules_tls_free(TEB *teb);

/* The notifications, on the calling thread:
 * DLL_PROCESS_ATTACH (process start, once): each DLL's TLS callbacks and DllMain, dependencies
 *   first, then the program's TLS callbacks; a DllMain that fails ends the process (message,
 *   status XABI_STATUS_SETUP) as Windows ends it.
 * DLL_THREAD_ATTACH / DLL_THREAD_DETACH (a thread's start and exit): each attached DLL's TLS
 *   callbacks and DllMain (unless DisableThreadLibraryCalls), in load order, detach in reverse
 *   initialisation order; then the program's TLS callbacks.
 * DLL_PROCESS_DETACH (ExitProcess): each attached DLL in reverse initialisation order with
 *   lpReserved non-NULL, then the program's TLS callbacks; only the first call does anything. */
void pe_modules_notify(DWORD reason);

/* Call m's TLS callbacks, then its entry point (DLLs), with reason; what the entry returns. */
BOOL pe_module_call(struct pe_module *m, DWORD reason, void *reserved);
/* Stamp m as attached, after every module attached so far. */
void pe_module_attached(struct pe_module *m);

#endif
