#include <elf.h>
#include <stdint.h>
#include <string.h>
#include "detect.h"
#include "status.h"

/* Read little-endian fields without alignment assumptions. */
static unsigned u16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}
static uint32_t u32(const unsigned char *p)
{
	return u16(p) | (uint32_t)u16(p + 2) << 16;
}
static uint64_t u64(const unsigned char *p)
{
	return u32(p) | (uint64_t)u32(p + 4) << 32;
}

static void problem(struct detection *d, int status, const char *why)
{
	d->problem = why;
	d->status = status;
}

static const char *machine_name(unsigned m)
{
	switch (m) {
	case EM_386: return "not x86-64: a 32-bit x86 (i386) program";
	case EM_AARCH64: return "not x86-64: an AArch64 program";
	case EM_ARM: return "not x86-64: an ARM program";
	case EM_RISCV: return "not x86-64: a RISC-V program";
	case EM_PPC64: return "not x86-64: a POWER program";
	case EM_S390: return "not x86-64: an s390 program";
	default: return "not x86-64: a program for another processor";
	}
}

/* Branding that ELF programs with OSABI 0 carry: their interpreter, or an ABI note. */
static const struct {
	const char *interp;
	const char *abi;
} interps[] = {
	{ "/lib/amd64/ld.so.1", "illumos" },
	{ "/libexec/ld-elf.so.1", "freebsd" },
	{ "/usr/libexec/ld.elf_so", "netbsd" },
	{ "/usr/libexec/ld.so", "openbsd" },
};
static const struct {
	const char *name;
	const char *abi;
} notes[] = {
	{ "FreeBSD", "freebsd" },
	{ "NetBSD", "netbsd" },
	{ "OpenBSD", "openbsd" },
};

static void scan_notes(const unsigned char *p, size_t len, struct detection *d)
{
	while (len >= 12) {
		uint64_t namesz = u32(p), descsz = u32(p + 4);
		uint64_t total = 12 + ((namesz + 3) & ~3ULL) + ((descsz + 3) & ~3ULL);
		if (namesz > len - 12 || total > len)
			return;
		for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
			if (namesz == strlen(notes[i].name) + 1 &&
			    !memcmp(p + 12, notes[i].name, namesz)) {
				d->abi = notes[i].abi;
				d->how = "ELF ABI note";
				return;
			}
		p += total;
		len -= total;
	}
}

static void detect_elf(const unsigned char *b, size_t n, struct detection *d)
{
	d->format = FMT_ELF;
	d->format_name = "ELF";
	if (n < EI_NIDENT || b[EI_CLASS] == ELFCLASSNONE || b[EI_CLASS] > ELFCLASS64)
		return problem(d, XABI_STATUS_MALFORMED, "truncated or invalid ELF identification");
	if (b[EI_DATA] != ELFDATA2LSB) {
		d->format_name = "ELF (big-endian)";
		return problem(d, XABI_STATUS_WRONG_ISA, "not x86-64: a big-endian program");
	}
	if (n < (b[EI_CLASS] == ELFCLASS64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr)))
		return problem(d, XABI_STATUS_MALFORMED, "truncated ELF header");
	unsigned machine = u16(b + 18);
	if (b[EI_CLASS] == ELFCLASS32) {
		d->format_name = "ELF32";
		return problem(d, XABI_STATUS_WRONG_ISA, machine_name(machine));
	}
	d->format_name = "ELF64 x86-64";
	if (machine != EM_X86_64) {
		d->format_name = "ELF64";
		return problem(d, XABI_STATUS_WRONG_ISA, machine_name(machine));
	}
	switch (b[EI_OSABI]) {
	case ELFOSABI_FREEBSD: d->abi = "freebsd"; d->how = "ELF OSABI 9"; return;
	case ELFOSABI_NETBSD: d->abi = "netbsd"; d->how = "ELF OSABI 2"; return;
	case 12: d->abi = "openbsd"; d->how = "ELF OSABI 12"; return;
	case ELFOSABI_SOLARIS: d->abi = "illumos"; d->how = "ELF OSABI 6"; return;
	case ELFOSABI_LINUX: d->abi = "linux"; d->how = "ELF OSABI 3"; return;
	case ELFOSABI_SYSV: break;
	default:
		d->how = "ELF OSABI byte";
		return problem(d, XABI_STATUS_UNSUPPORTED, "an ELF OSABI xabi does not know");
	}
	d->abi = "linux";
	d->how = "ELF OSABI 0, no foreign branding";
	uint64_t phoff = u64(b + 32);
	unsigned phentsize = u16(b + 54), phnum = u16(b + 56);
	if (phentsize != sizeof(Elf64_Phdr) || phoff > n || phnum > (n - phoff) / phentsize)
		return; /* branding outside the prefix: the loader validates the headers fully */
	for (unsigned i = 0; i < phnum; i++) {
		const unsigned char *ph = b + phoff + (size_t)i * phentsize;
		uint32_t type = u32(ph);
		uint64_t off = u64(ph + 8), size = u64(ph + 32);
		if (off > n || size > n - off)
			continue;
		if (type == PT_INTERP) {
			for (size_t k = 0; k < sizeof interps / sizeof interps[0]; k++)
				if (size == strlen(interps[k].interp) + 1 &&
				    !memcmp(b + off, interps[k].interp, size)) {
					d->abi = interps[k].abi;
					d->how = "ELF interpreter";
					return;
				}
		} else if (type == PT_NOTE) {
			scan_notes(b + off, size, d);
			if (strcmp(d->abi, "linux"))
				return;
		}
	}
}

