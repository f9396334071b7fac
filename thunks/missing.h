/* Thunks for imports xabi does not implement. */
#ifndef XABI_THUNKS_MISSING_H
#define XABI_THUNKS_MISSING_H

/* A function the guest can call with the Windows x64 convention in place of DLL!name: when called,
 * it prints "xabi: DLL!name called but not implemented" and ends the process with
 * XABI_STATUS_MISSING_IMPORT. dll and name must stay valid. NULL when out of memory. */
void *thunk_missing(const char *dll, const char *name);

#endif
