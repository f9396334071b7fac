/* files.c - file-system syscalls: open/read/write/seek, stat family, links,
 * directories, permissions, fd manipulation, *at() calls, cwd and errors.
 * Output is deterministic; exits 0 iff every check passed. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

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
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EBADF: return "EBADF";
	case EACCES: return "EACCES";
	case EEXIST: return "EEXIST";
	case ENOTDIR: return "ENOTDIR";
	case EISDIR: return "EISDIR";
	case EINVAL: return "EINVAL";
	case ENOTEMPTY: return "ENOTEMPTY";
	case ESPIPE: return "ESPIPE";
	case ELOOP: return "ELOOP";
	case EFAULT: return "EFAULT";
	case ENOSYS: return "ENOSYS";
	default: snprintf(buf, sizeof buf, "E%d", e); return buf;
	}
}

/* expect call to fail with errno `want' */
#define EXPECT_ERR(name, call, want) do { \
	errno = 0; long r_ = (long)(call); int e_ = errno; \
	check(name, r_ == -1 && e_ == (want), "ret=%ld errno=%s want %s", r_, ename(e_), ename(want)); \
} while (0)

static char tmpdir[PATH_MAX];
static char origcwd[PATH_MAX];

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* list directory names (without . and ..), sorted, joined by ',' */
static int list_dir(const char *path, char *out, size_t outsz)
{
	DIR *d = opendir(path);
	if (!d)
		return -1;
	char *names[64];
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n < 64)
			names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof names[0], cmpstr);
	out[0] = 0;
	for (int i = 0; i < n; i++) {
		if (i)
			strncat(out, ",", outsz - strlen(out) - 1);
		strncat(out, names[i], outsz - strlen(out) - 1);
		free(names[i]);
	}
	return n;
}

