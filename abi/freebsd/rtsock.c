/* The routing socket's sysctl dumps of interfaces and their addresses (sysctl_iflist and
 * sysctl_ifmalist of sys/net/rtsock.c; messages of sys/net/if.h and sys/net/route.h, sockaddr_dl
 * of sys/net/if_dl.h), built from the host's rtnetlink dumps and its /proc/net multicast lists.
 * What getifaddrs(3) and Go's net.Interfaces read. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include "../../syscall/diag.h"
#include "../../syscall/raw.h"
#include "freebsd.h"

/* sys/sys/socket.h, sys/net/route.h, sys/net/if_types.h, sys/net/if.h */
#define FB_AF_INET 2
#define FB_AF_LINK 18
#define FB_AF_INET6 28
#define FB_RTM_VERSION 5
#define FB_RTM_NEWADDR 0xc
#define FB_RTM_IFINFO 0xe
#define FB_RTM_NEWMADDR 0xf
#define FB_NET_RT_IFLIST 3
#define FB_NET_RT_IFMALIST 4
#define FB_NET_RT_IFLISTL 5
enum { FB_RTAX_DST, FB_RTAX_GATEWAY, FB_RTAX_NETMASK, FB_RTAX_GENMASK, FB_RTAX_IFP, FB_RTAX_IFA,
       FB_RTAX_AUTHOR, FB_RTAX_BRD };
#define FB_IFT_OTHER 0x1
#define FB_IFT_ETHER 0x6
#define FB_IFT_PPP 0x17
#define FB_IFT_LOOP 0x18
#define FB_IFT_IEEE80211 0x47
#define FB_IFT_TUNNEL 0x83
#define FB_IFT_INFINIBAND 0xc7
#define FB_IFF_MULTICAST 0x8000
#define FB_LINK_STATE_UNKNOWN 0
#define FB_LINK_STATE_DOWN 1
#define FB_LINK_STATE_UP 2

struct fb_if_data {
	uint8_t type, physical, addrlen, hdrlen, link_state, vhid;
	uint16_t datalen;
	uint32_t mtu, metric;
	uint64_t baudrate;
	uint64_t ipackets, ierrors, opackets, oerrors, collisions, ibytes, obytes, imcasts, omcasts,
		iqdrops, oqdrops, noproto, hwassist;
	uint64_t epoch, lastchange[2];
};
_Static_assert(sizeof(struct fb_if_data) == 152, "struct if_data");

/* The common head of if_msghdr, ifa_msghdr and ifma_msghdr, and their long (NET_RT_IFLISTL)
 * forms: if_msghdrl and ifa_msghdrl carry their own length and the offset of their if_data. */
struct fb_msghdr {
	uint16_t msglen;
	uint8_t version, type;
	int32_t addrs, flags;
	uint16_t index, spare1;
};
struct fb_if_msghdr {
	struct fb_msghdr h;
	struct fb_if_data data;
};
struct fb_if_msghdrl {
	struct fb_msghdr h;
	uint16_t len, data_off;
	int32_t spare2;
	struct fb_if_data data;
};
struct fb_ifa_msghdr {
	struct fb_msghdr h;
	int32_t metric;
};
struct fb_ifa_msghdrl {
	struct fb_msghdr h;
	uint16_t len, data_off;
	int32_t metric;
	struct fb_if_data data;
};
_Static_assert(sizeof(struct fb_if_msghdr) == 168 && sizeof(struct fb_if_msghdrl) == 176 &&
		       sizeof(struct fb_ifa_msghdr) == 20 && sizeof(struct fb_ifa_msghdrl) == 176 &&
		       sizeof(struct fb_msghdr) == 16 /* ifma_msghdr */,
	       "routing message headers");

struct fb_sockaddr_dl {
	uint8_t len, family;
	uint16_t index;
	uint8_t type, nlen, alen, slen;
	char data[46];
};
_Static_assert(sizeof(struct fb_sockaddr_dl) == 54, "struct sockaddr_dl");

/* A growing buffer in mmap'd memory (the trap path has no malloc). */
struct buf {
	char *p;
	size_t len, cap;
	int err;
};

