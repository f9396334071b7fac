/* FreeBSD file calls: open, the *at family, times, links, cwd, pathconf, fcntl, pipes and
 * descriptor ranges (FreeBSD 14's sys/sys/fcntl.h, sys/sys/stat.h, sys/sys/unistd.h,
 * sys/sys/random.h, sys/kern/vfs_syscalls.c, sys/kern/vfs_cache.c, sys/kern/kern_descrip.c). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/time.h>
#include <termios.h>
#include "../../syscall/altroot.h"
#include "../../syscall/copy.h"
#include "../../syscall/diag.h"
#include "../../syscall/fmt.h"
#include "../../syscall/memory.h"
#include "../../syscall/raw.h"
#include "../../syscall/trap.h"
#include "../../syscall/xthread.h"
#include "freebsd.h"
#include "kqueue.h"

#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif

#define FB_O_NONBLOCK 0x0004
#define FB_O_APPEND 0x0008
#define FB_O_SHLOCK 0x0010
#define FB_O_EXLOCK 0x0020
#define FB_O_ASYNC 0x0040
#define FB_O_FSYNC 0x0080
#define FB_O_DIRECT 0x00010000
#define FB_O_CLOEXEC 0x00100000
#define FB_O_RESOLVE_BENEATH 0x00800000
#define FB_O_DSYNC 0x01000000
#define FB_O_EMPTY_PATH 0x02000000

#define FB_AT_EACCESS 0x0100
#define FB_AT_SYMLINK_NOFOLLOW 0x0200
#define FB_AT_SYMLINK_FOLLOW 0x0400
#define FB_AT_REMOVEDIR 0x0800
#define FB_AT_RESOLVE_BENEATH 0x2000
#define FB_AT_EMPTY_PATH 0x4000

#define FB_MAXPATHLEN 1024
#define FB_S_IFWHT 0160000

/* The host flags of a *at call: EINVAL for bits the FreeBSD call refuses, and for
 * AT_RESOLVE_BENEATH, which only Linux's openat2 knows. */
static long at_flags(struct trap *tr, long guest, uint32_t allowed)
{
	if ((uint32_t)guest & ~allowed)
		return -EINVAL;
	long h = freebsd_atflags_to_host(guest);
	if (h < 0)
		diag_not_implemented(tr, "AT_RESOLVE_BENEATH");
	return h < 0 ? -EINVAL : h;
}

/* "/proc/self/fd/N" in buf: how Linux reaches an open file by name. */
static const char *fd_path(char *buf, size_t size, long fd)
{
	struct fmt f;
	fmt_init(&f, buf, size);
	fmt_str(&f, "/proc/self/fd/");
	fmt_dec(&f, fd);
	*f.p = 0;
	return buf;
}

/* A negative result that is no error (F_GETOWN's process group, pathconf's -1 for "no limit"):
 * the result convention would read it as one, so set the registers here. */
static long negative_result(struct trap *tr, long v)
{
	GREG(tr, RAX) = v;
	GREG(tr, EFL) &= ~1L; /* the carry flag */
	tr->regs_set = 1;
	return v;
}

/* vn_open_cred answers EMLINK for a final symbolic link under O_NOFOLLOW (Linux: ELOOP) and
 * EOPNOTSUPP for a socket (Linux: ENXIO). */
static long open_error(long dirfd, const char *path, long h, long err)
{
	struct stat st;
	if ((err != -ELOOP || !(h & O_NOFOLLOW)) && err != -ENXIO)
		return err;
	if (raw4(SYS_newfstatat, dirfd, path, &st, (h & O_NOFOLLOW) ? AT_SYMLINK_NOFOLLOW : 0) < 0)
		return err;
	if (err == -ELOOP && S_ISLNK(st.st_mode))
		return -EMLINK;
	if (err == -ENXIO && S_ISSOCK(st.st_mode))
		return -EOPNOTSUPP;
	return err;
}

