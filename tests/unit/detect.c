/* loader/detect.c on crafted buffers: every format and branding it knows, and truncations at every
 * length. Each buffer is placed at the very end of a readable page followed by a PROT_NONE page, so
 * a read past n faults; each group runs in a child process, so a fault is reported as that group's
 * failure instead of ending the program. Prints PASS/FAIL lines (tests/run). */
#define _GNU_SOURCE
#include <elf.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../../loader/detect.h"
#include "../../loader/status.h"

#define PAGE 4096

static int failures;

static void report(int ok, const char *name, const char *fmt, ...)
{
	if (ok) {
		printf("PASS unit/detect/%s\n", name);
		return;
	}
	failures++;
	printf("FAIL unit/detect/%s: ", name);
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* A copy of buf[0..n) that ends exactly where an unreadable page begins. */
static const unsigned char *guarded(const void *buf, size_t n)
{
	static unsigned char *area;
	static size_t area_pages;
	size_t pages = (n + PAGE - 1) / PAGE + 1;
	if (pages > area_pages) {
		if (area)
			munmap(area, (area_pages + 1) * PAGE);
		area = mmap(0, (pages + 1) * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			    -1, 0);
		if (area == MAP_FAILED) {
			perror("mmap");
			exit(1);
		}
		area_pages = pages;
		mprotect(area + area_pages * PAGE, PAGE, PROT_NONE);
	}
	unsigned char *p = area + area_pages * PAGE - n;
	memcpy(p, buf, n);
	return p;
}

static void det(const void *buf, size_t n, struct detection *d)
{
	memset(d, 0xa5, sizeof *d); /* detect() must set every field */
	detect(guarded(buf, n), n, d);
}

static int streq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}
#define S(x) ((x) ? (x) : "(null)")

/* Check a whole detection; abi and problem: NULL means "must be NULL", problem "*": any non-NULL. */
static void expect(const char *name, const void *buf, size_t n, enum format format,
		   const char *format_name, const char *abi, const char *how, const char *problem,
		   int status)
{
	struct detection d;
	det(buf, n, &d);
	int ok = d.format == format && streq(d.format_name, format_name) && streq(d.abi, abi) &&
		 (!how || streq(d.how, how)) &&
		 (problem && !strcmp(problem, "*") ? d.problem != 0 : streq(d.problem, problem)) &&
		 d.status == status;
	report(ok, name,
	       "got format %d \"%s\" abi %s how %s problem \"%s\" status %d; expected format %d \"%s\" "
	       "abi %s how %s problem \"%s\" status %d",
	       d.format, S(d.format_name), S(d.abi), S(d.how), S(d.problem), d.status, format,
	       format_name, S(abi), S(how), S(problem), status);
}

/* Run fn in a child: a crash (a read past the buffer) is that group's failure. */
static void isolated(const char *name, void (*fn)(void))
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		fn();
		fflush(stdout);
		_exit(failures ? 1 : 0);
	}
	int st;
	waitpid(pid, &st, 0);
	if (WIFSIGNALED(st))
		report(0, name, "crashed with signal %d (a read past the end of the buffer?)",
		       WTERMSIG(st));
	else if (WEXITSTATUS(st))
		failures++;
}

/* --- crafted programs --- */

static unsigned char elf[512];
static size_t elf_len;

static void put16(unsigned char *p, unsigned v) { p[0] = v; p[1] = v >> 8; }
static void put32(unsigned char *p, uint32_t v) { put16(p, v & 0xffff); put16(p + 2, v >> 16); }
static void put64(unsigned char *p, uint64_t v) { put32(p, (uint32_t)v); put32(p + 4, v >> 32); }

/* An x86-64 ELF header, OSABI osabi, with the given program headers right after it (at 64) and
 * their contents after those. */
