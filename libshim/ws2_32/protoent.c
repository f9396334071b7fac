/* getprotobyname/getprotobynumber: the entries of Windows' own protocol file
 * (%SystemRoot%\system32\drivers\etc\protocol), in winsock's PROTOENT layout, kept per thread
 * as Windows does. */
#include <strings.h>
#include "ws2.h"

typedef struct {
	const char *p_name;
	const char *const *p_aliases;
	short p_proto;
} PROTOENT;

#define ALIAS(name, upper) static const char *const name[] = { upper, 0 }
ALIAS(ip, "IP");
ALIAS(icmp, "ICMP");
ALIAS(ggp, "GGP");
ALIAS(tcp, "TCP");
ALIAS(egp, "EGP");
ALIAS(pup, "PUP");
ALIAS(udp, "UDP");
ALIAS(hmp, "HMP");
ALIAS(xns, "XNS-IDP");
ALIAS(rdp, "RDP");
ALIAS(ipv6, "IPv6");
ALIAS(route, "IPv6-Route");
ALIAS(frag, "IPv6-Frag");
ALIAS(esp, "ESP");
ALIAS(ah, "AH");
ALIAS(icmp6, "IPv6-ICMP");
ALIAS(nonxt, "IPv6-NoNxt");
ALIAS(opts, "IPv6-Opts");
ALIAS(rvd, "RVD");

static const PROTOENT table[] = {
	{ "ip", ip, 0 },           { "icmp", icmp, 1 },        { "ggp", ggp, 3 },
	{ "tcp", tcp, 6 },         { "egp", egp, 8 },          { "pup", pup, 12 },
	{ "udp", udp, 17 },        { "hmp", hmp, 20 },         { "xns-idp", xns, 22 },
	{ "rdp", rdp, 27 },        { "ipv6", ipv6, 41 },       { "ipv6-route", route, 43 },
	{ "ipv6-frag", frag, 44 }, { "esp", esp, 50 },         { "ah", ah, 51 },
	{ "ipv6-icmp", icmp6, 58 }, { "ipv6-nonxt", nonxt, 59 }, { "ipv6-opts", opts, 60 },
	{ "rvd", rvd, 66 },
};

static PROTOENT *found(const PROTOENT *p)
{
	static _Thread_local PROTOENT copy;
	copy = *p;
	return &copy;
}

/* Names and aliases match without regard to case, as in Windows' lookup. */
WINAPI PROTOENT *ws2_32_getprotobyname(const char *name)
{
	for (size_t i = 0; name && i < sizeof table / sizeof *table; i++)
		if (!strcasecmp(name, table[i].p_name) || !strcasecmp(name, table[i].p_aliases[0]))
			return found(&table[i]);
	win_set_last_error(WSANO_DATA);
	return 0;
}

WINAPI PROTOENT *ws2_32_getprotobynumber(int proto)
{
	for (size_t i = 0; i < sizeof table / sizeof *table; i++)
		if (table[i].p_proto == proto)
			return found(&table[i]);
	win_set_last_error(WSANO_DATA);
	return 0;
}
