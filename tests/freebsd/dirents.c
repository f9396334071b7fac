/* getdirentries (554): reads DIR whole with several buffer sizes, checks every record against
 * FreeBSD's struct dirent rules (sys/sys/dirent.h: a 24-byte header, the name, a NUL and zero
 * padding to a multiple of 8; the file offset before the read in *basep) and against the entry's
 * own fstatat, then prints the sorted listing ("entry TYPE INO NAME" lines and "count N";
 * tests/suites/freebsd.sh compares them with python's os.listdir and os.lstat). Also seeking to a
 * record's d_off, and the error cases. Usage: dirents DIR FILE (FILE: any regular file). */
#include "rt/fb.h"

#define MAX_ENTRIES 1024

struct entry {
	char name[256];
	uint64_t ino;
	int64_t off;
	int type;
};

static struct entry first[MAX_ENTRIES], cur[MAX_ENTRIES];
static char buf[65536] __attribute__((aligned(8)));
static int complaints;

/* A failed check, printed for the first few only (one bad record tends to come with many). */
__attribute__((format(printf, 2, 3))) static void complain(const char *what, const char *fmt, ...)
{
	char why[512];
	va_list ap;
	va_start(ap, fmt);
	fb_vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	if (complaints++ < 8)
		fb_check(0, what, "%s", why);
	else
		fb_failures++;
}

static int type_of_mode(unsigned mode)
{
	switch (mode & FB_S_IFMT) {
	case FB_S_IFREG: return FB_DT_REG;
	case FB_S_IFDIR: return FB_DT_DIR;
	case FB_S_IFLNK: return FB_DT_LNK;
	case FB_S_IFIFO: return FB_DT_FIFO;
	case FB_S_IFSOCK: return FB_DT_SOCK;
	case FB_S_IFCHR: return FB_DT_CHR;
	}
	return -1;
}

static long getdirentries(long fd, void *b, long n, int64_t *basep)
{
	return SC4(FB_SYS_getdirentries, fd, b, n, basep);
}

/* Check the n bytes of records in buf; append them to out[*have]. 0, or -1 if unusable. */
static int walk(const char *what, long dfd, long n, struct entry *out, int *have)
{
	long pos = 0;
	while (pos < n) {
		const struct fb_dirent *d = (const struct fb_dirent *)(buf + pos);
		if (n - pos < 24 || d->d_reclen % 8 || d->d_reclen < 24 + d->d_namlen + 1 ||
		    d->d_reclen > n - pos) {
			complain(what, "d_reclen %d for d_namlen %d, at %ld of %ld bytes",
				 n - pos < 24 ? -1 : d->d_reclen, n - pos < 24 ? -1 : d->d_namlen,
				 pos, n);
			return -1;
		}
		if (strlen(d->d_name) != d->d_namlen) {
			complain(what, "\"%s\": d_namlen %d, the name has %ld bytes", d->d_name,
				 d->d_namlen, (long)strlen(d->d_name));
			return -1;
		}
		/* dirent_terminate(): zeros from the name's end to the record's end */
		for (long i = 24 + d->d_namlen; i < d->d_reclen; i++)
			if (buf[pos + i]) {
				complain(what, "\"%s\": byte %ld of a %d-byte record is 0x%x, not the "
					 "zero padding", d->d_name, i, d->d_reclen,
					 (unsigned char)buf[pos + i]);
				break;
			}
		if (*have >= MAX_ENTRIES) {
			complain(what, "more than %d entries", MAX_ENTRIES);
			return -1;
		}
		struct entry *e = &out[(*have)++];
		memcpy(e->name, d->d_name, (size_t)d->d_namlen + 1);
		e->ino = d->d_fileno;
		e->off = d->d_off;
		e->type = d->d_type;
		if (strcmp(e->name, "..")) { /* ".." may be a mount point's other side */
			struct fb_stat st;
			long r = SC4(FB_SYS_fstatat, dfd, e->name, &st, FB_AT_SYMLINK_NOFOLLOW);
			if (r)
				complain(what, "\"%s\": fstatat says %s", e->name, fb_errname(r));
			else if (st.st_ino != e->ino || type_of_mode(st.st_mode) != e->type)
				complain(what, "\"%s\": d_fileno %lu d_type %d; fstatat: ino %lu type %d",
					 e->name, e->ino, e->type, st.st_ino, type_of_mode(st.st_mode));
		}
		pos += d->d_reclen;
	}
	return 0;
}

