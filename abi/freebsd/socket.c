/* FreeBSD sockets over Linux ones: the calls, their addresses (a length byte and a one-byte family
 * where Linux has a two-byte family) and control messages; select and poll. Facts: FreeBSD 14's
 * sys/sys/socket.h, sys/sys/un.h, sys/netinet/in.h, sys/netinet6/in6.h, sys/kern/uipc_syscalls.c,
 * uipc_usrreq.c and sys_generic.c. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include "../../syscall/copy.h"
#include "../../syscall/diag.h"
#include "../../syscall/memory.h"
#include "../../syscall/raw.h"
#include "../../syscall/signals.h"
#include "../../syscall/trap.h"
#include "../../syscall/xthread.h"
#include "freebsd.h"

/* sys/sys/socket.h, sys/sys/un.h */
#define FB_AF_UNSPEC 0
#define FB_AF_UNIX 1
#define FB_AF_INET 2
#define FB_AF_INET6 28
#define FB_SOCK_MAXADDRLEN 255
#define FB_SUN_SIZE 106 /* sizeof(struct sockaddr_un): sun_len, sun_family, sun_path[104] */
#define FB_NONAME_SIZE 16 /* sun_noname, an unbound unix socket's name: a bare struct sockaddr */
#define FB_SOCK_CLOEXEC 0x10000000
#define FB_SOCK_NONBLOCK 0x20000000
#define FB_SOL_SOCKET 0xffff
#define FB_SCM_RIGHTS 1
#define FB_SCM_TIMESTAMP 2
#define FB_MCLBYTES 2048 /* the most control data sendmsg takes */
/* sys/netinet/in.h */
#define FB_IP_TOS 3
#define FB_IP_SENDSRCADDR 7 /* sending; receiving, the same number is IP_RECVDSTADDR */
#define FB_IP_RECVTTL 0x41
#define FB_IP_RECVTOS 0x44
/* sys/netinet6/in6.h */
#define FB_IPV6_PKTINFO 46
#define FB_IPV6_HOPLIMIT 47
#define FB_IPV6_TCLASS 61

/* A host socket address. */
union hsa {
	struct sockaddr sa;
	struct sockaddr_in in;
	struct sockaddr_in6 in6;
	struct sockaddr_un un;
	struct sockaddr_storage ss;
};

/* The guest's address of len bytes at guest as the host's: returns the host length or -errno
 * (getsockaddr's checks, then the protocols' own on the length). */
static long sa_to_host(union hsa *h, const void *guest, unsigned long len)
{
	unsigned char g[FB_SOCK_MAXADDRLEN];
	if (len > FB_SOCK_MAXADDRLEN)
		return -ENAMETOOLONG;
	if (len < 2)
		return -EINVAL;
	if (xabi_copy_safe(g, guest, len) < 0)
		return -EFAULT;
	memset(h, 0, sizeof *h);
	switch (g[1]) {
	case FB_AF_INET:
		if (len != sizeof h->in)
			return -EINVAL;
		h->sa.sa_family = AF_INET;
		break;
	case FB_AF_INET6:
		if (len != sizeof h->in6)
			return -EINVAL;
		h->sa.sa_family = AF_INET6;
		break;
	case FB_AF_UNIX: {
		/* The path need not end in a NUL within len. An empty one names nothing (ENOENT), and
		 * must not reach Linux, where a leading NUL means its abstract namespace. */
		if (len > FB_SUN_SIZE || len == 2)
			return -EINVAL;
		size_t n = strnlen((const char *)g + 2, len - 2);
		if (!n)
			return -ENOENT;
		h->un.sun_family = AF_UNIX;
		memcpy(h->un.sun_path, g + 2, n);
		return offsetof(struct sockaddr_un, sun_path) + n + 1;
	}
	case FB_AF_UNSPEC: /* connect's "dissolve the association", bind's old INADDR_ANY form */
		h->sa.sa_family = AF_UNSPEC;
		if (len > sizeof *h)
			len = sizeof *h;
		break;
	default:
		return -EAFNOSUPPORT;
	}
	memcpy((char *)h + 2, g + 2, len - 2);
	return len;
}

/* FreeBSD keeps a unix socket's address as bound, so its name reads back with the length bind
 * was given: SUN_LEN (no NUL) or one more. Linux keeps only the path, so the length is remembered
 * here, per descriptor of the sockets this process bound (0: not known). */
#define BOUND_FDS 4096
static unsigned char unix_bound_len[BOUND_FDS];

static void forget_bound(long fd)
{
	if (fd >= 0 && fd < BOUND_FDS)
		unix_bound_len[fd] = 0;
}

/* The guest's image of a host address of hlen bytes (the length the host reported): fills g and
 * returns its length, which is what FreeBSD's sa_len would say. bound is the length the guest
 * bound it with, or 0. */