static void *buf_grow(struct buf *b, size_t n)
{
	if (b->err)
		return 0;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 65536;
		while (cap < b->len + n)
			cap *= 2;
		long m = b->p ? raw4(SYS_mremap, b->p, b->cap, cap, MREMAP_MAYMOVE)
			      : raw6(SYS_mmap, 0, cap, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m < 0 && m >= -4095) {
			b->err = (int)m;
			return 0;
		}
		b->p = (char *)m;
		b->cap = cap;
	}
	void *r = b->p + b->len;
	memset(r, 0, n);
	b->len += n;
	return r;
}

static void buf_free(struct buf *b)
{
	if (b->p)
		raw2(SYS_munmap, b->p, b->cap);
}

/* What the dumps keep of a host interface and of an address. */
struct link {
	int index;
	unsigned flags;
	unsigned short arptype;
	unsigned char operstate;
	unsigned mtu, alen;
	unsigned char addr[32];
	char name[IFNAMSIZ];
	struct rtnl_link_stats64 stats;
};
struct addr {
	int index;
	unsigned char family, prefixlen, has_local, has_peer, has_brd;
	unsigned char address[16], local[16], brd[16];
};

/* One rtnetlink dump (RTM_GETLINK or RTM_GETADDR), each message handed to fn. */
static long netlink_dump(int type, void (*fn)(struct nlmsghdr *, void *), void *arg)
{
	long fd = raw3(SYS_socket, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return fd;
	struct {
		struct nlmsghdr h;
		struct rtgenmsg g;
	} req = { .h = { .nlmsg_len = sizeof req, .nlmsg_type = (unsigned short)type,
			 .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 1 },
		  .g = { .rtgen_family = AF_UNSPEC } };
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	long r = raw6(SYS_sendto, fd, &req, sizeof req, 0, &kernel, sizeof kernel);
	_Alignas(8) char in[32768];
	while (r >= 0) {
		r = raw6(SYS_recvfrom, fd, in, sizeof in, 0, 0, 0);
		if (r <= 0) {
			r = r < 0 ? r : -EIO;
			break;
		}
		long left = r;
		struct nlmsghdr *h = (struct nlmsghdr *)in;
		for (; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
			if (h->nlmsg_seq != 1)
				continue;
			if (h->nlmsg_type == NLMSG_DONE)
				goto done;
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);
				r = e->error < 0 ? e->error : -EIO;
				goto done;
			}
			fn(h, arg);
		}
	}
done:
	raw1(SYS_close, fd);
	return r < 0 ? r : 0;
}

static void take_link(struct nlmsghdr *h, void *arg)
{
	if (h->nlmsg_type != RTM_NEWLINK)
		return;
	struct ifinfomsg *ifi = NLMSG_DATA(h);
	struct link *l = buf_grow(arg, sizeof *l);
	if (!l)
		return;
	l->index = ifi->ifi_index;
	l->flags = ifi->ifi_flags;
	l->arptype = ifi->ifi_type;
	long len = (long)IFLA_PAYLOAD(h);
	for (struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		size_t n = RTA_PAYLOAD(a);
		const void *v = RTA_DATA(a);
		switch (a->rta_type) {
		case IFLA_IFNAME:
			memcpy(l->name, v, n < sizeof l->name ? n : sizeof l->name - 1);
			break;
		case IFLA_MTU:
			if (n >= 4)
				memcpy(&l->mtu, v, 4);
			break;
		case IFLA_ADDRESS:
			l->alen = n < sizeof l->addr ? (unsigned)n : sizeof l->addr;
			memcpy(l->addr, v, l->alen);
			break;
		case IFLA_OPERSTATE:
			if (n >= 1)
				l->operstate = *(const unsigned char *)v;
			break;
		case IFLA_STATS64:
			memcpy(&l->stats, v, n < sizeof l->stats ? n : sizeof l->stats);
			break;
		}
	}
}