static void test_basic_io(void)
{
	int fd = open("a", O_RDWR | O_CREAT | O_EXCL, 0644);
	check("open_creat_excl", fd >= 0, "errno=%s", ename(errno));
	if (fd < 0)
		return;
	ssize_t w = write(fd, "hello world\n", 12);
	check("write", w == 12, "w=%zd", w);
	off_t o = lseek(fd, 0, SEEK_SET);
	char buf[64] = {0};
	ssize_t r = read(fd, buf, sizeof buf);
	check("lseek_read", o == 0 && r == 12 && !memcmp(buf, "hello world\n", 12), "o=%ld r=%zd", (long)o, r);
	o = lseek(fd, 0, SEEK_END);
	check("lseek_end", o == 12, "o=%ld", (long)o);
	o = lseek(fd, -6, SEEK_END);
	check("lseek_end_neg", o == 6, "o=%ld", (long)o);
	memset(buf, 0, sizeof buf);
	r = pread(fd, buf, 5, 6);
	check("pread", r == 5 && !memcmp(buf, "world", 5), "r=%zd buf=%s", r, buf);
	w = pwrite(fd, "HELLO", 5, 0);
	check("pwrite", w == 5, "w=%zd", w);
	check("pread_pwrite_keep_offset", lseek(fd, 0, SEEK_CUR) == 6, "off=%ld", (long)lseek(fd, 0, SEEK_CUR));
	memset(buf, 0, sizeof buf);
	r = pread(fd, buf, sizeof buf, 0);
	check("pwrite_visible", r == 12 && !memcmp(buf, "HELLO world\n", 12), "r=%zd", r);

	/* readv / writev */
	struct iovec iov[3] = { { "ab", 2 }, { "cde", 3 }, { "f\n", 2 } };
	lseek(fd, 0, SEEK_END);
	w = writev(fd, iov, 3);
	check("writev", w == 7, "w=%zd", w);
	char p1[4] = {0}, p2[8] = {0};
	struct iovec riov[2] = { { p1, 3 }, { p2, 4 } };
	lseek(fd, 12, SEEK_SET);
	r = readv(fd, riov, 2);
	check("readv", r == 7 && !memcmp(p1, "abc", 3) && !memcmp(p2, "def\n", 4), "r=%zd", r);

	struct stat st;
	int rc = fstat(fd, &st);
	check("fstat", rc == 0 && st.st_size == 19 && S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0644 && st.st_nlink == 1,
	      "rc=%d size=%ld mode=%o nlink=%ld", rc, (long)st.st_size, (unsigned)st.st_mode, (long)st.st_nlink);
	struct stat st2;
	rc = stat("a", &st2);
	check("stat_same_inode", rc == 0 && st2.st_ino == st.st_ino && st2.st_dev == st.st_dev && st2.st_size == 19, "rc=%d", rc);
	close(fd);

	EXPECT_ERR("open_excl_EEXIST", open("a", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST);

	fd = creat("b", 0600);
	check("creat", fd >= 0, "errno=%s", ename(errno));
	if (fd >= 0) {
		check("creat_write", write(fd, "bb", 2) == 2, "");
		EXPECT_ERR("creat_wronly_read_EBADF", read(fd, buf, 1), EBADF);
		fstat(fd, &st);
		check("creat_mode", (st.st_mode & 07777) == 0600 && st.st_size == 2, "mode=%o", (unsigned)st.st_mode);
		close(fd);
	}
	/* O_TRUNC and O_APPEND */
	fd = open("b", O_WRONLY | O_TRUNC);
	fstat(fd, &st);
	check("o_trunc", fd >= 0 && st.st_size == 0, "size=%ld", (long)st.st_size);
	close(fd);
	fd = open("b", O_WRONLY | O_APPEND);
	MUST(write(fd, "12", 2) == 2);
	lseek(fd, 0, SEEK_SET);
	MUST(write(fd, "34", 2) == 2);
	fstat(fd, &st);
	close(fd);
	fd = open("b", O_RDONLY);
	memset(buf, 0, sizeof buf);
	r = read(fd, buf, sizeof buf);
	close(fd);
	check("o_append", r == 4 && !memcmp(buf, "1234", 4), "r=%zd buf=%s", r, buf);
}

static void test_links(void)
{
	struct stat st, st2;
	int rc = link("a", "c");
	stat("a", &st);
	check("link", rc == 0 && st.st_nlink == 2, "rc=%d nlink=%ld", rc, (long)st.st_nlink);
	rc = stat("c", &st2);
	check("link_same_inode", rc == 0 && st2.st_ino == st.st_ino, "rc=%d", rc);
	EXPECT_ERR("link_EEXIST", link("a", "c"), EEXIST);
	rc = unlink("c");
	stat("a", &st);
	check("unlink", rc == 0 && st.st_nlink == 1, "rc=%d nlink=%ld", rc, (long)st.st_nlink);
	EXPECT_ERR("unlink_ENOENT", unlink("c"), ENOENT);

	rc = symlink("a", "sl");
	check("symlink", rc == 0, "errno=%s", ename(errno));
	rc = lstat("sl", &st);
	check("lstat_symlink", rc == 0 && S_ISLNK(st.st_mode) && st.st_size == 1, "rc=%d mode=%o size=%ld", rc, (unsigned)st.st_mode, (long)st.st_size);
	rc = stat("sl", &st2);
	check("stat_follows_symlink", rc == 0 && S_ISREG(st2.st_mode) && st2.st_size == 19, "rc=%d", rc);
	char lbuf[64];
	ssize_t n = readlink("sl", lbuf, sizeof lbuf);
	check("readlink", n == 1 && lbuf[0] == 'a', "n=%zd", n);
	EXPECT_ERR("readlink_regular_EINVAL", readlink("a", lbuf, sizeof lbuf), EINVAL);
	MUST(symlink("nonexistent-target", "dangling") == 0);
	EXPECT_ERR("stat_dangling_ENOENT", stat("dangling", &st), ENOENT);
	rc = lstat("dangling", &st);
	check("lstat_dangling", rc == 0 && S_ISLNK(st.st_mode), "rc=%d", rc);
	MUST(symlink("loop2", "loop1") == 0);
	MUST(symlink("loop1", "loop2") == 0);
	EXPECT_ERR("open_symlink_loop_ELOOP", open("loop1", O_RDONLY), ELOOP);
	EXPECT_ERR("open_nofollow_ELOOP", open("sl", O_RDONLY | O_NOFOLLOW), ELOOP);
	unlink("loop1");
	unlink("loop2");
	unlink("dangling");

	ino_t ino;
	stat("a", &st);
	ino = st.st_ino;
	rc = rename("a", "d");
	check("rename", rc == 0, "errno=%s", ename(errno));
	EXPECT_ERR("rename_old_gone_ENOENT", stat("a", &st), ENOENT);
	rc = stat("d", &st);
	check("rename_same_inode", rc == 0 && st.st_ino == ino, "rc=%d", rc);
	/* rename over an existing file replaces it */
	rc = rename("b", "d2");
	int fd = open("d2", O_RDONLY);
	check("rename_new", rc == 0 && fd >= 0, "rc=%d", rc);
	close(fd);
	rc = rename("d2", "b");
	check("rename_back", rc == 0, "rc=%d", rc);
}

static void test_dirs(void)
{
	struct stat st;
	int rc = mkdir("sub", 0755);
	check("mkdir", rc == 0, "errno=%s", ename(errno));
	rc = stat("sub", &st);
	check("mkdir_stat", rc == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 07777) == 0755, "mode=%o", (unsigned)st.st_mode);
	EXPECT_ERR("mkdir_EEXIST", mkdir("sub", 0755), EEXIST);
	EXPECT_ERR("mkdir_parent_ENOENT", mkdir("nodir/x", 0755), ENOENT);
	close(creat("sub/inner", 0644));
	EXPECT_ERR("rmdir_ENOTEMPTY", rmdir("sub"), ENOTEMPTY);
	EXPECT_ERR("rmdir_file_ENOTDIR", rmdir("d"), ENOTDIR);
	EXPECT_ERR("unlink_dir_EISDIR", unlink("sub"), EISDIR);

	close(creat("zeta", 0644));
	close(creat("alpha", 0644));
	close(creat("mid", 0644));
	char names[512];
	int n = list_dir(".", names, sizeof names);
	check("readdir_sorted", n == 7 && !strcmp(names, "alpha,b,d,mid,sl,sub,zeta"), "n=%d names=%s", n, names);
	printf("readdir: %s\n", names);
	n = list_dir("sub", names, sizeof names);
	check("readdir_sub", n == 1 && !strcmp(names, "inner"), "n=%d names=%s", n, names);

	/* rewinddir returns the same entries again */
	DIR *d = opendir(".");
	int c1 = 0, c2 = 0;
	while (readdir(d))
		c1++;
	rewinddir(d);
	while (readdir(d))
		c2++;
	closedir(d);
	check("rewinddir", c1 == 9 && c2 == 9, "c1=%d c2=%d", c1, c2);

	unlink("sub/inner");
	rc = rmdir("sub");
	check("rmdir", rc == 0, "errno=%s", ename(errno));
	EXPECT_ERR("rmdir_gone_ENOENT", rmdir("sub"), ENOENT);
	unlink("zeta");
	unlink("alpha");
	unlink("mid");
}