static unsigned sa_from_host(unsigned char g[FB_SOCK_MAXADDRLEN], const union hsa *h,
			     unsigned long hlen, unsigned bound)
{
	unsigned glen;
	if (hlen < 2)
		return 0;
	if (hlen > sizeof *h)
		hlen = sizeof *h;
	memset(g, 0, FB_SOCK_MAXADDRLEN);
	switch (h->sa.sa_family) {
	case AF_INET:
		glen = sizeof h->in;
		break;
	case AF_INET6:
		glen = sizeof h->in6;
		break;
	case AF_UNIX:
		if (hlen == offsetof(struct sockaddr_un, sun_path)) {
			glen = FB_NONAME_SIZE; /* unbound: all zero but length and family */
			break;
		}
		/* Linux reports the path and its NUL, the same as FreeBSD for a path bound with its
		 * NUL (as Go binds); one less for one bound with SUN_LEN. */
		glen = hlen > FB_SUN_SIZE ? FB_SUN_SIZE : (unsigned)hlen;
		if (bound && bound + 1 == glen)
			glen = bound;
		break;
	default:
		glen = hlen > FB_SOCK_MAXADDRLEN ? FB_SOCK_MAXADDRLEN : (unsigned)hlen;
	}
	int af = freebsd_af_from_host(h->sa.sa_family);
	g[0] = (unsigned char)glen;
	g[1] = (unsigned char)(af >= 0 ? af : h->sa.sa_family);
	if (glen > 2)
		memcpy(g + 2, (const char *)h + 2, (hlen < glen ? hlen : glen) - 2);
	return glen;
}

/* Give the guest a host address as FreeBSD does: alen (read from *alenp before the call) is the
 * room at addr; at most that much is written, and *alenp becomes the length written. */
static long sa_put(void *addr, uint32_t *alenp, uint32_t alen, const union hsa *h,
		   unsigned long hlen, unsigned bound)
{
	unsigned char g[FB_SOCK_MAXADDRLEN];
	uint32_t len = sa_from_host(g, h, hlen, bound);
	if (len > alen)
		len = alen;
	if (len && xabi_copy_safe(addr, g, len) < 0)
		return -EFAULT;
	return xabi_copy_safe(alenp, &len, sizeof len) < 0 ? -EFAULT : 0;
}

static int sockopt_int(long fd, int name)
{
	int v = -1;
	socklen_t l = sizeof v;
	raw5(SYS_getsockopt, fd, SOL_SOCKET, name, &v, &l);
	return v;
}

/* A datagram from an unbound unix socket: Linux gives no address, FreeBSD sun_noname. */
static void noname_if_unix_dgram(long fd, union hsa *h, socklen_t *hlen)
{
	if (*hlen == 0 && sockopt_int(fd, SO_DOMAIN) == AF_UNIX &&
	    sockopt_int(fd, SO_TYPE) == SOCK_DGRAM) {
		h->sa.sa_family = AF_UNIX;
		*hlen = offsetof(struct sockaddr_un, sun_path);
	}
}

/* socket(domain, type, protocol): protocol numbers (IPPROTO_*) are the same on both. */
long freebsd_sys_socket(struct trap *tr)
{
	int af = freebsd_af_to_host((int)tr->arg[0]);
	long type = freebsd_socktype_to_host(tr->arg[1]);
	if (af < 0)
		return -EAFNOSUPPORT;
	if (type < 0) /* sys/kern/uipc_socket.c, socreate */
		return (int)tr->arg[2] ? -EPROTONOSUPPORT : -EPROTOTYPE;
	long fd = raw3(SYS_socket, af, type, (int)tr->arg[2]);
	forget_bound(fd);
	return fd;
}

long freebsd_sys_socketpair(struct trap *tr)
{
	int af = freebsd_af_to_host((int)tr->arg[0]), sv[2];
	long type = freebsd_socktype_to_host(tr->arg[1]);
	if (af < 0)
		return -EAFNOSUPPORT;
	if (type < 0)
		return (int)tr->arg[2] ? -EPROTONOSUPPORT : -EPROTOTYPE;
	long r = raw4(SYS_socketpair, af, type, (int)tr->arg[2], sv);
	if (r < 0)
		return r;
	forget_bound(sv[0]);
	forget_bound(sv[1]);
	if (xabi_copy_safe((void *)tr->arg[3], sv, sizeof sv) < 0) {
		raw1(SYS_close, sv[0]);
		raw1(SYS_close, sv[1]);
		return -EFAULT;
	}
	return 0;
}