struct seg {
	uint32_t type;
	const void *data;
	size_t size;
};
static void make_elf(unsigned osabi, const struct seg *segs, unsigned nseg)
{
	memset(elf, 0, sizeof elf);
	memcpy(elf, ELFMAG, SELFMAG);
	elf[EI_CLASS] = ELFCLASS64;
	elf[EI_DATA] = ELFDATA2LSB;
	elf[EI_VERSION] = EV_CURRENT;
	elf[EI_OSABI] = osabi;
	put16(elf + 16, ET_EXEC);
	put16(elf + 18, EM_X86_64);
	put32(elf + 20, EV_CURRENT);
	put64(elf + 24, 0x401000);
	put64(elf + 32, 64);
	put16(elf + 52, 64);
	put16(elf + 54, sizeof(Elf64_Phdr));
	put16(elf + 56, nseg);
	size_t off = 64 + nseg * sizeof(Elf64_Phdr);
	for (unsigned i = 0; i < nseg; i++) {
		unsigned char *ph = elf + 64 + i * sizeof(Elf64_Phdr);
		put32(ph, segs[i].type);
		put32(ph + 4, PF_R);
		put64(ph + 8, off);
		put64(ph + 16, 0x400000 + off);
		put64(ph + 24, 0x400000 + off);
		put64(ph + 32, segs[i].size);
		put64(ph + 40, segs[i].size);
		memcpy(elf + off, segs[i].data, segs[i].size);
		off += (segs[i].size + 7) & ~(size_t)7;
	}
	elf_len = off;
}

/* An ELF note: namesz, descsz, type, name (padded), desc (padded). */
static size_t make_note(unsigned char *p, const char *name, uint32_t descsz_field,
			const void *desc, size_t desc_len)
{
	size_t namesz = strlen(name) + 1;
	put32(p, namesz);
	put32(p + 4, descsz_field);
	put32(p + 8, 1);
	memcpy(p + 12, name, namesz);
	size_t off = 12 + ((namesz + 3) & ~(size_t)3);
	memcpy(p + off, desc, desc_len);
	return off + ((desc_len + 3) & ~(size_t)3);
}

static const char linux_interp[] = "/lib64/ld-linux-x86-64.so.2";
static const char illumos_interp[] = "/lib/amd64/ld.so.1";

static void elf_linux(void)
{
	unsigned char note[64];
	static const unsigned char abi_tag[16] = { 0, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0 };
	size_t nl = make_note(note, "GNU", 16, abi_tag, 16);
	struct seg s[] = { { PT_INTERP, linux_interp, sizeof linux_interp }, { PT_NOTE, note, nl } };
	make_elf(ELFOSABI_SYSV, s, 2);
}

static unsigned char pe[512];
static void make_pe(unsigned machine, unsigned magic)
{
	memset(pe, 0, sizeof pe);
	pe[0] = 'M';
	pe[1] = 'Z';
	put32(pe + 0x3c, 0x80);
	memcpy(pe + 0x80, "PE\0\0", 4);
	put16(pe + 0x84, machine);
	put16(pe + 0x86, 1);
	put16(pe + 0x94, magic == 0x20b ? 240 : 224);
	put16(pe + 0x96, 0x22);
	put16(pe + 0x98, magic);
}

/* --- groups --- */

