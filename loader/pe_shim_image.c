/* The shim's DLLs as modules (pe_dll.h): programs take GetModuleHandle("kernel32.dll") for a
 * mapped image and may read the DOS and PE headers behind it (the image size, the subsystem), so
 * each shim DLL gets one read-only page with valid headers, made when first asked for. Its
 * exports are not in the page: GetProcAddress searches the shim's table instead. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "../thunks/shim.h"
#include "pe_dll.h"

#define PAGE 4096
#define PE_OFFSET 0x40
#define IMAGE_SUBSYSTEM_WINDOWS_CUI 3
#define DLLCHAR_HIGH_ENTROPY_VA 0x20
#define DLLCHAR_DYNAMIC_BASE 0x40
#define DLLCHAR_NX_COMPAT 0x100
#define PE_FILE_LARGE_ADDRESS_AWARE 0x20

static void headers(uint8_t *base)
{
	memcpy(base, "MZ", 2);
	uint32_t lfanew = PE_OFFSET;
	memcpy(base + 0x3c, &lfanew, 4);
	memcpy(base + PE_OFFSET, "PE\0\0", 4);
	struct pe_coff_header coff = {
		.machine = PE_MACHINE_AMD64,
		.opt_size = sizeof(struct pe_opt_header),
		.characteristics = PE_FILE_EXECUTABLE | PE_FILE_LARGE_ADDRESS_AWARE | PE_FILE_DLL,
	};
	memcpy(base + PE_OFFSET + 4, &coff, sizeof coff);
	struct pe_opt_header opt = {
		.magic = PE_MAGIC_PE32PLUS,
		.image_base = (uint64_t)base,
		.section_align = PAGE,
		.file_align = 0x200,
		.os_major = 10, .image_major = 10, .subsys_major = 10,
		.image_size = PAGE,
		.headers_size = PAGE,
		.subsystem = IMAGE_SUBSYSTEM_WINDOWS_CUI,
		.dll_characteristics = DLLCHAR_HIGH_ENTROPY_VA | DLLCHAR_DYNAMIC_BASE | DLLCHAR_NX_COMPAT,
		.stack_reserve = 0x40000, .stack_commit = 0x1000,
		.heap_reserve = 0x100000, .heap_commit = 0x1000,
		.ndirs = PE_DIR_COUNT,
	};
	memcpy(base + PE_OFFSET + 4 + sizeof coff, &opt, sizeof opt);
}

struct pe_module *pe_shim_module(const struct shim_dll *dll)
{
	for (struct pe_module *m = pe_modules; m; m = m->next)
		if (m->shim == dll)
			return m;
	struct pe_module *m = calloc(1, sizeof *m);
	uint8_t *base = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!m || base == MAP_FAILED) {
		free(m);
		if (base != MAP_FAILED)
			munmap(base, PAGE);
		pe_load_error.code = 8; /* ERROR_NOT_ENOUGH_MEMORY */
		pe_load_error.dll = 0;
		strcpy(pe_load_error.msg, "out of memory");
		return 0;
	}
	headers(base);
	mprotect(base, PAGE, PROT_READ);
	m->img.base = base;
	m->img.size = PAGE;
	memcpy(&m->img.pf.coff, base + PE_OFFSET + 4, sizeof m->img.pf.coff);
	memcpy(&m->img.pf.opt, base + PE_OFFSET + 4 + sizeof m->img.pf.coff, sizeof m->img.pf.opt);
	m->name = dll->name;
	m->shim = dll;
	m->refs = 1;
	m->flags = PE_MOD_PINNED;
	const char *why;
	if (pe_module_add_dll(m, &why) < 0) { /* cannot fail: no TLS directory */
		munmap(base, PAGE);
		free(m);
		return 0;
	}
	return m;
}
