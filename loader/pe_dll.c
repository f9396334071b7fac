/* Loading, initialising and unloading PE DLLs (pe_dll.h). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "../libshim/kernel32/kernel32.h"
#include "../thunks/missing.h"
#include "../thunks/shim.h"
#include "pe_dll.h"
#include "pe_dll_search.h"
#include "pe_exports.h"
#include "run.h"
#include "status.h"

#define MAX_FORWARDS 16 /* a longer chain of forwarders is taken for a loop */

struct pe_load_error pe_load_error;

void pe_load_error_restore(const struct pe_load_error *saved)
{
	pe_load_error = *saved;
	if (saved->dll)
		pe_load_error.dll = pe_load_error.dll_name;
}

static __attribute__((format(printf, 3, 4))) void set_error(DWORD code, const char *dll,
							       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pe_load_error.code = code;
	pe_load_error.dll = 0;
	if (dll) { /* a copy: the name may lie in an image about to be unmapped */
		snprintf(pe_load_error.dll_name, sizeof pe_load_error.dll_name, "%s", dll);
		pe_load_error.dll = pe_load_error.dll_name;
	}
	vsnprintf(pe_load_error.msg, sizeof pe_load_error.msg, fmt, ap);
	va_end(ap);
}

/* name as a host file name: '\' becomes '/', and a last component without an extension gets
 * ".dll" (one ending in '.' loses the dot instead), as LoadLibrary completes names. */
static char *file_name(const char *name)
{
	size_t n = strlen(name);
	char *s = malloc(n + 5);
	if (!s)
		return 0;
	for (size_t i = 0; i <= n; i++)
		s[i] = name[i] == '\\' ? '/' : name[i];
	const char *base = strrchr(s, '/') ? strrchr(s, '/') + 1 : s;
	if (n && s[n - 1] == '.')
		s[n - 1] = 0;
	else if (!strchr(base, '.'))
		strcpy(s + n, ".dll");
	return s;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The directory of m's file, for its dependencies (malloc'd; NULL for none). */
static char *dir_of(const struct pe_module *m)
{
	if (!m || !m->path || !strchr(m->path, '/'))
		return 0;
	return strndup(m->path, (size_t)(strrchr(m->path, '/') - m->path));
}

/* m holds a reference on dep (dep's reference from pe_dll_load is m's, or dropped if m already
 * holds one). 0, or -1 when out of memory. */
static int hold(struct pe_module *m, struct pe_module *dep)
{
	for (unsigned i = 0; i < m->ndeps; i++)
		if (m->deps[i] == dep) {
			pe_dll_release(dep);
			return 0;
		}
	struct pe_module **v = reallocarray(m->deps, m->ndeps + 1, sizeof *v);
	if (!v) {
		pe_dll_release(dep);
		return -1;
	}
	v[m->ndeps++] = dep;
	m->deps = v;
	return 0;
}

int pe_bind_module_imports(struct pe_module *m, unsigned flags);

static void unload(struct pe_module *m)
{
	pe_module_remove(m);
	for (unsigned i = 0; i < m->ndeps; i++)
		pe_dll_release(m->deps[i]);
	free(m->deps);
	munmap(m->img.base, m->img.size);
	free((char *)m->path);
	free(m);
}

