/* GetAdaptersAddresses: the host's interfaces (getifaddrs) as IP_ADAPTER_ADDRESSES_LH records
 * (iptypes.h), laid out in the caller's buffer: per interface its index, name, MAC address, MTU,
 * type (loopback or Ethernet), state, and its IPv4/IPv6 addresses with their on-link prefix
 * lengths (and, with GAA_FLAG_INCLUDE_PREFIX, their prefixes), and the multicast groups it has
 * joined (/proc/net/igmp, /proc/net/igmp6). Adapter and friendly names are the host's ("lo",
 * "eth0"), not Windows' GUIDs and "Ethernet"; anycast and DNS server lists are empty; gateways and
 * WINS servers are not implemented. */
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netpacket/packet.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "../ntdll/unicode.h"
#include "../ws2_32/ws2.h"

#define ERROR_BUFFER_OVERFLOW 111
#define ERROR_NO_DATA 232
#define ERROR_ADDRESS_NOT_ASSOCIATED 1228

#define GAA_FLAG_SKIP_UNICAST 0x1
#define GAA_FLAG_SKIP_MULTICAST 0x4
#define GAA_FLAG_SKIP_FRIENDLY_NAME 0x20
#define GAA_FLAG_INCLUDE_PREFIX 0x10
#define GAA_FLAG_INCLUDE_WINS_INFO 0x40
#define GAA_FLAG_INCLUDE_GATEWAYS 0x80

#define IF_TYPE_ETHERNET_CSMACD 6
#define IF_TYPE_SOFTWARE_LOOPBACK 24
#define IF_OPER_UP 1
#define IF_OPER_DOWN 2
#define IP_ADAPTER_IPV4_ENABLED 0x80
#define IP_ADAPTER_IPV6_ENABLED 0x100
#define IP_ADAPTER_ADDRESS_DNS_ELIGIBLE 0x1
#define ORIGIN_MANUAL 1
#define ORIGIN_WELL_KNOWN 2
#define DAD_PREFERRED 4

typedef struct {
	void *lpSockaddr;
	INT iSockaddrLength;
} SOCKET_ADDRESS;

typedef struct unicast {
	ULONG Length;
	DWORD Flags;
	struct unicast *Next;
	SOCKET_ADDRESS Address;
	INT PrefixOrigin, SuffixOrigin, DadState;
	ULONG ValidLifetime, PreferredLifetime, LeaseLifetime;
	BYTE OnLinkPrefixLength;
} UNICAST;
_Static_assert(sizeof(UNICAST) == 64 && offsetof(UNICAST, OnLinkPrefixLength) == 56, "unicast");

typedef struct prefix {
	ULONG Length;
	DWORD Flags;
	struct prefix *Next;
	SOCKET_ADDRESS Address;
	ULONG PrefixLength;
} PREFIX;
_Static_assert(sizeof(PREFIX) == 40, "prefix");

typedef struct multicast {
	ULONG Length;
	DWORD Flags;
	struct multicast *Next;
	SOCKET_ADDRESS Address;
} MULTICAST;
_Static_assert(sizeof(MULTICAST) == 32, "multicast");

typedef struct adapter {
	ULONG Length;
	DWORD IfIndex;
	struct adapter *Next;
	char *AdapterName;
	UNICAST *FirstUnicastAddress;
	void *FirstAnycastAddress;
	MULTICAST *FirstMulticastAddress;
	void *FirstDnsServerAddress;
	WCHAR *DnsSuffix, *Description, *FriendlyName;
	BYTE PhysicalAddress[8];
	ULONG PhysicalAddressLength;
	ULONG Flags;
	ULONG Mtu;
	DWORD IfType;
	INT OperStatus;
	DWORD Ipv6IfIndex;
	ULONG ZoneIndices[16];
	PREFIX *FirstPrefix;
	ULONGLONG TransmitLinkSpeed, ReceiveLinkSpeed;
	void *FirstWinsServerAddress, *FirstGatewayAddress;
	ULONG Ipv4Metric, Ipv6Metric;
	ULONGLONG Luid;
	SOCKET_ADDRESS Dhcpv4Server;
	DWORD CompartmentId;
	GUID NetworkGuid;
	INT ConnectionType, TunnelType;
	SOCKET_ADDRESS Dhcpv6Server;
	BYTE Dhcpv6ClientDuid[130];
	ULONG Dhcpv6ClientDuidLength, Dhcpv6Iaid;
	void *FirstDnsSuffix;
} ADAPTER;
_Static_assert(sizeof(ADAPTER) == 448, "IP_ADAPTER_ADDRESSES_LH");
_Static_assert(offsetof(ADAPTER, FirstPrefix) == 176, "FirstPrefix");
_Static_assert(offsetof(ADAPTER, Luid) == 224, "Luid");
_Static_assert(offsetof(ADAPTER, FirstDnsSuffix) == 440, "FirstDnsSuffix");