static void detect_mz(const unsigned char *b, size_t n, struct detection *d)
{
	d->format = FMT_MZ;
	d->format_name = "MS-DOS MZ";
	uint32_t pe = n >= 0x40 ? u32(b + 0x3c) : UINT32_MAX;
	if (pe > n || n - pe < 4 || memcmp(b + pe, "PE\0\0", 4))
		return problem(d, XABI_STATUS_NOEXEC, "an MS-DOS MZ file, not a Windows x86-64 program");
	d->format = FMT_PE;
	d->format_name = "PE";
	if (n - pe < 26) /* the COFF header and the optional header's magic */
		return problem(d, XABI_STATUS_MALFORMED, "truncated: the COFF header is incomplete");
	unsigned machine = u16(b + pe + 4), magic = u16(b + pe + 24);
	if (machine != 0x8664 || magic != 0x20b) {
		d->format_name = magic == 0x10b ? "PE32" : "PE";
		return problem(d, XABI_STATUS_WRONG_ISA,
			       machine == 0x14c ? "not x86-64: a 32-bit Windows (i386) program"
			       : machine == 0xaa64 ? "not x86-64: a Windows ARM64 program"
						   : "not a PE32+ x86-64 program");
	}
	d->format_name = "PE32+ x86-64";
	d->abi = "windows";
	d->how = "PE signature";
}

void detect(const unsigned char *b, size_t n, struct detection *d)
{
	memset(d, 0, sizeof *d);
	d->format_name = "unknown";
	if (n >= 4 && !memcmp(b, ELFMAG, SELFMAG))
		detect_elf(b, n, d);
	else if (n >= 2 && b[0] == 'M' && b[1] == 'Z')
		detect_mz(b, n, d);
	else if (n >= 2 && b[0] == '#' && b[1] == '!') {
		d->format = FMT_SCRIPT;
		d->format_name = "script";
	} else if (n >= 4 && (u32(b) == 0xfeedfacf || u32(b) == 0xbebafeca)) {
		d->format = FMT_MACHO;
		d->format_name = "Mach-O";
		d->abi = "darwin";
		d->how = "Mach-O magic";
	} else {
		problem(d, XABI_STATUS_NOEXEC, "not an executable format xabi knows");
	}
	if (!d->problem && d->abi && !abi_supported(d->abi))
		problem(d, XABI_STATUS_UNSUPPORTED, "programs of this ABI are not supported yet");
}

int abi_supported(const char *abi)
{
	return !strcmp(abi, "linux") || !strcmp(abi, "freebsd") || !strcmp(abi, "windows");
}
