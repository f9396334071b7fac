/* The module registry (pe_modules.h). */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "pe_dll.h"
#include "pe_exports.h"
#include "pe_modules.h"

/* Each thread's ThreadLocalStoragePointer vector has room for this many modules with a TLS
 * directory at once: a fixed size, so that a DLL loaded at run time can fill in another thread's
 * slot without moving a vector that thread may be reading. */
#define TLS_SLOTS 128

struct pe_module *pe_modules;
static unsigned char tls_used[TLS_SLOTS];
static TEB **threads; /* every thread with TLS blocks */
static size_t nthreads, threads_cap;
static unsigned init_counter;

static pthread_mutex_t loader_mutex;
static pthread_once_t loader_once = PTHREAD_ONCE_INIT;

static void loader_mutex_init(void)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&loader_mutex, &a);
}

void pe_loader_lock(void)
{
	pthread_once(&loader_once, loader_mutex_init);
	pthread_mutex_lock(&loader_mutex);
}

void pe_loader_unlock(void)
{
	pthread_mutex_unlock(&loader_mutex);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Check the TLS directory of m's image and record its template, with index tls_index. */
static int read_tls_dir(struct pe_module *m, int index, const char **why)
{
	const struct pe_image *img = &m->img;
	const struct pe_datadir *d = &img->pf.opt.dir[PE_DIR_TLS];
	m->tls_index = -1;
	if (!d->size)
		return 0;
	struct pe_tls_dir tls;
	if (d->size < sizeof tls || !pe_in_image(img, d->rva, sizeof tls)) {
		*why = "the TLS directory is truncated";
		return -1;
	}
	memcpy(&tls, img->base + d->rva, sizeof tls);
	uint64_t base = (uint64_t)img->base;
	uint64_t start = tls.data_start - base, end = tls.data_end - base;
	if (tls.data_end < tls.data_start || !pe_in_image(img, start, end - start) ||
	    !pe_in_image(img, tls.index_addr - base, 4) ||
	    (tls.callbacks_addr && !pe_in_image(img, tls.callbacks_addr - base, 8))) {
		*why = "the TLS directory points outside the image";
		return -1;
	}
	if (tls.callbacks_addr) { /* the array must end inside the image */
		uint64_t at = tls.callbacks_addr - base, cb;
		do {
			if (!pe_in_image(img, at, 8)) {
				*why = "the TLS callback array runs past the end of the image";
				return -1;
			}
			memcpy(&cb, img->base + at, 8);
			at += 8;
		} while (cb);
	}
	m->tls_start = tls.data_start;
	m->tls_end = tls.data_end;
	m->tls_zero = tls.zero_fill;
	m->tls_callbacks = tls.callbacks_addr;
	m->tls_index = index;
	uint32_t idx = (uint32_t)index; /* the module's index, read by its code */
	memcpy(img->base + (tls.index_addr - base), &idx, 4);
	tls_used[index] = 1;
	return 0;
}

static void *tls_block(const struct pe_module *m)
{
	size_t init = m->tls_end - m->tls_start;
	char *block = calloc(1, init + m->tls_zero + 1);
	if (block)
		memcpy(block, (void *)m->tls_start, init);
	return block;
}

int pe_module_add_exe(const struct pe_image *img, const char **why)
{
	struct pe_module *m = calloc(1, sizeof *m);
	if (!m) {
		*why = "out of memory";
		return -1;
	}
	m->img = *img;
	m->path = img->path;
	m->name = base_name(img->path);
	m->is_exe = 1;
	m->refs = 1;
	m->flags = PE_MOD_PINNED;
	m->entry = (uintptr_t)img->base + img->pf.opt.entry;
	if (read_tls_dir(m, 0, why) < 0 || pe_exports_check(&m->img, why) < 0) {
		free(m);
		return -1;
	}
	m->next = pe_modules; /* first, before the DLLs its imports loaded */
	pe_modules = m;
	return 0;
}

int pe_module_add_dll(struct pe_module *m, const char **why)
{
	m->tls_index = -1;
	if (!m->shim && m->img.pf.opt.dir[PE_DIR_TLS].size) {
		int index = 1; /* 0 is the program's */
		while (index < TLS_SLOTS && tls_used[index])
			index++;
		if (index == TLS_SLOTS) {
			*why = "too many modules with thread-local storage are loaded";
			return -1;
		}
		if (read_tls_dir(m, index, why) < 0)
			return -1;
		for (size_t i = 0; i < nthreads; i++) { /* threads already running get a block */
			void *block = tls_block(m);
			if (!block) {
				*why = "out of memory";
				for (size_t j = 0; j < i; j++) {
					free(threads[j]->ThreadLocalStoragePointer[index]);
					threads[j]->ThreadLocalStoragePointer[index] = 0;
				}
				tls_used[index] = 0;
				return -1;
			}
			threads[i]->ThreadLocalStoragePointer[index] = block;
		}
	}
	struct pe_module **at = &pe_modules;
	while (*at)
		at = &(*at)->next;
	m->next = 0;
	*at = m;
	return 0;
}

void pe_module_remove(struct pe_module *m)
{
	for (struct pe_module **at = &pe_modules; *at; at = &(*at)->next)
		if (*at == m) {
			*at = m->next;
			break;
		}
	if (m->tls_index > 0) {
		for (size_t i = 0; i < nthreads; i++) {
			free(threads[i]->ThreadLocalStoragePointer[m->tls_index]);
			threads[i]->ThreadLocalStoragePointer[m->tls_index] = 0;
		}
		tls_used[m->tls_index] = 0;
	}
}

struct pe_module *pe_module_from_pc(uintptr_t pc)
{
	for (struct pe_module *m = pe_modules; m; m = m->next)
		if (pc - (uintptr_t)m->img.base < m->img.size)
			return m;
	return 0;
}

struct pe_module *pe_module_from_handle(const void *base)
{
	for (struct pe_module *m = pe_modules; m; m = m->next)
		if (m->img.base == base)
			return m;
	return 0;
}

struct pe_module *pe_module_by_name(const char *name)
{
	for (struct pe_module *m = pe_modules; m; m = m->next)
		if (!strcasecmp(m->name, name))
			return m;
	return 0;
}

int pe_modules_tls_alloc(TEB *teb)
{
	pe_loader_lock();
	void **vector = calloc(TLS_SLOTS, sizeof *vector);
	if (!vector || (nthreads == threads_cap &&
			!(threads = reallocarray(threads, threads_cap = threads_cap * 2 + 4, sizeof *threads)))) {
		free(vector);
		pe_loader_unlock();
		return -1;
	}
	teb->ThreadLocalStoragePointer = vector;
	threads[nthreads++] = teb;
	for (struct pe_module *m = pe_modules; m; m = m->next) {
		if (m->tls_index < 0)
			continue;
		if (!(vector[m->tls_index] = tls_block(m))) {
			pe_modules_tls_free(teb);
			pe_loader_unlock();
			return -1;
		}
	}
	pe_loader_unlock();
	return 0;
}

void pe_modules_tls_free(TEB *teb)
{
	pe_loader_lock();
	void **vector = teb->ThreadLocalStoragePointer;
	for (size_t i = 0; i < nthreads; i++)
		if (threads[i] == teb) {
			threads[i] = threads[--nthreads];
			break;
		}
	if (vector) {
		for (int i = 0; i < TLS_SLOTS; i++)
			free(vector[i]);
		free(vector);
		teb->ThreadLocalStoragePointer = 0;
	}
	pe_loader_unlock();
}

typedef void WINAPI tls_callback(void *module, DWORD reason, void *reserved);
typedef BOOL WINAPI dll_entry(void *module, DWORD reason, void *reserved);

BOOL pe_module_call(struct pe_module *m, DWORD reason, void *reserved)
{
	if (m->tls_callbacks)
		for (tls_callback **cb = (tls_callback **)m->tls_callbacks; *cb; cb++)
			(*cb)(m->img.base, reason, reserved);
	if (m->is_exe || !m->entry)
		return TRUE;
	return ((dll_entry *)m->entry)(m->img.base, reason, reserved);
}

void pe_module_attached(struct pe_module *m)
{
	m->flags |= PE_MOD_ATTACHED;
	m->init_seq = ++init_counter;
}

/* The attached DLLs, latest attach first (*n of them; NULL when there are none or no memory). */
static struct pe_module **attached_newest_first(size_t *n)
{
	size_t k = 0;
	for (struct pe_module *m = pe_modules; m; m = m->next)
		k += !!(m->flags & PE_MOD_ATTACHED);
	struct pe_module **v = k ? malloc(k * sizeof *v) : 0;
	*n = 0;
	if (!v)
		return 0;
	for (struct pe_module *m = pe_modules; m; m = m->next)
		if (m->flags & PE_MOD_ATTACHED) {
			size_t i = (*n)++;
			for (; i > 0 && v[i - 1]->init_seq < m->init_seq; i--)
				v[i] = v[i - 1];
			v[i] = m;
		}
	return v;
}

static void exe_tls_callbacks(DWORD reason, void *reserved)
{
	for (struct pe_module *m = pe_modules; m; m = m->next)
		if (m->is_exe)
			pe_module_call(m, reason, reserved);
}

void pe_modules_notify(DWORD reason)
{
	static int exiting;
	pe_loader_lock();
	if (reason == DLL_PROCESS_ATTACH) {
		pe_dll_process_attach();
		exe_tls_callbacks(reason, (void *)1);
	} else if (reason == DLL_THREAD_ATTACH) {
		for (struct pe_module *m = pe_modules; m; m = m->next)
			if ((m->flags & (PE_MOD_ATTACHED | PE_MOD_NO_THREAD_CALLS)) == PE_MOD_ATTACHED)
				pe_module_call(m, reason, 0);
		exe_tls_callbacks(reason, 0);
	} else if (reason == DLL_THREAD_DETACH || (reason == DLL_PROCESS_DETACH && !exiting)) {
		exiting |= reason == DLL_PROCESS_DETACH;
		void *reserved = reason == DLL_PROCESS_DETACH ? (void *)1 : 0;
		size_t n;
		struct pe_module **v = attached_newest_first(&n);
		for (size_t i = 0; i < n; i++) {
			if (reason == DLL_PROCESS_DETACH)
				v[i]->flags &= ~PE_MOD_ATTACHED;
			else if (v[i]->flags & PE_MOD_NO_THREAD_CALLS)
				continue;
			pe_module_call(v[i], reason, reserved);
		}
		free(v);
		exe_tls_callbacks(reason, reserved);
	}
	pe_loader_unlock();
}