static long do_open(struct trap *tr, long dirfd, const char *path, long flags, long mode)
{
	uint32_t g = (uint32_t)flags, lock = g & (FB_O_SHLOCK | FB_O_EXLOCK);
	char self[32];
	long h = freebsd_oflags_to_host(g & ~(lock | FB_O_EMPTY_PATH));
	if (h < 0) {
		if (g & FB_O_RESOLVE_BENEATH)
			diag_not_implemented(tr, "O_RESOLVE_BENEATH");
		return -EINVAL;
	}
	if (g & FB_O_EMPTY_PATH) {
		/* An empty path names dirfd itself: reopen it through /proc (no lookup, so no
		 * O_NOFOLLOW, which would stop at the /proc link). */
		char c;
		if (xabi_copy_safe(&c, path, 1) < 0)
			return -EFAULT;
		if (!c) {
			path = dirfd == AT_FDCWD ? "." : fd_path(self, sizeof self, dirfd);
			dirfd = AT_FDCWD;
			h &= ~(long)O_NOFOLLOW;
		}
	}
	long fd = xabi_syscall_cp(&tr->t->intr, SYS_openat, dirfd, (long)path, h | O_LARGEFILE, mode,
				  0, 0);
	if (fd < 0)
		return open_error(dirfd, path, h, fd);
	if (!lock)
		return fd;
	/* O_EXLOCK, O_SHLOCK: flock at open, waiting unless O_NONBLOCK (vn_open_cred) */
	long r = xabi_syscall_cp(&tr->t->intr, SYS_flock, fd,
				 ((lock & FB_O_EXLOCK) ? LOCK_EX : LOCK_SH) |
					 ((g & FB_O_NONBLOCK) ? LOCK_NB : 0),
				 0, 0, 0, 0);
	if (r < 0)
		raw1(SYS_close, fd);
	return r < 0 ? r : fd;
}

long freebsd_sys_open(struct trap *tr)
{
	return do_open(tr, AT_FDCWD, (const char *)tr->arg[0], tr->arg[1], tr->arg[2]);
}

long freebsd_sys_openat(struct trap *tr)
{
	return do_open(tr, (int)tr->arg[0], (const char *)tr->arg[1], tr->arg[2], tr->arg[3]);
}

/* faccessat(fd, path, amode, flag): F_OK, X_OK, W_OK and R_OK are 0, 1, 2 and 4 on both. */
long freebsd_sys_faccessat(struct trap *tr)
{
	if (tr->arg[2] & ~7L)
		return -EINVAL;
	long h = at_flags(tr, tr->arg[3],
			  FB_AT_EACCESS | FB_AT_SYMLINK_NOFOLLOW | FB_AT_RESOLVE_BENEATH | FB_AT_EMPTY_PATH);
	if (h < 0)
		return h;
	return raw4(SYS_faccessat2, (int)tr->arg[0], tr->arg[1], tr->arg[2], h);
}

/* eaccess(path, amode): access with the effective ids */
long freebsd_sys_eaccess(struct trap *tr)
{
	if (tr->arg[1] & ~7L)
		return -EINVAL;
	return raw4(SYS_faccessat2, AT_FDCWD, tr->arg[0], tr->arg[1], AT_EACCESS);
}

long freebsd_sys_fchmodat(struct trap *tr)
{
	long h = at_flags(tr, tr->arg[3],
			  FB_AT_SYMLINK_NOFOLLOW | FB_AT_RESOLVE_BENEATH | FB_AT_EMPTY_PATH);
	if (h < 0)
		return h;
	if (!h)
		return raw3(SYS_fchmodat, (int)tr->arg[0], tr->arg[1], tr->arg[2]);
	/* Linux 6.6; it answers EOPNOTSUPP for a symbolic link, whose mode Linux cannot change */
	long r = raw4(SYS_fchmodat2, (int)tr->arg[0], tr->arg[1], tr->arg[2], h);
	if (r == -ENOSYS) {
		diag_not_implemented(tr, "flags on a host without fchmodat2 (Linux 6.6)");
		r = -EINVAL;
	}
	return r;
}

long freebsd_sys_fchownat(struct trap *tr)
{
	long h = at_flags(tr, tr->arg[4],
			  FB_AT_SYMLINK_NOFOLLOW | FB_AT_RESOLVE_BENEATH | FB_AT_EMPTY_PATH);
	if (h < 0)
		return h;
	return raw5(SYS_fchownat, (int)tr->arg[0], tr->arg[1], (uint32_t)tr->arg[2],
		    (uint32_t)tr->arg[3], h);
}

long freebsd_sys_linkat(struct trap *tr)
{
	long h = at_flags(tr, tr->arg[4],
			  FB_AT_SYMLINK_FOLLOW | FB_AT_RESOLVE_BENEATH | FB_AT_EMPTY_PATH);
	if (h < 0)
		return h;
	return raw5(SYS_linkat, (int)tr->arg[0], tr->arg[1], (int)tr->arg[2], tr->arg[3], h);
}

long freebsd_sys_unlinkat(struct trap *tr)
{
	long h = at_flags(tr, tr->arg[2], FB_AT_REMOVEDIR | FB_AT_RESOLVE_BENEATH);
	if (h < 0)
		return h;
	long r = raw3(SYS_unlinkat, (int)tr->arg[0], tr->arg[1], h);
	/* unlinking a directory: FreeBSD's kern_funlinkat answers EPERM, as POSIX has it */
	return r == -EISDIR && !(h & AT_REMOVEDIR) ? -EPERM : r;
}

