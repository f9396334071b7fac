/* FreeBSD socket options over Linux ones: levels, option numbers and the values that differ.
 * Facts: FreeBSD 14's sys/sys/socket.h, sys/sys/un.h, sys/sys/ucred.h, sys/netinet/in.h,
 * sys/netinet/tcp.h, sys/netinet6/in6.h and what sys/kern/uipc_socket.c (sogetopt),
 * sys/netinet/tcp_usrreq.c and ip_output.c report. */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include "../../syscall/copy.h"
#include "../../syscall/diag.h"
#include "../../syscall/raw.h"
#include "../../syscall/trap.h"
#include "freebsd.h"

#define FB_SOL_SOCKET 0xffff
#define FB_SOL_LOCAL 0 /* unix sockets; the same level is IPPROTO_IP on inet ones */
#define FB_LOCAL_PEERCRED 1

/* How a value differs. */
enum kind {
	K_SAME,     /* same layout and meaning: the host reads and writes the guest's memory */
	K_FLAG,     /* an int flag FreeBSD reports as a bit of its own (.on), not 1 */
	K_ERRNO,    /* SO_ERROR: an errno */
	K_DOMAIN,   /* SO_DOMAIN: an address family */
	K_LINGER,   /* struct linger, the same, but FreeBSD reports l_onoff as SO_LINGER's bit */
	K_TIMEO,    /* struct timeval; FreeBSD wants it normalized (EDOM) */
	K_DONTFRAG, /* IP_DONTFRAG: Linux's IP_MTU_DISCOVER */
	K_MSOURCE,  /* struct ip_mreq_source: FreeBSD has the source before the interface */
	K_PEERCRED, /* LOCAL_PEERCRED: struct xucred from Linux's struct ucred */
};

struct opt {
	int glevel, gname, hlevel, hname;
	enum kind kind;
	unsigned on; /* K_FLAG */
};

