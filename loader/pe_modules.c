/* The module registry (pe_modules.h). */
#include <stdlib.h>
#include <string.h>
#include "pe_modules.h"

struct pe_module *pe_modules;

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Check the TLS directory of m's image and record its template. */
static int read_tls_dir(struct pe_module *m, const char **why)
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
	m->tls_start = tls.data_start;
	m->tls_end = tls.data_end;
	m->tls_zero = tls.zero_fill;
	m->tls_callbacks = tls.callbacks_addr;
	m->tls_index = 0;
	memset(img->base + (tls.index_addr - base), 0, 4); /* the module's index, read by its code */
	return 0;
}

int pe_module_add_exe(const struct pe_image *img, const char **why)
{
	struct pe_module *m = calloc(1, sizeof *m);
	if (!m) {
		*why = "out of memory";
		return -1;
	}
	m->img = *img;
	m->name = base_name(img->path);
	m->is_exe = 1;
	m->entry = (uintptr_t)img->base + img->pf.opt.entry;
	if (read_tls_dir(m, why) < 0) {
		free(m);
		return -1;
	}
	m->next = pe_modules;
	pe_modules = m;
	return 0;
}

struct pe_module *pe_module_from_pc(uintptr_t pc)
{
	for (struct pe_module *m = pe_modules; m; m = m->next)
		if (pc - (uintptr_t)m->img.base < m->img.size)
			return m;
	return 0;
}

int pe_modules_tls_alloc(TEB *teb)
{
	int slots = 0;
	for (struct pe_module *m = pe_modules; m; m = m->next)
		if (m->tls_index >= slots)
			slots = m->tls_index + 1;
	void **vector = calloc((size_t)slots + 1, sizeof *vector);
	if (!vector)
		return -1;
	teb->ThreadLocalStoragePointer = vector;
	for (struct pe_module *m = pe_modules; m; m = m->next) {
		if (m->tls_index < 0)
			continue;
		size_t init = m->tls_end - m->tls_start;
		char *block = calloc(1, init + m->tls_zero + 1);
		if (!block) {
			pe_modules_tls_free(teb);
			return -1;
		}
		memcpy(block, (void *)m->tls_start, init);
		vector[m->tls_index] = block;
	}
	return 0;
}

void pe_modules_tls_free(TEB *teb)
{
	void **vector = teb->ThreadLocalStoragePointer;
	if (!vector)
		return;
	for (struct pe_module *m = pe_modules; m; m = m->next)
		if (m->tls_index >= 0)
			free(vector[m->tls_index]);
	free(vector);
	teb->ThreadLocalStoragePointer = 0;
}

typedef void WINAPI tls_callback(void *module, DWORD reason, void *reserved);

void pe_modules_notify(DWORD reason)
{
	for (struct pe_module *m = pe_modules; m; m = m->next)
		if (m->tls_callbacks)
			for (tls_callback **cb = (tls_callback **)m->tls_callbacks; *cb; cb++)
				(*cb)(m->img.base, reason, 0);
}
