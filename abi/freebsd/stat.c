/* FreeBSD's struct stat, struct statfs and struct dirent (FreeBSD 12 and later: sys/sys/stat.h,
 * sys/sys/mount.h, sys/sys/dirent.h; makedev of sys/sys/types.h), built from the host's statx,
 * statfs, /proc/self/mountinfo and getdents64. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/stat.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include "../../syscall/copy.h"
#include "../../syscall/diag.h"
#include "../../syscall/fmt.h"
#include "../../syscall/raw.h"
#include "../../syscall/trap.h"
#include "freebsd.h"

#define FB_AT_SYMLINK_NOFOLLOW 0x0200
#define FB_AT_RESOLVE_BENEATH 0x2000
#define FB_AT_EMPTY_PATH 0x4000

struct fb_timespec {
	int64_t sec, nsec;
};

struct fb_stat {
	uint64_t dev, ino, nlink;
	uint16_t mode;
	int16_t bsdflags;
	uint32_t uid, gid;
	int32_t padding1;
	uint64_t rdev;
	struct fb_timespec atim, mtim, ctim, birthtim;
	int64_t size, blocks;
	int32_t blksize;
	uint32_t flags;
	uint64_t gen, filerev, spare[9];
};
_Static_assert(sizeof(struct fb_stat) == 224, "struct stat");
_Static_assert(offsetof(struct fb_stat, rdev) == 40 && offsetof(struct fb_stat, birthtim) == 96 &&
		       offsetof(struct fb_stat, blksize) == 128,
	       "struct stat offsets");

/* st_flags bits that Linux keeps as inode attributes (chattr +i, +a, +d) */
#define FB_UF_NODUMP 0x00000001
#define FB_SF_IMMUTABLE 0x00020000 /* "schg": like Linux's, only privilege may set it */
#define FB_SF_APPEND 0x00040000

/* FreeBSD's dev_t keeps the major number in bits 8-15 and 40-63, the minor in the rest. */
static uint64_t fb_makedev(uint32_t ma, uint32_t mi)
{
	return ((uint64_t)(ma & 0xffffff00) << 32) | ((ma & 0xff) << 8) |
	       ((uint64_t)(mi & 0xff00) << 24) | (mi & 0xffff00ff);
}

static struct fb_timespec ts(struct statx_timestamp t)
{
	return (struct fb_timespec){t.tv_sec, t.tv_nsec};
}

/* statx(fd, path, flags) as a FreeBSD struct stat at guest address out. */
static long stat_to_guest(int fd, const char *path, int flags, void *out)
{
	struct statx x;
	long r = raw5(SYS_statx, fd, path, flags, STATX_BASIC_STATS | STATX_BTIME, &x);
	if (r < 0)
		return r;
	struct fb_stat s = {
		.dev = fb_makedev(x.stx_dev_major, x.stx_dev_minor),
		.ino = x.stx_ino,
		.nlink = x.stx_nlink,
		.mode = x.stx_mode, /* the S_IF* type values are the same */
		.uid = x.stx_uid,
		.gid = x.stx_gid,
		.rdev = fb_makedev(x.stx_rdev_major, x.stx_rdev_minor),
		.atim = ts(x.stx_atime),
		.mtim = ts(x.stx_mtime),
		.ctim = ts(x.stx_ctime),
		/* vn_stat's value for a file system that keeps no birth time */
		.birthtim = (x.stx_mask & STATX_BTIME) ? ts(x.stx_btime) : (struct fb_timespec){-1, 0},
		.size = x.stx_size,
		.blocks = x.stx_blocks,
		.blksize = x.stx_blksize,
		/* st_gen stays 0: FreeBSD shows it only to a privileged caller, and Linux not at all */
	};
	uint64_t a = x.stx_attributes & x.stx_attributes_mask;
	s.flags = (a & STATX_ATTR_IMMUTABLE ? FB_SF_IMMUTABLE : 0) |
		  (a & STATX_ATTR_APPEND ? FB_SF_APPEND : 0) | (a & STATX_ATTR_NODUMP ? FB_UF_NODUMP : 0);
	return xabi_copy_safe(out, &s, sizeof s) < 0 ? -EFAULT : 0;
}

long freebsd_sys_fstat(struct trap *tr)
{
	int fd = (int)tr->arg[0];
	if (fd < 0) /* AT_FDCWD with AT_EMPTY_PATH would be the working directory */
		return -EBADF;
	return stat_to_guest(fd, "", AT_EMPTY_PATH, (void *)tr->arg[1]);
}

