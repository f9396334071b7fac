/* Loading and unloading DLLs for the program's imports, LoadLibrary and forwarded exports: a name
 * the shim knows (kernel32, msvcrt, ...) is always the shim's DLL; any other is a PE DLL file
 * found by the search (pe_dll_search.h), mapped at its preferred base or relocated, its exports
 * checked, registered (pe_modules.h), its imports bound in turn. DllMain runs later
 * (pe_dll_init), dependencies first. Call with the loader lock held. */
#ifndef XABI_PE_DLL_H
#define XABI_PE_DLL_H

#include "pe_modules.h"

/* Why the last load or lookup failed: a Windows error code (ERROR_MOD_NOT_FOUND,
 * ERROR_PROC_NOT_FOUND, ERROR_BAD_EXE_FORMAT, ERROR_DLL_INIT_FAILED, ERROR_NOT_ENOUGH_MEMORY)
 * and one line for xabi's own messages; dll is the DLL that was not found or lacks the export. */
struct pe_load_error {
	DWORD code;
	const char *dll; /* NULL, or dll_name */
	char dll_name[256];
	char msg[1024];
};
extern struct pe_load_error pe_load_error;
/* Put back a copy of pe_load_error saved before a step that may overwrite it. */
void pe_load_error_restore(const struct pe_load_error *saved);

/* The module for name as LoadLibrary takes it: a file name (".dll" implied without an extension,
 * none with a trailing '.') or a path ('\' or '/'), with a reference added; flags are
 * PE_SEARCH_* (plus PE_LOAD_ALTERED_PATH); by is the module that needs it (for messages and as
 * the DLL_LOAD_DIR of its dependencies; NULL for LoadLibrary and the program).
 * NULL with pe_load_error set. */
#define PE_LOAD_ALTERED_PATH 0x8 /* LOAD_WITH_ALTERED_SEARCH_PATH: a path's directory first */
struct pe_module *pe_dll_load(const char *name, unsigned flags, const struct pe_module *by);
/* The loaded module (the shim's DLLs count as loaded) for name as GetModuleHandle takes it;
 * NULL if there is none (no reference is added). */
struct pe_module *pe_dll_find(const char *name);
/* DLL_PROCESS_ATTACH for m and whatever it depends on that is not attached yet, dependencies
 * first; reserved is DllMain's lpReserved (non-NULL at process start). 0, or -1 with
 * pe_load_error set (ERROR_DLL_INIT_FAILED) when a DllMain returned FALSE; that DllMain then
 * gets DLL_PROCESS_DETACH at once, as Microsoft documents. */
int pe_dll_init(struct pe_module *m, void *reserved);
/* DLL_PROCESS_ATTACH at process start (pe_modules_notify): every DLL loaded so far, in load
 * order, each after its dependencies; a DllMain that fails ends the process (status
 * XABI_STATUS_SETUP, no DLL detached), as Windows ends it. */
void pe_dll_process_attach(void);
/* Drop a reference taken by pe_dll_load: at zero the DLL gets DLL_PROCESS_DETACH, then its own
 * references are dropped and it is unmapped. */
void pe_dll_release(struct pe_module *m);

/* The address of m's export name (or, name NULL, ordinal), forwarders followed (their DLLs
 * loaded and held by the forwarding module; initialised too when init is set). A shim DLL's
 * known stub becomes a missing-import thunk (its message names the DLL as spelled by as, when
 * not NULL); any other name the shim lacks too when bind is set (binding imports), else it is
 * not found. 0 with *implemented (a real function or variable), or -1 with pe_load_error set. */
int pe_dll_export(struct pe_module *m, const char *as, const char *name, unsigned ordinal,
		  int bind, int init, void **addr, int *implemented);

/* The module of a shim DLL: a read-only page holding valid DOS and PE headers (no sections, no
 * export directory: its exports are the shim's table), made and registered when first asked. */
struct shim_dll;
struct pe_module *pe_shim_module(const struct shim_dll *dll);

#endif
