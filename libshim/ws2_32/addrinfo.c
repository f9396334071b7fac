/* Name and address conversions: getaddrinfo/GetAddrInfoW and their frees, gethostname,
 * GetHostNameW, the byte-order helpers and inet_addr/inet_ntoa/inet_pton/inet_ntop. Names are
 * resolved by the host's resolver (/etc/hosts, then DNS); the results are rebuilt in Windows'
 * ADDRINFOA/ADDRINFOW layout (ws2tcpip.h): ai_addrlen is a size_t and ai_canonname comes before
 * ai_addr, and AF_INET6 is 23. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../ntdll/unicode.h"
#include "ws2.h"

typedef struct win_addrinfo {
	int ai_flags, ai_family, ai_socktype, ai_protocol;
	size_t ai_addrlen;
	void *ai_canonname; /* char * (ADDRINFOA) or WCHAR * (ADDRINFOW) */
	void *ai_addr;
	struct win_addrinfo *ai_next;
} ADDRINFO;
_Static_assert(offsetof(ADDRINFO, ai_addrlen) == 16, "ai_addrlen");
_Static_assert(offsetof(ADDRINFO, ai_canonname) == 24, "ai_canonname");
_Static_assert(offsetof(ADDRINFO, ai_addr) == 32, "ai_addr");
_Static_assert(sizeof(ADDRINFO) == 48, "ADDRINFO");

/* Windows' AI_* flags and the host's. */
static const struct {
	int win, host;
} flags[] = {
	{ 0x001, AI_PASSIVE },     { 0x002, AI_CANONNAME }, { 0x004, AI_NUMERICHOST },
	{ 0x008, AI_NUMERICSERV }, { 0x100, AI_ALL },       { 0x400, AI_ADDRCONFIG },
	{ 0x800, AI_V4MAPPED },
};

static DWORD eai_error(int e)
{
	switch (e) {
	case EAI_NONAME: return WSAHOST_NOT_FOUND;
	case EAI_AGAIN: return WSATRY_AGAIN;
	case EAI_FAMILY: return WSAEAFNOSUPPORT;
	case EAI_SOCKTYPE: return WSAESOCKTNOSUPPORT;
	case EAI_SERVICE: return WSATYPE_NOT_FOUND;
	case EAI_MEMORY: return WSA_NOT_ENOUGH_MEMORY;
	case EAI_BADFLAGS: return WSAEINVAL;
	default: return WSANO_RECOVERY;
	}
}

/* One Windows node for a host result, in one block: the node, its sockaddr, and its canonical
 * name when canon (Windows gives it on the first result, and only when asked: AI_CANONNAME). */
static ADDRINFO *node_from(const struct addrinfo *h, int wide, int canon)
{
	size_t name = !canon || !h->ai_canonname ? 0
		      : wide ? utf8_to_utf16(h->ai_canonname, -1, 0, 0) * sizeof(WCHAR)
			     : strlen(h->ai_canonname) + 1;
	ADDRINFO *w = calloc(1, sizeof *w + h->ai_addrlen + name);
	if (!w)
		return 0;
	w->ai_flags = 0;
	w->ai_family = ws_family_from_host(h->ai_family);
	w->ai_socktype = h->ai_socktype;
	w->ai_protocol = h->ai_protocol;
	w->ai_addrlen = h->ai_addrlen;
	w->ai_addr = w + 1;
	int len = (int)h->ai_addrlen;
	ws_addr_from_host(h->ai_addr, h->ai_addrlen, w->ai_addr, &len);
	if (name) {
		w->ai_canonname = (char *)(w + 1) + h->ai_addrlen;
		if (wide)
			utf8_to_utf16(h->ai_canonname, -1, w->ai_canonname, name / sizeof(WCHAR));
		else
			memcpy(w->ai_canonname, h->ai_canonname, name);
	}
	return w;
}

static void free_list(ADDRINFO *a)
{
	while (a) {
		ADDRINFO *next = a->ai_next;
		free(a);
		a = next;
	}
}

/* Does an earlier result have the same address? With no socket type asked for, Windows gives
 * each address once with ai_socktype 0, where the host gives one per type. */
static int seen(const ADDRINFO *list, const struct addrinfo *h)
{
	for (; list; list = list->ai_next)
		if (list->ai_addrlen == h->ai_addrlen &&
		    !memcmp((char *)list->ai_addr + 2, (char *)h->ai_addr + 2, h->ai_addrlen - 2))
			return 1;
	return 0;
}