static void group_elf(void)
{
	elf_linux();
	expect("elf-linux-osabi0", elf, elf_len, FMT_ELF, "ELF64 x86-64", "linux",
	       "ELF OSABI 0, no foreign branding", 0, 0);
	elf[EI_OSABI] = ELFOSABI_LINUX;
	expect("elf-linux-osabi3", elf, elf_len, FMT_ELF, "ELF64 x86-64", "linux", "ELF OSABI 3", 0, 0);
	elf[EI_OSABI] = ELFOSABI_FREEBSD;
	expect("elf-osabi9-freebsd", elf, elf_len, FMT_ELF, "ELF64 x86-64", "freebsd", "ELF OSABI 9",
	       0, 0);
	elf[EI_OSABI] = ELFOSABI_NETBSD;
	expect("elf-osabi2-netbsd", elf, elf_len, FMT_ELF, "ELF64 x86-64", "netbsd", "ELF OSABI 2",
	       "*", XABI_STATUS_UNSUPPORTED);
	elf[EI_OSABI] = 12;
	expect("elf-osabi12-openbsd", elf, elf_len, FMT_ELF, "ELF64 x86-64", "openbsd", 0, "*",
	       XABI_STATUS_UNSUPPORTED);
	elf[EI_OSABI] = ELFOSABI_ARM;
	expect("elf-osabi-unknown", elf, elf_len, FMT_ELF, "ELF64 x86-64", 0, 0, "*",
	       XABI_STATUS_UNSUPPORTED);
	elf[EI_OSABI] = 0;

	elf[EI_DATA] = ELFDATA2MSB;
	expect("elf-big-endian", elf, elf_len, FMT_ELF, "ELF (big-endian)", 0, 0, "*",
	       XABI_STATUS_WRONG_ISA);
	elf[EI_DATA] = ELFDATA2LSB;
	put16(elf + 18, EM_AARCH64);
	expect("elf-aarch64", elf, elf_len, FMT_ELF, "ELF64", 0, 0,
	       "not x86-64: an AArch64 program", XABI_STATUS_WRONG_ISA);
	put16(elf + 18, EM_X86_64);
	elf[EI_CLASS] = 7;
	expect("elf-bad-class", elf, elf_len, FMT_ELF, "ELF", 0, 0, "*", XABI_STATUS_MALFORMED);

	/* ELF32 i386: a 52-byte header. */
	unsigned char e32[52] = { 0x7f, 'E', 'L', 'F', ELFCLASS32, ELFDATA2LSB, EV_CURRENT };
	put16(e32 + 16, ET_EXEC);
	put16(e32 + 18, EM_386);
	expect("elf32-i386", e32, sizeof e32, FMT_ELF, "ELF32", 0, 0,
	       "not x86-64: a 32-bit x86 (i386) program", XABI_STATUS_WRONG_ISA);
	expect("elf32-truncated", e32, 51, FMT_ELF, "ELF", 0, 0, "*", XABI_STATUS_MALFORMED);
}

static void group_branding(void)
{
	unsigned char note[64];
	static const unsigned char ver[4] = { 0x90, 0x5f, 0x01, 0 }; /* 1400000 */
	size_t nl = make_note(note, "FreeBSD", 4, ver, 4);
	struct seg fb[] = { { PT_NOTE, note, nl } };
	make_elf(ELFOSABI_SYSV, fb, 1);
	expect("elf-freebsd-note-osabi0", elf, elf_len, FMT_ELF, "ELF64 x86-64", "freebsd",
	       "ELF ABI note", 0, 0);

	/* A GNU note first, then the FreeBSD one, in one PT_NOTE. */
	unsigned char two[96];
	size_t l1 = make_note(two, "GNU", 4, ver, 4);
	size_t l2 = make_note(two + l1, "FreeBSD", 4, ver, 4);
	struct seg fb2[] = { { PT_NOTE, two, l1 + l2 } };
	make_elf(ELFOSABI_SYSV, fb2, 1);
	expect("elf-freebsd-second-note", elf, elf_len, FMT_ELF, "ELF64 x86-64", "freebsd",
	       "ELF ABI note", 0, 0);

	/* A note whose descsz (0xfffffffd) runs far past its segment: the scan must stop there, not
	 * wrap the size to 0 and read the bytes that follow as another (FreeBSD) note. */
	unsigned char bad[96];
	size_t b1 = make_note(bad, "GNU", 0xfffffffd, "", 0);
	size_t b2 = make_note(bad + b1, "FreeBSD", 4, ver, 4);
	struct seg fb3[] = { { PT_NOTE, bad, b1 + b2 } };
	make_elf(ELFOSABI_SYSV, fb3, 1);
	expect("elf-note-descsz-overflow", elf, elf_len, FMT_ELF, "ELF64 x86-64", "linux",
	       "ELF OSABI 0, no foreign branding", 0, 0);

	struct seg il[] = { { PT_INTERP, illumos_interp, sizeof illumos_interp } };
	make_elf(ELFOSABI_SYSV, il, 1);
	expect("elf-illumos-interpreter-osabi0", elf, elf_len, FMT_ELF, "ELF64 x86-64", "illumos",
	       "ELF interpreter", "*", XABI_STATUS_UNSUPPORTED);
	/* The interpreter's name must match whole: a longer name is no branding. */
	static const char longer[] = "/lib/amd64/ld.so.1x";
	struct seg il2[] = { { PT_INTERP, longer, sizeof longer } };
	make_elf(ELFOSABI_SYSV, il2, 1);
	expect("elf-interpreter-prefix-only", elf, elf_len, FMT_ELF, "ELF64 x86-64", "linux", 0, 0, 0);
	/* A PT_INTERP whose size runs past the buffer is ignored, not read. */
	make_elf(ELFOSABI_SYSV, il, 1);
	put64(elf + 64 + 32, 1u << 20);
	expect("elf-interpreter-past-buffer", elf, elf_len, FMT_ELF, "ELF64 x86-64", "linux", 0, 0, 0);
}