/* Space taken from the caller's buffer, 8-byte aligned; only counted when it does not fit. */
struct arena {
	char *base;
	size_t used, cap;
};

static void *take(struct arena *a, size_t n)
{
	size_t at = (a->used + 7) & ~(size_t)7;
	a->used = at + n;
	if (a->used > a->cap)
		return 0;
	memset(a->base + at, 0, n);
	return a->base + at;
}

static WCHAR *wide(struct arena *a, const char *s)
{
	size_t n = utf8_to_utf16(s, -1, 0, 0);
	WCHAR *w = take(a, n * sizeof(WCHAR));
	if (w)
		utf8_to_utf16(s, -1, w, n);
	return w;
}

static int prefix_len(const struct sockaddr *mask)
{
	const BYTE *b = mask->sa_family == AF_INET
				? (const BYTE *)&((const struct sockaddr_in *)mask)->sin_addr
				: (const BYTE *)&((const struct sockaddr_in6 *)mask)->sin6_addr;
	int n = mask->sa_family == AF_INET ? 4 : 16, len = 0;
	for (int i = 0; i < n; i++)
		len += __builtin_popcount(b[i]);
	return len;
}

/* A copy of a host address in Windows' form, its bits past the first `bits` cleared (or set:
 * a broadcast address). */
static SOCKET_ADDRESS win_addr(struct arena *a, const struct sockaddr *h, int bits, int set)
{
	socklen_t n = h->sa_family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
	int len = (int)n;
	char *w = take(a, n);
	if (!w)
		return (SOCKET_ADDRESS){ 0, len };
	ws_addr_from_host(h, n, w, &len);
	BYTE *ip = h->sa_family == AF_INET ? (BYTE *)&((struct sockaddr_in *)w)->sin_addr
					   : (BYTE *)&((struct sockaddr_in6 *)w)->sin6_addr;
	int width = h->sa_family == AF_INET ? 32 : 128;
	for (int i = bits; i < width; i++)
		if (set)
			ip[i / 8] |= (BYTE)(0x80 >> (i % 8));
		else
			ip[i / 8] &= (BYTE)~(0x80 >> (i % 8));
	return (SOCKET_ADDRESS){ w, len };
}

static int wanted(const struct sockaddr *sa, int family)
{
	if (!sa || (sa->sa_family != AF_INET && sa->sa_family != AF_INET6))
		return 0;
	return family == WS_AF_UNSPEC || ws_family_from_host(sa->sa_family) == family;
}

/* Append a multicast group to *next (when there is room). */
static MULTICAST **add_group(struct arena *a, MULTICAST **next, const struct sockaddr *group)
{
	MULTICAST *m = take(a, sizeof *m);
	SOCKET_ADDRESS sa = win_addr(a, group, 128, 0);
	if (!m || !next)
		return next;
	*m = (MULTICAST){ .Length = sizeof *m, .Address = sa };
	*next = m;
	return &m->Next;
}

/* The groups interface `name` has joined: /proc/net/igmp lists a device line ("1 lo : ...")
 * followed by its groups (the address in hex, as the kernel's 32-bit word prints), igmp6 one
 * line per group ("1 lo ff02...01 ..."). */