/* fstatat(fd, path, sb, flag) */
long freebsd_sys_fstatat(struct trap *tr)
{
	uint32_t g = (uint32_t)tr->arg[3];
	if (g & ~(FB_AT_SYMLINK_NOFOLLOW | FB_AT_RESOLVE_BENEATH | FB_AT_EMPTY_PATH))
		return -EINVAL;
	long h = freebsd_atflags_to_host(g);
	if (h < 0) {
		diag_not_implemented(tr, "AT_RESOLVE_BENEATH");
		return -EINVAL;
	}
	if (!tr->arg[1]) /* Linux 6.11 and later would take a null path with AT_EMPTY_PATH */
		return -EFAULT;
	return stat_to_guest((int)tr->arg[0], (const char *)tr->arg[1], (int)h, (void *)tr->arg[2]);
}

/* struct statfs, STATFS_VERSION 0x20140518 */
struct fb_statfs {
	uint32_t version, type;
	uint64_t flags, bsize, iosize, blocks, bfree;
	int64_t bavail;
	uint64_t files;
	int64_t ffree;
	uint64_t syncwrites, asyncwrites, syncreads, asyncreads, spare[10];
	uint32_t namemax, owner;
	int32_t fsid[2];
	char charspare[80], fstypename[16], mntfromname[1024], mntonname[1024];
};
_Static_assert(sizeof(struct fb_statfs) == 2344, "struct statfs");
_Static_assert(offsetof(struct fb_statfs, namemax) == 184 &&
		       offsetof(struct fb_statfs, fstypename) == 280,
	       "struct statfs offsets");
#define FB_STATFS_VERSION 0x20140518

/* f_flags (MNT_* of sys/sys/mount.h) */
#define FB_MNT_RDONLY 0x1
#define FB_MNT_SYNCHRONOUS 0x2
#define FB_MNT_NOEXEC 0x4
#define FB_MNT_NOSUID 0x8
#define FB_MNT_LOCAL 0x1000
#define FB_MNT_ROOTFS 0x4000
#define FB_MNT_NOSYMFOLLOW 0x400000
#define FB_MNT_NOATIME 0x10000000

/* The FreeBSD file system that does the job of each host one (its vfsconf name), and whether it
 * is remote (no MNT_LOCAL). Linux-only kinds keep a name of their own or are "unknown". */
static const struct {
	uint32_t magic;
	const char *name;
	int remote;
} fstypes[] = {
	{EXT4_SUPER_MAGIC, "ext2fs", 0}, /* also ext2 and ext3: FreeBSD's ext2fs reads all three */
	{TMPFS_MAGIC, "tmpfs", 0},
	{RAMFS_MAGIC, "tmpfs", 0},
	{XFS_SUPER_MAGIC, "xfs", 0},
	{BTRFS_SUPER_MAGIC, "btrfs", 0},
	{0x2fc12fc1, "zfs", 0}, /* ZFS on Linux's magic */
	{NFS_SUPER_MAGIC, "nfs", 1},
	{SMB2_SUPER_MAGIC, "smbfs", 1},
	{CIFS_SUPER_MAGIC, "smbfs", 1},
	{V9FS_MAGIC, "p9fs", 1},
	{FUSE_SUPER_MAGIC, "fusefs", 1},
	{PROC_SUPER_MAGIC, "procfs", 0},
	{SYSFS_MAGIC, "linsysfs", 0}, /* FreeBSD's own mount of a Linux-style /sys */
	{DEVPTS_SUPER_MAGIC, "devfs", 0},
	{OVERLAYFS_SUPER_MAGIC, "unionfs", 0}, /* FreeBSD's layered file system */
	{MSDOS_SUPER_MAGIC, "msdosfs", 0},
	{ISOFS_SUPER_MAGIC, "cd9660", 0},
};

/* The file system's type number: vfs_register hashes the name (FNV-1 with FreeBSD's own
 * FNV1_32_INIT) to 8 bits, unless vfs.typenumhash is off or two names collide. */
static uint32_t fb_typenum(const char *name)
{
	uint32_t h = 33554467;
	while (*name)
		h = (h * 0x01000193) ^ (unsigned char)*name++;
	return h & 0xff;
}

/* Lines of a file read with raw calls; a line longer than the buffer is cut. */
struct lines {
	int fd, eof, skip;
	size_t pos, len;
	char buf[8192];
};