static const struct opt opts[] = {
	/* sys/sys/socket.h. so_options bits read back as themselves (sogetopt). */
	{FB_SOL_SOCKET, 0x0001, SOL_SOCKET, SO_DEBUG, K_FLAG, 0x0001},
	{FB_SOL_SOCKET, 0x0002, SOL_SOCKET, SO_ACCEPTCONN, K_FLAG, 0x0002},
	{FB_SOL_SOCKET, 0x0004, SOL_SOCKET, SO_REUSEADDR, K_FLAG, 0x0004},
	{FB_SOL_SOCKET, 0x0008, SOL_SOCKET, SO_KEEPALIVE, K_FLAG, 0x0008},
	{FB_SOL_SOCKET, 0x0010, SOL_SOCKET, SO_DONTROUTE, K_FLAG, 0x0010},
	{FB_SOL_SOCKET, 0x0020, SOL_SOCKET, SO_BROADCAST, K_FLAG, 0x0020},
	{FB_SOL_SOCKET, 0x0080, SOL_SOCKET, SO_LINGER, K_LINGER, 0x0080},
	{FB_SOL_SOCKET, 0x0100, SOL_SOCKET, SO_OOBINLINE, K_FLAG, 0x0100},
	{FB_SOL_SOCKET, 0x0200, SOL_SOCKET, SO_REUSEPORT, K_FLAG, 0x0200},
	{FB_SOL_SOCKET, 0x0400, SOL_SOCKET, SO_TIMESTAMP, K_FLAG, 0x0400},
	/* SO_REUSEPORT_LB: Linux's SO_REUSEPORT balances connections across the sockets too */
	{FB_SOL_SOCKET, 0x10000, SOL_SOCKET, SO_REUSEPORT, K_FLAG, 0x10000},
	{FB_SOL_SOCKET, 0x1001, SOL_SOCKET, SO_SNDBUF, K_SAME, 0},
	{FB_SOL_SOCKET, 0x1002, SOL_SOCKET, SO_RCVBUF, K_SAME, 0},
	{FB_SOL_SOCKET, 0x1003, SOL_SOCKET, SO_SNDLOWAT, K_SAME, 0},
	{FB_SOL_SOCKET, 0x1004, SOL_SOCKET, SO_RCVLOWAT, K_SAME, 0},
	{FB_SOL_SOCKET, 0x1005, SOL_SOCKET, SO_SNDTIMEO, K_TIMEO, 0},
	{FB_SOL_SOCKET, 0x1006, SOL_SOCKET, SO_RCVTIMEO, K_TIMEO, 0},
	{FB_SOL_SOCKET, 0x1007, SOL_SOCKET, SO_ERROR, K_ERRNO, 0},
	{FB_SOL_SOCKET, 0x1008, SOL_SOCKET, SO_TYPE, K_SAME, 0}, /* SOCK_* numbered alike */
	{FB_SOL_SOCKET, 0x1016, SOL_SOCKET, SO_PROTOCOL, K_SAME, 0},
	{FB_SOL_SOCKET, 0x1019, SOL_SOCKET, SO_DOMAIN, K_DOMAIN, 0},

	/* sys/netinet/in.h. The multicast TTL and loop are a u_char or an int on both, and both
	 * answer in the size asked for. */
	{IPPROTO_IP, 1, IPPROTO_IP, IP_OPTIONS, K_SAME, 0},
	{IPPROTO_IP, 2, IPPROTO_IP, IP_HDRINCL, K_SAME, 0},
	{IPPROTO_IP, 3, IPPROTO_IP, IP_TOS, K_SAME, 0},
	{IPPROTO_IP, 4, IPPROTO_IP, IP_TTL, K_SAME, 0},
	/* IP_RECVDSTADDR: the destination in a control message, which socket.c makes of
	 * IP_PKTINFO's */
	{IPPROTO_IP, 7, IPPROTO_IP, IP_PKTINFO, K_SAME, 0},
	{IPPROTO_IP, 9, IPPROTO_IP, IP_MULTICAST_IF, K_SAME, 0}, /* in_addr or ip_mreqn */
	{IPPROTO_IP, 10, IPPROTO_IP, IP_MULTICAST_TTL, K_SAME, 0},
	{IPPROTO_IP, 11, IPPROTO_IP, IP_MULTICAST_LOOP, K_SAME, 0},
	{IPPROTO_IP, 12, IPPROTO_IP, IP_ADD_MEMBERSHIP, K_SAME, 0}, /* ip_mreq or ip_mreqn */
	{IPPROTO_IP, 13, IPPROTO_IP, IP_DROP_MEMBERSHIP, K_SAME, 0},
	{IPPROTO_IP, 0x41, IPPROTO_IP, IP_RECVTTL, K_SAME, 0},
	{IPPROTO_IP, 0x42, IPPROTO_IP, IP_MINTTL, K_SAME, 0},
	{IPPROTO_IP, 0x43, IPPROTO_IP, IP_MTU_DISCOVER, K_DONTFRAG, 0},
	{IPPROTO_IP, 0x44, IPPROTO_IP, IP_RECVTOS, K_SAME, 0},
	{IPPROTO_IP, 0x46, IPPROTO_IP, IP_ADD_SOURCE_MEMBERSHIP, K_MSOURCE, 0},
	{IPPROTO_IP, 0x47, IPPROTO_IP, IP_DROP_SOURCE_MEMBERSHIP, K_MSOURCE, 0},
	{IPPROTO_IP, 0x48, IPPROTO_IP, IP_BLOCK_SOURCE, K_MSOURCE, 0},
	{IPPROTO_IP, 0x49, IPPROTO_IP, IP_UNBLOCK_SOURCE, K_MSOURCE, 0},

	/* sys/netinet6/in6.h. Flags read back as 0 or 1 (OPTBIT). */
	{IPPROTO_IPV6, 4, IPPROTO_IPV6, IPV6_UNICAST_HOPS, K_SAME, 0},
	{IPPROTO_IPV6, 9, IPPROTO_IPV6, IPV6_MULTICAST_IF, K_SAME, 0},
	{IPPROTO_IPV6, 10, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, K_SAME, 0},
	{IPPROTO_IPV6, 11, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, K_SAME, 0},
	{IPPROTO_IPV6, 12, IPPROTO_IPV6, IPV6_JOIN_GROUP, K_SAME, 0}, /* struct ipv6_mreq */
	{IPPROTO_IPV6, 13, IPPROTO_IPV6, IPV6_LEAVE_GROUP, K_SAME, 0},
	{IPPROTO_IPV6, 26, IPPROTO_IPV6, IPV6_CHECKSUM, K_SAME, 0},
	{IPPROTO_IPV6, 27, IPPROTO_IPV6, IPV6_V6ONLY, K_SAME, 0},
	{IPPROTO_IPV6, 36, IPPROTO_IPV6, IPV6_RECVPKTINFO, K_SAME, 0},
	{IPPROTO_IPV6, 37, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, K_SAME, 0},
	{IPPROTO_IPV6, 57, IPPROTO_IPV6, IPV6_RECVTCLASS, K_SAME, 0},
	{IPPROTO_IPV6, 59, IPPROTO_IPV6, IPV6_AUTOFLOWLABEL, K_SAME, 0},
	{IPPROTO_IPV6, 61, IPPROTO_IPV6, IPV6_TCLASS, K_SAME, 0},
	{IPPROTO_IPV6, 62, IPPROTO_IPV6, IPV6_DONTFRAG, K_SAME, 0},

	/* sys/netinet/tcp.h; the flags read back as t_flags bits (TF_NODELAY 4, TF_NOPUSH
	 * 0x1000 in tcp_var.h). Keepalive times are in seconds on both. */
	{IPPROTO_TCP, 0x01, IPPROTO_TCP, TCP_NODELAY, K_FLAG, 0x0004},
	{IPPROTO_TCP, 0x02, IPPROTO_TCP, TCP_MAXSEG, K_SAME, 0},
	{IPPROTO_TCP, 0x04, IPPROTO_TCP, TCP_CORK, K_FLAG, 0x1000}, /* TCP_NOPUSH */
	{IPPROTO_TCP, 0x40, IPPROTO_TCP, TCP_CONGESTION, K_SAME, 0}, /* a name, char[16] */
	{IPPROTO_TCP, 0x100, IPPROTO_TCP, TCP_KEEPIDLE, K_SAME, 0},
	{IPPROTO_TCP, 0x200, IPPROTO_TCP, TCP_KEEPINTVL, K_SAME, 0},
	{IPPROTO_TCP, 0x400, IPPROTO_TCP, TCP_KEEPCNT, K_SAME, 0},
};