static long mkfifo_at(long fd, long path, long mode)
{
	return raw4(SYS_mknodat, (int)fd, path, S_IFIFO | (mode & 07777), 0);
}

long freebsd_sys_mkfifo(struct trap *tr)
{
	return mkfifo_at(AT_FDCWD, tr->arg[0], tr->arg[1]);
}

long freebsd_sys_mkfifoat(struct trap *tr)
{
	return mkfifo_at(tr->arg[0], tr->arg[1], tr->arg[2]);
}

/* mknodat(fd, path, mode, dev): devices and FIFOs only (kern_mknodat); dev in FreeBSD's
 * encoding (major in bits 8-15 and 40-63), rewritten in Linux's (12-bit major, 20-bit minor). */
long freebsd_sys_mknodat(struct trap *tr)
{
	uint32_t mode = (uint32_t)tr->arg[2];
	uint64_t dev = tr->arg[3];
	switch (mode & S_IFMT) {
	case S_IFCHR:
	case S_IFBLK: {
		uint32_t ma = (uint32_t)(((dev >> 32) & 0xffffff00) | ((dev >> 8) & 0xff));
		uint32_t mi = (uint32_t)(((dev >> 24) & 0xff00) | (dev & 0xffff00ff));
		if (ma > 0xfff || mi > 0xfffff)
			return -EINVAL;
		return raw4(SYS_mknodat, (int)tr->arg[0], tr->arg[1], mode,
			    (mi & 0xff) | (ma << 8) | ((mi & ~0xffu) << 12));
	}
	case S_IFIFO:
		if (dev == 0)
			return mkfifo_at(tr->arg[0], tr->arg[1], mode);
		return -EINVAL;
	case FB_S_IFWHT:
		diag_not_implemented(tr, "whiteouts");
		return -EINVAL;
	}
	return -EINVAL;
}

/* FreeBSD's UTIME_NOW and UTIME_OMIT (-1 and -2) as Linux's; NULL for a null guest array. */
static long get_timespecs(const void *guest, struct timespec t[2], struct timespec **out)
{
	*out = 0;
	if (!guest)
		return 0;
	if (xabi_copy_safe(t, guest, 2 * sizeof *t) < 0)
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (t[i].tv_nsec == -1)
			t[i].tv_nsec = UTIME_NOW;
		else if (t[i].tv_nsec == -2)
			t[i].tv_nsec = UTIME_OMIT;
		else if (t[i].tv_nsec < 0 || t[i].tv_nsec >= 1000000000)
			return -EINVAL;
	}
	*out = t;
	return 0;
}

/* struct timeval[2] as timespecs, checked as getutimes does; NULL (now) for a null array. */
static long get_timevals(const void *guest, struct timespec t[2], struct timespec **out)
{
	struct timeval tv[2];
	*out = 0;
	if (!guest)
		return 0;
	if (xabi_copy_safe(tv, guest, sizeof tv) < 0)
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		t[i] = (struct timespec){tv[i].tv_sec, tv[i].tv_usec * 1000};
	}
	*out = t;
	return 0;
}

/* utimensat(fd, path, times, flag) */
long freebsd_sys_utimensat(struct trap *tr)
{
	struct timespec t[2], *tp;
	long h = at_flags(tr, tr->arg[3],
			  FB_AT_SYMLINK_NOFOLLOW | FB_AT_RESOLVE_BENEATH | FB_AT_EMPTY_PATH);
	if (h < 0)
		return h;
	long r = get_timespecs((const void *)tr->arg[2], t, &tp);
	if (r < 0)
		return r;
	if (!tr->arg[1]) /* Linux would take a null path as futimens */
		return -EFAULT;
	return raw4(SYS_utimensat, (int)tr->arg[0], tr->arg[1], tp, h);
}

long freebsd_sys_futimens(struct trap *tr)
{
	struct timespec t[2], *tp;
	long r = get_timespecs((const void *)tr->arg[1], t, &tp);
	if (r < 0)
		return r;
	if ((int)tr->arg[0] < 0)
		return -EBADF;
	return raw4(SYS_utimensat, (int)tr->arg[0], 0, tp, 0);
}

/* The timeval calls: futimes(fd, tv), lutimes(path, tv), futimesat(fd, path, tv). */
static long utimes_at(long fd, long path, long tv, int flags)
{
	struct timespec t[2], *tp;
	long r = get_timevals((const void *)tv, t, &tp);
	if (r < 0)
		return r;
	return raw4(SYS_utimensat, (int)fd, path, tp, flags);
}

long freebsd_sys_futimes(struct trap *tr)
{
	if ((int)tr->arg[0] < 0)
		return -EBADF;
	return utimes_at(tr->arg[0], 0, tr->arg[1], 0);
}