static void test_perms(void)
{
	struct stat st;
	int rc = chmod("d", 0644);
	check("chmod_644", rc == 0, "errno=%s", ename(errno));
	/* X_OK fails even for root when no execute bit is set */
	EXPECT_ERR("access_X_EACCES", access("d", X_OK), EACCES);
	check("access_R", access("d", R_OK) == 0, "errno=%s", ename(errno));
	check("access_F", access("d", F_OK) == 0, "errno=%s", ename(errno));
	EXPECT_ERR("access_ENOENT", access("nonexistent", F_OK), ENOENT);
	rc = chmod("d", 0755);
	stat("d", &st);
	check("chmod_755", rc == 0 && (st.st_mode & 07777) == 0755, "mode=%o", (unsigned)st.st_mode);
	check("access_X", access("d", X_OK) == 0, "errno=%s", ename(errno));
	int fd = open("d", O_RDONLY);
	rc = fchmod(fd, 0400);
	fstat(fd, &st);
	close(fd);
	check("fchmod_400", rc == 0 && (st.st_mode & 07777) == 0400, "mode=%o", (unsigned)st.st_mode);
	rc = fchmodat(AT_FDCWD, "d", 0640, 0);
	stat("d", &st);
	check("fchmodat", rc == 0 && (st.st_mode & 07777) == 0640, "mode=%o", (unsigned)st.st_mode);
	check("faccessat", faccessat(AT_FDCWD, "d", R_OK, 0) == 0, "errno=%s", ename(errno));
	mode_t old = umask(077);
	fd = open("umasked", O_CREAT | O_WRONLY, 0666);
	fstat(fd, &st);
	close(fd);
	umask(old);
	check("umask", old == 022 && (st.st_mode & 07777) == 0600, "old=%o mode=%o", (unsigned)old, (unsigned)st.st_mode);
	unlink("umasked");
}

