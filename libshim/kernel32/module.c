/* Modules: LoadLibrary and FreeLibrary, GetProcAddress, GetModuleHandle(Ex), GetModuleFileName,
 * DisableThreadLibraryCalls, over the loader's registry (loader/pe_dll.h). An HMODULE is the
 * module's base address; the shim's DLLs have one too (a page of headers). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "../../loader/pe_dll.h"
#include "../../loader/pe_dll_search.h"
#include "../../loader/status.h"
#include "../../thunks/shim.h"
#include "../ntdll/unicode.h"
#include "kernel32.h"
#include "path.h"

/* LoadLibraryEx flags */
#define DONT_RESOLVE_DLL_REFERENCES 0x1
#define LOAD_LIBRARY_AS_DATAFILE 0x2
#define LOAD_WITH_ALTERED_SEARCH_PATH 0x8
#define LOAD_IGNORE_CODE_AUTHZ_LEVEL 0x10
#define LOAD_LIBRARY_AS_IMAGE_RESOURCE 0x20
#define LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE 0x40
#define LOAD_LIBRARY_SAFE_CURRENT_DIRS 0x2000
/* The ones xabi honours: the search flags, and two that ask for nothing it does anyway (no code
 * authorisation levels; the current directory is never searched). */
#define HONOURED (LOAD_WITH_ALTERED_SEARCH_PATH | LOAD_IGNORE_CODE_AUTHZ_LEVEL | PE_SEARCH_MASK | \
		  LOAD_LIBRARY_SAFE_CURRENT_DIRS)

/* GetModuleHandleEx flags */
#define GET_MODULE_HANDLE_EX_FLAG_PIN 0x1
#define GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT 0x2
#define GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS 0x4

/* The file name GetModuleFileName reports: the host path of a module's file for now (the
 * Windows form of host paths belongs to the file APIs), and for a shim DLL where Windows keeps
 * it. */
/* A module's file name as programs see paths (path.h: "Z:\dir\x.dll"); the shim's DLLs are in
 * the system directory. */
static const char *module_file_name(const struct pe_module *m, char *buf, size_t n)
{
	if (!m->path) {
		const char *dir = system_directory();
		size_t len = strlen(dir);
		snprintf(buf, n, "%s%s%s", dir, len && dir[len - 1] == '\\' ? "" : "\\", m->name);
		return buf;
	}
	char *win = m->path[0] == '/' ? path_from_host(m->path) : 0;
	snprintf(buf, n, "%s", win ? win : m->path);
	free(win);
	return buf;
}

static struct pe_module *exe_module(void)
{
	return pe_modules && pe_modules->is_exe ? pe_modules : 0;
}

/* The module behind h (NULL: the program); NULL with ERROR_MOD_NOT_FOUND if there is none. */
static struct pe_module *module_of(HMODULE h)
{
	struct pe_module *m = h ? pe_module_from_handle(h) : exe_module();
	if (!m)
		win_set_last_error(ERROR_MOD_NOT_FOUND);
	return m;
}

static _Noreturn void unsupported_flags(const char *fn, DWORD flags)
{
	fprintf(stderr, "xabi: kernel32.dll!%s flags 0x%x not implemented\n", fn, flags);
	for (;;)
		syscall(SYS_exit_group, XABI_STATUS_MISSING_IMPORT);
}

static HMODULE load(const char *name, HANDLE file, DWORD flags, const char *fn)
{
	if (!name || file ||
	    ((flags & LOAD_WITH_ALTERED_SEARCH_PATH) && (flags & PE_SEARCH_MASK))) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (flags & ~HONOURED)
		unsupported_flags(fn, flags & ~HONOURED);
	pe_loader_lock();
	struct pe_module *m = pe_dll_load(name, flags, 0);
	if (m && pe_dll_init(m, 0) < 0) {
		struct pe_load_error e = pe_load_error;
		pe_dll_release(m);
		pe_load_error_restore(&e);
		m = 0;
	}
	if (!m)
		win_set_last_error(pe_load_error.code);
	pe_loader_unlock();
	return m ? m->img.base : 0;
}

WINAPI HMODULE kernel32_LoadLibraryExA(LPCSTR name, HANDLE file, DWORD flags)
{
	return load(name, file, flags, "LoadLibraryExA");
}

WINAPI HMODULE kernel32_LoadLibraryExW(LPCWSTR name, HANDLE file, DWORD flags)
{
	char *s = name ? utf16_to_utf8_dup(name) : 0;
	if (name && !s) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	HMODULE h = load(s, file, flags, "LoadLibraryExW");
	free(s);
	return h;
}

WINAPI HMODULE kernel32_LoadLibraryA(LPCSTR name)
{
	return kernel32_LoadLibraryExA(name, 0, 0);
}

WINAPI HMODULE kernel32_LoadLibraryW(LPCWSTR name)
{
	return kernel32_LoadLibraryExW(name, 0, 0);
}

WINAPI BOOL kernel32_FreeLibrary(HMODULE h)
{
	pe_loader_lock();
	struct pe_module *m = h ? pe_module_from_handle(h) : 0;
	if (m)
		pe_dll_release(m);
	else
		win_set_last_error(ERROR_MOD_NOT_FOUND);
	pe_loader_unlock();
	return m != 0;
}