long freebsd_sys_lutimes(struct trap *tr)
{
	if (!tr->arg[0])
		return -EFAULT;
	return utimes_at(AT_FDCWD, tr->arg[0], tr->arg[1], AT_SYMLINK_NOFOLLOW);
}

long freebsd_sys_futimesat(struct trap *tr)
{
	if (!tr->arg[1])
		return -EFAULT;
	return utimes_at(tr->arg[0], tr->arg[1], tr->arg[2], 0);
}

static long readlink_at(long fd, long path, long buf, size_t count)
{
	if (count > 0x7fffffff) /* IOSIZE_MAX */
		return -EINVAL;
	if (!count) { /* FreeBSD reads nothing from a link; Linux refuses the size */
		char c;
		long r = raw4(SYS_readlinkat, (int)fd, path, &c, 1);
		return r < 0 ? r : 0;
	}
	return raw4(SYS_readlinkat, (int)fd, path, buf, count);
}

long freebsd_sys_readlink(struct trap *tr)
{
	return readlink_at(AT_FDCWD, tr->arg[0], tr->arg[1], tr->arg[2]);
}

long freebsd_sys_readlinkat(struct trap *tr)
{
	return readlink_at(tr->arg[0], tr->arg[1], tr->arg[2], tr->arg[3]);
}

/* Copy the NUL-terminated path s (n bytes with the NUL) to a guest buffer of size bytes:
 * FreeBSD's vn_fullpath answers ENOMEM, not ERANGE, when it does not fit, and never writes more
 * than MAXPATHLEN. A path inside the alternate root is shown as the guest names it. */
static long path_to_guest(void *guest, size_t size, char *s, long n)
{
	if (size < 2)
		return -EINVAL;
	if (size > FB_MAXPATHLEN)
		size = FB_MAXPATHLEN;
	if (s[0] != '/') /* Linux's "(unreachable)" prefix: outside the root */
		return -ENOENT;
	n = (long)altroot_strip(s, (size_t)n - 1) + 1;
	if ((size_t)n > size)
		return -ENOMEM;
	return xabi_copy_safe(guest, s, (size_t)n) < 0 ? -EFAULT : 0;
}

/* __getcwd(buf, size): 0 on success, not a length */
long freebsd_sys_getcwd(struct trap *tr)
{
	char cwd[4096];
	long n = raw2(SYS_getcwd, cwd, sizeof cwd);
	if (n == -ENAMETOOLONG)
		return -ENOMEM;
	if (n < 0)
		return n;
	return path_to_guest((void *)tr->arg[0], tr->arg[1], cwd, n);
}

/* __realpathat(fd, path, buf, size, flags): the path of what path names, symbolic links
 * followed, from the host's name for an O_PATH descriptor of it. */
long freebsd_sys_realpathat(struct trap *tr)
{
	char self[32], real[4096];
	if (tr->arg[4] || (unsigned long)tr->arg[3] < 2)
		return -EINVAL;
	long fd = raw4(SYS_openat, (int)tr->arg[0], tr->arg[1], O_PATH | O_CLOEXEC, 0);
	if (fd < 0)
		return fd;
	long n = raw4(SYS_readlinkat, AT_FDCWD, fd_path(self, sizeof self, fd), real, sizeof real);
	raw1(SYS_close, fd);
	if (n < 0)
		return n;
	if (n == sizeof real)
		return -ENOMEM;
	real[n] = 0;
	return path_to_guest((void *)tr->arg[2], tr->arg[3], real, n + 1);
}

/* sys/sys/unistd.h */
enum {
	FB_PC_LINK_MAX = 1, FB_PC_MAX_CANON = 2, FB_PC_MAX_INPUT = 3, FB_PC_NAME_MAX = 4,
	FB_PC_PATH_MAX = 5, FB_PC_PIPE_BUF = 6, FB_PC_CHOWN_RESTRICTED = 7, FB_PC_NO_TRUNC = 8,
	FB_PC_VDISABLE = 9, FB_PC_ALLOC_SIZE_MIN = 10, FB_PC_FILESIZEBITS = 12,
	FB_PC_REC_INCR_XFER_SIZE = 14, FB_PC_REC_MAX_XFER_SIZE = 15, FB_PC_REC_MIN_XFER_SIZE = 16,
	FB_PC_REC_XFER_ALIGN = 17, FB_PC_SYMLINK_MAX = 18, FB_PC_MIN_HOLE_SIZE = 21,
	FB_PC_ASYNC_IO = 53, FB_PC_PRIO_IO = 54, FB_PC_SYNC_IO = 55, FB_PC_ACL_EXTENDED = 59,
	FB_PC_ACL_PATH_MAX = 60, FB_PC_CAP_PRESENT = 61, FB_PC_INF_PRESENT = 62,
	FB_PC_MAC_PRESENT = 63, FB_PC_ACL_NFS4 = 64, FB_PC_DEALLOC_PRESENT = 65,
};