static char *next_line(struct lines *l)
{
	for (;;) {
		char *s = l->buf + l->pos, *nl = s, *end = l->buf + l->len;
		size_t avail = l->len - l->pos;
		while (nl < end && *nl != '\n')
			nl++;
		if (nl < end) {
			*nl = 0;
			l->pos += (size_t)(nl - s) + 1;
			if (!l->skip)
				return s;
			l->skip = 0; /* the end of a cut line */
			continue;
		}
		if (l->eof) {
			if (!avail || l->skip)
				return 0;
			s[avail] = 0;
			l->pos = l->len;
			return s;
		}
		if (avail == sizeof l->buf - 1) { /* full, with no line end: cut the line here */
			s[avail] = 0;
			l->pos = l->len;
			if (l->skip)
				continue;
			l->skip = 1;
			return s;
		}
		memmove(l->buf, s, avail);
		l->len = avail;
		l->pos = 0;
		long r = raw3(SYS_read, l->fd, l->buf + l->len, sizeof l->buf - 1 - l->len);
		if (r <= 0)
			l->eof = 1;
		else
			l->len += (size_t)r;
	}
}

/* The next space-separated field of a mountinfo line, with its \ooo escapes decoded in place. */
static char *field(char **p)
{
	char *s = *p, *d = s, *e = s;
	if (!*s)
		return s;
	while (*e && *e != ' ') {
		if (e[0] == '\\' && e[1] >= '0' && e[1] <= '3' && e[2] >= '0' && e[2] <= '7' &&
		    e[3] >= '0' && e[3] <= '7') {
			*d++ = (char)((e[1] - '0') << 6 | (e[2] - '0') << 3 | (e[3] - '0'));
			e += 4;
		} else {
			*d++ = *e++;
		}
	}
	*p = *e ? e + 1 : e;
	*d = 0;
	return s;
}

static void copy_name(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);
	memcpy(dst, src, n);
	dst[n] = 0;
}

/* The mount that holds a file of device ma:mi whose path (from /proc/self/fd) is real: the
 * longest mount point above real, preferring mounts of the same device and, among equals, the
 * later one (it is mounted over the others). Fills f_mntonname, f_mntfromname and fstype. */
static void find_mount(uint32_t ma, uint32_t mi, const char *real, struct fb_statfs *s,
		       char *fstype, size_t fstype_size)
{
	struct lines l = {.fd = (int)raw3(SYS_open, "/proc/self/mountinfo", O_RDONLY | O_CLOEXEC, 0)};
	if (l.fd < 0)
		return;
	long best = -1;
	char *line;
	while ((line = next_line(&l))) {
		char *p = line;
		field(&p); /* mount id */
		field(&p); /* parent id */
		char *dev = field(&p);
		field(&p); /* root of the mount within its file system */
		char *on = field(&p);
		char *opt;
		do
			opt = field(&p); /* options, then optional fields up to "-" */
		while (*opt && strcmp(opt, "-"));
		char *type = field(&p), *from = field(&p);

		uint32_t dma = 0, dmi = 0;
		while (*dev >= '0' && *dev <= '9')
			dma = dma * 10 + (uint32_t)(*dev++ - '0');
		if (*dev++ != ':')
			continue;
		while (*dev >= '0' && *dev <= '9')
			dmi = dmi * 10 + (uint32_t)(*dev++ - '0');
		long score = dma == ma && dmi == mi ? 1L << 20 : 0;
		size_t n = strlen(on);
		if (real[0] == '/' && strlen(real) >= n && !memcmp(real, on, n) &&
		    (n == 1 || real[n] == '/' || real[n] == 0 || real[n] == ' '))
			score += (long)n + 1;
		if (score && score >= best) {
			best = score;
			copy_name(s->mntonname, sizeof s->mntonname, on);
			copy_name(s->mntfromname, sizeof s->mntfromname, from);
			copy_name(fstype, fstype_size, type);
		}
	}
	raw1(SYS_close, l.fd);
}

/* FreeBSD's struct statfs for the host descriptor fd (any kind, O_PATH too). The mount's names
 * come from mnt (a mountinfo line's mount point, source and type) or, when mnt is NULL, from the
 * mount that holds the file. */
