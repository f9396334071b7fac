/* PE32+ (x86-64) file structures, as the Microsoft PE/COFF specification lays them out, and the
 * parser's view of a validated file. */
#ifndef XABI_PE_H
#define XABI_PE_H

#include <stddef.h>
#include <stdint.h>

#define PE_MACHINE_AMD64 0x8664
#define PE_MAGIC_PE32PLUS 0x20b

/* COFF characteristics */
#define PE_FILE_RELOCS_STRIPPED 0x0001
#define PE_FILE_EXECUTABLE 0x0002
#define PE_FILE_DLL 0x2000

/* section characteristics */
#define PE_SCN_UNINITIALIZED_DATA 0x00000080
#define PE_SCN_MEM_EXECUTE 0x20000000
#define PE_SCN_MEM_READ 0x40000000
#define PE_SCN_MEM_WRITE 0x80000000

/* data directories */
enum {
	PE_DIR_EXPORT, PE_DIR_IMPORT, PE_DIR_RESOURCE, PE_DIR_EXCEPTION, PE_DIR_SECURITY,
	PE_DIR_BASERELOC, PE_DIR_DEBUG, PE_DIR_ARCHITECTURE, PE_DIR_GLOBALPTR, PE_DIR_TLS,
	PE_DIR_LOAD_CONFIG, PE_DIR_BOUND_IMPORT, PE_DIR_IAT, PE_DIR_DELAY_IMPORT, PE_DIR_CLR,
	PE_DIR_COUNT = 16
};

/* base relocation types */
#define PE_REL_ABSOLUTE 0
#define PE_REL_DIR64 10

#define PE_ORDINAL_FLAG (1ULL << 63)

struct pe_coff_header {
	uint16_t machine, nsections;
	uint32_t timestamp, symtab, nsymbols;
	uint16_t opt_size, characteristics;
};

struct pe_datadir {
	uint32_t rva, size;
};

struct pe_opt_header {
	uint16_t magic;
	uint8_t linker_major, linker_minor;
	uint32_t code_size, data_size, bss_size, entry, code_base;
	uint64_t image_base;
	uint32_t section_align, file_align;
	uint16_t os_major, os_minor, image_major, image_minor, subsys_major, subsys_minor;
	uint32_t win32_version, image_size, headers_size, checksum;
	uint16_t subsystem, dll_characteristics;
	uint64_t stack_reserve, stack_commit, heap_reserve, heap_commit;
	uint32_t loader_flags, ndirs;
	struct pe_datadir dir[PE_DIR_COUNT];
};
_Static_assert(sizeof(struct pe_opt_header) == 240, "PE32+ optional header");

struct pe_section {
	char name[8];
	uint32_t vsize, rva, raw_size, raw_offset, relocs, lines;
	uint16_t nrelocs, nlines;
	uint32_t characteristics;
};
_Static_assert(sizeof(struct pe_section) == 40, "section header");

struct pe_import_desc {
	uint32_t lookup_rva, timestamp, forwarder, name_rva, iat_rva;
};

struct pe_export_dir {
	uint32_t characteristics, timestamp;
	uint16_t major, minor;
	uint32_t name_rva, ordinal_base, nfunctions, nnames, functions_rva, names_rva, ordinals_rva;
};

struct pe_tls_dir {
	uint64_t data_start, data_end, index_addr, callbacks_addr;
	uint32_t zero_fill, characteristics;
};

struct pe_reloc_block {
	uint32_t page_rva, size;
};

/* A PE32+ file whose headers and section table have been checked against its size. */
struct pe_file {
	const uint8_t *data;
	size_t size;
	struct pe_coff_header coff;
	struct pe_opt_header opt; /* directories past ndirs read as empty */
	const struct pe_section *sections;
};

/* Check the headers and section table of the n bytes at data. 0, or -1 with *why set. */
int pe_parse(const uint8_t *data, size_t n, struct pe_file *pf, const char **why);

#endif