/* Is fd (perhaps O_PATH) a terminal? An O_PATH descriptor of a character device is reopened
 * for the question. */
static int is_tty(long fd, const struct stat *st)
{
	struct termios t;
	char self[32];
	if (!S_ISCHR(st->st_mode))
		return 0;
	long r = raw3(SYS_ioctl, fd, TCGETS, &t);
	if (r != -EBADF)
		return r == 0;
	long fd2 = raw3(SYS_open, fd_path(self, sizeof self, fd),
			O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC, 0);
	if (fd2 < 0)
		return 0;
	r = raw3(SYS_ioctl, fd2, TCGETS, &t);
	raw1(SYS_close, fd2);
	return r == 0;
}

/* pathconf's answers, after FreeBSD's ufs_pathconf, vop_stdpathconf and devfs_pathconf, with
 * the host's limits where the file system sets them. ACLs, MAC labels, capabilities and
 * fspacectl are absent; PIPE_BUF is FreeBSD's 512 (Linux keeps larger writes whole too), and
 * Linux's SEEK_HOLE serves the hole size of the host's block. */
static long pathconf_fd(struct trap *tr, long fd, long name)
{
	struct stat st;
	struct statfs sf;
	long r = raw2(SYS_fstat, fd, &st);
	if (r >= 0)
		r = raw2(SYS_fstatfs, fd, &sf);
	if (r < 0)
		return r;
	if (sf.f_type == PIPEFS_MAGIC || sf.f_type == SOCKFS_MAGIC) /* kern_fpathconf: no vnode */
		return name == FB_PC_PIPE_BUF ? 512 : -EINVAL;
	switch (name) {
	case FB_PC_LINK_MAX: /* the limits glibc's pathconf knows; Linux's LINK_MAX otherwise */
		switch ((uint32_t)sf.f_type) {
		case EXT4_SUPER_MAGIC: return 65000;
		case BTRFS_SUPER_MAGIC: return 65535;
		case XFS_SUPER_MAGIC: return 0x7fffffff;
		}
		return 127;
	case FB_PC_MAX_CANON:
	case FB_PC_MAX_INPUT:
		return is_tty(fd, &st) ? 255 : -EINVAL;
	case FB_PC_VDISABLE:
		return is_tty(fd, &st) ? 0xff : -EINVAL;
	case FB_PC_NAME_MAX: return sf.f_namelen;
	case FB_PC_PATH_MAX:
	case FB_PC_SYMLINK_MAX: return FB_MAXPATHLEN;
	case FB_PC_PIPE_BUF: return S_ISDIR(st.st_mode) || S_ISFIFO(st.st_mode) ? 512 : -EINVAL;
	case FB_PC_CHOWN_RESTRICTED:
	case FB_PC_NO_TRUNC: return 1;
	case FB_PC_FILESIZEBITS: return 64;
	case FB_PC_ALLOC_SIZE_MIN:
	case FB_PC_REC_INCR_XFER_SIZE:
	case FB_PC_REC_MIN_XFER_SIZE:
	case FB_PC_MIN_HOLE_SIZE: return sf.f_bsize;
	case FB_PC_REC_XFER_ALIGN: return 4096;
	case FB_PC_REC_MAX_XFER_SIZE: /* no limit */
	case FB_PC_ASYNC_IO: /* xabi has no aio calls */
		return negative_result(tr, -1);
	case FB_PC_ACL_PATH_MAX: return 3; /* ufs without ACLs: the three mode entries */
	case FB_PC_PRIO_IO:
	case FB_PC_SYNC_IO:
	case FB_PC_ACL_EXTENDED:
	case FB_PC_CAP_PRESENT:
	case FB_PC_INF_PRESENT:
	case FB_PC_MAC_PRESENT:
	case FB_PC_ACL_NFS4:
	case FB_PC_DEALLOC_PRESENT: return 0;
	}
	return -EINVAL;
}

static long pathconf_path(struct trap *tr, long path, long name, int nofollow)
{
	long fd = raw3(SYS_open, path, O_PATH | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0), 0);
	if (fd < 0)
		return fd;
	long r = pathconf_fd(tr, fd, name);
	raw1(SYS_close, fd);
	return r;
}

long freebsd_sys_pathconf(struct trap *tr)
{
	return pathconf_path(tr, tr->arg[0], (int)tr->arg[1], 0);
}

long freebsd_sys_lpathconf(struct trap *tr)
{
	return pathconf_path(tr, tr->arg[0], (int)tr->arg[1], 1);
}