long freebsd_sys_bind(struct trap *tr)
{
	union hsa h;
	long len = sa_to_host(&h, (const void *)tr->arg[1], (uint32_t)tr->arg[2]);
	long r = len < 0 ? len : raw3(SYS_bind, tr->arg[0], &h, len);
	if (r == 0 && h.sa.sa_family == AF_UNIX && tr->arg[0] >= 0 && tr->arg[0] < BOUND_FDS)
		unix_bound_len[tr->arg[0]] = (unsigned char)(uint32_t)tr->arg[2];
	return r;
}

long freebsd_sys_connect(struct trap *tr)
{
	union hsa h;
	long len = sa_to_host(&h, (const void *)tr->arg[1], (uint32_t)tr->arg[2]);
	if (len < 0)
		return len;
	return xabi_syscall_cp(&tr->t->intr, SYS_connect, tr->arg[0], (long)&h, len, 0, 0, 0);
}

/* accept4(s, name, anamelen, host flags). */
static long do_accept(struct trap *tr, long hflags)
{
	void *addr = (void *)tr->arg[1];
	uint32_t *alenp = (uint32_t *)tr->arg[2], alen = 0;
	union hsa h;
	socklen_t hlen = sizeof h;
	if (addr && xabi_copy_safe(&alen, alenp, sizeof alen) < 0)
		return -EFAULT;
	long fd = xabi_syscall_cp(&tr->t->intr, SYS_accept4, tr->arg[0], addr ? (long)&h : 0,
				  addr ? (long)&hlen : 0, hflags, 0, 0);
	if (fd < 0)
		return fd;
	forget_bound(fd);
	if (!addr)
		return fd;
	long r = sa_put(addr, alenp, alen, &h, hlen, 0);
	if (r < 0) {
		raw1(SYS_close, fd);
		return r;
	}
	return fd;
}

/* accept: the new socket takes the listening one's O_NONBLOCK (kern_accept4's ACCEPT4_INHERIT);
 * Linux's never does. */
long freebsd_sys_accept(struct trap *tr)
{
	long fl = raw2(SYS_fcntl, tr->arg[0], F_GETFL);
	if (fl < 0)
		return fl;
	return do_accept(tr, (fl & O_NONBLOCK) ? SOCK_NONBLOCK : 0);
}

long freebsd_sys_accept4(struct trap *tr)
{
	uint32_t f = (uint32_t)tr->arg[3];
	if (f & ~(uint32_t)(FB_SOCK_CLOEXEC | FB_SOCK_NONBLOCK))
		return -EINVAL;
	return do_accept(tr, freebsd_socktype_to_host(f));
}

static long get_name(struct trap *tr, long nr)
{
	void *addr = (void *)tr->arg[1];
	uint32_t *alenp = (uint32_t *)tr->arg[2], alen;
	union hsa h;
	socklen_t hlen = sizeof h;
	if (xabi_copy_safe(&alen, alenp, sizeof alen) < 0)
		return -EFAULT;
	long r = raw3(nr, tr->arg[0], &h, &hlen);
	long fd = tr->arg[0];
	unsigned bound = nr == SYS_getsockname && fd >= 0 && fd < BOUND_FDS ? unix_bound_len[fd] : 0;
	return r < 0 ? r : sa_put(addr, alenp, alen, &h, hlen, bound);
}

long freebsd_sys_getsockname(struct trap *tr) { return get_name(tr, SYS_getsockname); }
long freebsd_sys_getpeername(struct trap *tr) { return get_name(tr, SYS_getpeername); }

static long msgflags(struct trap *tr, long guest)
{
	long f = freebsd_msgflags_to_host(guest);
	if (f < 0)
		diag_not_implemented(tr, "MSG_EOF, MSG_COMPAT or unknown message flags");
	return f;
}

/* sendto(s, buf, len, flags, to, tolen) */
long freebsd_sys_sendto(struct trap *tr)
{
	union hsa h;
	long hlen = 0, f = msgflags(tr, tr->arg[3]);
	if (f < 0)
		return -EINVAL;
	if (tr->arg[4] && (hlen = sa_to_host(&h, (const void *)tr->arg[4], (uint32_t)tr->arg[5])) < 0)
		return hlen;
	return xabi_syscall_cp(&tr->t->intr, SYS_sendto, tr->arg[0], tr->arg[1], tr->arg[2], f,
			       tr->arg[4] ? (long)&h : 0, hlen);
}

