/* FreeBSD's sysctl (sys/kern/kern_sysctl.c): the names programs read, answered from the host.
 * MIB numbers are FreeBSD's (sys/sys/sysctl.h); nodes FreeBSD numbers dynamically (kern.smp,
 * kern.ipc's newer leaves) get numbers of our own from OID_AUTO's range, which programs learn
 * through name2oid like any other. */
#define _GNU_SOURCE
#include <cpuid.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <time.h>
#include "../../syscall/copy.h"
#include "../../syscall/raw.h"
#include "../../syscall/runtime.h"
#include "../../syscall/trap.h"
#include "freebsd.h"

#define CTL_MAXNAME 24
#define OID_AUTO 0x100 /* the first number FreeBSD hands out to dynamic nodes */
#define VALUE_MAX 4096

/* Produces a node's value into buf (at most VALUE_MAX bytes); returns its length or -errno. */
typedef long getter(char *buf, const int *mib, unsigned miblen);

struct node {
	const char *name;
	int mib[4];
	unsigned miblen; /* a leaf whose name is longer than miblen takes extra trailing numbers */
	getter *get;
};

static long put_int(char *buf, long v)
{
	int i = (int)v;
	memcpy(buf, &i, sizeof i);
	return sizeof i;
}

static long put_long(char *buf, long v)
{
	memcpy(buf, &v, sizeof v);
	return sizeof v;
}

static long put_str(char *buf, const char *s)
{
	size_t n = strlen(s); /* every string here is shorter than VALUE_MAX */
	memcpy(buf, s, n);
	buf[n] = 0;
	return (long)n + 1;
}

static long ncpu(void)
{
	unsigned long set[16];
	long n = raw3(SYS_sched_getaffinity, 0, sizeof set, set);
	long count = 0;
	for (long i = 0; i < n / 8; i++)
		for (unsigned long w = set[i]; w; w &= w - 1) /* no libgcc popcount on the trap path */
			count++;
	return count > 0 ? count : 1;
}

static long g_ostype(char *b, const int *m, unsigned n) { (void)m, (void)n; return put_str(b, "FreeBSD"); }
static long g_osrelease(char *b, const int *m, unsigned n) { (void)m, (void)n; return put_str(b, FREEBSD_OSRELEASE); }
static long g_osrevision(char *b, const int *m, unsigned n) { (void)m, (void)n; return put_int(b, 199506); }
static long g_version(char *b, const int *m, unsigned n)
{
	(void)m, (void)n;
	return put_str(b, "FreeBSD " FREEBSD_OSRELEASE " (translated by xabi)\n");
}
static long g_osreldate(char *b, const int *m, unsigned n) { (void)m, (void)n; return put_int(b, FREEBSD_OSRELDATE); }
static long g_argmax(char *b, const int *m, unsigned n) { (void)m, (void)n; return put_int(b, 524288); }
static long g_iovmax(char *b, const int *m, unsigned n) { (void)m, (void)n; return put_int(b, 1024); }
static long g_maxcpus(char *b, const int *m, unsigned n) { (void)m, (void)n; return put_int(b, 1024); }
static long g_ncpu(char *b, const int *m, unsigned n) { (void)m, (void)n; return put_int(b, ncpu()); }
static long g_pagesize(char *b, const int *m, unsigned n) { (void)m, (void)n; return put_int(b, 4096); }
static long g_machine(char *b, const int *m, unsigned n) { (void)m, (void)n; return put_str(b, "amd64"); }
static long g_byteorder(char *b, const int *m, unsigned n) { (void)m, (void)n; return put_int(b, 1234); }
static long g_floatingpoint(char *b, const int *m, unsigned n) { (void)m, (void)n; return put_int(b, 1); }

static long g_uname(char *b, int domain)
{
	struct utsname u;
	long r = raw1(SYS_uname, &u);
	return r < 0 ? r : put_str(b, domain ? u.domainname : u.nodename);
}
static long g_hostname(char *b, const int *m, unsigned n) { (void)m, (void)n; return g_uname(b, 0); }
static long g_domainname(char *b, const int *m, unsigned n) { (void)m, (void)n; return g_uname(b, 1); }

static long g_physmem(char *b, const int *m, unsigned n)
{
	(void)m, (void)n;
	struct sysinfo si;
	long r = raw1(SYS_sysinfo, &si);
	return r < 0 ? r : put_long(b, (long)(si.totalram * si.mem_unit));
}

static long g_model(char *b, const int *m, unsigned n)
{
	(void)m, (void)n;
	unsigned r[12] = { 0 };
	for (unsigned i = 0; i < 3; i++)
		__get_cpuid(0x80000002 + i, &r[4 * i], &r[4 * i + 1], &r[4 * i + 2], &r[4 * i + 3]);
	char s[49];
	memcpy(s, r, 48);
	s[48] = 0;
	const char *p = s;
	while (*p == ' ')
		p++;
	return put_str(b, p);
}