static const struct opt peercred = {FB_SOL_LOCAL, FB_LOCAL_PEERCRED, SOL_SOCKET, SO_PEERCRED,
				    K_PEERCRED, 0};

static const struct opt *find(struct trap *tr)
{
	int fd = (int)tr->arg[0], level = (int)tr->arg[1], name = (int)tr->arg[2];
	if (level == FB_SOL_LOCAL) {
		int af = -1;
		socklen_t l = sizeof af;
		raw5(SYS_getsockopt, fd, SOL_SOCKET, SO_DOMAIN, &af, &l);
		if (af == AF_UNIX)
			return name == FB_LOCAL_PEERCRED ? &peercred : 0;
	}
	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
		if (opts[i].glevel == level && opts[i].gname == name)
			return &opts[i];
	return 0;
}

/* Unknown levels and options: ENOPROTOOPT, as FreeBSD answers for ones it does not know, once
 * the descriptor has proved a socket (getsock_cap comes first: EBADF, ENOTSOCK). */
static long unknown(struct trap *tr)
{
	int type;
	socklen_t len = sizeof type;
	long r = raw5(SYS_getsockopt, tr->arg[0], SOL_SOCKET, SO_TYPE, &type, &len);
	if (r < 0)
		return r;
	diag_not_implemented(tr, "this socket option");
	return -ENOPROTOOPT;
}