/* Map the DLL file at path and bind its imports. */
static struct pe_module *load_file(const char *path, unsigned flags, const struct pe_module *by)
{
	const char *why = 0, *by_name = by ? by->name : "the program";
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0 || !st.st_size) {
		if (fd >= 0)
			close(fd);
		set_error(ERROR_BAD_EXE_FORMAT, 0, "%s: cannot read the file", path);
		return 0;
	}
	const uint8_t *file = mmap(0, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (file == MAP_FAILED) {
		set_error(ERROR_NOT_ENOUGH_MEMORY, 0, "%s: cannot map the file", path);
		return 0;
	}
	struct pe_file pf;
	struct pe_image img;
	int r = pe_parse(file, (size_t)st.st_size, &pf, &why);
	if (r == 0 && !(pf.coff.characteristics & PE_FILE_DLL))
		r = -1, why = "a program, not a DLL";
	if (r == 0 && (r = pe_map(&pf, &img, &why)) == -1) {
		munmap((void *)file, (size_t)st.st_size);
		set_error(ERROR_NOT_ENOUGH_MEMORY, 0, "%s (needed by %s): %s", path, by_name, why);
		return 0;
	}
	munmap((void *)file, (size_t)st.st_size);
	if (r < 0) {
		set_error(ERROR_BAD_EXE_FORMAT, 0, "%s (needed by %s): %s", path, by_name, why);
		return 0;
	}
	struct pe_module *m = calloc(1, sizeof *m);
	char *full = realpath(path, 0);
	if (!m || !(full = full ? full : strdup(path))) {
		free(m);
		munmap(img.base, img.size);
		set_error(ERROR_NOT_ENOUGH_MEMORY, 0, "%s: out of memory", path);
		return 0;
	}
	m->img = img;
	m->img.path = m->path = full;
	m->name = base_name(full);
	m->refs = 1;
	m->entry = pf.opt.entry ? (uintptr_t)img.base + pf.opt.entry : 0;
	if (pe_exports_check(&m->img, &why) < 0 || pe_module_add_dll(m, &why) < 0) {
		set_error(ERROR_BAD_EXE_FORMAT, 0, "%s (needed by %s): %s", path, by_name, why);
		munmap(img.base, img.size);
		free(full);
		free(m);
		return 0;
	}
	if (pe_bind_module_imports(m, flags) < 0) {
		struct pe_load_error e = pe_load_error; /* unloading may overwrite it */
		unload(m);
		pe_load_error_restore(&e);
		return 0;
	}
	if (pe_protect(&m->img, &why) < 0) {
		set_error(ERROR_NOT_ENOUGH_MEMORY, 0, "%s: %s", path, why);
		unload(m);
		return 0;
	}
	return m;
}

struct pe_module *pe_dll_load(const char *name, unsigned flags, const struct pe_module *by)
{
	const struct shim_dll *shim = shim_find_dll(name);
	if (shim)
		return pe_shim_module(shim);
	char *file = file_name(name);
	if (!file) {
		set_error(ERROR_NOT_ENOUGH_MEMORY, 0, "out of memory");
		return 0;
	}
	struct pe_module *m = 0;
	char *path = 0;
	if (strchr(file, '/')) { /* a path: that file, unless it is loaded already */
		char *full = realpath(file, 0);
		for (m = pe_modules; full && m; m = m->next)
			if (m->path && !strcmp(m->path, full))
				break;
		free(full);
		if (!m && access(file, F_OK) < 0)
			set_error(ERROR_MOD_NOT_FOUND, name, "%s: no such file", file);
		else if (!m)
			path = strdup(file);
		if (flags & PE_LOAD_ALTERED_PATH) /* its dependencies: its directory, then the rest */
			flags |= PE_SEARCH_DLL_LOAD_DIR | PE_SEARCH_DEFAULT_DIRS;
	} else if (!(m = pe_module_by_name(file))) {
		char places[700], *dir = dir_of(by);
		path = pe_dll_search(file, flags, dir, places, sizeof places);
		free(dir);
		if (!path)
			set_error(ERROR_MOD_NOT_FOUND, name,
				  "%s%s%s%s is not one of xabi's DLLs and was not found in: %s", file,
				  by ? " (needed by " : "", by ? by->name : "", by ? ")" : "", places);
	}
	free(file);
	if (m) {
		m->refs++;
		return m;
	}
	if (!path)
		return 0;
	m = load_file(path, flags, by);
	free(path);
	return m;
}

struct pe_module *pe_dll_find(const char *name)
{
	const struct shim_dll *shim = shim_find_dll(name);
	if (shim)
		return pe_shim_module(shim);
	char *file = file_name(name);
	struct pe_module *m = 0;
	if (file && strchr(file, '/')) {
		char *full = realpath(file, 0);
		for (m = pe_modules; full && m; m = m->next)
			if (m->path && !strcmp(m->path, full))
				break;
		free(full);
	} else if (file) {
		m = pe_module_by_name(file);
	}
	free(file);
	return m;
}

/* Attach m's dependencies, then m, unless attached already or being attached further up. */
static int init_tree(struct pe_module *m, void *reserved, unsigned walk)
{
	if (m->visit == walk || (m->flags & PE_MOD_INITIALIZING))
		return 0;
	m->visit = walk;
	m->flags |= PE_MOD_INITIALIZING;
	int r = 0;
	for (unsigned i = 0; i < m->ndeps && r == 0; i++)
		r = init_tree(m->deps[i], reserved, walk);
	if (r == 0 && !m->shim && !m->is_exe && !(m->flags & PE_MOD_ATTACHED)) {
		if (pe_module_call(m, DLL_PROCESS_ATTACH, reserved)) {
			pe_module_attached(m);
		} else {
			if (!reserved) /* LoadLibrary: detached at once; at start-up the process ends */
				pe_module_call(m, DLL_PROCESS_DETACH, 0);
			set_error(ERROR_DLL_INIT_FAILED, m->name,
				  "%s: its DllMain failed DLL_PROCESS_ATTACH", m->path);
			r = -1;
		}
	}
	m->flags &= ~PE_MOD_INITIALIZING;
	return r;
}