long freebsd_sys_fpathconf(struct trap *tr)
{
	return pathconf_fd(tr, (int)tr->arg[0], (int)tr->arg[1]);
}

/* fcntl commands (sys/sys/fcntl.h) */
enum {
	FB_F_DUPFD = 0, FB_F_GETFD = 1, FB_F_SETFD = 2, FB_F_GETFL = 3, FB_F_SETFL = 4,
	FB_F_GETOWN = 5, FB_F_SETOWN = 6, FB_F_OGETLK = 7, FB_F_OSETLK = 8, FB_F_OSETLKW = 9,
	FB_F_DUP2FD = 10, FB_F_GETLK = 11, FB_F_SETLK = 12, FB_F_SETLKW = 13,
	FB_F_SETLK_REMOTE = 14, FB_F_READAHEAD = 15, FB_F_RDAHEAD = 16, FB_F_DUPFD_CLOEXEC = 17,
	FB_F_DUP2FD_CLOEXEC = 18, FB_F_ADD_SEALS = 19, FB_F_GET_SEALS = 20, FB_F_ISUNIONSTACK = 21,
	FB_F_KINFO = 22,
};
#define FB_F_RDLCK 1
#define FB_F_UNLCK 2
#define FB_F_WRLCK 3
#define FB_SEALS 0xf /* F_SEAL_SEAL, _SHRINK, _GROW, _WRITE: Linux's values */
/* The status flags F_SETFL may change (FCNTLFLAGS; FRDAHEAD, which is O_CREAT's bit, is kept
 * by F_READAHEAD instead) */
#define FB_FCNTLFLAGS \
	(FB_O_APPEND | FB_O_ASYNC | FB_O_FSYNC | FB_O_DSYNC | FB_O_NONBLOCK | FB_O_DIRECT)

struct fb_flock {
	int64_t start, len;
	int32_t pid;
	int16_t type, whence;
	int32_t sysid;
};
_Static_assert(sizeof(struct fb_flock) == 32, "struct flock");

/* F_GETLK, F_SETLK, F_SETLKW with FreeBSD's struct flock and lock types */
static long lock(struct trap *tr, long fd, int cmd, void *guest)
{
	struct fb_flock g;
	struct flock h;
	if (xabi_copy_safe(&g, guest, sizeof g) < 0)
		return -EFAULT;
	if (g.type != FB_F_RDLCK && g.type != FB_F_WRLCK && g.type != FB_F_UNLCK)
		return -EINVAL;
	memset(&h, 0, sizeof h);
	h.l_type = g.type == FB_F_RDLCK ? F_RDLCK : g.type == FB_F_WRLCK ? F_WRLCK : F_UNLCK;
	h.l_whence = g.whence;
	h.l_start = g.start;
	h.l_len = g.len;
	long r;
	if (cmd == F_SETLKW)
		r = xabi_syscall_cp(&tr->t->intr, SYS_fcntl, fd, F_SETLKW, (long)&h, 0, 0, 0);
	else
		r = raw3(SYS_fcntl, fd, cmd, &h);
	if (r == -EACCES && cmd == F_SETLK) /* Linux may answer either for a conflict */
		r = -EAGAIN;
	if (r < 0 || cmd != F_GETLK)
		return r;
	g.type = h.l_type == F_RDLCK ? FB_F_RDLCK : h.l_type == F_WRLCK ? FB_F_WRLCK : FB_F_UNLCK;
	g.whence = h.l_whence;
	g.start = h.l_start;
	g.len = h.l_len;
	g.pid = h.l_pid;
	g.sysid = 0;
	return xabi_copy_safe(guest, &g, sizeof g) < 0 ? -EFAULT : 0;
}

/* dup2 and F_DUP2FD[_CLOEXEC]: xabi's own descriptors cannot be replaced. */
static long dup_to(long fd, long to, int cloexec)
{
	if ((int)to < 0 || fd_is_xabis((int)to) || freebsd_kqueue_fd_is_internal((int)to))
		return -EBADF;
	if (fd != to && raw2(SYS_fcntl, fd, F_GETFD) >= 0) /* to is about to be replaced */
		freebsd_kqueue_fd_closing((int)to);
	if (fd != to || !cloexec)
		return cloexec ? raw3(SYS_dup3, fd, to, O_CLOEXEC) : raw2(SYS_dup2, fd, to);
	long r = raw3(SYS_fcntl, fd, F_SETFD, FD_CLOEXEC); /* kern_dup, old == new */
	return r < 0 ? r : to;
}

long freebsd_sys_dup2(struct trap *tr)
{
	return dup_to((int)tr->arg[0], (int)tr->arg[1], 0);
}