/* recvfrom(s, buf, len, flags, from, fromlenaddr) */
long freebsd_sys_recvfrom(struct trap *tr)
{
	void *from = (void *)tr->arg[4];
	uint32_t *alenp = (uint32_t *)tr->arg[5], alen = 0;
	union hsa h;
	socklen_t hlen = sizeof h;
	long f = msgflags(tr, tr->arg[3]);
	if (f < 0)
		return -EINVAL;
	if (alenp && xabi_copy_safe(&alen, alenp, sizeof alen) < 0)
		return -EFAULT;
	int want = from && alen; /* FreeBSD: no length, no address */
	long n = xabi_syscall_cp(&tr->t->intr, SYS_recvfrom, tr->arg[0], tr->arg[1], tr->arg[2], f,
				 want ? (long)&h : 0, want ? (long)&hlen : 0);
	if (n < 0 || !from || !alenp)
		return n;
	if (!want)
		hlen = 0;
	else
		noname_if_unix_dgram(tr->arg[0], &h, &hlen);
	long r = sa_put(from, alenp, alen, &h, hlen, 0);
	return r < 0 ? r : n;
}

/* struct msghdr: FreeBSD's msg_iovlen is an int and msg_controllen a socklen_t, where Linux has
 * size_t for both (the kernel's struct user_msghdr). */
struct fb_msghdr {
	uint64_t name;
	uint32_t namelen, pad0;
	uint64_t iov;
	int32_t iovlen;
	uint32_t pad1;
	uint64_t control;
	uint32_t controllen;
	int32_t flags;
};
_Static_assert(sizeof(struct fb_msghdr) == 48, "FreeBSD struct msghdr");

struct lx_msghdr {
	void *name;
	int32_t namelen, pad0;
	void *iov;
	uint64_t iovlen;
	void *control;
	uint64_t controllen;
	int32_t flags, pad1;
};
_Static_assert(sizeof(struct lx_msghdr) == 56, "Linux struct user_msghdr");

/* struct cmsghdr: FreeBSD's is {socklen_t len; int level, type}, its data at _ALIGN(12) = 16;
 * Linux's {size_t len; int level, type}, data at 16. Both pad each message to 8 bytes, so
 * CMSG_LEN and CMSG_SPACE agree. */
struct fb_cmsghdr {
	uint32_t len;
	int32_t level, type;
};
struct lx_cmsghdr {
	uint64_t len;
	int32_t level, type;
};
#define CMSG_HDR 16
#define CMSG_AL(n) (((n) + 7) & ~(size_t)7)

#define HOST_CONTROL 8192  /* the most control data received at once */
#define GUEST_CONTROL 8192

/* One control message's level, type and data, as the other side's. */
struct cmsg {
	int level, type;
	const unsigned char *data;
	size_t len;
};

static size_t cmsg_put(unsigned char *buf, size_t at, const struct cmsg *c, int guest)
{
	if (guest) {
		struct fb_cmsghdr g = { (uint32_t)(CMSG_HDR + c->len), c->level, c->type };
		memset(buf + at, 0, CMSG_HDR);
		memcpy(buf + at, &g, sizeof g);
	} else {
		struct lx_cmsghdr h = { CMSG_HDR + c->len, c->level, c->type };
		memcpy(buf + at, &h, sizeof h);
	}
	memcpy(buf + at + CMSG_HDR, c->data, c->len);
	memset(buf + at + CMSG_HDR + c->len, 0, CMSG_AL(c->len) - c->len);
	return at + CMSG_HDR + CMSG_AL(c->len);
}

/* sendmsg: the guest's control messages (n bytes in g) as the host's in h, which has room for
 * twice as much. Returns the host length or -errno. */
static long cmsgs_to_host(struct trap *tr, unsigned char *h, const unsigned char *g, size_t n)
{
	size_t gi = 0, hi = 0;
	while (n - gi >= sizeof(struct fb_cmsghdr)) {
		struct fb_cmsghdr gc;
		memcpy(&gc, g + gi, sizeof gc);
		if (gc.len < CMSG_HDR || gc.len > n - gi)
			return -EINVAL;
		struct cmsg c = { gc.level, gc.type, g + gi + CMSG_HDR, gc.len - CMSG_HDR };
		struct in_pktinfo pi;
		if (gc.level == FB_SOL_SOCKET && gc.type == FB_SCM_RIGHTS) {
			c.level = SOL_SOCKET;
			c.type = SCM_RIGHTS;
			for (size_t i = 0; i + sizeof(int) <= c.len; i += sizeof(int)) {
				int fd;
				memcpy(&fd, c.data + i, sizeof fd);
				if (fd_is_xabis(fd))
					return -EBADF;
			}
		} else if (gc.level == IPPROTO_IP && gc.type == FB_IP_SENDSRCADDR && c.len == 4) {
			/* The source address: Linux's IP_PKTINFO with it as ipi_spec_dst. */
			memset(&pi, 0, sizeof pi);
			memcpy(&pi.ipi_spec_dst, c.data, 4);
			c = (struct cmsg){ IPPROTO_IP, IP_PKTINFO, (unsigned char *)&pi, sizeof pi };
		} else if (gc.level == IPPROTO_IP && gc.type == FB_IP_TOS) {
			c.type = IP_TOS; /* a u_char on FreeBSD, which Linux takes as well as an int */
		} else if (gc.level == IPPROTO_IPV6 && gc.type == FB_IPV6_PKTINFO) {
			c.type = IPV6_PKTINFO; /* struct in6_pktinfo, the same on both */
		} else if (gc.level == IPPROTO_IPV6 && gc.type == FB_IPV6_HOPLIMIT) {
			c.type = IPV6_HOPLIMIT;
		} else if (gc.level == IPPROTO_IPV6 && gc.type == FB_IPV6_TCLASS) {
			c.type = IPV6_TCLASS;
		} else {
			diag_not_implemented(tr, "this control message (SCM_CREDS, or not SCM_RIGHTS, "
						 "IP_SENDSRCADDR, IP_TOS, IPV6_PKTINFO/HOPLIMIT/TCLASS)");
			return -EINVAL;
		}
		hi = cmsg_put(h, hi, &c, 0);
		gi += CMSG_AL(gc.len);
		if (gi > n)
			break;
	}
	return (long)hi;
}

