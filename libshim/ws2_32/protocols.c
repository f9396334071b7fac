/* WSAEnumProtocolsW: the transport providers, as a Windows with only Microsoft's base TCP/IP
 * provider ("MSAFD Tcpip") lists them: TCP and UDP over IPv4 and IPv6. Every socket is a real
 * handle, so each says XP1_IFS_HANDLES (Go and others check it before using
 * SetFileCompletionNotificationModes). */
#include <string.h>
#include "ws2.h"

#define MAX_PROTOCOL_CHAIN 7
#define WSAPROTOCOL_LEN 255

typedef struct {
	DWORD dwServiceFlags1, dwServiceFlags2, dwServiceFlags3, dwServiceFlags4;
	DWORD dwProviderFlags;
	GUID ProviderId;
	DWORD dwCatalogEntryId;
	struct {
		int ChainLen;
		DWORD ChainEntries[MAX_PROTOCOL_CHAIN];
	} ProtocolChain;
	int iVersion, iAddressFamily, iMaxSockAddr, iMinSockAddr, iSocketType, iProtocol;
	int iProtocolMaxOffset, iNetworkByteOrder, iSecurityScheme;
	DWORD dwMessageSize, dwProviderReserved;
	WCHAR szProtocol[WSAPROTOCOL_LEN + 1];
} WSAPROTOCOL_INFOW;
_Static_assert(offsetof(WSAPROTOCOL_INFOW, iAddressFamily) == 0x4c, "iAddressFamily");
_Static_assert(sizeof(WSAPROTOCOL_INFOW) == 628, "WSAPROTOCOL_INFOW");

#define XP1_CONNECTIONLESS 0x1
#define XP1_GUARANTEED_DELIVERY 0x2
#define XP1_GUARANTEED_ORDER 0x4
#define XP1_MESSAGE_ORIENTED 0x8
#define XP1_GRACEFUL_CLOSE 0x20
#define XP1_EXPEDITED_DATA 0x40
#define XP1_SUPPORT_BROADCAST 0x200
#define XP1_SUPPORT_MULTIPOINT 0x400
#define XP1_IFS_HANDLES 0x20000
#define PFL_MATCHES_PROTOCOL_ZERO 0x8
#define BASE_PROTOCOL 1

static const struct {
	int af, type, protocol, addr_len;
	DWORD flags, message_size;
	const char *name;
} providers[] = {
	{ WS_AF_INET, SOCK_STREAM, 6, 16,
	  XP1_GUARANTEED_DELIVERY | XP1_GUARANTEED_ORDER | XP1_GRACEFUL_CLOSE | XP1_EXPEDITED_DATA,
	  0, "MSAFD Tcpip [TCP/IP]" },
	{ WS_AF_INET, SOCK_DGRAM, 17, 16,
	  XP1_CONNECTIONLESS | XP1_MESSAGE_ORIENTED | XP1_SUPPORT_BROADCAST | XP1_SUPPORT_MULTIPOINT,
	  65507, "MSAFD Tcpip [UDP/IP]" },
	{ WS_AF_INET6, SOCK_STREAM, 6, 28,
	  XP1_GUARANTEED_DELIVERY | XP1_GUARANTEED_ORDER | XP1_GRACEFUL_CLOSE | XP1_EXPEDITED_DATA,
	  0, "MSAFD Tcpip [TCP/IPv6]" },
	{ WS_AF_INET6, SOCK_DGRAM, 17, 28,
	  XP1_CONNECTIONLESS | XP1_MESSAGE_ORIENTED | XP1_SUPPORT_BROADCAST | XP1_SUPPORT_MULTIPOINT,
	  65527, "MSAFD Tcpip [UDP/IPv6]" },
};

static const GUID msafd_tcpip = { 0xe70f1aa0, 0xab8b, 0x11cf,
				  { 0x8c, 0xa3, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } };

static int wanted(const int *protocols, int protocol)
{
	if (!protocols)
		return 1;
	for (; *protocols; protocols++)
		if (*protocols == protocol)
			return 1;
	return 0;
}

WINAPI int ws2_32_WSAEnumProtocolsW(const int *protocols, WSAPROTOCOL_INFOW *out, DWORD *len)
{
	if (!len)
		return ws_fail(WSAEFAULT);
	int n = 0;
	for (size_t i = 0; i < sizeof providers / sizeof *providers; i++)
		n += wanted(protocols, providers[i].protocol);
	if (!out || *len < n * sizeof *out) {
		*len = (DWORD)(n * sizeof *out);
		return ws_fail(WSAENOBUFS);
	}
	int k = 0;
	for (size_t i = 0; i < sizeof providers / sizeof *providers; i++) {
		if (!wanted(protocols, providers[i].protocol))
			continue;
		WSAPROTOCOL_INFOW *p = &out[k++];
		memset(p, 0, sizeof *p);
		p->dwServiceFlags1 = providers[i].flags | XP1_IFS_HANDLES;
		p->dwProviderFlags = PFL_MATCHES_PROTOCOL_ZERO;
		p->ProviderId = msafd_tcpip;
		p->dwCatalogEntryId = 1001 + (DWORD)i;
		p->ProtocolChain.ChainLen = BASE_PROTOCOL;
		p->iVersion = 2;
		p->iAddressFamily = providers[i].af;
		p->iMaxSockAddr = p->iMinSockAddr = providers[i].addr_len;
		p->iSocketType = providers[i].type;
		p->iProtocol = providers[i].protocol;
		p->dwMessageSize = providers[i].message_size;
		for (int c = 0; providers[i].name[c]; c++)
			p->szProtocol[c] = (WCHAR)providers[i].name[c];
	}
	return n;
}