long freebsd_sys_fcntl(struct trap *tr)
{
	long fd = (int)tr->arg[0], arg = tr->arg[2], r;
	switch ((int)tr->arg[1]) {
	case FB_F_DUPFD: return raw3(SYS_fcntl, fd, F_DUPFD, (int)arg);
	case FB_F_DUPFD_CLOEXEC: return raw3(SYS_fcntl, fd, F_DUPFD_CLOEXEC, (int)arg);
	case FB_F_DUP2FD: return dup_to(fd, (int)arg, 0);
	case FB_F_DUP2FD_CLOEXEC: return dup_to(fd, (int)arg, 1);
	case FB_F_GETFD: return raw2(SYS_fcntl, fd, F_GETFD);
	case FB_F_SETFD: return raw3(SYS_fcntl, fd, F_SETFD, arg & FD_CLOEXEC);
	case FB_F_GETFL:
		r = raw2(SYS_fcntl, fd, F_GETFL);
		return r < 0 ? r : freebsd_oflags_from_host(r);
	case FB_F_SETFL:
		/* Linux cannot change O_SYNC or O_DSYNC here and leaves them as they are */
		return raw3(SYS_fcntl, fd, F_SETFL, freebsd_oflags_to_host(arg & FB_FCNTLFLAGS));
	case FB_F_GETOWN: {
		struct f_owner_ex o;
		r = raw3(SYS_fcntl, fd, F_GETOWN_EX, &o);
		if (r < 0)
			return r;
		return o.type == F_OWNER_PGRP ? negative_result(tr, -(long)o.pid) : o.pid;
	}
	case FB_F_SETOWN: return raw3(SYS_fcntl, fd, F_SETOWN, (int)arg);
	case FB_F_GETLK: return lock(tr, fd, F_GETLK, (void *)arg);
	case FB_F_SETLK: return lock(tr, fd, F_SETLK, (void *)arg);
	case FB_F_SETLKW: return lock(tr, fd, F_SETLKW, (void *)arg);
	case FB_F_READAHEAD:
	case FB_F_RDAHEAD: {
		/* read-ahead on (an amount, or a boolean) or off: the host's advice for the file */
		int on = (int)tr->arg[1] == FB_F_READAHEAD ? (int)arg >= 0 : (int)arg != 0;
		r = raw4(SYS_fadvise64, fd, 0, 0, on ? POSIX_FADV_NORMAL : POSIX_FADV_RANDOM);
		return r == -ESPIPE ? -EBADF : r; /* kern_fcntl: not a vnode */
	}
	case FB_F_ADD_SEALS:
		if ((int)arg & ~FB_SEALS)
			return -EINVAL;
		return raw3(SYS_fcntl, fd, F_ADD_SEALS, (int)arg);
	case FB_F_GET_SEALS:
		r = raw2(SYS_fcntl, fd, F_GET_SEALS);
		return r < 0 ? r : r & FB_SEALS;
	case FB_F_ISUNIONSTACK: { /* libc's opendir asks; Linux's overlayfs merges by itself */
		struct stat st;
		r = raw2(SYS_fstat, fd, &st);
		return r < 0 ? r : 0;
	}
	case FB_F_OGETLK:
	case FB_F_OSETLK:
	case FB_F_OSETLKW:
		diag_not_implemented(tr, "the FreeBSD 8 struct flock commands");
		return -EINVAL;
	case FB_F_SETLK_REMOTE:
	case FB_F_KINFO:
		diag_not_implemented(tr, "this fcntl command");
		return -EINVAL;
	}
	return -EINVAL;
}

/* posix_fallocate and posix_fadvise return the error number itself. */
long freebsd_sys_posix_fallocate(struct trap *tr)
{
	long r = raw4(SYS_fallocate, (int)tr->arg[0], 0, tr->arg[1], tr->arg[2]);
	if (r == -EOPNOTSUPP) /* FreeBSD's answer when the file system cannot */
		r = -EINVAL;
	else if (r == -EISDIR) /* not a regular file */
		r = -ENODEV;
	return r < 0 ? freebsd_errno_from_host((int)-r) : 0;
}

/* The POSIX_FADV_* values, 0 to 5, are the same. */
long freebsd_sys_posix_fadvise(struct trap *tr)
{
	if (tr->arg[1] < 0 || tr->arg[2] < 0 || (unsigned long)tr->arg[3] > POSIX_FADV_NOREUSE)
		return freebsd_errno_from_host(EINVAL);
	long r = raw4(SYS_fadvise64, (int)tr->arg[0], tr->arg[1], tr->arg[2], (int)tr->arg[3]);
	return r < 0 ? freebsd_errno_from_host((int)-r) : 0;
}

/* copy_file_range(infd, inoffp, outfd, outoffp, len, flags): where Linux cannot copy between
 * two file systems (EXDEV), FreeBSD copies anyway: do one buffer's worth (a short copy is a
 * valid answer) by reading and writing. */