static void close_rights(const struct cmsg *c)
{
	for (size_t i = 0; i + sizeof(int) <= c->len; i += sizeof(int)) {
		int fd;
		memcpy(&fd, c->data + i, sizeof fd);
		raw1(SYS_close, fd);
	}
}

/* recvmsg: the host's control messages (n bytes in h) as the guest's in g (size bytes). Returns
 * the guest length; *trunc is set when something did not fit, and descriptors that did not fit
 * are closed, as FreeBSD disposes of them. Kinds the guest cannot have asked for are dropped. */
static size_t cmsgs_from_host(unsigned char *g, size_t size, const unsigned char *h, size_t n,
			      int *trunc)
{
	size_t hi = 0, gi = 0;
	while (n - hi >= sizeof(struct lx_cmsghdr)) {
		struct lx_cmsghdr hc;
		memcpy(&hc, h + hi, sizeof hc);
		if (hc.len < CMSG_HDR || hc.len > n - hi) {
			*trunc = 1;
			break;
		}
		struct cmsg c = { -1, -1, h + hi + CMSG_HDR, hc.len - CMSG_HDR };
		unsigned char b[4];
		hi += CMSG_AL(hc.len);
		if (hc.level == SOL_SOCKET && hc.type == SCM_RIGHTS) {
			c.level = FB_SOL_SOCKET;
			c.type = FB_SCM_RIGHTS;
		} else if (hc.level == SOL_SOCKET && hc.type == SCM_TIMESTAMP) {
			c.level = FB_SOL_SOCKET;
			c.type = FB_SCM_TIMESTAMP; /* struct timeval on both */
		} else if (hc.level == IPPROTO_IP && hc.type == IP_PKTINFO &&
			   c.len >= sizeof(struct in_pktinfo)) {
			/* asked for as IP_RECVDSTADDR: the destination address alone */
			c = (struct cmsg){ IPPROTO_IP, FB_IP_SENDSRCADDR,
					   c.data + offsetof(struct in_pktinfo, ipi_addr), 4 };
		} else if (hc.level == IPPROTO_IP && hc.type == IP_TTL && c.len >= sizeof(int)) {
			int ttl;
			memcpy(&ttl, c.data, sizeof ttl);
			b[0] = (unsigned char)ttl; /* FreeBSD's IP_RECVTTL: a u_char */
			c = (struct cmsg){ IPPROTO_IP, FB_IP_RECVTTL, b, 1 };
		} else if (hc.level == IPPROTO_IP && hc.type == IP_TOS && c.len >= 1) {
			c = (struct cmsg){ IPPROTO_IP, FB_IP_RECVTOS, c.data, 1 };
		} else if (hc.level == IPPROTO_IPV6 && hc.type == IPV6_PKTINFO) {
			c.level = IPPROTO_IPV6;
			c.type = FB_IPV6_PKTINFO;
		} else if (hc.level == IPPROTO_IPV6 && hc.type == IPV6_HOPLIMIT) {
			c.level = IPPROTO_IPV6;
			c.type = FB_IPV6_HOPLIMIT;
		} else if (hc.level == IPPROTO_IPV6 && hc.type == IPV6_TCLASS) {
			c.level = IPPROTO_IPV6;
			c.type = FB_IPV6_TCLASS;
		} else {
			continue;
		}
		if (gi > size || CMSG_HDR + c.len > size - gi) {
			*trunc = 1;
			if (c.type != FB_SCM_RIGHTS || c.level != FB_SOL_SOCKET)
				continue;
			/* The descriptors that fit are the guest's, the rest are closed (FreeBSD
			 * copies a cut message and leaves those open, out of the program's reach). */
			struct cmsg rest = c;
			c.len = gi < size && size - gi >= CMSG_HDR ? (size - gi - CMSG_HDR) & ~3UL : 0;
			rest.data += c.len;
			rest.len -= c.len;
			close_rights(&rest);
			if (!c.len)
				continue;
		}
		gi = cmsg_put(g, gi, &c, 1);
	}
	return gi < size ? gi : size;
}

