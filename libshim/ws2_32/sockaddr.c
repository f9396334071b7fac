/* Socket addresses across the boundary. Windows' SOCKADDR_IN and SOCKADDR_IN6 (ws2def.h,
 * ws2ipdef.h) have the host's layout (a 16-bit family, the port and addresses in network order,
 * sin6_flowinfo and sin6_scope_id where Linux has them); only AF_INET6's value differs (23).
 * AF_UNIX names are Windows paths (unixaddr.c). */
#include <netinet/in.h>
#include <string.h>
#include <sys/un.h>
#include "ws2.h"

int ws_family_to_host(int af)
{
	switch (af) {
	case WS_AF_UNSPEC: return AF_UNSPEC;
	case WS_AF_UNIX: return AF_UNIX;
	case WS_AF_INET: return AF_INET;
	case WS_AF_INET6: return AF_INET6;
	default: return -1;
	}
}

int ws_family_from_host(int af)
{
	switch (af) {
	case AF_UNSPEC: return WS_AF_UNSPEC;
	case AF_UNIX: return WS_AF_UNIX;
	case AF_INET: return WS_AF_INET;
	case AF_INET6: return WS_AF_INET6;
	default: return -1;
	}
}

DWORD ws_addr_to_host(const void *win, int len, struct sockaddr_storage *out, socklen_t *outlen)
{
	if (!win || len < (int)sizeof(WORD))
		return WSAEFAULT;
	WORD wf;
	memcpy(&wf, win, sizeof wf);
	int af = ws_family_to_host(wf);
	size_t need = af == AF_INET ? sizeof(struct sockaddr_in)
		      : af == AF_INET6 ? sizeof(struct sockaddr_in6)
		      : af == AF_UNIX ? offsetof(struct sockaddr_un, sun_path) : 0;
	if (!need)
		return WSAEAFNOSUPPORT;
	if ((size_t)len < need)
		return WSAEFAULT;
	memset(out, 0, sizeof *out);
	if (af == AF_UNIX)
		return ws_unix_to_host(win, len, (struct sockaddr_un *)out, outlen);
	memcpy(out, win, need);
	out->ss_family = (sa_family_t)af;
	*outlen = (socklen_t)need;
	return 0;
}

DWORD ws_addr_from_host(const struct sockaddr *a, socklen_t alen, void *win, int *len)
{
	if (a->sa_family == AF_UNIX)
		return ws_unix_from_host((const struct sockaddr_un *)a, alen, win, len);
	if (!win || !len || *len < 0 || (socklen_t)*len < alen)
		return WSAEFAULT;
	memcpy(win, a, alen);
	WORD wf = (WORD)ws_family_from_host(a->sa_family);
	memcpy(win, &wf, sizeof wf);
	*len = (int)alen;
	return 0;
}