static void group_other_formats(void)
{
	make_pe(0x8664, 0x20b);
	expect("pe32plus-x86-64", pe, sizeof pe, FMT_PE, "PE32+ x86-64", "windows", "PE signature",
	       0, 0);
	make_pe(0x14c, 0x10b);
	expect("pe32-i386", pe, sizeof pe, FMT_PE, "PE32", 0, 0,
	       "not x86-64: a 32-bit Windows (i386) program", XABI_STATUS_WRONG_ISA);
	make_pe(0xaa64, 0x20b);
	expect("pe32plus-arm64", pe, sizeof pe, FMT_PE, "PE", 0, 0,
	       "not x86-64: a Windows ARM64 program", XABI_STATUS_WRONG_ISA);
	make_pe(0x8664, 0x20b);
	put32(pe + 0x3c, 0xffffffff); /* e_lfanew far past the buffer */
	expect("mz-lfanew-past-buffer", pe, sizeof pe, FMT_MZ, "MS-DOS MZ", 0, 0, "*",
	       XABI_STATUS_NOEXEC);
	put32(pe + 0x3c, sizeof pe - 4); /* "PE\0\0" fits, the file header not: a truncated PE */
	memcpy(pe + sizeof pe - 4, "PE\0\0", 4);
	expect("mz-pe-header-cut", pe, sizeof pe, FMT_PE, "PE", 0, 0,
	       "truncated: the COFF header is incomplete", XABI_STATUS_MALFORMED);

	unsigned char mz[128] = { 'M', 'Z' };
	expect("mz-only", mz, sizeof mz, FMT_MZ, "MS-DOS MZ", 0, 0,
	       "an MS-DOS MZ file, not a Windows x86-64 program", XABI_STATUS_NOEXEC);
	expect("mz-2-bytes", mz, 2, FMT_MZ, "MS-DOS MZ", 0, 0, "*", XABI_STATUS_NOEXEC);

	static const char script[] = "#!/bin/sh\necho hi\n";
	expect("script", script, sizeof script - 1, FMT_SCRIPT, "script", 0, 0, 0, 0);
	expect("script-2-bytes", script, 2, FMT_SCRIPT, "script", 0, 0, 0, 0);

	static const unsigned char macho[32] = { 0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1 };
	expect("macho-64", macho, sizeof macho, FMT_MACHO, "Mach-O", "darwin", "Mach-O magic", "*",
	       XABI_STATUS_UNSUPPORTED);
	static const unsigned char fat[32] = { 0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2 };
	expect("macho-universal", fat, sizeof fat, FMT_MACHO, "Mach-O", "darwin", "Mach-O magic", "*",
	       XABI_STATUS_UNSUPPORTED);

	unsigned char garbage[256];
	unsigned x = 12345;
	for (size_t i = 0; i < sizeof garbage; i++)
		garbage[i] = (unsigned char)((x = x * 1103515245 + 12345) >> 16);
	garbage[0] = 0; /* no magic by accident */
	expect("garbage", garbage, sizeof garbage, FMT_UNKNOWN, "unknown", 0, 0, "*",
	       XABI_STATUS_NOEXEC);
	expect("empty", garbage, 0, FMT_UNKNOWN, "unknown", 0, 0, "*", XABI_STATUS_NOEXEC);
	static const char text[] = "hello world\n";
	expect("text", text, sizeof text - 1, FMT_UNKNOWN, "unknown", 0, 0, "*", XABI_STATUS_NOEXEC);

	report(abi_supported("linux") && abi_supported("freebsd") && !abi_supported("netbsd") &&
		       abi_supported("windows") &&
		       !abi_supported("") && !abi_supported("Linux"),
	       "abi-supported", "abi_supported answers wrongly");
}

