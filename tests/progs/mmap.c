/* mmap.c - memory management through the syscall layer: anonymous and file
 * mappings, protection faults (SIGSEGV + siglongjmp), mremap, MAP_SHARED vs
 * MAP_PRIVATE (files and across fork), msync, madvise, brk/sbrk, large
 * malloc, MAP_FIXED / MAP_FIXED_NOREPLACE, memfd aliasing, executable
 * mappings, mincore, error cases.  Exits 0 iff every check passed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

static int g_fail;

/* a setup step that is not itself a check: reported only if it fails */
#define MUST(cond) do { if (!(cond)) { printf("setup: FAIL (line %d: %s)\n", __LINE__, #cond); g_fail = 1; } } while (0)

static void check(const char *name, int ok, const char *fmt, ...)
{
	if (ok) {
		printf("%s: ok\n", name);
		return;
	}
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	printf("%s: FAIL (%s)\n", name, buf);
	g_fail = 1;
}

static const char *ename(int e)
{
	static char buf[32];
	switch (e) {
	case 0: return "0";
	case EINVAL: return "EINVAL";
	case ENOMEM: return "ENOMEM";
	case EEXIST: return "EEXIST";
	case EBADF: return "EBADF";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	default: snprintf(buf, sizeof buf, "E%d", e); return buf;
	}
}

static long pg;

/* ---- fault probing ---- */
static sigjmp_buf probe_jb;
static volatile int probe_code;
static volatile void *probe_addr;

static void h_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	probe_code = si->si_code;
	probe_addr = si->si_addr;
	siglongjmp(probe_jb, 1);
}

/* returns 0 if the access succeeded, else the si_code of the SIGSEGV */
static int probe_write(volatile char *p, char v)
{
	probe_code = 0;
	probe_addr = NULL;
	if (sigsetjmp(probe_jb, 1) == 0) {
		*p = v;
		return 0;
	}
	return probe_code ? probe_code : -1;
}

static int probe_read(volatile char *p)
{
	probe_code = 0;
	probe_addr = NULL;
	if (sigsetjmp(probe_jb, 1) == 0) {
		(void)*p;
		return 0;
	}
	return probe_code ? probe_code : -1;
}

static const char *codename(int c)
{
	switch (c) {
	case 0: return "no fault";
	case SEGV_MAPERR: return "SEGV_MAPERR";
	case SEGV_ACCERR: return "SEGV_ACCERR";
	default: return "other";
	}
}

static char tmpdir[PATH_MAX];