/* name is an ordinal when its high bits are zero (MAKEINTRESOURCE). */
WINAPI void *kernel32_GetProcAddress(HMODULE h, LPCSTR name)
{
	void *addr = 0;
	int implemented;
	pe_loader_lock();
	struct pe_module *m = module_of(h);
	int by_ordinal = (uintptr_t)name >> 16 == 0;
	if (m && pe_dll_export(m, 0, by_ordinal ? 0 : name, by_ordinal ? (unsigned)(uintptr_t)name : 0,
			       0, 1, &addr, &implemented) < 0) {
		win_set_last_error(pe_load_error.code);
		addr = 0;
	}
	pe_loader_unlock();
	return addr;
}

WINAPI HMODULE kernel32_GetModuleHandleA(LPCSTR name)
{
	pe_loader_lock();
	struct pe_module *m = name ? pe_dll_find(name) : exe_module();
	if (!m)
		win_set_last_error(ERROR_MOD_NOT_FOUND);
	pe_loader_unlock();
	return m ? m->img.base : 0;
}

WINAPI HMODULE kernel32_GetModuleHandleW(LPCWSTR name)
{
	char *s = name ? utf16_to_utf8_dup(name) : 0;
	if (name && !s) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	HMODULE h = kernel32_GetModuleHandleA(s);
	free(s);
	return h;
}

/* The shim DLL one of whose exports is at addr (its functions are not in its header page). */
static struct pe_module *shim_module_at(const void *addr)
{
	for (unsigned i = 0; i < shim_ndlls; i++)
		for (unsigned j = 0; j < shim_dlls[i].nexports; j++)
			if (shim_dlls[i].exports[j].addr == addr)
				return pe_shim_module(&shim_dlls[i]);
	return 0;
}

static BOOL module_handle_ex(DWORD flags, const char *name, HMODULE *out)
{
	if (!out || (flags & ~7u) ||
	    (flags & (GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT)) ==
		    (GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT)) {
		if (out)
			*out = 0;
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	pe_loader_lock();
	struct pe_module *m;
	if (flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS) {
		m = pe_module_from_pc((uintptr_t)name);
		if (!m)
			m = shim_module_at(name);
	} else {
		m = name ? pe_dll_find(name) : exe_module();
	}
	if (m && (flags & GET_MODULE_HANDLE_EX_FLAG_PIN))
		m->flags |= PE_MOD_PINNED;
	else if (m && !(flags & GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT))
		m->refs++;
	if (!m)
		win_set_last_error(ERROR_MOD_NOT_FOUND);
	*out = m ? m->img.base : 0;
	pe_loader_unlock();
	return m != 0;
}

WINAPI BOOL kernel32_GetModuleHandleExA(DWORD flags, LPCSTR name, HMODULE *out)
{
	return module_handle_ex(flags, name, out);
}

WINAPI BOOL kernel32_GetModuleHandleExW(DWORD flags, LPCWSTR name, HMODULE *out)
{
	if ((flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS) || !name)
		return module_handle_ex(flags, (const char *)name, out);
	char *s = utf16_to_utf8_dup(name);
	if (!s) {
		if (out)
			*out = 0;
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	BOOL r = module_handle_ex(flags, s, out);
	free(s);
	return r;
}

/* Microsoft's rule for both: the length copied without the NUL when it fits; else the name cut
 * to size - 1 units and NUL-terminated, size returned, ERROR_INSUFFICIENT_BUFFER. */
WINAPI DWORD kernel32_GetModuleFileNameW(HMODULE h, LPWSTR buf, DWORD size)
{
	char tmp[4096];
	pe_loader_lock();
	struct pe_module *m = module_of(h);
	WCHAR *name = m ? utf8_to_utf16_dup(module_file_name(m, tmp, sizeof tmp)) : 0;
	pe_loader_unlock();
	if (!name) {
		if (m)
			win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	size_t len = utf16_len(name);
	DWORD r = (DWORD)len;
	if (len >= size) {
		len = size ? size - 1 : 0;
		r = size;
		win_set_last_error(ERROR_INSUFFICIENT_BUFFER);
	}
	if (size) {
		memcpy(buf, name, len * sizeof *name);
		buf[len] = 0;
	}
	free(name);
	return r;
}

WINAPI DWORD kernel32_GetModuleFileNameA(HMODULE h, LPSTR buf, DWORD size)
{
	char tmp[4096];
	pe_loader_lock();
	struct pe_module *m = module_of(h);
	char *name = m ? strdup(module_file_name(m, tmp, sizeof tmp)) : 0;
	pe_loader_unlock();
	if (!name) {
		if (m)
			win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	size_t len = strlen(name);
	DWORD r = (DWORD)len;
	if (len >= size) {
		len = size ? size - 1 : 0;
		r = size;
		win_set_last_error(ERROR_INSUFFICIENT_BUFFER);
	}
	if (size) {
		memcpy(buf, name, len);
		buf[len] = 0;
	}
	free(name);
	return r;
}

/* As Windows' loader does it: a DLL with a TLS directory keeps its thread notifications (they
 * carry its TLS callbacks) and the call still succeeds. */
WINAPI BOOL kernel32_DisableThreadLibraryCalls(HMODULE h)
{
	pe_loader_lock();
	struct pe_module *m = h ? pe_module_from_handle(h) : 0;
	if (m && m->tls_index < 0)
		m->flags |= PE_MOD_NO_THREAD_CALLS;
	if (!m)
		win_set_last_error(ERROR_MOD_NOT_FOUND);
	pe_loader_unlock();
	return m != 0;
}