long freebsd_sys_sendmsg(struct trap *tr)
{
	struct fb_msghdr gm;
	union hsa h;
	unsigned char gc[FB_MCLBYTES], hc[2 * FB_MCLBYTES];
	long f = msgflags(tr, tr->arg[2]);
	if (f < 0)
		return -EINVAL;
	if (xabi_copy_safe(&gm, (void *)tr->arg[1], sizeof gm) < 0)
		return -EFAULT;
	struct lx_msghdr hm = {
		.iov = (void *)gm.iov,
		.iovlen = (uint32_t)gm.iovlen, /* negative: past UIO_MAXIOV, EMSGSIZE on both */
	};
	if (gm.name) {
		long len = sa_to_host(&h, (const void *)gm.name, gm.namelen);
		if (len < 0)
			return len;
		hm.name = &h;
		hm.namelen = (int32_t)len;
	}
	if (gm.control) {
		if (gm.controllen < sizeof(struct fb_cmsghdr) || gm.controllen > FB_MCLBYTES)
			return -EINVAL;
		if (xabi_copy_safe(gc, (void *)gm.control, gm.controllen) < 0)
			return -EFAULT;
		long n = cmsgs_to_host(tr, hc, gc, gm.controllen);
		if (n < 0)
			return n;
		hm.control = n ? hc : 0;
		hm.controllen = (uint64_t)n;
	}
	return xabi_syscall_cp(&tr->t->intr, SYS_sendmsg, tr->arg[0], (long)&hm, f, 0, 0, 0);
}

long freebsd_sys_recvmsg(struct trap *tr)
{
	struct fb_msghdr gm;
	union hsa h;
	unsigned char hc[HOST_CONTROL], gc[GUEST_CONTROL + 8]; /* + the last message's padding */
	long f = msgflags(tr, tr->arg[2]);
	if (f < 0)
		return -EINVAL;
	if (xabi_copy_safe(&gm, (void *)tr->arg[1], sizeof gm) < 0)
		return -EFAULT;
	size_t gsize = gm.control ? gm.controllen : 0;
	if (gsize > GUEST_CONTROL)
		gsize = GUEST_CONTROL;
	/* Room for the host's larger forms (IP_PKTINFO for IP_RECVDSTADDR); descriptors past what
	 * the guest has room for are closed below. */
	size_t hsize = 2 * gsize < HOST_CONTROL ? 2 * gsize : HOST_CONTROL;
	struct lx_msghdr hm = {
		.name = gm.name && gm.namelen ? &h : 0,
		.namelen = gm.name && gm.namelen ? (int32_t)sizeof h : 0,
		.iov = (void *)gm.iov,
		.iovlen = (uint32_t)gm.iovlen,
		.control = hsize ? hc : 0,
		.controllen = hsize,
	};
	long n = xabi_syscall_cp(&tr->t->intr, SYS_recvmsg, tr->arg[0], (long)&hm, f, 0, 0, 0);
	if (n < 0)
		return n;
	int trunc = 0;
	size_t clen = cmsgs_from_host(gc, gsize, hc, hsize ? hm.controllen : 0, &trunc);
	if (gm.control) {
		if (clen && xabi_copy_safe((void *)gm.control, gc, clen) < 0)
			return -EFAULT;
		gm.controllen = (uint32_t)clen;
	}
	gm.flags = (int32_t)freebsd_msgflags_from_host(hm.flags | (trunc ? MSG_CTRUNC : 0));
	if (gm.name) {
		unsigned char g[FB_SOCK_MAXADDRLEN];
		socklen_t hlen = hm.name ? (socklen_t)hm.namelen : 0;
		if (hm.name)
			noname_if_unix_dgram(tr->arg[0], &h, &hlen);
		uint32_t len = hm.name ? sa_from_host(g, &h, hlen, 0) : 0;
		if (len > gm.namelen)
			len = gm.namelen;
		if (len && xabi_copy_safe((void *)gm.name, g, len) < 0)
			return -EFAULT;
		gm.namelen = len;
	}
	return xabi_copy_safe((void *)tr->arg[1], &gm, sizeof gm) < 0 ? -EFAULT : n;
}