static void take_addr(struct nlmsghdr *h, void *arg)
{
	if (h->nlmsg_type != RTM_NEWADDR)
		return;
	struct ifaddrmsg *ifa = NLMSG_DATA(h);
	if (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6)
		return;
	struct addr *d = buf_grow(arg, sizeof *d);
	if (!d)
		return;
	d->index = (int)ifa->ifa_index;
	d->family = ifa->ifa_family;
	d->prefixlen = ifa->ifa_prefixlen;
	unsigned size = ifa->ifa_family == AF_INET ? 4 : 16;
	long len = (long)IFA_PAYLOAD(h);
	for (struct rtattr *a = IFA_RTA(ifa); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (RTA_PAYLOAD(a) < size)
			continue;
		if (a->rta_type == IFA_ADDRESS) {
			memcpy(d->address, RTA_DATA(a), size);
			d->has_peer = 1;
		} else if (a->rta_type == IFA_LOCAL) {
			memcpy(d->local, RTA_DATA(a), size);
			d->has_local = 1;
		} else if (a->rta_type == IFA_BROADCAST) {
			memcpy(d->brd, RTA_DATA(a), size);
			d->has_brd = 1;
		}
	}
	/* IFA_LOCAL is the interface's own address; IFA_ADDRESS is the same, or the peer's on a
	 * point-to-point link (rtnetlink(7)). */
	if (!d->has_local) {
		memcpy(d->local, d->address, size);
		d->has_local = d->has_peer;
		d->has_peer = 0;
	} else if (!memcmp(d->local, d->address, size)) {
		d->has_peer = 0;
	}
}

static unsigned char if_type(unsigned short arptype)
{
	switch (arptype) {
	case ARPHRD_ETHER: return FB_IFT_ETHER;
	case ARPHRD_LOOPBACK: return FB_IFT_LOOP;
	case ARPHRD_PPP: return FB_IFT_PPP;
	case ARPHRD_IEEE80211: return FB_IFT_IEEE80211;
	case ARPHRD_INFINIBAND: return FB_IFT_INFINIBAND;
	case ARPHRD_TUNNEL: case ARPHRD_TUNNEL6: case ARPHRD_SIT: case ARPHRD_IPGRE:
		return FB_IFT_TUNNEL;
	default: return FB_IFT_OTHER;
	}
}

/* The link-level address FreeBSD gives an interface: none for a loopback or an all-zero one. */
static unsigned link_alen(const struct link *l)
{
	if (l->arptype == ARPHRD_LOOPBACK)
		return 0;
	for (unsigned i = 0; i < l->alen; i++)
		if (l->addr[i])
			return l->alen;
	return 0;
}

/* SA_SIZE of sys/net/route.h: a sockaddr's room in a message, rounded to a long. */
static size_t sa_size(size_t len)
{
	return len ? (len + 7) & ~(size_t)7 : 8;
}

/* An interface's sockaddr_dl, as if_attach makes it: room for any name and its address. */
static void put_link_sa(struct buf *b, const struct link *l, const unsigned char *addr,
			unsigned alen, int named)
{
	size_t n = named ? strnlen(l->name, sizeof l->name) : 0;
	size_t len = named ? offsetof(struct fb_sockaddr_dl, data) + IFNAMSIZ + alen : 0;
	if (len < sizeof(struct fb_sockaddr_dl))
		len = sizeof(struct fb_sockaddr_dl);
	if (named)
		len = (len + 7) & ~(size_t)7;
	struct fb_sockaddr_dl *sdl = buf_grow(b, sa_size(len));
	if (!sdl)
		return;
	sdl->len = (uint8_t)len;
	sdl->family = FB_AF_LINK;
	sdl->index = (uint16_t)l->index;
	sdl->type = if_type(l->arptype);
	sdl->nlen = (uint8_t)n;
	sdl->alen = (uint8_t)alen;
	memcpy(sdl->data, l->name, n);
	memcpy(sdl->data + n, addr, alen);
}

static void put_inet_sa(struct buf *b, int family, const unsigned char *a, int index)
{
	if (family == AF_INET) {
		unsigned char *s = buf_grow(b, sa_size(16));
		if (!s)
			return;
		s[0] = 16;
		s[1] = FB_AF_INET;
		memcpy(s + 4, a, 4);
	} else {
		unsigned char *s = buf_grow(b, sa_size(28));
		if (!s)
			return;
		s[0] = 28;
		s[1] = FB_AF_INET6;
		memcpy(s + 8, a, 16);
		/* a link-local address carries its zone in sin6_scope_id (deembed_scopeid) */
		if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
			memcpy(s + 24, &index, 4);
	}
}