/* setsockopt(s, level, name, val, valsize) */
long freebsd_sys_setsockopt(struct trap *tr)
{
	const struct opt *o = find(tr);
	long fd = tr->arg[0], val = tr->arg[3];
	uint32_t size = (uint32_t)tr->arg[4];
	union {
		int i;
		struct timeval tv;
		struct ip_mreq_source ms;
	} v;
	if (!o)
		return unknown(tr);
	if (!val && size) /* kern_setsockopt */
		return -EFAULT;
	switch (o->kind) {
	case K_TIMEO:
		if (size < sizeof v.tv)
			return -EINVAL;
		if (xabi_copy_safe(&v.tv, (void *)val, sizeof v.tv) < 0)
			return -EFAULT;
		if (v.tv.tv_sec < 0 || v.tv.tv_usec < 0 || v.tv.tv_usec >= 1000000)
			return -EDOM;
		return raw5(SYS_setsockopt, fd, o->hlevel, o->hname, &v.tv, sizeof v.tv);
	case K_DONTFRAG:
		if (size < sizeof v.i)
			return -EINVAL;
		if (xabi_copy_safe(&v.i, (void *)val, sizeof v.i) < 0)
			return -EFAULT;
		v.i = v.i ? IP_PMTUDISC_DO : IP_PMTUDISC_DONT;
		return raw5(SYS_setsockopt, fd, o->hlevel, o->hname, &v.i, sizeof v.i);
	case K_MSOURCE: {
		struct in_addr g[3]; /* group, source, interface */
		if (size < sizeof g)
			return -EINVAL;
		if (xabi_copy_safe(g, (void *)val, sizeof g) < 0)
			return -EFAULT;
		v.ms = (struct ip_mreq_source){ .imr_multiaddr = g[0], .imr_sourceaddr = g[1],
						.imr_interface = g[2] };
		return raw5(SYS_setsockopt, fd, o->hlevel, o->hname, &v.ms, sizeof v.ms);
	}
	default:
		return raw5(SYS_setsockopt, fd, o->hlevel, o->hname, val, size);
	}
}

/* struct xucred of sys/sys/ucred.h */
struct fb_xucred {
	uint32_t version;
	uint32_t uid;
	int16_t ngroups;
	uint32_t groups[16];
	uint64_t pid; /* a union with a pointer: cr_pid in its low half */
};
_Static_assert(sizeof(struct fb_xucred) == 88, "struct xucred");

/* getsockopt(s, level, name, val, avalsize) */
long freebsd_sys_getsockopt(struct trap *tr)
{
	const struct opt *o = find(tr);
	long fd = tr->arg[0];
	void *val = (void *)tr->arg[3];
	uint32_t *sizep = (uint32_t *)tr->arg[4], size;
	union {
		int i;
		struct linger l;
		struct ucred c;
		struct fb_xucred x;
	} v;
	if (!o)
		return unknown(tr);
	if (o->kind == K_SAME || o->kind == K_TIMEO || o->kind == K_MSOURCE)
		return raw5(SYS_getsockopt, fd, o->hlevel, o->hname, val, sizep);
	if (xabi_copy_safe(&size, sizep, sizeof size) < 0)
		return -EFAULT;
	socklen_t hlen = o->kind == K_LINGER ? sizeof v.l : o->kind == K_PEERCRED ? sizeof v.c
										: sizeof v.i;
	long r = raw5(SYS_getsockopt, fd, o->hlevel, o->hname, &v, &hlen);
	if (r < 0)
		return r;
	switch (o->kind) {
	case K_FLAG:
		v.i = v.i ? (int)o->on : 0;
		break;
	case K_ERRNO:
		v.i = v.i ? freebsd_errno_from_host(v.i) : 0;
		break;
	case K_DOMAIN: {
		int af = freebsd_af_from_host(v.i);
		v.i = af >= 0 ? af : v.i;
		break;
	}
	case K_LINGER:
		v.l.l_onoff = v.l.l_onoff ? (int)o->on : 0;
		break;
	case K_DONTFRAG:
		v.i = v.i == IP_PMTUDISC_DO || v.i == IP_PMTUDISC_PROBE;
		break;
	case K_PEERCRED: {
		struct ucred c = v.c;
		if (c.pid == 0) /* Linux: no peer; FreeBSD: ENOTCONN */
			return -ENOTCONN;
		/* Linux gives the effective ids of the peer when it connected; the other groups
		 * (SO_PEERGROUPS) are left out. */
		memset(&v.x, 0, sizeof v.x);
		v.x.uid = c.uid;
		v.x.ngroups = 1;
		v.x.groups[0] = c.gid;
		v.x.pid = (uint32_t)c.pid;
		hlen = sizeof v.x;
		break;
	}
	default:
		break;
	}
	if (size > hlen)
		size = hlen;
	if (xabi_copy_safe(val, &v, size) < 0)
		return -EFAULT;
	return xabi_copy_safe(sizep, &size, sizeof size) < 0 ? -EFAULT : 0;
}