long freebsd_sys_copy_file_range(struct trap *tr)
{
	long in = (int)tr->arg[0], out = (int)tr->arg[2];
	int64_t *inp = (int64_t *)tr->arg[1], *outp = (int64_t *)tr->arg[3], ioff = 0, ooff = 0;
	if (tr->arg[5])
		return -EINVAL;
	long r = raw6(SYS_copy_file_range, in, inp, out, outp, tr->arg[4], 0);
	if (r != -EXDEV)
		return r;
	char buf[32768];
	size_t n = (size_t)tr->arg[4] < sizeof buf ? (size_t)tr->arg[4] : sizeof buf;
	if ((inp && xabi_copy_safe(&ioff, inp, sizeof ioff) < 0) ||
	    (outp && xabi_copy_safe(&ooff, outp, sizeof ooff) < 0))
		return -EFAULT;
	r = inp ? raw4(SYS_pread64, in, buf, n, ioff) : raw3(SYS_read, in, buf, n);
	if (r <= 0)
		return r;
	long w = outp ? raw4(SYS_pwrite64, out, buf, r, ooff) : raw3(SYS_write, out, buf, r);
	if (w <= 0)
		return w;
	if (w < r && !inp) /* give back what was read and not written */
		raw3(SYS_lseek, in, w - r, SEEK_CUR);
	ioff += w;
	ooff += w;
	if ((inp && xabi_copy_safe(inp, &ioff, sizeof ioff) < 0) ||
	    (outp && xabi_copy_safe(outp, &ooff, sizeof ooff) < 0))
		return -EFAULT;
	return w;
}

/* getrandom(buf, len, flags): GRND_NONBLOCK 1, GRND_RANDOM 2 and GRND_INSECURE 4 as on Linux;
 * FreeBSD ignores GRND_RANDOM, where Linux would refuse it beside GRND_INSECURE. */
long freebsd_sys_getrandom(struct trap *tr)
{
	if (tr->arg[2] & ~7L)
		return -EINVAL;
	return xabi_syscall_cp(&tr->t->intr, SYS_getrandom, tr->arg[0], tr->arg[1], tr->arg[2] & ~2L,
			       0, 0, 0);
}

/* pipe2(int fds[2], flags) */
long freebsd_sys_pipe2(struct trap *tr)
{
	int fds[2];
	uint32_t g = (uint32_t)tr->arg[1];
	if (g & ~(FB_O_CLOEXEC | FB_O_NONBLOCK))
		return -EINVAL;
	long r = raw2(SYS_pipe2, fds, freebsd_oflags_to_host(g));
	if (r < 0)
		return r;
	if (xabi_copy_safe((void *)tr->arg[0], fds, sizeof fds) < 0) {
		raw1(SYS_close, fds[0]);
		raw1(SYS_close, fds[1]);
		return -EFAULT;
	}
	return 0;
}

/* close_range(lowfd, highfd, flags): CLOSE_RANGE_CLOEXEC is 4 on both. Each open descriptor in
 * the range (listed from /proc/self/fd, since the range may be huge) is closed as close(2) would:
 * kqueue registrations dropped, xabi's and the kqueues' own descriptors left alone. */
long freebsd_sys_close_range(struct trap *tr)
{
	unsigned first = (unsigned)tr->arg[0], last = (unsigned)tr->arg[1];
	int cloexec = ((unsigned)tr->arg[2] & 4u) != 0;
	if ((unsigned)tr->arg[2] & ~4u || first > last)
		return -EINVAL;
	long dir = raw3(SYS_open, "/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	if (dir < 0)
		return dir;
	char buf[4096];
	long n;
	while ((n = raw3(SYS_getdents64, dir, buf, sizeof buf)) > 0) {
		for (long at = 0; at < n;) {
			const char *d = buf + at;
			unsigned short reclen;
			memcpy(&reclen, d + 16, sizeof reclen);
			at += reclen;
			const char *name = d + 19;
			unsigned long fd = 0;
			if (*name < '0' || *name > '9')
				continue;
			for (; *name >= '0' && *name <= '9'; name++)
				fd = fd * 10 + (unsigned long)(*name - '0');
			if (fd < first || fd > last || (long)fd == dir || fd_is_xabis((int)fd) ||
			    freebsd_kqueue_fd_is_internal((int)fd))
				continue;
			if (cloexec) {
				raw3(SYS_fcntl, fd, F_SETFD, FD_CLOEXEC);
			} else {
				freebsd_kqueue_fd_closing((int)fd);
				raw1(SYS_close, fd);
			}
		}
	}
	raw1(SYS_close, dir);
	return n < 0 ? n : 0;
}