static int resolve(const char *node, const char *service, const ADDRINFO *hints, ADDRINFO **res,
		   int wide)
{
	struct addrinfo hh = { 0 }, *hr;
	*res = 0;
	if (hints) {
		int f = hints->ai_flags;
		for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
			if (f & flags[i].win) {
				hh.ai_flags |= flags[i].host;
				f &= ~flags[i].win;
			}
		if (f) {
			win_set_last_error(WSAEINVAL);
			return WSAEINVAL;
		}
		if ((hh.ai_family = ws_family_to_host(hints->ai_family)) < 0) {
			win_set_last_error(WSAEAFNOSUPPORT);
			return WSAEAFNOSUPPORT;
		}
		hh.ai_socktype = hints->ai_socktype;
		hh.ai_protocol = hints->ai_protocol;
	}
	int e = getaddrinfo(node, service, &hh, &hr);
	if (e) {
		DWORD err = e == EAI_SYSTEM ? ws_error(errno) : eai_error(e);
		win_set_last_error(err);
		return (int)err;
	}
	int any_type = !hh.ai_socktype && !hh.ai_protocol;
	ADDRINFO *head = 0, **tail = &head;
	for (struct addrinfo *h = hr; h; h = h->ai_next) {
		if (ws_family_from_host(h->ai_family) < 0 || (any_type && seen(head, h)))
			continue;
		ADDRINFO *w = node_from(h, wide, !head && (hh.ai_flags & AI_CANONNAME));
		if (!w) {
			freeaddrinfo(hr);
			free_list(head);
			win_set_last_error(WSA_NOT_ENOUGH_MEMORY);
			return WSA_NOT_ENOUGH_MEMORY;
		}
		if (any_type)
			w->ai_socktype = w->ai_protocol = 0;
		*tail = w;
		tail = &w->ai_next;
	}
	freeaddrinfo(hr);
	if (!head) {
		win_set_last_error(WSAHOST_NOT_FOUND);
		return WSAHOST_NOT_FOUND;
	}
	*res = head;
	win_set_last_error(0);
	return 0;
}

WINAPI int ws2_32_getaddrinfo(const char *node, const char *service, const ADDRINFO *hints,
			      ADDRINFO **res)
{
	return resolve(node, service, hints, res, 0);
}

WINAPI void ws2_32_freeaddrinfo(ADDRINFO *a)
{
	free_list(a);
}

WINAPI int ws2_32_GetAddrInfoW(const WCHAR *node, const WCHAR *service, const ADDRINFO *hints,
			       ADDRINFO **res)
{
	char *n = node ? utf16_to_utf8_dup(node) : 0, *s = service ? utf16_to_utf8_dup(service) : 0;
	int r = (node && !n) || (service && !s) ? (win_set_last_error(WSA_NOT_ENOUGH_MEMORY),
						   WSA_NOT_ENOUGH_MEMORY)
						: resolve(n, s, hints, res, 1);
	free(n);
	free(s);
	return r;
}

WINAPI void ws2_32_FreeAddrInfoW(ADDRINFO *a)
{
	free_list(a);
}

WINAPI int ws2_32_gethostname(char *name, int len)
{
	char host[256];
	if (gethostname(host, sizeof host) < 0)
		return ws_fail_errno(errno);
	host[sizeof host - 1] = 0;
	if (!name || len <= (int)strlen(host))
		return ws_fail(WSAEFAULT);
	strcpy(name, host);
	return 0;
}

WINAPI int ws2_32_GetHostNameW(WCHAR *name, int len)
{
	char host[256];
	if (gethostname(host, sizeof host) < 0)
		return ws_fail_errno(errno);
	host[sizeof host - 1] = 0;
	if (!name || len < 0 || utf8_to_utf16(host, -1, 0, 0) > (size_t)len)
		return ws_fail(WSAEFAULT);
	utf8_to_utf16(host, -1, name, (size_t)len);
	return 0;
}

WINAPI WORD ws2_32_htons(WORD x)
{
	return htons(x);
}

WINAPI WORD ws2_32_ntohs(WORD x)
{
	return ntohs(x);
}

WINAPI ULONG ws2_32_htonl(ULONG x)
{
	return htonl(x);
}

WINAPI ULONG ws2_32_ntohl(ULONG x)
{
	return ntohl(x);
}

WINAPI ULONG ws2_32_inet_addr(const char *s)
{
	return s ? inet_addr(s) : INADDR_NONE;
}

/* Windows keeps the result per thread; so does this. */
WINAPI char *ws2_32_inet_ntoa(struct in_addr a)
{
	static _Thread_local char buf[INET_ADDRSTRLEN];
	return (char *)inet_ntop(AF_INET, &a, buf, sizeof buf);
}

WINAPI int ws2_32_inet_pton(int af, const char *s, void *out)
{
	int haf = ws_family_to_host(af);
	if (haf != AF_INET && haf != AF_INET6)
		return ws_fail(WSAEAFNOSUPPORT);
	if (!s || !out)
		return ws_fail(WSAEFAULT);
	return inet_pton(haf, s, out);
}

WINAPI const char *ws2_32_inet_ntop(int af, const void *a, char *buf, SIZE_T len)
{
	int haf = ws_family_to_host(af);
	if (haf != AF_INET && haf != AF_INET6) {
		win_set_last_error(WSAEAFNOSUPPORT);
		return 0;
	}
	if (!a || !buf) {
		win_set_last_error(WSAEFAULT);
		return 0;
	}
	const char *r = inet_ntop(haf, a, buf, (socklen_t)len);
	if (!r)
		win_set_last_error(ERROR_INVALID_PARAMETER); /* the buffer is too small */
	return r;
}
