/* Where a PE DLL's file is looked for (the shim's DLLs are never looked for: they always win).
 * The order: the program's directory, each --dll-path DIR (in the order given), each directory of
 * XABI_DLL_PATH (colon-separated), then the mingw-w64 runtime directories that exist
 * (/usr/lib/gcc/x86_64-w64-mingw32/VERSION-win32 newest first, VERSION-posix, /usr/x86_64-w64-
 * mingw32/lib, other /usr/lib/gcc/x86_64-w64-mingw32/VERSION). Names match in any case. */
#ifndef XABI_PE_DLL_SEARCH_H
#define XABI_PE_DLL_SEARCH_H

#include <stddef.h>

/* LoadLibraryEx's LOAD_LIBRARY_SEARCH_* flags; none of them: the whole order above. */
#define PE_SEARCH_DLL_LOAD_DIR 0x100    /* the directory of the DLL being loaded (dll_dir) */
#define PE_SEARCH_APPLICATION_DIR 0x200 /* the program's directory */
#define PE_SEARCH_USER_DIRS 0x400       /* --dll-path and XABI_DLL_PATH */
#define PE_SEARCH_SYSTEM32 0x800        /* the mingw-w64 runtime directories */
#define PE_SEARCH_DEFAULT_DIRS 0x1000   /* application, user and system directories */
#define PE_SEARCH_MASK 0x1f00

/* --dll-path DIR (main.c), before the guest runs. */
void pe_dll_path_add(const char *dir);
/* The program's file, whose directory is searched first. */
void pe_dll_set_program(const char *path);

/* The host path of the DLL file name (a base name with its extension), searched as flags say,
 * with dll_dir (may be NULL) for PE_SEARCH_DLL_LOAD_DIR; malloc'd, or NULL when it is nowhere,
 * with the places searched written to places (cut to n bytes). */
char *pe_dll_search(const char *name, unsigned flags, const char *dll_dir, char *places,
		    size_t n);

#endif