static void test_truncate(void)
{
	int fd = open("d", O_RDWR);
	struct stat st;
	int rc = ftruncate(fd, 5);
	fstat(fd, &st);
	check("ftruncate_shrink", rc == 0 && st.st_size == 5, "size=%ld", (long)st.st_size);
	rc = ftruncate(fd, 100);
	fstat(fd, &st);
	char buf[16];
	memset(buf, 'x', sizeof buf);
	ssize_t r = pread(fd, buf, 10, 50);
	int zero = 1;
	for (int i = 0; i < 10; i++)
		zero &= buf[i] == 0;
	check("ftruncate_grow_zero", rc == 0 && st.st_size == 100 && r == 10 && zero, "size=%ld r=%zd", (long)st.st_size, r);
	r = pread(fd, buf, 5, 0);
	check("ftruncate_keeps_prefix", r == 5 && !memcmp(buf, "HELLO", 5), "r=%zd", r);
	close(fd);
	rc = truncate("d", 3);
	stat("d", &st);
	check("truncate_path", rc == 0 && st.st_size == 3, "size=%ld", (long)st.st_size);
	fd = open("d", O_RDONLY);
	EXPECT_ERR("ftruncate_rdonly_EINVAL", ftruncate(fd, 1), EINVAL);
	close(fd);
}

static void test_fds(void)
{
	int fd = open("d", O_RDWR);
	int fd2 = dup(fd);
	check("dup", fd2 > fd, "fd=%d fd2=%d", fd, fd2);
	lseek(fd, 2, SEEK_SET);
	check("dup_shares_offset", lseek(fd2, 0, SEEK_CUR) == 2, "off=%ld", (long)lseek(fd2, 0, SEEK_CUR));
	int r = dup2(fd, 50);
	check("dup2", r == 50, "r=%d", r);
	check("dup2_same_fd", dup2(fd, fd) == fd, "");
	EXPECT_ERR("dup2_EBADF", dup2(77, 78), EBADF);
	int fl = fcntl(fd, F_GETFD);
	check("F_GETFD_default", fl == 0, "fl=%d", fl);
	r = fcntl(fd, F_SETFD, FD_CLOEXEC);
	fl = fcntl(fd, F_GETFD);
	check("F_SETFD_cloexec", r == 0 && fl == FD_CLOEXEC, "fl=%d", fl);
	check("dup_clears_cloexec", fcntl(dup2(fd, 51), F_GETFD) == 0, "");
	fl = fcntl(fd, F_GETFL);
	check("F_GETFL_rdwr", (fl & O_ACCMODE) == O_RDWR && !(fl & O_APPEND), "fl=%x", fl);
	r = fcntl(fd, F_SETFL, fl | O_APPEND | O_NONBLOCK);
	fl = fcntl(fd2, F_GETFL);
	check("F_SETFL_shared_by_dup", r == 0 && (fl & O_APPEND) && (fl & O_NONBLOCK), "fl=%x", fl);
	fcntl(fd, F_SETFL, fl & ~(O_APPEND | O_NONBLOCK));
	int fd3 = fcntl(fd, F_DUPFD_CLOEXEC, 100);
	check("F_DUPFD_CLOEXEC", fd3 >= 100 && fcntl(fd3, F_GETFD) == FD_CLOEXEC, "fd3=%d", fd3);
	int fd4 = fcntl(fd, F_DUPFD, 100);
	check("F_DUPFD", fd4 > 100 && fcntl(fd4, F_GETFD) == 0, "fd4=%d", fd4);
	int fd5 = dup3(fd, 60, O_CLOEXEC);
	check("dup3_cloexec", fd5 == 60 && fcntl(60, F_GETFD) == FD_CLOEXEC, "fd5=%d", fd5);
	int fd6 = open("d", O_RDONLY | O_CLOEXEC);
	check("open_cloexec", fcntl(fd6, F_GETFD) == FD_CLOEXEC, "");
	close(fd6);
	close(fd3);
	close(fd4);
	close(fd5);
	close(50);
	close(51);
	close(fd2);
	r = close(fd);
	check("close", r == 0, "");
	EXPECT_ERR("close_EBADF", close(fd), EBADF);
	EXPECT_ERR("fcntl_EBADF", fcntl(fd, F_GETFD), EBADF);
	EXPECT_ERR("fstat_EBADF", fstat(-1, &(struct stat){0}), EBADF);
	EXPECT_ERR("read_EBADF", read(-1, (char[1]){0}, 1), EBADF);
	EXPECT_ERR("write_EBADF", write(999, "x", 1), EBADF);

	/* lseek on a pipe */
	int p[2];
	MUST(pipe(p) == 0);
	EXPECT_ERR("lseek_pipe_ESPIPE", lseek(p[0], 0, SEEK_SET), ESPIPE);
	close(p[0]);
	close(p[1]);
}

