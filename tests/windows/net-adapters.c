/* GetAdaptersAddresses as Microsoft documents it: asked with no buffer it fails with
 * ERROR_BUFFER_OVERFLOW and the size it needs; then every record has Length 448 (the
 * IP_ADAPTER_ADDRESSES_LH size), the list ends, and the loopback adapter (IfType
 * IF_TYPE_SOFTWARE_LOOPBACK) is up, has 127.0.0.1 with an on-link prefix of 8 bits and, with
 * GAA_FLAG_INCLUDE_PREFIX, the three prefixes Microsoft documents for an IPv4 address: its
 * subnet 127.0.0.0/8, the host 127.0.0.1/32 and the broadcast 127.255.255.255/32 (Wine 8 lists
 * none: its output differs there). argv[1], when given, is the loopback interface's index on the
 * host, which IfIndex must equal. */
#include <stdio.h>
#include <stdlib.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>

int main(int argc, char **argv)
{
	ULONG size = 0;
	ULONG r = GetAdaptersAddresses(AF_UNSPEC, GAA_FLAG_INCLUDE_PREFIX, NULL, NULL, &size);
	printf("no buffer: %lu, size given %d\n", r, size > 0);
	IP_ADAPTER_ADDRESSES *list = malloc(size);
	r = GetAdaptersAddresses(AF_UNSPEC, GAA_FLAG_INCLUDE_PREFIX, NULL, list, &size);
	printf("with the buffer: %lu\n", r);
	int n = 0, lengths = 1, loopbacks = 0;
	for (IP_ADAPTER_ADDRESSES *a = list; a && n < 100; a = a->Next, n++) {
		lengths &= a->Length == sizeof *a;
		if (a->IfType != IF_TYPE_SOFTWARE_LOOPBACK)
			continue;
		loopbacks++;
		printf("loopback: up %d, mtu set %d, index matches %d\n",
		       a->OperStatus == IfOperStatusUp, a->Mtu > 0,
		       argc < 2 || a->IfIndex == (IF_INDEX)atoi(argv[1]));
		for (IP_ADAPTER_UNICAST_ADDRESS *u = a->FirstUnicastAddress; u; u = u->Next) {
			struct sockaddr_in *in = (struct sockaddr_in *)u->Address.lpSockaddr;
			if (in->sin_family == AF_INET)
				printf("loopback unicast: %s/%d length %lu sockaddr length %d\n",
				       inet_ntoa(in->sin_addr), u->OnLinkPrefixLength, u->Length,
				       u->Address.iSockaddrLength);
		}
		for (IP_ADAPTER_PREFIX *p = a->FirstPrefix; p; p = p->Next) {
			struct sockaddr_in *in = (struct sockaddr_in *)p->Address.lpSockaddr;
			if (in->sin_family == AF_INET)
				printf("loopback prefix: %s/%lu\n", inet_ntoa(in->sin_addr), p->PrefixLength);
		}
	}
	printf("adapters: some %d, every Length 448 %d, loopbacks %d\n", n > 0, lengths, loopbacks);
	free(list);
	return 0;
}