static void test_anon(void)
{
	size_t len = 16 * (size_t)pg;
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check("mmap_anon", p != MAP_FAILED && ((uintptr_t)p % (uintptr_t)pg) == 0, "errno=%s", ename(errno));
	if (p == MAP_FAILED)
		return;
	int zero = 1;
	for (size_t i = 0; i < len; i++)
		zero &= p[i] == 0;
	check("mmap_anon_zero_filled", zero, "");
	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)(i * 31 + 7);
	int ok = 1;
	for (size_t i = 0; i < len; i++)
		ok &= p[i] == (unsigned char)(i * 31 + 7);
	check("mmap_anon_write_read", ok, "");

	/* munmap a middle page: splits the mapping */
	int rc = munmap(p + 4 * pg, (size_t)pg);
	int c1 = probe_read((char *)p + 4 * pg + 10);
	int addr_ok = probe_addr == (void *)(p + 4 * pg + 10);
	int c2 = probe_read((char *)p + 5 * pg);
	check("munmap_middle_page_MAPERR", rc == 0 && c1 == SEGV_MAPERR && addr_ok, "rc=%d fault=%s addr_ok=%d", rc, codename(c1), addr_ok);
	check("munmap_neighbours_intact", c2 == 0 && p[5 * pg] == (unsigned char)(5 * pg * 31 + 7), "");
	rc = munmap(p, len);
	c1 = probe_read((char *)p);
	check("munmap_whole", rc == 0 && c1 == SEGV_MAPERR, "rc=%d fault=%s", rc, codename(c1));
	rc = munmap(p, len); /* unmapping an unmapped range is not an error */
	check("munmap_twice_ok", rc == 0, "errno=%s", ename(errno));

	/* PROT_NONE then mprotect */
	char *q = mmap(NULL, 2 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	c1 = probe_read(q);
	rc = mprotect(q, 2 * pg, PROT_READ | PROT_WRITE);
	c2 = probe_write(q + 1, 'a');
	check("PROT_NONE_read_ACCERR", c1 == SEGV_ACCERR, "fault=%s", codename(c1));
	check("mprotect_to_rw", rc == 0 && c2 == 0 && q[1] == 'a', "rc=%d", rc);

	/* read-only: write faults, read works, address reported */
	q[pg + 5] = 'b';
	rc = mprotect(q + pg, pg, PROT_READ);
	c1 = probe_write(q + pg + 5, 'c');
	check("mprotect_ro_write_faults_ACCERR", rc == 0 && c1 == SEGV_ACCERR && probe_addr == (void *)(q + pg + 5), "rc=%d fault=%s", rc, codename(c1));
	check("mprotect_ro_read_ok", probe_read(q + pg + 5) == 0 && q[pg + 5] == 'b', "");
	check("mprotect_ro_other_page_writable", probe_write(q + 2, 'd') == 0, "");
	rc = mprotect(q + pg, pg, PROT_READ | PROT_WRITE);
	check("mprotect_back_to_rw", rc == 0 && probe_write(q + pg + 5, 'e') == 0 && q[pg + 5] == 'e', "rc=%d", rc);
	munmap(q, 2 * pg);
}

static void test_mremap(void)
{
	size_t small = 2 * (size_t)pg, big = 64 * (size_t)pg;
	/* map one extra page after the region so growing in place is impossible */
	unsigned char *p = mmap(NULL, small + pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char *blocker = p + small;
	for (size_t i = 0; i < small; i++)
		p[i] = (unsigned char)(i ^ 0x5a);
	errno = 0;
	void *r0 = mremap(p, small, big, 0);
	check("mremap_grow_no_maymove_ENOMEM", r0 == MAP_FAILED && errno == ENOMEM, "errno=%s", ename(errno));
	unsigned char *n = mremap(p, small, big, MREMAP_MAYMOVE);
	int ok = n != MAP_FAILED;
	for (size_t i = 0; ok && i < small; i++)
		ok &= n[i] == (unsigned char)(i ^ 0x5a);
	int zero = 1;
	for (size_t i = small; ok && i < big; i++)
		zero &= n[i] == 0;
	check("mremap_grow_maymove_keeps_contents", ok, "");
	check("mremap_grow_new_part_zero", ok && zero, "");
	check("mremap_moved", n != p, "");
	n[big - 1] = 1;
	unsigned char *s = mremap(n, big, small, 0);
	int c = probe_read((char *)n + small + 1);
	check("mremap_shrink", s == n && c == SEGV_MAPERR && s[1] == (1 ^ 0x5a), "fault=%s", codename(c));
	munmap(s, small);
	munmap(blocker, (size_t)pg);
}

static void test_file_maps(void)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof path, "%s/mapped", tmpdir);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	int rc = ftruncate(fd, 2 * pg);
	char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check("mmap_shared_file", fd >= 0 && rc == 0 && m != MAP_FAILED, "errno=%s", ename(errno));
	if (m == MAP_FAILED)
		return;
	strcpy(m + 100, "written through MAP_SHARED");
	rc = msync(m, 2 * pg, MS_SYNC);
	char buf[64] = {0};
	ssize_t r = pread(fd, buf, 26, 100);
	check("msync_then_read_sees_data", rc == 0 && r == 26 && !strcmp(buf, "written through MAP_SHARED"), "rc=%d r=%zd", rc, r);
	ssize_t w = pwrite(fd, "via pwrite", 10, pg + 8);
	check("pwrite_visible_in_mapping", w == 10 && !memcmp(m + pg + 8, "via pwrite", 10), "w=%zd", w);

	/* MADV_DONTNEED on a shared file mapping keeps the data */
	rc = madvise(m, 2 * pg, MADV_DONTNEED);
	check("madvise_dontneed_shared_keeps_data", rc == 0 && !strcmp(m + 100, "written through MAP_SHARED"), "rc=%d", rc);

	/* MAP_PRIVATE copy-on-write */
	char *pm = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	int sees_file = pm != MAP_FAILED && !strcmp(pm + 100, "written through MAP_SHARED");
	if (pm != MAP_FAILED)
		memcpy(pm + 100, "PRIVATE", 7);
	memset(buf, 0, sizeof buf);
	MUST(pread(fd, buf, 7, 100) >= 0);
	check("map_private_sees_file", sees_file, "");
	check("map_private_cow_file_unchanged", pm != MAP_FAILED && memcmp(buf, "PRIVATE", 7) && !memcmp(pm + 100, "PRIVATE", 7) && !memcmp(m + 100, "written", 7), "");
	/* MADV_DONTNEED on private file mapping drops the private copy */
	rc = madvise(pm, 2 * pg, MADV_DONTNEED);
	check("madvise_dontneed_private_file_reverts", rc == 0 && !memcmp(pm + 100, "written", 7), "rc=%d", rc);
	munmap(pm, 2 * pg);

	/* read-only mapping of the file: writes fault */
	char *ro = mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, 0);
	int c = probe_write(ro + 3, 'x');
	check("ro_file_mapping_write_faults", ro != MAP_FAILED && c == SEGV_ACCERR, "fault=%s", codename(c));
	munmap(ro, pg);

	/* beyond EOF: SIGBUS */
	munmap(m, 2 * pg);
	close(fd);

	int rfd = open(path, O_RDONLY);
	errno = 0;
	void *bad = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, rfd, 0);
	check("mmap_shared_write_on_rdonly_fd_EACCES", bad == MAP_FAILED && errno == EACCES, "errno=%s", ename(errno));
	close(rfd);
	unlink(path);
}