static long statfs_build(int fd, struct fb_statfs *sp, const char *const *mnt)
{
	struct statfs hs;
	struct statx x;
	long r = raw2(SYS_fstatfs, fd, &hs);
	if (r < 0)
		return r;
	/* Pipes, sockets and other descriptors with no vnode: FreeBSD's getvnode answers EINVAL. */
	uint32_t magic = (uint32_t)hs.f_type;
	if (magic == PIPEFS_MAGIC || magic == SOCKFS_MAGIC || magic == ANON_INODE_FS_MAGIC)
		return -EINVAL;
	r = raw5(SYS_statx, fd, "", AT_EMPTY_PATH, STATX_TYPE, &x);
	if (r < 0)
		return r;

	char real[1024], self[32], fstype[32] = "";
	struct fmt f;
	fmt_init(&f, self, sizeof self);
	fmt_str(&f, "/proc/self/fd/");
	fmt_dec(&f, fd);
	*f.p = 0;
	r = raw4(SYS_readlinkat, AT_FDCWD, self, real, sizeof real - 1);
	real[r < 0 ? 0 : r] = 0;

	struct fb_statfs s;
	memset(&s, 0, sizeof s);
	if (mnt) {
		copy_name(s.mntonname, sizeof s.mntonname, mnt[0]);
		copy_name(s.mntfromname, sizeof s.mntfromname, mnt[1]);
		copy_name(fstype, sizeof fstype, mnt[2]);
	} else {
		find_mount(x.stx_dev_major, x.stx_dev_minor, real, &s, fstype, sizeof fstype);
	}

	const char *name = "unknown";
	int remote = 0;
	for (size_t i = 0; i < sizeof fstypes / sizeof fstypes[0]; i++)
		if (fstypes[i].magic == magic) {
			name = fstypes[i].name;
			remote = fstypes[i].remote;
			break;
		}
	if (!strcmp(fstype, "devtmpfs")) /* a tmpfs by its magic, FreeBSD's devfs by its job */
		name = "devfs";
	copy_name(s.fstypename, sizeof s.fstypename, name);

	s.version = FB_STATFS_VERSION;
	s.type = fb_typenum(name);
	s.flags = (hs.f_flags & ST_RDONLY ? FB_MNT_RDONLY : 0) |
		  (hs.f_flags & ST_SYNCHRONOUS ? FB_MNT_SYNCHRONOUS : 0) |
		  (hs.f_flags & ST_NOEXEC ? FB_MNT_NOEXEC : 0) |
		  (hs.f_flags & ST_NOSUID ? FB_MNT_NOSUID : 0) |
		  (hs.f_flags & ST_NOATIME ? FB_MNT_NOATIME : 0) |
		  (hs.f_flags & 0x2000 /* ST_NOSYMFOLLOW */ ? FB_MNT_NOSYMFOLLOW : 0) |
		  (remote ? 0 : FB_MNT_LOCAL) | (!strcmp(s.mntonname, "/") ? FB_MNT_ROOTFS : 0);
	/* Linux counts blocks of f_frsize and calls the transfer size f_bsize; FreeBSD counts
	 * blocks of f_bsize and calls the transfer size f_iosize. */
	s.bsize = hs.f_frsize ? hs.f_frsize : hs.f_bsize;
	s.iosize = hs.f_bsize;
	s.blocks = hs.f_blocks;
	s.bfree = hs.f_bfree;
	s.bavail = hs.f_bavail;
	s.files = hs.f_files;
	s.ffree = hs.f_ffree;
	s.namemax = hs.f_namelen;
	s.owner = 0; /* the mounting user: root, for all that Linux tells */
	/* kern_do_statfs zeroes the id for a caller without privilege */
	if (raw0(SYS_geteuid) == 0)
		memcpy(s.fsid, &hs.f_fsid, sizeof s.fsid);
	*sp = s;
	return 0;
}

static long statfs_to_guest(int fd, void *out)
{
	struct fb_statfs s;
	long r = statfs_build(fd, &s, 0);
	if (r < 0)
		return r;
	return xabi_copy_safe(out, &s, sizeof s) < 0 ? -EFAULT : 0;
}

long freebsd_sys_statfs(struct trap *tr)
{
	long fd = raw3(SYS_open, tr->arg[0], O_PATH | O_CLOEXEC, 0);
	if (fd < 0)
		return fd;
	long r = statfs_to_guest((int)fd, (void *)tr->arg[1]);
	raw1(SYS_close, fd);
	return r;
}

long freebsd_sys_fstatfs(struct trap *tr)
{
	return statfs_to_guest((int)tr->arg[0], (void *)tr->arg[1]);
}

/* getfsstat(buf, bufsize, mode): a struct statfs for every mount (of /proc/self/mountinfo, in its
 * order) into buf, as many as bufsize bytes hold; returns how many were written, or with no buf
 * how many there are (kern_getfsstat). Mounts whose point cannot be opened are left out of both
 * counts; one mounted over by another keeps its names but shows the other's numbers (Linux
 * reaches it only through its path). MNT_WAIT and MNT_NOWAIT answer alike: Linux's statfs always
 * asks the file system. */
