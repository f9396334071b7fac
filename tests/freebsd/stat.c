/* struct stat through fstatat (552) and fstat (551): prints every field the host can be asked
 * about ("LABEL key=value ..."; tests/suites/freebsd.sh compares them with python's os.stat and
 * coreutils' stat), and checks error numbers and the fields a host has no view of.
 * Usage: stat DIR, where DIR holds file, hardlink (to file), dir/, link (-> file) and fifo. */
#include "rt/fb.h"

#define FB_AT_EMPTY_PATH 0x4000

static void fill(struct fb_stat *st)
{
	memset(st, 0xa5, sizeof *st);
}

static void show(const char *label, const struct fb_stat *st)
{
	fb_printf("%s ino=%lu nlink=%lu mode=%o uid=%u gid=%u size=%ld blksize=%d blocks=%ld "
		  "atime=%ld.%09ld mtime=%ld.%09ld ctime=%ld.%09ld birth=%ld dev=%u,%u rdev=%u,%u\n",
		  label, st->st_ino, st->st_nlink, st->st_mode, st->st_uid, st->st_gid, st->st_size,
		  st->st_blksize, st->st_blocks, st->st_atim.tv_sec, st->st_atim.tv_nsec,
		  st->st_mtim.tv_sec, st->st_mtim.tv_nsec, st->st_ctim.tv_sec, st->st_ctim.tv_nsec,
		  st->st_birthtim.tv_sec, fb_major(st->st_dev), fb_minor(st->st_dev),
		  fb_major(st->st_rdev), fb_minor(st->st_rdev));
	/* FreeBSD's vn_stat starts from a zeroed struct: no byte of the caller's buffer survives. */
	int clean = st->st_padding1 == 0 && st->st_bsdflags == 0;
	for (int i = 0; i < 10; i++)
		clean &= st->st_spare[i] == 0;
	char name[64];
	fb_snprintf(name, sizeof name, "%s padding and spare fields zeroed", label);
	fb_check(clean, name, "st_padding1 0x%x st_bsdflags 0x%x st_spare[0] 0x%lx", st->st_padding1,
		 st->st_bsdflags, st->st_spare[0]);
}

static long stat_at(int dirfd, const char *path, int flags, struct fb_stat *st)
{
	fill(st);
	return SC4(FB_SYS_fstatat, dirfd, path, st, flags);
}

static void one(const char *label, const char *dir, const char *name, int flags)
{
	char path[1024];
	struct fb_stat st;
	fb_snprintf(path, sizeof path, "%s/%s", dir, name);
	long r = stat_at(FB_AT_FDCWD, path, flags, &st);
	char what[64];
	fb_snprintf(what, sizeof what, "fstatat %s", label);
	if (fb_check(r == 0, what, "%s: %s", path, fb_errname(r)))
		show(label, &st);
}

static void expect_err(const char *name, long r, long want)
{
	fb_check(r == -want, name, "got %ld (%s), expected %s", r, fb_errname(r), fb_errname(want));
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fb_printf("usage: stat DIR\n");
		return 2;
	}
	const char *dir = argv[1];
	struct fb_stat st, st2;
	char path[1024];

	one("file", dir, "file", 0);
	one("hardlink", dir, "hardlink", FB_AT_SYMLINK_NOFOLLOW);
	one("dir", dir, "dir", 0);
	one("link", dir, "link", FB_AT_SYMLINK_NOFOLLOW);
	one("link-followed", dir, "link", 0);
	one("fifo", dir, "fifo", FB_AT_SYMLINK_NOFOLLOW);
	long r = stat_at(FB_AT_FDCWD, "/dev/null", 0, &st);
	if (fb_check(r == 0, "fstatat /dev/null", "%s", fb_errname(r)))
		show("devnull", &st);

	fb_snprintf(path, sizeof path, "%s/file", dir);
	long fd = SC3(FB_SYS_open, path, FB_O_RDONLY, 0);
	if (fb_check(fd >= 0, "open file", "%s", fb_errname(fd))) {
		fill(&st);
		r = SC2(FB_SYS_fstat, fd, &st);
		if (fb_check(r == 0, "fstat file", "%s", fb_errname(r)))
			show("fstat-file", &st);
		/* AT_EMPTY_PATH (FreeBSD 14): the descriptor itself */
		r = stat_at(fd, "", FB_AT_EMPTY_PATH, &st2);
		if (fb_check(r == 0, "fstatat AT_EMPTY_PATH", "%s", fb_errname(r)))
			fb_check(st2.st_ino == st.st_ino && st2.st_size == st.st_size,
				 "fstatat AT_EMPTY_PATH is the descriptor's file", "ino %lu vs %lu",
				 st2.st_ino, st.st_ino);
		SC1(FB_SYS_close, fd);
	}
	long dfd = SC3(FB_SYS_open, dir, FB_O_RDONLY | FB_O_DIRECTORY, 0);
	if (fb_check(dfd >= 0, "open dir", "%s", fb_errname(dfd))) {
		r = stat_at(dfd, "file", 0, &st);
		if (fb_check(r == 0, "fstatat dirfd file", "%s", fb_errname(r)))
			show("at-file", &st);
		fill(&st);
		r = SC2(FB_SYS_fstat, dfd, &st);
		if (fb_check(r == 0, "fstat dir", "%s", fb_errname(r)))
			show("fstat-dir", &st);
		r = stat_at(dfd, "link", FB_AT_SYMLINK_NOFOLLOW, &st);
		if (fb_check(r == 0, "fstatat dirfd link nofollow", "%s", fb_errname(r)))
			show("at-link", &st);
		expect_err("fstatat dirfd missing: ENOENT", stat_at(dfd, "missing", 0, &st), FB_ENOENT);
		SC1(FB_SYS_close, dfd);
	}

	int p[2] = { -1, -1 };
	r = SC2(FB_SYS_pipe2, p, 0);
	if (fb_check(r == 0, "pipe2", "%s", fb_errname(r))) {
		fill(&st);
		r = SC2(FB_SYS_fstat, p[0], &st);
		fb_check(r == 0 && (st.st_mode & FB_S_IFMT) == FB_S_IFIFO, "fstat pipe: S_IFIFO",
			 "%s, mode %o", fb_errname(r), st.st_mode);
		SC1(FB_SYS_close, p[0]);
		SC1(FB_SYS_close, p[1]);
	}

	fb_snprintf(path, sizeof path, "%s/missing", dir);
	expect_err("fstatat missing: ENOENT", stat_at(FB_AT_FDCWD, path, 0, &st), FB_ENOENT);
	fb_snprintf(path, sizeof path, "%s/file/x", dir);
	expect_err("fstatat through a file: ENOTDIR", stat_at(FB_AT_FDCWD, path, 0, &st),
		   FB_ENOTDIR);
	expect_err("fstatat empty path: ENOENT", stat_at(FB_AT_FDCWD, "", 0, &st), FB_ENOENT);
	expect_err("fstatat unknown flag: EINVAL", stat_at(FB_AT_FDCWD, dir, 0x1, &st), FB_EINVAL);
	expect_err("fstatat bad dirfd: EBADF", stat_at(1000, "x", 0, &st), FB_EBADF);
	expect_err("fstat -1: EBADF", SC2(FB_SYS_fstat, -1, &st), FB_EBADF);
	expect_err("fstat bad buffer: EFAULT", SC2(FB_SYS_fstat, 0, 8), FB_EFAULT);
	fb_finish();
}