int pe_dll_init(struct pe_module *m, void *reserved)
{
	static unsigned walks;
	return init_tree(m, reserved, ++walks);
}

void pe_dll_process_attach(void)
{
	for (struct pe_module *m = pe_modules; m; m = m->next)
		if (!m->is_exe && pe_dll_init(m, (void *)1) < 0) {
			xabi_error(XABI_STATUS_SETUP, pe_modules->path, pe_load_error.msg);
			for (;;) /* no DLL is detached: Windows ends such a process outright */
				syscall(SYS_exit_group, XABI_STATUS_SETUP);
		}
}

void pe_dll_release(struct pe_module *m)
{
	if ((m->flags & PE_MOD_PINNED) || !m->refs || --m->refs)
		return;
	if (m->flags & PE_MOD_ATTACHED) {
		m->flags &= ~PE_MOD_ATTACHED;
		pe_module_call(m, DLL_PROCESS_DETACH, 0);
	}
	unload(m);
}

/* "#ORDINAL", for a missing-import thunk's message. */
static const char *ordinal_name(unsigned ordinal)
{
	char *s = malloc(16);
	if (s)
		snprintf(s, 16, "#%u", ordinal);
	return s;
}

/* The shim's export, a missing-import thunk for its stubs (and, binding, for names it lacks). */
static int shim_export(struct pe_module *m, const char *as, const char *name, unsigned ordinal,
		       int bind, void **addr, int *implemented)
{
	const struct shim_export *e = shim_find_export(m->shim, name, ordinal);
	*implemented = e && e->kind != SHIM_STUB;
	if (*implemented) {
		*addr = e->addr;
		return 0;
	}
	if (!e && !bind) {
		if (name)
			set_error(ERROR_PROC_NOT_FOUND, m->name, "%s has no export %s", m->name, name);
		else
			set_error(ERROR_PROC_NOT_FOUND, m->name, "%s has no export #%u", m->name, ordinal);
		return -1;
	}
	const char *label = name ? strdup(name) : ordinal_name(ordinal);
	if (!label || !(*addr = thunk_missing(as ? as : m->shim->name, label))) {
		set_error(ERROR_NOT_ENOUGH_MEMORY, 0, "out of memory");
		return -1;
	}
	return 0;
}

int pe_dll_export(struct pe_module *m, const char *as, const char *name, unsigned ordinal,
		  int bind, int init, void **addr, int *implemented)
{
	char *owned = 0; /* the current name, when it came from a forwarder */
	int r = -1;
	for (int hops = 0;; hops++) {
		if (m->shim) {
			r = shim_export(m, as, name, ordinal, bind, addr, implemented);
			break;
		}
		struct pe_export x;
		if (pe_export_find(&m->img, name, ordinal, &x) < 0) {
			if (name)
				set_error(ERROR_PROC_NOT_FOUND, m->name, "%s has no export %s", m->name,
					  name);
			else
				set_error(ERROR_PROC_NOT_FOUND, m->name, "%s has no export #%u",
					  m->name, ordinal);
			break;
		}
		if (!x.forward) {
			*addr = x.addr;
			*implemented = 1;
			r = 0;
			break;
		}
		const char *dot = strrchr(x.forward, '.');
		if (hops == MAX_FORWARDS || !dot || dot == x.forward || !dot[1]) {
			set_error(ERROR_PROC_NOT_FOUND, m->name, "%s: the forwarded export %s %s",
				  m->name, x.forward, dot ? "is part of a loop" : "is malformed");
			break;
		}
		char *dll = strndup(x.forward, (size_t)(dot - x.forward));
		char *next = strdup(dot + 1);
		struct pe_module *t = dll && next ? pe_dll_load(dll, 0, m) : 0;
		if (!dll || !next)
			set_error(ERROR_NOT_ENOUGH_MEMORY, 0, "out of memory");
		as = t && t->shim ? t->shim->name : 0;
		free(dll);
		if (!t || hold(m, t) < 0 || (init && pe_dll_init(t, 0) < 0)) {
			free(next);
			break;
		}
		free(owned);
		owned = next;
		if (next[0] == '#') {
			char *end;
			unsigned long v = strtoul(next + 1, &end, 10);
			name = 0;
			ordinal = *end || v > 0xffff ? 0 : (unsigned)v;
		} else {
			name = next;
		}
		m = t;
	}
	free(owned);
	return r;
}