static void groups(struct arena *a, MULTICAST **next, const char *name, int family)
{
	char line[256], dev[64], hex[40];
	FILE *f = family != WS_AF_INET6 ? fopen("/proc/net/igmp", "re") : 0;
	int mine = 0;
	while (f && fgets(line, sizeof line, f)) {
		unsigned idx, word;
		if (sscanf(line, "%u %63s", &idx, dev) == 2) {
			mine = !strcmp(dev, name);
		} else if (mine && sscanf(line, " %8x", &word) == 1) {
			struct sockaddr_in in = { .sin_family = AF_INET };
			memcpy(&in.sin_addr, &word, 4);
			next = add_group(a, next, (struct sockaddr *)&in);
		}
	}
	if (f)
		fclose(f);
	f = family != WS_AF_INET ? fopen("/proc/net/igmp6", "re") : 0;
	while (f && fgets(line, sizeof line, f)) {
		unsigned idx;
		if (sscanf(line, "%u %63s %32s", &idx, dev, hex) != 3 || strcmp(dev, name) ||
		    strlen(hex) != 32)
			continue;
		struct sockaddr_in6 in6 = { .sin6_family = AF_INET6 };
		for (int i = 0; i < 16; i++)
			sscanf(hex + 2 * i, "%2hhx", &in6.sin6_addr.s6_addr[i]);
		next = add_group(a, next, (struct sockaddr *)&in6);
	}
	if (f)
		fclose(f);
}

/* One interface's record, its addresses and their prefixes. */
static ADAPTER *adapter(struct arena *a, struct ifaddrs *all, const char *name, int family,
			ULONG flags)
{
	ADAPTER *ad = take(a, sizeof *ad);
	UNICAST **next_u = ad ? &ad->FirstUnicastAddress : 0;
	PREFIX **next_p = ad ? &ad->FirstPrefix : 0;
	int loopback = 0, up = 0, v4 = 0, v6 = 0;
	for (struct ifaddrs *i = all; i; i = i->ifa_next) {
		if (strcmp(i->ifa_name, name))
			continue;
		loopback |= !!(i->ifa_flags & IFF_LOOPBACK);
		up |= (i->ifa_flags & (IFF_UP | IFF_RUNNING)) == (IFF_UP | IFF_RUNNING);
		if (ad && i->ifa_addr && i->ifa_addr->sa_family == AF_PACKET) {
			const struct sockaddr_ll *ll = (const struct sockaddr_ll *)i->ifa_addr;
			ad->PhysicalAddressLength = ll->sll_halen <= 8 ? ll->sll_halen : 0;
			memcpy(ad->PhysicalAddress, ll->sll_addr, ad->PhysicalAddressLength);
		}
		if (!wanted(i->ifa_addr, family))
			continue;
		v4 |= i->ifa_addr->sa_family == AF_INET;
		v6 |= i->ifa_addr->sa_family == AF_INET6;
		int bits = i->ifa_netmask ? prefix_len(i->ifa_netmask) : 0;
		if (!(flags & GAA_FLAG_SKIP_UNICAST)) {
			UNICAST *u = take(a, sizeof *u);
			SOCKET_ADDRESS sa = win_addr(a, i->ifa_addr, 128, 0);
			if (u && next_u) {
				int origin = i->ifa_flags & IFF_LOOPBACK ? ORIGIN_WELL_KNOWN : ORIGIN_MANUAL;
				*u = (UNICAST){ .Length = sizeof *u, .Address = sa,
						.Flags = origin == ORIGIN_MANUAL ? IP_ADAPTER_ADDRESS_DNS_ELIGIBLE : 0,
						.PrefixOrigin = origin, .SuffixOrigin = origin,
						.DadState = DAD_PREFERRED, .ValidLifetime = 0xffffffff,
						.PreferredLifetime = 0xffffffff, .LeaseLifetime = 0xffffffff,
						.OnLinkPrefixLength = (BYTE)bits };
				*next_u = u;
				next_u = &u->Next;
			}
		}
		/* Microsoft documents three prefixes per IPv4 address (its subnet, the host address and
		 * the subnet's broadcast address); an IPv6 address gives its subnet. */
		int v4addr = i->ifa_addr->sa_family == AF_INET;
		for (int k = 0; (flags & GAA_FLAG_INCLUDE_PREFIX) && k < (v4addr ? 3 : 1); k++) {
			PREFIX *p = take(a, sizeof *p);
			int plen = k == 0 ? bits : 32;
			SOCKET_ADDRESS sa = win_addr(a, i->ifa_addr, k == 1 ? 32 : bits, k == 2);
			if (p && next_p) {
				*p = (PREFIX){ .Length = sizeof *p, .Address = sa, .PrefixLength = (ULONG)plen };
				*next_p = p;
				next_p = &p->Next;
			}
		}
	}
	if (!(flags & GAA_FLAG_SKIP_MULTICAST))
		groups(a, ad ? &ad->FirstMulticastAddress : 0, name, family);
	char *aname = take(a, strlen(name) + 1);
	WCHAR *dns = wide(a, ""), *friendly = wide(a, flags & GAA_FLAG_SKIP_FRIENDLY_NAME ? "" : name);
	WCHAR *desc = wide(a, name);
	if (!ad || !aname || !dns || !friendly || !desc)
		return 0;
	strcpy(aname, name);
	struct ifreq ifr = { 0 };
	snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", name);
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ad->Mtu = s >= 0 && !ioctl(s, SIOCGIFMTU, &ifr) ? (ULONG)ifr.ifr_mtu : 0xffffffff;
	if (s >= 0)
		close(s);
	ad->Length = sizeof *ad;
	ad->IfIndex = ad->Ipv6IfIndex = if_nametoindex(name);
	ad->AdapterName = aname;
	ad->DnsSuffix = dns;
	ad->Description = desc;
	ad->FriendlyName = friendly;
	ad->Flags = (v4 ? IP_ADAPTER_IPV4_ENABLED : 0) | (v6 ? IP_ADAPTER_IPV6_ENABLED : 0);
	ad->IfType = loopback ? IF_TYPE_SOFTWARE_LOOPBACK : IF_TYPE_ETHERNET_CSMACD;
	if (loopback)
		ad->PhysicalAddressLength = 0; /* Windows' loopback has none (the host's is zeros) */
	ad->OperStatus = up ? IF_OPER_UP : IF_OPER_DOWN;
	ad->Luid = (ULONGLONG)ad->IfType << 48 | ad->IfIndex;
	ad->ConnectionType = 1; /* NET_IF_CONNECTION_DEDICATED */
	ad->TunnelType = 0;
	ad->CompartmentId = 1;
	return ad;
}