/* A temporary signal mask for pselect and ppoll: the guest's 128-bit set at guest, as the host's
 * in *set. The handlers of the signals that end the wait run even when the ordinary mask blocks
 * them (signals.h, gsig_deliver_interrupting). */
static long wait_mask(struct trap *tr, const void *guest, uint64_t *set)
{
	uint32_t g[4];
	if (xabi_copy_safe(g, guest, sizeof g) < 0)
		return -EFAULT;
	*set = freebsd_sigset_to_host(g) & ~SIG_EMULATED_MASK;
	tr->deliver_intr = 1;
	return 0;
}

/* select(nd, in, ou, ex, tv): fd_set is the same array of 64-bit words. FreeBSD leaves the
 * timeout alone (Linux writes back what is left) and wants it normalized. */
long freebsd_sys_select(struct trap *tr)
{
	struct timeval tv;
	if ((int)tr->arg[0] < 0)
		return -EINVAL;
	if (tr->arg[4]) {
		if (xabi_copy_safe(&tv, (void *)tr->arg[4], sizeof tv) < 0)
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EINVAL;
	}
	return xabi_syscall_cp(&tr->t->intr, SYS_select, (int)tr->arg[0], tr->arg[1], tr->arg[2],
			       tr->arg[3], tr->arg[4] ? (long)&tv : 0, 0);
}

/* pselect(nd, in, ou, ex, ts, sigmask) */
long freebsd_sys_pselect(struct trap *tr)
{
	struct timespec ts;
	uint64_t set;
	struct {
		const uint64_t *set;
		size_t size;
	} mask = { 0, 8 };
	if ((int)tr->arg[0] < 0)
		return -EINVAL;
	if (tr->arg[4]) {
		if (xabi_copy_safe(&ts, (void *)tr->arg[4], sizeof ts) < 0)
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
	}
	if (tr->arg[5]) {
		long r = wait_mask(tr, (const void *)tr->arg[5], &set);
		if (r < 0)
			return r;
		mask.set = &set;
	}
	return xabi_syscall_cp(&tr->t->intr, SYS_pselect6, (int)tr->arg[0], tr->arg[1], tr->arg[2],
			       tr->arg[3], tr->arg[4] ? (long)&ts : 0, (long)&mask);
}

#define POLL_LOCAL 4096 /* entries converted on the stack; more go to a temporary mapping */
#define FB_FD_SETSIZE 1024

/* poll and ppoll: struct pollfd is the same, its event bits are not. Only revents goes back, as
 * FreeBSD's pollout writes. For ppoll, ts and set are host values (or 0), ts the host's to change. */
static long do_poll(struct trap *tr, int ppoll, struct timespec *ts, const uint64_t *set)
{
	struct pollfd local[POLL_LOCAL], *p = local;
	struct pollfd *guest = (struct pollfd *)tr->arg[0];
	unsigned long nfds = (uint32_t)tr->arg[1];
	/* FreeBSD: EINVAL past both the descriptor limit and FD_SETSIZE. */
	if (nfds > FB_FD_SETSIZE) {
		struct rlimit rl;
		if (raw4(SYS_prlimit64, 0, RLIMIT_NOFILE, 0, &rl) == 0 && nfds > rl.rlim_cur)
			return -EINVAL;
	}
	size_t bytes = nfds * sizeof *p;
	if (nfds > POLL_LOCAL) {
		long m = raw6(SYS_mmap, 0, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			      -1, 0);
		if (m < 0)
			return m;
		p = (struct pollfd *)m;
	}
	long r = xabi_copy_safe(p, guest, bytes);
	if (r == 0) {
		for (unsigned long i = 0; i < nfds; i++)
			p[i].events = (short)freebsd_poll_to_host((unsigned short)p[i].events);
		if (ppoll)
			r = xabi_syscall_cp(&tr->t->intr, SYS_ppoll, (long)p, (long)nfds, (long)ts,
					    (long)set, 8, 0);
		else
			r = xabi_syscall_cp(&tr->t->intr, SYS_poll, (long)p, (long)nfds,
					    (int)tr->arg[2], 0, 0, 0);
		for (unsigned long i = 0; r >= 0 && i < nfds; i++) {
			short re = (short)freebsd_poll_from_host((unsigned short)p[i].revents);
			if (xabi_copy_safe(&guest[i].revents, &re, sizeof re) < 0)
				r = -EFAULT;
		}
	}
	if (p != local)
		raw2(SYS_munmap, p, bytes);
	return r;
}

/* poll(fds, nfds, timeout): INFTIM (-1) is the only negative timeout FreeBSD takes. */
long freebsd_sys_poll(struct trap *tr)
{
	if ((int)tr->arg[2] < -1)
		return -EINVAL;
	return do_poll(tr, 0, 0, 0);
}