/* kern.boottime: a struct timeval, the wall-clock time the machine booted. */
static long g_boottime(char *b, const int *m, unsigned n)
{
	(void)m, (void)n;
	struct timespec now, up;
	raw2(SYS_clock_gettime, CLOCK_REALTIME, &now);
	raw2(SYS_clock_gettime, CLOCK_BOOTTIME, &up);
	long ns = (now.tv_sec - up.tv_sec) * 1000000000L + now.tv_nsec - up.tv_nsec;
	long tv[2] = { ns / 1000000000L, ns % 1000000000L / 1000 };
	memcpy(b, tv, sizeof tv);
	return sizeof tv;
}

/* kern.arandom: up to 256 random bytes per call, as FreeBSD gives. */
static long g_arandom(char *b, const int *m, unsigned n)
{
	(void)m, (void)n;
	long r = raw3(SYS_getrandom, b, 256, 0);
	return r;
}

/* kern.proc.pathname.PID: only this process's own (PID -1 or its own) is known. */
static long g_pathname(char *b, const int *m, unsigned n)
{
	if (n != 4)
		return -EINVAL;
	if (m[3] != -1 && m[3] != raw0(SYS_getpid))
		return -ESRCH;
	return put_str(b, rt.guest_exe);
}

/* kern.ipc.somaxconn / soacceptqueue: the host's listen backlog limit. */
static long g_somaxconn(char *b, const int *m, unsigned n)
{
	(void)m, (void)n;
	char s[32];
	long fd = raw3(SYS_open, "/proc/sys/net/core/somaxconn", O_RDONLY | O_CLOEXEC, 0);
	long len = fd < 0 ? fd : raw3(SYS_read, fd, s, sizeof s - 1);
	if (fd >= 0)
		raw1(SYS_close, fd);
	long v = 0;
	for (long i = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		v = v * 10 + s[i] - '0';
	return put_int(b, len > 0 ? v : 128);
}

enum { CTL_KERN = 1, CTL_NET = 4, CTL_HW = 6 };
#define FB_PF_ROUTE 17
enum { KERN_PROC = 14, KERN_PROC_PATHNAME = 12, KERN_IPC = 30 };
#define SMP OID_AUTO

static const struct node nodes[] = {
	{ "kern.ostype", { CTL_KERN, 1 }, 2, g_ostype },
	{ "kern.osrelease", { CTL_KERN, 2 }, 2, g_osrelease },
	{ "kern.osrevision", { CTL_KERN, 3 }, 2, g_osrevision },
	{ "kern.version", { CTL_KERN, 4 }, 2, g_version },
	{ "kern.argmax", { CTL_KERN, 8 }, 2, g_argmax },
	{ "kern.hostname", { CTL_KERN, 10 }, 2, g_hostname },
	{ "kern.proc.pathname", { CTL_KERN, KERN_PROC, KERN_PROC_PATHNAME }, 3, g_pathname },
	{ "kern.boottime", { CTL_KERN, 21 }, 2, g_boottime },
	{ "kern.domainname", { CTL_KERN, 22 }, 2, g_domainname },
	{ "kern.osreldate", { CTL_KERN, 24 }, 2, g_osreldate },
	{ "kern.ipc.somaxconn", { CTL_KERN, KERN_IPC, 3 }, 3, g_somaxconn },
	{ "kern.ipc.soacceptqueue", { CTL_KERN, KERN_IPC, OID_AUTO }, 3, g_somaxconn },
	{ "kern.iov_max", { CTL_KERN, 35 }, 2, g_iovmax },
	{ "kern.arandom", { CTL_KERN, 37 }, 2, g_arandom },
	{ "kern.smp.maxcpus", { CTL_KERN, SMP, 1 }, 3, g_maxcpus },
	{ "kern.smp.cpus", { CTL_KERN, SMP, 2 }, 3, g_ncpu },
	{ "hw.machine", { CTL_HW, 1 }, 2, g_machine },
	{ "hw.model", { CTL_HW, 2 }, 2, g_model },
	{ "hw.ncpu", { CTL_HW, 3 }, 2, g_ncpu },
	{ "hw.byteorder", { CTL_HW, 4 }, 2, g_byteorder },
	{ "hw.physmem", { CTL_HW, 5 }, 2, g_physmem },
	{ "hw.pagesize", { CTL_HW, 7 }, 2, g_pagesize },
	{ "hw.floatingpoint", { CTL_HW, 10 }, 2, g_floatingpoint },
	{ "hw.machine_arch", { CTL_HW, 11 }, 2, g_machine },
};

/* kern.proc.pathname takes the pid as a fourth number. */
static unsigned extra_numbers(const struct node *nd)
{
	return nd->get == g_pathname ? 1 : 0;
}

static const struct node *by_mib(const int *mib, unsigned len)
{
	for (unsigned i = 0; i < sizeof nodes / sizeof nodes[0]; i++) {
		const struct node *nd = &nodes[i];
		if (len == nd->miblen + extra_numbers(nd) &&
		    !memcmp(mib, nd->mib, nd->miblen * sizeof(int)))
			return nd;
	}
	return 0;
}

static const struct node *by_name(const char *name, size_t len)
{
	for (unsigned i = 0; i < sizeof nodes / sizeof nodes[0]; i++)
		if (strlen(nodes[i].name) == len && !memcmp(nodes[i].name, name, len))
			return &nodes[i];
	return 0;
}

/* Hand a value to the guest as sysctl does: with no buffer, the size; with a short buffer, as
 * much as fits and ENOMEM. */
static long answer(const char *val, long len, void *old, size_t *oldlenp, const void *new)
{
	if (new)
		return -EPERM; /* every node here is read-only */
	if (!oldlenp)
		return 0;
	size_t have = 0;
	if (old && xabi_copy_safe(&have, oldlenp, sizeof have) < 0)
		return -EFAULT;
	size_t n = (size_t)len;
	long r = 0;
	if (old) {
		if (have < n) {
			n = have;
			r = -ENOMEM;
		}
		if (xabi_copy_safe(old, val, n) < 0)
			return -EFAULT;
	}
	return xabi_copy_safe(oldlenp, &n, sizeof n) < 0 ? -EFAULT : r;
}

static long read_node(const struct node *nd, const int *mib, unsigned miblen, void *old,
		      size_t *oldlenp, const void *new)
{
	char val[VALUE_MAX];
	long len = nd->get(val, mib, miblen);
	return len < 0 ? len : answer(val, len, old, oldlenp, new);
}

/* The meta node {0, 3}: name2oid, the MIB of a name (new holds the name, not NUL-terminated). */
static long name2oid(const char *gname, size_t namelen, void *old, size_t *oldlenp)
{
	char name[256];
	if (namelen == 0 || namelen >= sizeof name)
		return -ENOENT;
	if (xabi_copy_safe(name, gname, namelen) < 0)
		return -EFAULT;
	if (name[namelen - 1] == 0)
		namelen--;
	const struct node *nd = by_name(name, namelen);
	if (!nd)
		return -ENOENT;
	return answer((const char *)nd->mib, (long)(nd->miblen * sizeof(int)), old, oldlenp, 0);
}

/* __sysctl(int *name, u_int namelen, void *old, size_t *oldlenp, const void *new, size_t newlen) */
long freebsd_sys_sysctl(struct trap *tr)
{
	int mib[CTL_MAXNAME];
	unsigned miblen = (unsigned)tr->arg[1];
	void *old = (void *)tr->arg[2], *new = (void *)tr->arg[4];
	size_t *oldlenp = (size_t *)tr->arg[3];
	if (miblen < 2 || miblen > CTL_MAXNAME)
		return -EINVAL;
	if (xabi_copy_safe(mib, (void *)tr->arg[0], miblen * sizeof(int)) < 0)
		return -EFAULT;
	if (mib[0] == 0 && mib[1] == 3 && miblen == 2)
		return name2oid(new, (size_t)tr->arg[5], old, oldlenp);
	if (mib[0] == CTL_NET && mib[1] == FB_PF_ROUTE) { /* sysctl_rtsock */
		if (new)
			return -EPERM;
		char *val;
		size_t cap;
		long len = freebsd_rtsock_sysctl(tr, mib + 2, miblen - 2, &val, &cap);
		if (len >= 0)
			len = answer(val, len, old, oldlenp, new);
		freebsd_rtsock_free(val, cap);
		return len;
	}
	const struct node *nd = by_mib(mib, miblen);
	if (!nd)
		return -ENOENT;
	return read_node(nd, mib, miblen, old, oldlenp, new);
}

/* __sysctlbyname(const char *name, size_t namelen, old, oldlenp, new, newlen) */
long freebsd_sys_sysctlbyname(struct trap *tr)
{
	char name[256];
	size_t len = (size_t)tr->arg[1];
	if (len >= sizeof name)
		return -ENOENT;
	if (xabi_copy_safe(name, (void *)tr->arg[0], len) < 0)
		return -EFAULT;
	name[len] = 0;
	len = strnlen(name, len);
	const struct node *nd = by_name(name, len);
	if (!nd)
		return -ENOENT;
	/* A name reaches only the node itself: kern.proc.pathname with no pid is the caller's. */
	int mib[4];
	memcpy(mib, nd->mib, sizeof mib);
	mib[3] = -1;
	return read_node(nd, mib, nd->miblen + extra_numbers(nd), (void *)tr->arg[2],
			 (size_t *)tr->arg[3], (void *)tr->arg[4]);
}