static void put_mask_sa(struct buf *b, int family, unsigned prefixlen)
{
	unsigned char m[16] = {0};
	for (unsigned i = 0; i < prefixlen && i < 128; i++)
		m[i / 8] |= (unsigned char)(0x80 >> (i % 8));
	put_inet_sa(b, family, m, 0);
}

/* Start a message of hdrlen bytes; end_msg pads it to a long and fills in its head. */
static size_t begin_msg(struct buf *b, size_t hdrlen)
{
	size_t at = b->len;
	buf_grow(b, hdrlen);
	return at;
}

static void end_msg(struct buf *b, size_t at, int type, int addrs, int flags, int index)
{
	size_t len = (b->len - at + 7) & ~(size_t)7;
	buf_grow(b, at + len - b->len);
	if (b->err)
		return;
	struct fb_msghdr *h = (struct fb_msghdr *)(b->p + at);
	h->msglen = (uint16_t)len;
	h->version = FB_RTM_VERSION;
	h->type = (uint8_t)type;
	h->addrs = addrs;
	h->flags = flags;
	h->index = (uint16_t)index;
}

static void fill_if_data(struct fb_if_data *d, const struct link *l)
{
	d->type = if_type(l->arptype);
	d->addrlen = (uint8_t)link_alen(l);
	d->hdrlen = l->arptype == ARPHRD_ETHER ? 14 : 0;
	d->link_state = l->operstate == IF_OPER_UP ? FB_LINK_STATE_UP
			: l->operstate == IF_OPER_DOWN || l->operstate == IF_OPER_LOWERLAYERDOWN
			? FB_LINK_STATE_DOWN
			: FB_LINK_STATE_UNKNOWN;
	d->datalen = sizeof *d;
	d->mtu = l->mtu;
	d->ipackets = l->stats.rx_packets;
	d->ierrors = l->stats.rx_errors;
	d->opackets = l->stats.tx_packets;
	d->oerrors = l->stats.tx_errors;
	d->collisions = l->stats.collisions;
	d->ibytes = l->stats.rx_bytes;
	d->obytes = l->stats.tx_bytes;
	d->imcasts = l->stats.multicast;
	d->iqdrops = l->stats.rx_dropped;
	d->oqdrops = l->stats.tx_dropped;
}

/* IFF_* bits: the same up to IFF_ALLMULTI, but for 0x20 (Linux's NOTRAILERS, FreeBSD's
 * kernel-internal NEEDSEPOCH); FreeBSD's IFF_DRV_RUNNING is Linux's IFF_RUNNING. */
static int if_flags(unsigned host)
{
	return (int)(host & (IFF_UP | IFF_BROADCAST | IFF_DEBUG | IFF_LOOPBACK | IFF_POINTOPOINT |
			     IFF_RUNNING | IFF_NOARP | IFF_PROMISC | IFF_ALLMULTI)) |
	       (host & IFF_MULTICAST ? FB_IFF_MULTICAST : 0);
}

/* sysctl_iflist: per interface an RTM_IFINFO message with its sockaddr_dl, then an RTM_NEWADDR
 * for each of its addresses of family af (0: all). */
