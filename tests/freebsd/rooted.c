/* A dynamically linked FreeBSD program run with a FreeBSD root (--root), started through the
 * root's /libexec/ld-elf.so.1 (rootld.c). It checks how its absolute paths are looked up: in the
 * root when the root has them, on the host otherwise, "/" always the host's (as FreeBSD's Linux
 * emulation does under /compat/linux); getcwd and realpath give the guest's names; a symbolic
 * link's target is stored as given; an execve of a program only the root holds runs it, with the
 * root carried over.
 * Usage: rooted check|child TMP ROOTINO ROOT, where TMP is a host directory that the root also
 * has (TMP/both differs between the two, TMP/hostonly is only on the host), ROOTINO the inode of
 * the host's "/", and ROOT the root's host path. */
#include "rt/fb.h"

static long slurp(const char *path, int at, char *buf, size_t size)
{
	memset(buf, 0, size);
	long fd = at ? SC4(FB_SYS_openat, FB_AT_FDCWD, path, FB_O_RDONLY | FB_O_CLOEXEC, 0)
		     : SC3(FB_SYS_open, path, FB_O_RDONLY | FB_O_CLOEXEC, 0);
	if (fd < 0)
		return fd;
	long n = SC3(FB_SYS_read, fd, buf, size - 1);
	SC1(FB_SYS_close, fd);
	return n;
}

static void check_content(const char *name, const char *path, int at, const char *want)
{
	char buf[128];
	long n = slurp(path, at, buf, sizeof buf);
	fb_check(n >= 0 && !strcmp(buf, want), name, "%s", n < 0 ? fb_errname(n) : buf);
}

static long stat_of(const char *path, struct fb_stat *st)
{
	return SC4(FB_SYS_fstatat, FB_AT_FDCWD, path, st, FB_AT_SYMLINK_NOFOLLOW);
}

static void check_host_root(const char *path, uint64_t ino)
{
	struct fb_stat st;
	long r = stat_of(path, &st);
	char name[64];
	fb_snprintf(name, sizeof name, "\"%s\" is the host's root", path);
	fb_check(r == 0 && st.st_ino == ino, name, "%s ino %lu, host / %lu", fb_errname(r),
		 (unsigned long)st.st_ino, (unsigned long)ino);
}

static void check_cwd(const char *name, const char *want)
{
	char cwd[1024];
	long r = SC2(FB_SYS___getcwd, cwd, sizeof cwd);
	fb_check(r == 0 && !strcmp(cwd, want), name, "%s %s", fb_errname(r), r ? "" : cwd);
}

static void check(const char *tmp, uint64_t rootino, const char *root, char **envp)
{
	char path[1024], buf[1024];
	fb_snprintf(path, sizeof path, "%s/both", tmp);
	check_content("a path the root has is the root's (open)", path, 0, "root\n");
	fb_snprintf(path, sizeof path, "%s/hostonly", tmp);
	check_content("a path the root lacks is the host's (openat)", path, 1, "host\n");

	long r = SC2(FB_SYS_access, "/lib/libc.so.7", 0);
	fb_check(r == 0, "access finds /lib/libc.so.7 in the root", "%s", fb_errname(r));
	r = SC2(FB_SYS_access, "/lib/libnone.so.1", 0);
	fb_check(r == -FB_ENOENT, "access of a name neither has: ENOENT", "%s", fb_errname(r));
	struct fb_stat st;
	r = stat_of("/libexec", &st);
	fb_check(r == 0 && (st.st_mode & FB_S_IFMT) == FB_S_IFDIR, "fstatat /libexec: the root's "
		 "directory", "%s mode %o", fb_errname(r), st.st_mode);
	memset(buf, 0, sizeof buf);
	r = SC3(FB_SYS_readlink, "/lib/libc.so", buf, sizeof buf - 1);
	fb_check(r == 9 && !strcmp(buf, "libc.so.7"), "readlink of the root's symbolic link",
		 "%s %s", fb_errname(r), buf);

	check_host_root("/", rootino);
	check_host_root("/.", rootino);
	check_host_root("/tmp/..", rootino);

	r = SC1(FB_SYS_chdir, "/lib");
	fb_check(r == 0, "chdir /lib (the root's)", "%s", fb_errname(r));
	check_cwd("getcwd in the root's /lib is /lib", "/lib");
	check_content("a relative path from there is the root's", "libc.so.7", 0,
		      "libc.so.7 of the root\n");
	memset(buf, 0, sizeof buf);
	r = SC6(FB_SYS___realpathat, FB_AT_FDCWD, "libc.so.7", buf, sizeof buf, 0, 0);
	fb_check(r == 0 && !strcmp(buf, "/lib/libc.so.7"), "__realpathat gives the guest's name",
		 "%s %s", fb_errname(r), buf);
	r = SC1(FB_SYS_chdir, tmp);
	check_cwd("getcwd in the root's copy of TMP is TMP", tmp);
	check_content("a relative path from there is the root's", "both", 0, "root\n");

	/* A new name is made on the host; a symbolic link's target is kept as written. */
	fb_snprintf(path, sizeof path, "%s/link", tmp);
	r = SC2(FB_SYS_symlink, "/lib/libc.so.7", path);
	memset(buf, 0, sizeof buf);
	long n = SC3(FB_SYS_readlink, path, buf, sizeof buf - 1);
	fb_check(r == 0 && n == 14 && !strcmp(buf, "/lib/libc.so.7"),
		 "symlink stores its target unchanged", "%s %s %s", fb_errname(r), fb_errname(n), buf);
	fb_snprintf(path, sizeof path, "%s%s/link", root, tmp);
	r = stat_of(path, &st);
	fb_check(r == -FB_ENOENT, "the new link is on the host, not in the root", "%s",
		 fb_errname(r));

	/* The root's program: run under xabi, with the same root. */
	char *args[] = { "rooted", "child", (char *)tmp, 0 };
	fb_flush();
	r = SC3(FB_SYS_execve, "/bin/rooted", args, envp);
	fb_check(0, "execve /bin/rooted (the root's)", "%s", fb_errname(r));
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "check")) {
		check(argv[2], (uint64_t)fb_atol(argv[3]), argv[4], fb_environ);
	} else if (argc == 3 && !strcmp(argv[1], "child")) {
		fb_printf("child: running\n");
		check_content("child: the root carried over", "/lib/libc.so.7", 0,
			      "libc.so.7 of the root\n");
		check_cwd("child: the working directory carried over", argv[2]);
	} else {
		fb_check(0, "usage", "rooted check|child TMP [ROOTINO ROOT]");
	}
	fb_finish();
}