/* Every prefix of the plain Linux ELF (header and program headers): never a read past n, and the
 * right answer for each length. */
static void group_truncated_elf(void)
{
	elf_linux();
	int bad = 0;
	char first[256] = "";
	for (size_t n = 0; n <= 64; n++) {
		struct detection d;
		det(elf, n, &d);
		int ok;
		if (n < 4) /* not even the magic: no known format */
			ok = d.format == FMT_UNKNOWN && d.status == XABI_STATUS_NOEXEC;
		else if (n < 64) /* the identification or the header is cut */
			ok = d.format == FMT_ELF && d.problem && d.status == XABI_STATUS_MALFORMED;
		else /* the whole header; the program headers lie beyond n: plain linux */
			ok = d.format == FMT_ELF && !d.problem && streq(d.abi, "linux");
		if (!ok && !bad++)
			snprintf(first, sizeof first, "length %zu: format %d abi %s problem \"%s\" status %d",
				 n, d.format, S(d.abi), S(d.problem), d.status);
	}
	report(!bad, "elf-truncated-0-64", "%d wrong lengths, first %s", bad, first);
	/* Longer prefixes, through the program headers and their contents. */
	bad = 0;
	for (size_t n = 65; n <= elf_len; n++) {
		struct detection d;
		det(elf, n, &d);
		if (!(d.format == FMT_ELF && !d.problem && streq(d.abi, "linux")) && !bad++)
			snprintf(first, sizeof first, "length %zu: abi %s problem \"%s\"", n, S(d.abi),
				 S(d.problem));
	}
	report(!bad, "elf-truncated-65-end", "%d wrong lengths, first %s", bad, first);
}

/* Every prefix of the branded and PE buffers: no read past n, and a sane answer. */
static void group_truncated_other(void)
{
	static const unsigned char ver[4] = { 0x90, 0x5f, 0x01, 0 };
	unsigned char note[64];
	size_t nl = make_note(note, "FreeBSD", 4, ver, 4);
	struct seg s[] = { { PT_INTERP, illumos_interp, sizeof illumos_interp },
			   { PT_NOTE, note, nl } };
	make_elf(ELFOSABI_SYSV, s, 2);
	int bad = 0;
	char first[256] = "";
	for (size_t n = 0; n <= elf_len; n++) {
		struct detection d;
		det(elf, n, &d);
		int ok = d.status == 0 || d.status == XABI_STATUS_MALFORMED ||
			 d.status == XABI_STATUS_NOEXEC || d.status == XABI_STATUS_UNSUPPORTED;
		if (n == elf_len)
			ok = streq(d.abi, "illumos"); /* PT_INTERP comes first */
		if (!ok && !bad++)
			snprintf(first, sizeof first, "length %zu: abi %s status %d", n, S(d.abi), d.status);
	}
	report(!bad, "branded-elf-truncated-every-length", "%d wrong, first %s", bad, first);

	make_pe(0x8664, 0x20b);
	bad = 0;
	for (size_t n = 0; n <= sizeof pe; n++) {
		struct detection d;
		det(pe, n, &d);
		int ok = n < 2 ? d.format == FMT_UNKNOWN
			 : n < 0x80 + 4 ? d.format == FMT_MZ && d.status == XABI_STATUS_NOEXEC
			 : n < 0x80 + 26 ? d.format == FMT_PE && d.status == XABI_STATUS_MALFORMED
					 : d.format == FMT_PE && streq(d.abi, "windows");
		if (!ok && !bad++)
			snprintf(first, sizeof first, "length %zu: format %d abi %s status %d", n,
				 d.format, S(d.abi), d.status);
	}
	report(!bad, "pe-truncated-every-length", "%d wrong, first %s", bad, first);
}

int main(void)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	isolated("elf", group_elf);
	isolated("branding", group_branding);
	isolated("other-formats", group_other_formats);
	isolated("elf-truncated", group_truncated_elf);
	isolated("other-truncated", group_truncated_other);
	/* The guard itself: a read at the end of a guarded buffer does fault. */
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		const volatile unsigned char *p = guarded("x", 1);
		(void)p[1];
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	report(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "guard-page-works",
	       "reading one byte past a guarded buffer did not fault");
	return failures ? 1 : 0;
}