/* ppoll(fds, nfds, ts, set): the timeout is FreeBSD's to keep, so the host changes a copy. */
long freebsd_sys_ppoll(struct trap *tr)
{
	struct timespec ts;
	uint64_t set;
	if (tr->arg[2] && xabi_copy_safe(&ts, (void *)tr->arg[2], sizeof ts) < 0)
		return -EFAULT;
	if (tr->arg[3]) {
		long r = wait_mask(tr, (const void *)tr->arg[3], &set);
		if (r < 0)
			return r;
	}
	return do_poll(tr, 1, tr->arg[2] ? &ts : 0, tr->arg[3] ? &set : 0);
}

/* struct sf_hdtr of sys/sys/socket.h */
struct fb_sf_hdtr {
	const struct iovec *headers;
	int hdr_cnt;
	const struct iovec *trailers;
	int trl_cnt;
};

/* Write cnt guest iovecs to socket s whole, adding to *sent what went; a full non-blocking socket
 * ends it with EAGAIN, a signal with EINTR. */
static long send_iovecs(struct trap *tr, long s, const struct iovec *iov, int cnt, long *sent)
{
	for (int i = 0; i < cnt; i++) {
		struct iovec v;
		if (xabi_copy_safe(&v, iov + i, sizeof v) < 0)
			return -EFAULT;
		while (v.iov_len) {
			long n = xabi_syscall_cp(&tr->t->intr, SYS_sendto, s, (long)v.iov_base,
						 (long)v.iov_len, MSG_NOSIGNAL, 0, 0);
			if (n < 0)
				return n;
			*sent += n;
			v.iov_base = (char *)v.iov_base + n;
			v.iov_len -= (size_t)n;
		}
	}
	return 0;
}

/* sendfile(fd, s, offset, nbytes, hdtr, sbytes, flags) (sys/kern/kern_sendfile.c): the headers,
 * nbytes of the regular file fd from offset (0: to its end) and the trailers to the stream socket
 * s, over the host's sendfile; 0, with the count in *sbytes, also when it fails part way (EAGAIN
 * for a full non-blocking socket, EINTR for a signal: FreeBSD never restarts it). The flags (the
 * seventh argument, on the stack) only tune FreeBSD's paging and are not read. */
long freebsd_sys_sendfile(struct trap *tr)
{
	long fd = tr->arg[0], s = tr->arg[1], off = tr->arg[2];
	size_t nbytes = tr->arg[3];
	struct fb_sf_hdtr h = {0};
	if (off < 0)
		return -EINVAL;
	if (tr->arg[4] && xabi_copy_safe(&h, (void *)tr->arg[4], sizeof h) < 0)
		return -EFAULT;
	if ((h.headers && (unsigned)h.hdr_cnt > 1024) || (h.trailers && (unsigned)h.trl_cnt > 1024))
		return -EINVAL; /* copyinuio: UIO_MAXIOV */
	struct stat st;
	long r = raw2(SYS_fstat, fd, &st);
	if (r < 0)
		return r;
	long acc = raw2(SYS_fcntl, fd, F_GETFL);
	if (acc >= 0 && ((acc & O_PATH) || (acc & O_ACCMODE) == O_WRONLY))
		return -EBADF; /* fget_read */
	if (!S_ISREG(st.st_mode))
		return -EINVAL; /* sendfile_getobj: a vnode's or shared memory's pages only */
	int type;
	socklen_t len = sizeof type;
	r = raw5(SYS_getsockopt, s, SOL_SOCKET, SO_TYPE, &type, &len);
	if (r < 0)
		return r; /* sendfile_getsock: EBADF, ENOTSOCK */
	if (type != SOCK_STREAM)
		return -EINVAL;
	long sent = 0;
	r = h.headers ? send_iovecs(tr, s, h.headers, h.hdr_cnt, &sent) : 0;
	for (size_t left = nbytes ? nbytes : (size_t)-1; r >= 0 && left;) {
		long n = xabi_syscall_cp(&tr->t->intr, SYS_sendfile, s, fd, (long)&off,
					 (long)(left < 0x40000000 ? left : 0x40000000), 0, 0);
		if (n <= 0) {
			r = n; /* 0: the end of the file */
			break;
		}
		sent += n;
		left -= (size_t)n;
	}
	if (r >= 0 && h.trailers)
		r = send_iovecs(tr, s, h.trailers, h.trl_cnt, &sent);
	if (r == XABI_CANCELLED && sent)
		r = -EINTR; /* part of it went: not to be done again */
	if (tr->arg[5] && r != XABI_CANCELLED)
		xabi_copy_safe((void *)tr->arg[5], &sent, sizeof sent);
	return r < 0 ? r : 0;
}