static void test_at(void)
{
	int rc = mkdir("atdir", 0700);
	int dfd = open("atdir", O_RDONLY | O_DIRECTORY);
	check("open_O_DIRECTORY", rc == 0 && dfd >= 0, "errno=%s", ename(errno));
	int fd = openat(dfd, "x", O_CREAT | O_RDWR, 0640);
	check("openat_create", fd >= 0, "errno=%s", ename(errno));
	MUST(write(fd, "12345", 5) == 5);
	close(fd);
	struct stat st;
	rc = fstatat(dfd, "x", &st, 0);
	check("fstatat", rc == 0 && st.st_size == 5 && (st.st_mode & 07777) == 0640 && S_ISREG(st.st_mode), "rc=%d size=%ld", rc, (long)st.st_size);
	rc = stat("atdir/x", &st);
	check("openat_relative_to_dirfd", rc == 0 && st.st_size == 5, "rc=%d", rc);
	rc = symlinkat("x", dfd, "xl");
	struct stat lst;
	int rc2 = fstatat(dfd, "xl", &lst, AT_SYMLINK_NOFOLLOW);
	check("fstatat_nofollow", rc == 0 && rc2 == 0 && S_ISLNK(lst.st_mode), "rc=%d rc2=%d", rc, rc2);
	char buf[16];
	ssize_t n = readlinkat(dfd, "xl", buf, sizeof buf);
	check("readlinkat", n == 1 && buf[0] == 'x', "n=%zd", n);
	rc = mkdirat(dfd, "sd", 0700);
	check("mkdirat", rc == 0, "errno=%s", ename(errno));
	rc = renameat(dfd, "x", dfd, "sd/y");
	check("renameat", rc == 0 && fstatat(dfd, "sd/y", &st, 0) == 0 && st.st_size == 5, "rc=%d", rc);
	rc = linkat(dfd, "sd/y", dfd, "z", 0);
	check("linkat", rc == 0 && fstatat(dfd, "z", &st, 0) == 0 && st.st_nlink == 2, "rc=%d", rc);
	int fd2 = openat(dfd, "z", O_RDONLY);
	char b5[6] = {0};
	check("openat_read", fd2 >= 0 && read(fd2, b5, 5) == 5 && !strcmp(b5, "12345"), "");
	close(fd2);
	EXPECT_ERR("openat_ENOENT", openat(dfd, "nope", O_RDONLY), ENOENT);
	EXPECT_ERR("openat_notdir_ENOTDIR", openat(dfd, "z/q", O_RDONLY), ENOTDIR);
	EXPECT_ERR("unlinkat_dir_noflag_EISDIR", unlinkat(dfd, "sd", 0), EISDIR);
	rc = unlinkat(dfd, "z", 0) | unlinkat(dfd, "xl", 0) | unlinkat(dfd, "sd/y", 0);
	rc |= unlinkat(dfd, "sd", AT_REMOVEDIR);
	check("unlinkat", rc == 0, "errno=%s", ename(errno));
	char names[64];
	int cnt = list_dir("atdir", names, sizeof names);
	check("at_dir_empty", cnt == 0, "cnt=%d names=%s", cnt, names);
	/* fchdir via the dirfd */
	rc = fchdir(dfd);
	char cwd[PATH_MAX];
	struct stat a, b;
	fstat(dfd, &a);
	stat(getcwd(cwd, sizeof cwd) ? cwd : "/", &b);
	check("fchdir", rc == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev, "rc=%d", rc);
	MUST(chdir("..") == 0);
	close(dfd);
	rc = rmdir("atdir");
	check("rmdir_atdir", rc == 0, "errno=%s", ename(errno));
}