static sigjmp_buf bus_jb;
static volatile int bus_code;
static void h_bus(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	bus_code = si->si_code;
	siglongjmp(bus_jb, 1);
}

static void test_sigbus(void)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof path, "%s/short", tmpdir);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	MUST(write(fd, "x", 1) == 1);
	char *m = mmap(NULL, 2 * pg, PROT_READ, MAP_SHARED, fd, 0);
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = h_bus;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGBUS, &sa, &old);
	bus_code = 0;
	volatile char v = 0;
	if (sigsetjmp(bus_jb, 1) == 0) {
		v = m[pg + 1]; /* page entirely beyond EOF */
		check("sigbus_beyond_eof", 0, "no fault");
	} else {
		check("sigbus_beyond_eof_BUS_ADRERR", bus_code == BUS_ADRERR, "code=%d", bus_code);
	}
	check("mapping_within_eof_readable", m[0] == 'x' && m[5] == 0 && v == 0, "");
	sigaction(SIGBUS, &old, NULL);
	munmap(m, 2 * pg);
	close(fd);
	unlink(path);
}

static void test_fork_sharing(void)
{
	volatile int *sh = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	volatile int *pv = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	*sh = 1;
	*pv = 1;
	pid_t pid = fork();
	if (pid == 0) {
		*sh = 42;
		*pv = 42;
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	check("map_shared_anon_visible_across_fork", *sh == 42, "got %d", *sh);
	check("map_private_anon_cow_across_fork", *pv == 1, "got %d", *pv);
	munmap((void *)sh, pg);
	munmap((void *)pv, pg);
}

static void test_madvise(void)
{
	unsigned char *p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(p, 0xab, 4 * pg);
	int rc = madvise(p + pg, 2 * pg, MADV_DONTNEED);
	int zero = 1, kept = p[0] == 0xab && p[3 * pg] == 0xab;
	for (long i = pg; i < 3 * pg; i++)
		zero &= p[i] == 0;
	check("madvise_dontneed_anon_zeroes", rc == 0 && zero && kept, "rc=%d zero=%d kept=%d", rc, zero, kept);
	unsigned char vec[4] = {0};
	p[0] = 1;
	rc = mincore(p, 4 * pg, vec);
	check("mincore_touched_page_resident", rc == 0 && (vec[0] & 1), "rc=%d", rc);
	rc = madvise(p, 4 * pg, MADV_WILLNEED);
	check("madvise_willneed", rc == 0, "errno=%s", ename(errno));
	munmap(p, 4 * pg);
}

static void test_brk(void)
{
	void *cur0 = sbrk(0);
	void *raw0 = (void *)syscall(SYS_brk, 0);
	check("sbrk0_matches_brk_syscall", cur0 != (void *)-1 && cur0 == raw0, "");
	const long inc = 64 * 1024;
	char *base;
#ifdef __GLIBC__
	base = sbrk(inc);
	int grew = base != (void *)-1 && sbrk(0) == base + inc;
#else
	/* musl's sbrk() only supports an increment of 0; use the raw syscall */
	base = raw0;
	void *nb = (void *)syscall(SYS_brk, base + inc);
	int grew = nb == base + inc;
#endif
	check("brk_grow_64K", grew, "");
	if (!grew)
		return;
	for (long i = 0; i < inc; i += 512)
		base[i] = (char)(i / 512);
	int ok = 1;
	for (long i = 0; i < inc; i += 512)
		ok &= base[i] == (char)(i / 512);
	check("brk_memory_read_write", ok, "");
#ifdef __GLIBC__
	void *r = sbrk(-inc);
	int shrunk = r == base + inc && sbrk(0) == base;
#else
	void *r = (void *)syscall(SYS_brk, base);
	int shrunk = r == base;
#endif
	check("brk_shrink_64K", shrunk, "");
	int c = probe_read(base + inc - 1);
	check("brk_released_memory_unmapped", c == SEGV_MAPERR, "fault=%s", codename(c));
}

static void test_big_malloc(void)
{
	size_t sz = 64u << 20;
	unsigned char *p = malloc(sz);
	check("malloc_64MiB", p != NULL, "");
	if (!p)
		return;
	for (size_t i = 0; i < sz; i += 4096)
		p[i] = (unsigned char)(i >> 12);
	unsigned long sum = 0;
	for (size_t i = 0; i < sz; i += 4096)
		sum += p[i];
	free(p);
	check("malloc_64MiB_touched", sum == 64UL * (255 * 256 / 2), "sum=%lu", sum);
	unsigned char *z = calloc(16u << 20, 1);
	int zero = z != NULL;
	for (size_t i = 0; zero && i < (16u << 20); i += 4093)
		zero &= z[i] == 0;
	free(z);
	check("calloc_16MiB_zeroed", zero, "");
}

static void test_fixed(void)
{
	char *p = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p[0] = 'A';
	munmap(p + pg, pg);
	errno = 0;
	void *r = mmap(p, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	check("MAP_FIXED_NOREPLACE_existing_EEXIST", r == MAP_FAILED && errno == EEXIST && p[0] == 'A', "errno=%s", ename(errno));
	r = mmap(p + pg, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	check("MAP_FIXED_NOREPLACE_hole_exact", r == p + pg, "");
	r = mmap(p, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	check("MAP_FIXED_replaces_contents", r == p && p[0] == 0, "");
	munmap(p, 3 * pg);

	/* hint address without MAP_FIXED, for a free range, is honoured */
	char *big = mmap(NULL, 8 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(big, 8 * pg);
	r = mmap(big + 2 * pg, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check("mmap_hint_free_range", r == big + 2 * pg, "");
	munmap(r, pg);

	/* large PROT_NONE reservation */
	void *res = mmap(NULL, 1UL << 30, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	int rc = res != MAP_FAILED ? munmap(res, 1UL << 30) : -1;
	check("reserve_1GiB_PROT_NONE", res != MAP_FAILED && rc == 0, "errno=%s", ename(errno));
}

static void test_memfd_exec(void)
{
	int fd = memfd_create("xabi-test", MFD_CLOEXEC);
	check("memfd_create", fd >= 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC, "errno=%s", ename(errno));
	if (fd >= 0) {
		MUST(ftruncate(fd, pg) == 0);
		char *a = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		char *b = mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, 0);
		if (a != MAP_FAILED && b != MAP_FAILED) {
			strcpy(a, "aliased");
			check("memfd_two_mappings_alias", a != b && !strcmp(b, "aliased"), "");
		} else {
			check("memfd_two_mappings_alias", 0, "mmap errno=%s", ename(errno));
		}
		munmap(a, pg);
		munmap(b, pg);
		close(fd);
	}

	/* generate code: mov $42, %eax; ret */
	unsigned char *code = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	static const unsigned char insn[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 };
	memcpy(code, insn, sizeof insn);
	int rc = mprotect(code, pg, PROT_READ | PROT_EXEC);
	int (*fn)(void) = (int (*)(void))(void *)code;
	int v = rc == 0 ? fn() : -1;
	check("jit_mprotect_exec", rc == 0 && v == 42, "rc=%d v=%d", rc, v);
	munmap(code, pg);

	/* populate */
	char *pp = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	unsigned char vec[4] = {0};
	rc = pp != MAP_FAILED ? mincore(pp, 4 * pg, vec) : -1;
	check("MAP_POPULATE_resident", rc == 0 && (vec[0] & 1) && (vec[3] & 1), "rc=%d", rc);
	munmap(pp, 4 * pg);
}

static void test_errors(void)
{
	errno = 0;
	void *r = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check("mmap_len0_EINVAL", r == MAP_FAILED && errno == EINVAL, "errno=%s", ename(errno));
	errno = 0;
	r = mmap(NULL, pg, PROT_READ, MAP_PRIVATE, 999, 0);
	check("mmap_badfd_EBADF", r == MAP_FAILED && errno == EBADF, "errno=%s", ename(errno));
	char *p = mmap(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	errno = 0;
	int rc = munmap(p + 1, pg);
	check("munmap_unaligned_EINVAL", rc == -1 && errno == EINVAL, "errno=%s", ename(errno));
	errno = 0;
	rc = (int)syscall(SYS_mprotect, p + 1, pg, PROT_READ); /* musl's wrapper aligns */
	check("mprotect_unaligned_EINVAL", rc == -1 && errno == EINVAL, "errno=%s", ename(errno));
	munmap(p, pg);
	errno = 0;
	rc = msync(p, pg, MS_SYNC);
	check("msync_unmapped_ENOMEM", rc == -1 && errno == ENOMEM, "errno=%s", ename(errno));
	errno = 0;
	rc = mprotect(p, pg, PROT_READ);
	check("mprotect_unmapped_ENOMEM", rc == -1 && errno == ENOMEM, "errno=%s", ename(errno));
	/* kernel reports EFAULT for bad user pointers instead of faulting */
	errno = 0;
	ssize_t w = write(1, p, 10);
	check("write_from_unmapped_EFAULT", w == -1 && errno == EFAULT, "w=%zd errno=%s", w, ename(errno));
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	pg = sysconf(_SC_PAGESIZE);
	printf("page size: %ld\n", pg);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = h_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/xabi-mmap-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpdir)) {
		printf("mkdtemp: FAIL (%s)\n", ename(errno));
		return 1;
	}
	test_anon();
	test_mremap();
	test_file_maps();
	test_sigbus();
	test_fork_sharing();
	test_madvise();
	test_brk();
	test_big_malloc();
	test_fixed();
	test_memfd_exec();
	test_errors();
	check("tmpdir_cleanup", rmdir(tmpdir) == 0, "errno=%s", ename(errno));
	printf("mmap: %s\n", g_fail ? "FAILED" : "all ok");
	return g_fail;
}