long freebsd_sys_getfsstat(struct trap *tr)
{
	char *buf = (char *)tr->arg[0];
	long size = tr->arg[1];
	if (size < 0)
		return -EINVAL;
	long max = buf ? size / (long)sizeof(struct fb_statfs) : 0, count = 0;
	struct lines l = {.fd = (int)raw3(SYS_open, "/proc/self/mountinfo", O_RDONLY | O_CLOEXEC, 0)};
	if (l.fd < 0)
		return l.fd;
	char *line;
	while ((line = next_line(&l))) {
		char *p = line;
		for (int i = 0; i < 4; i++)
			field(&p); /* mount id, parent id, device, root */
		const char *mnt[3];
		mnt[0] = field(&p);
		char *opt;
		do
			opt = field(&p); /* options, then optional fields up to "-" */
		while (*opt && strcmp(opt, "-"));
		mnt[2] = field(&p);
		mnt[1] = field(&p);
		long fd = raw3(SYS_open, mnt[0], O_PATH | O_CLOEXEC, 0);
		if (fd < 0)
			continue;
		struct fb_statfs s;
		long r = statfs_build((int)fd, &s, mnt);
		raw1(SYS_close, fd);
		if (r < 0)
			continue;
		if (count < max && xabi_copy_safe(buf + count * (long)sizeof s, &s, sizeof s) < 0) {
			raw1(SYS_close, l.fd);
			return -EFAULT;
		}
		count++;
	}
	raw1(SYS_close, l.fd);
	return buf && count > max ? max : count;
}

/* The host's record (struct linux_dirent64) and FreeBSD's (struct dirent). */
struct lx_dirent {
	uint64_t ino;
	int64_t off;
	uint16_t reclen;
	uint8_t type;
	char name[];
};

struct fb_dirent {
	uint64_t fileno;
	int64_t off;
	uint16_t reclen;
	uint8_t type; /* the DT_* values are the same */
	uint8_t pad0;
	uint16_t namlen, pad1;
	char name[]; /* NUL-terminated, the record padded with zeros to 8 bytes */
};
_Static_assert(sizeof(struct fb_dirent) == 24, "struct dirent");

/* getdirentries(fd, buf, nbytes, basep): as many FreeBSD records as fit in nbytes, *basep the
 * directory offset before them. A FreeBSD record is at most 8 bytes longer than the host's,
 * which is at least 24, so host records filling 3/4 of the room always fit. When the first one
 * is larger than that, the read takes the whole room, and if its last records then do not fit,
 * the directory goes back to the offset after the last one given. */
long freebsd_sys_getdirentries(struct trap *tr)
{
	int fd = (int)tr->arg[0];
	size_t nbytes = tr->arg[2];
	_Alignas(8) char out[32768], in[24576];
	if (nbytes > 0x7fffffff) /* IOSIZE_MAX */
		return -EINVAL;
	size_t cap = nbytes < sizeof out ? nbytes : sizeof out;
	long base = raw3(SYS_lseek, fd, 0, SEEK_CUR);
	if (base < 0)
		return base == -EBADF ? base : -EINVAL;
	size_t want = cap / 4 * 3, most = cap < sizeof in ? cap : sizeof in;
	long n = raw3(SYS_getdents64, fd, in, want);
	if (n == -EINVAL && want < most)
		n = raw3(SYS_getdents64, fd, in, most);
	if (n < 0)
		return n == -ENOTDIR ? -EINVAL : n; /* vp->v_type != VDIR */

	size_t o = 0;
	long pos = 0, next = base;
	while (pos < n) {
		const struct lx_dirent *d = (const struct lx_dirent *)(in + pos);
		size_t len = strnlen(d->name, d->reclen - offsetof(struct lx_dirent, name));
		size_t rl = (sizeof(struct fb_dirent) + len + 1 + 7) & ~(size_t)7;
		if (o + rl > cap)
			break;
		struct fb_dirent *e = (struct fb_dirent *)(out + o);
		memset(e, 0, rl);
		e->fileno = d->ino;
		e->off = d->off;
		e->reclen = (uint16_t)rl;
		e->type = d->type;
		e->namlen = (uint16_t)len;
		memcpy(e->name, d->name, len);
		o += rl;
		pos += d->reclen;
		next = d->off;
	}
	if (pos < n)
		raw3(SYS_lseek, fd, next, SEEK_SET);
	if (!o && n)
		return -EINVAL; /* not even one record fits */
	if (xabi_copy_safe((void *)tr->arg[1], out, o) < 0)
		return -EFAULT;
	if (tr->arg[3] && xabi_copy_safe((void *)tr->arg[3], &base, sizeof base) < 0)
		return -EFAULT;
	return (long)o;
}