/* Has an interface of this name come earlier in the list? */
static int seen_before(struct ifaddrs *all, struct ifaddrs *upto)
{
	for (struct ifaddrs *i = all; i != upto; i = i->ifa_next)
		if (!strcmp(i->ifa_name, upto->ifa_name))
			return 1;
	return 0;
}

WINAPI ULONG iphlpapi_GetAdaptersAddresses(ULONG family, ULONG flags, void *reserved,
					   ADAPTER *out, ULONG *size)
{
	(void)reserved;
	if (!size || (family != WS_AF_UNSPEC && family != WS_AF_INET && family != WS_AF_INET6))
		return ERROR_INVALID_PARAMETER;
	if (flags & (GAA_FLAG_INCLUDE_GATEWAYS | GAA_FLAG_INCLUDE_WINS_INFO)) {
		fprintf(stderr, "xabi: iphlpapi!GetAdaptersAddresses with gateways or WINS servers "
				"is not implemented\n");
		return ERROR_NOT_SUPPORTED;
	}
	struct ifaddrs *all;
	if (getifaddrs(&all) < 0)
		return win_error_from_errno(errno);
	struct arena a = { (char *)out, 0, out ? *size : 0 };
	ADAPTER *head = 0, **tail = &head;
	int n = 0;
	for (struct ifaddrs *i = all; i; i = i->ifa_next) {
		if (seen_before(all, i))
			continue;
		ADAPTER *ad = adapter(&a, all, i->ifa_name, (int)family, flags);
		n++;
		if (ad) {
			*tail = ad;
			tail = &ad->Next;
		}
	}
	freeifaddrs(all);
	if (!n)
		return ERROR_NO_DATA;
	if (a.used > a.cap) {
		*size = (ULONG)a.used;
		return ERROR_BUFFER_OVERFLOW;
	}
	return ERROR_SUCCESS;
}