static void iflist(struct buf *out, const struct buf *links, const struct buf *addrs, int af,
		   int index, int longform)
{
	const struct link *l = (const struct link *)links->p, *lend = l + links->len / sizeof *l;
	const struct addr *aend = (const struct addr *)(addrs->p + addrs->len);
	for (; l < lend; l++) {
		if (index && index != l->index)
			continue;
		size_t at = begin_msg(out, longform ? sizeof(struct fb_if_msghdrl)
						    : sizeof(struct fb_if_msghdr));
		put_link_sa(out, l, l->addr, link_alen(l), 1);
		end_msg(out, at, FB_RTM_IFINFO, 1 << FB_RTAX_IFP, if_flags(l->flags), l->index);
		if (out->err)
			return;
		if (longform) {
			struct fb_if_msghdrl *m = (struct fb_if_msghdrl *)(out->p + at);
			m->len = sizeof *m;
			m->data_off = offsetof(struct fb_if_msghdrl, data);
			fill_if_data(&m->data, l);
		} else {
			fill_if_data(&((struct fb_if_msghdr *)(out->p + at))->data, l);
		}
		for (const struct addr *a = (const struct addr *)addrs->p; a < aend; a++) {
			int fam = a->family == AF_INET ? FB_AF_INET : FB_AF_INET6;
			if (a->index != l->index || !a->has_local || (af && af != fam))
				continue;
			at = begin_msg(out, longform ? sizeof(struct fb_ifa_msghdrl)
						     : sizeof(struct fb_ifa_msghdr));
			put_mask_sa(out, a->family, a->prefixlen);
			put_inet_sa(out, a->family, a->local, l->index);
			int which = 1 << FB_RTAX_NETMASK | 1 << FB_RTAX_IFA;
			/* RTAX_BRD is ifa_dstaddr: the broadcast address, or a p2p peer */
			if (a->has_peer || a->has_brd) {
				put_inet_sa(out, a->family, a->has_peer ? a->address : a->brd,
					    l->index);
				which |= 1 << FB_RTAX_BRD;
			}
			end_msg(out, at, FB_RTM_NEWADDR, which, 0, l->index);
			if (out->err)
				return;
			if (longform) {
				struct fb_ifa_msghdrl *m = (struct fb_ifa_msghdrl *)(out->p + at);
				m->len = sizeof *m;
				m->data_off = offsetof(struct fb_ifa_msghdrl, data);
				m->data.datalen = sizeof m->data;
			}
		}
	}
}