static void test_errors(void)
{
	int fd;
	EXPECT_ERR("open_ENOENT", open("does-not-exist", O_RDONLY), ENOENT);
	EXPECT_ERR("open_ENOENT_dir", open("nodir/file", O_RDONLY), ENOENT);
	EXPECT_ERR("open_ENOTDIR", open("d/x", O_RDONLY), ENOTDIR);
	EXPECT_ERR("open_dir_wronly_EISDIR", open(".", O_WRONLY), EISDIR);
	EXPECT_ERR("open_file_O_DIRECTORY_ENOTDIR", open("d", O_RDONLY | O_DIRECTORY), ENOTDIR);
	fd = open(".", O_RDONLY);
	EXPECT_ERR("read_dir_EISDIR", read(fd, (char[8]){0}, 8), EISDIR);
	close(fd);
	EXPECT_ERR("chdir_ENOTDIR", chdir("d"), ENOTDIR);
	EXPECT_ERR("chdir_ENOENT", chdir("nonexistent"), ENOENT);
	EXPECT_ERR("stat_empty_ENOENT", stat("", &(struct stat){0}), ENOENT);
	EXPECT_ERR("mkdir_root_EEXIST", mkdir("/", 0755), EEXIST);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	umask(022);
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	snprintf(tmpdir, sizeof tmpdir, "%s/xabi-files-XXXXXX", base);
	if (!mkdtemp(tmpdir)) {
		printf("mkdtemp: FAIL (%s)\n", ename(errno));
		return 1;
	}
	check("getcwd_orig", getcwd(origcwd, sizeof origcwd) != NULL, "errno=%s", ename(errno));
	int rc = chdir(tmpdir);
	char cwd[PATH_MAX];
	struct stat a, b;
	stat(tmpdir, &a);
	int ok = rc == 0 && getcwd(cwd, sizeof cwd) && stat(cwd, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev;
	check("chdir_getcwd", ok, "rc=%d", rc);
	if (rc != 0)
		return 1;
	EXPECT_ERR("getcwd_small_buf", (long)getcwd(cwd, 2) ? 0 : -1, ERANGE);

	test_basic_io();
	test_links();
	test_dirs();
	test_perms();
	test_truncate();
	test_fds();
	test_at();
	test_errors();

	/* cleanup */
	unlink("b");
	unlink("d");
	unlink("sl");
	char names[512];
	int n = list_dir(".", names, sizeof names);
	check("cleanup_empty", n == 0, "left: %s", names);
	rc = chdir(origcwd[0] ? origcwd : "/");
	check("chdir_back", rc == 0, "errno=%s", ename(errno));
	rc = rmdir(tmpdir);
	check("rmdir_tmpdir", rc == 0, "errno=%s", ename(errno));
	printf("files: %s\n", g_fail ? "FAILED" : "all ok");
	return g_fail;
}