/* Read the whole directory from offset 0 in calls of bufsize bytes. The count, or -1. */
static int read_all(const char *what, long dfd, long bufsize, int with_basep, struct entry *out)
{
	int have = 0, calls = 0;
	long r = SC3(FB_SYS_lseek, dfd, 0, FB_SEEK_SET);
	if (r != 0) {
		fb_check(0, what, "lseek to 0: %ld (%s)", r, fb_errname(r));
		return -1;
	}
	int64_t expect_base = 0;
	for (;;) {
		int64_t base = -12345;
		memset(buf, 0xa5, sizeof buf);
		r = getdirentries(dfd, buf, bufsize, with_basep ? &base : 0);
		if (r < 0) {
			fb_check(0, what, "getdirentries: %s after %d entries", fb_errname(r), have);
			return -1;
		}
		if (with_basep && base != expect_base)
			complain(what, "basep %ld, expected %ld (the offset before call %d)",
				 (long)base, (long)expect_base, calls + 1);
		if (r == 0)
			break;
		if (r > bufsize) {
			fb_check(0, what, "getdirentries answered %ld for %ld bytes", r, bufsize);
			return -1;
		}
		calls++;
		int before = have;
		if (walk(what, dfd, r, out, &have) < 0)
			return -1;
		if (have == before) {
			fb_check(0, what, "%ld bytes but no record", r);
			return -1;
		}
		expect_base = out[have - 1].off; /* where the next read starts */
	}
	if (bufsize <= 1024 && have > 40 && calls < 2)
		complain(what, "all %d entries in %d call(s) of %ld bytes", have, calls, bufsize);
	return have;
}

static int same(const struct entry *a, const struct entry *b, int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(a[i].name, b[i].name) || a[i].ino != b[i].ino || a[i].type != b[i].type)
			return i;
	return -1;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fb_printf("usage: dirents DIR FILE\n");
		return 2;
	}
	long dfd = SC3(FB_SYS_open, argv[1], FB_O_RDONLY | FB_O_DIRECTORY, 0);
	if (!fb_check(dfd >= 0, "open DIR", "%s", fb_errname(dfd)))
		fb_finish();

	int n = read_all("read with 1024-byte buffers", dfd, 1024, 1, first);
	if (n < 0)
		fb_finish();
	fb_check(complaints == 0, "every record well-formed and matching fstatat", "%d complaints",
		 complaints);
	static const struct {
		long size;
		int basep;
	} passes[] = { { 512, 1 }, { 4096, 1 }, { 4096, 0 }, { 65536, 1 } };
	for (unsigned i = 0; i < sizeof passes / sizeof passes[0]; i++) {
		char what[80];
		fb_snprintf(what, sizeof what, "read with %ld-byte buffers%s", passes[i].size,
			    passes[i].basep ? "" : ", basep NULL");
		int before = complaints;
		int m = read_all(what, dfd, passes[i].size, passes[i].basep, cur);
		if (m < 0)
			continue;
		int at = m == n ? same(first, cur, n) : 0;
		fb_check(m == n && at < 0 && complaints == before, what,
			 "%d entries (%d with 1024), first difference at %d: %s", m, n, at,
			 at >= 0 && at < m ? cur[at].name : "");
	}

	/* Seeking to a record's d_off resumes just after it; basep reports that offset. */
	if (n > 20) {
		int k = n / 2;
		long r = SC3(FB_SYS_lseek, dfd, first[k].off, FB_SEEK_SET);
		int64_t base = -1;
		long got = r == first[k].off ? getdirentries(dfd, buf, 1024, &base) : -1;
		const struct fb_dirent *d = (const struct fb_dirent *)buf;
		fb_check(got > 0 && base == first[k].off && !strcmp(d->d_name, first[k + 1].name),
			 "lseek to d_off resumes after that record",
			 "lseek %ld, getdirentries %ld, basep %ld: \"%s\", expected \"%s\" at %ld", r,
			 got, (long)base, got > 0 ? d->d_name : "", first[k + 1].name,
			 (long)first[k].off);
	}

	int64_t base;
	long r = getdirentries(dfd, buf, 8, &base);
	fb_check(r == -FB_EINVAL, "a buffer too small for one record: EINVAL", "%ld (%s)", r,
		 fb_errname(r));
	SC3(FB_SYS_lseek, dfd, 0, FB_SEEK_SET);
	r = getdirentries(dfd, (void *)8, 4096, &base);
	fb_check(r == -FB_EFAULT, "a bad buffer: EFAULT", "%ld (%s)", r, fb_errname(r));
	r = getdirentries(-1, buf, 4096, &base);
	fb_check(r == -FB_EBADF, "fd -1: EBADF", "%ld (%s)", r, fb_errname(r));
	long ffd = SC3(FB_SYS_open, argv[2], FB_O_RDONLY, 0);
	r = ffd >= 0 ? getdirentries(ffd, buf, 4096, &base) : ffd;
	fb_check(r == -FB_EINVAL, "a regular file: EINVAL", "%ld (%s)", r, fb_errname(r));

	/* The listing, sorted by name (bytes), for the suite to compare. */
	static const struct entry *sorted[MAX_ENTRIES];
	for (int i = 0; i < n; i++) {
		int j = i;
		while (j > 0 && strcmp(sorted[j - 1]->name, first[i].name) > 0) {
			sorted[j] = sorted[j - 1];
			j--;
		}
		sorted[j] = &first[i];
	}
	for (int i = 0; i < n; i++)
		fb_printf("entry %d %lu %s\n", sorted[i]->type, sorted[i]->ino, sorted[i]->name);
	fb_printf("count %d\n", n);
	fb_finish();
}