/* A whole small file into b. */
static long read_file(struct buf *b, const char *path)
{
	long fd = raw3(SYS_open, path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return fd;
	long r;
	for (;;) {
		char *p = buf_grow(b, 4096);
		if (!p) {
			r = b->err;
			break;
		}
		r = raw3(SYS_read, fd, p, 4096);
		b->len -= 4096 - (size_t)(r > 0 ? r : 0);
		if (r <= 0)
			break;
	}
	raw1(SYS_close, fd);
	return r;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Whitespace-separated words of a line: the next one, its end at *p. */
static const char *word(const char **p, const char *end, size_t *n)
{
	const char *s = *p;
	while (s < end && (*s == ' ' || *s == '\t' || *s == ':'))
		s++;
	const char *e = s;
	while (e < end && *e != ' ' && *e != '\t' && *e != '\n')
		e++;
	*p = e;
	*n = (size_t)(e - s);
	return s;
}

static int hexbytes(unsigned char *out, const char *s, size_t n)
{
	for (size_t i = 0; i + 1 < n; i += 2) {
		int hi = hexval(s[i]), lo = hexval(s[i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i / 2] = (unsigned char)(hi << 4 | lo);
	}
	return (int)(n / 2);
}

static long decimal(const char *s, size_t n)
{
	long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + s[i] - '0';
	}
	return n ? v : -1;
}

static void put_ifma(struct buf *out, const struct link *l, int family, const unsigned char *group)
{
	size_t at = begin_msg(out, sizeof(struct fb_msghdr));
	int which = 1 << FB_RTAX_IFP | 1 << FB_RTAX_IFA;
	/* the link-layer group an IP group maps to on Ethernet (ether_resolvemulti) */
	if (family != AF_PACKET && l->arptype == ARPHRD_ETHER) {
		unsigned char mac[6] = {0x01, 0x00, 0x5e, group[1] & 0x7f, group[2], group[3]};
		if (family == AF_INET6) {
			mac[0] = mac[1] = 0x33;
			memcpy(mac + 2, group + 12, 4);
		}
		put_link_sa(out, l, mac, 6, 0);
		which |= 1 << FB_RTAX_GATEWAY;
	}
	put_link_sa(out, l, l->addr, link_alen(l), 1);
	if (family == AF_PACKET)
		put_link_sa(out, l, group, 6, 0);
	else
		put_inet_sa(out, family, group, l->index);
	end_msg(out, at, FB_RTM_NEWMADDR, which, 0, l->index);
}

static const struct link *link_by_index(const struct buf *links, long index)
{
	const struct link *l = (const struct link *)links->p, *lend = l + links->len / sizeof *l;
	for (; l < lend; l++)
		if (l->index == index)
			return l;
	return 0;
}

/* sysctl_ifmalist: an RTM_NEWMADDR for each multicast group an interface belongs to, from
 * /proc/net/igmp (IPv4: "IDX NAME: ..." lines, then the groups as hex of the host's u32),
 * /proc/net/igmp6 ("IDX NAME GROUP ...") and /proc/net/dev_mcast (link-level groups: "IDX NAME
 * USERS GLOBAL GROUP"). */
static void ifmalist(struct buf *out, const struct buf *links, int af, int index)
{
	static const struct {
		const char *path;
		int family, fb_af;
	} lists[] = {
		{"/proc/net/igmp", AF_INET, FB_AF_INET},
		{"/proc/net/igmp6", AF_INET6, FB_AF_INET6},
		{"/proc/net/dev_mcast", AF_PACKET, FB_AF_LINK},
	};
	for (unsigned i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		if (af && af != lists[i].fb_af)
			continue;
		struct buf text = {0};
		read_file(&text, lists[i].path);
		const char *s = text.p, *end = text.p + text.len;
		const struct link *cur = 0;
		while (s && s < end) {
			const char *nl = s;
			while (nl < end && *nl != '\n')
				nl++;
			const char *p = s;
			size_t n, n2, n3;
			const char *w = word(&p, nl, &n);
			if (lists[i].family == AF_INET) {
				if (s[0] != '\t' && s[0] != ' ') { /* interface or heading */
					cur = link_by_index(links, decimal(w, n));
				} else if (cur && n == 8 && (!index || index == cur->index)) {
					unsigned char b[4];
					hexbytes(b, w, 8);
					unsigned char g[4] = {b[3], b[2], b[1], b[0]};
					put_ifma(out, cur, AF_INET, g);
				}
			} else {
				const struct link *l = link_by_index(links, decimal(w, n));
				word(&p, nl, &n2); /* the name */
				if (lists[i].family == AF_PACKET) { /* then users and global use */
					word(&p, nl, &n2);
					word(&p, nl, &n2);
				}
				w = word(&p, nl, &n3);
				unsigned char g[16];
				size_t want = lists[i].family == AF_INET6 ? 32 : 12;
				if (l && (!index || index == l->index) && n3 == want &&
				    hexbytes(g, w, n3) > 0)
					put_ifma(out, l, lists[i].family, g);
			}
			s = nl + 1;
		}
		buf_free(&text);
	}
}

/* net.route.0.AF.OP.ARG (name holds 0, AF, OP, ARG): the dump as the sysctl's value, in a
 * buffer of mmap'd memory for the caller to hand over and free with freebsd_rtsock_free. */
long freebsd_rtsock_sysctl(struct trap *tr, const int *name, unsigned namelen, char **value,
			   size_t *cap)
{
	*value = 0;
	if (namelen != 4)
		return namelen < 4 ? -EISDIR : -ENOTDIR;
	int af = name[1], op = name[2], arg = name[3];
	if (op != FB_NET_RT_IFLIST && op != FB_NET_RT_IFLISTL && op != FB_NET_RT_IFMALIST) {
		diag_not_implemented(tr, "net.route dumps other than NET_RT_IFLIST, NET_RT_IFLISTL "
					 "and NET_RT_IFMALIST");
		return -EOPNOTSUPP;
	}
	struct buf links = {0}, addrs = {0}, out = {0};
	long r = netlink_dump(RTM_GETLINK, take_link, &links);
	if (r == 0 && op != FB_NET_RT_IFMALIST)
		r = netlink_dump(RTM_GETADDR, take_addr, &addrs);
	if (r == 0) {
		if (op == FB_NET_RT_IFMALIST)
			ifmalist(&out, &links, af, arg);
		else
			iflist(&out, &links, &addrs, af, arg, op == FB_NET_RT_IFLISTL);
		r = links.err ? links.err : addrs.err ? addrs.err : out.err;
	}
	buf_free(&links);
	buf_free(&addrs);
	if (r < 0) {
		buf_free(&out);
		return r;
	}
	*value = out.p;
	*cap = out.cap;
	return (long)out.len;
}

void freebsd_rtsock_free(char *value, size_t cap)
{
	if (value)
		raw2(SYS_munmap, value, cap);
}
