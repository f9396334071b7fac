/* UDP over loopback, as Microsoft documents sendto/recvfrom and WSASendTo/WSARecvFrom: the
 * sender's address comes back with the datagram (AF_INET 2 in 16 bytes, AF_INET6 23 in 28), a
 * datagram larger than the buffer fails with WSAEMSGSIZE after filling it, and an overlapped
 * WSARecvFrom with an event completes once a datagram arrives. */
#include <stdio.h>
#include <string.h>
#include <winsock2.h>
#include <ws2tcpip.h>

static SOCKET bound(int af)
{
	SOCKET s = socket(af, SOCK_DGRAM, IPPROTO_UDP);
	struct sockaddr_storage a = { 0 };
	int len;
	if (af == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)&a;
		in->sin_family = AF_INET;
		in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		len = sizeof *in;
	} else {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&a;
		in6->sin6_family = AF_INET6;
		in6->sin6_addr = in6addr_loopback;
		len = sizeof *in6;
	}
	if (s == INVALID_SOCKET || bind(s, (struct sockaddr *)&a, len)) {
		printf("af %d: cannot bind: %d\n", af, WSAGetLastError());
		return INVALID_SOCKET;
	}
	return s;
}

static void exchange(int af)
{
	SOCKET a = bound(af), b = bound(af);
	if (a == INVALID_SOCKET || b == INVALID_SOCKET)
		return;
	struct sockaddr_storage an, bn, from;
	int alen = sizeof an, blen = sizeof bn, flen = sizeof from;
	getsockname(a, (struct sockaddr *)&an, &alen);
	getsockname(b, (struct sockaddr *)&bn, &blen);
	int n = sendto(a, "datagram", 8, 0, (struct sockaddr *)&bn, blen);
	char buf[64] = { 0 };
	int r = recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen);
	printf("af %d: name len %d, sent %d, received %d \"%s\" from family %d len %d, the sender %d\n",
	       af, alen, n, r, buf, from.ss_family, flen, flen == alen && !memcmp(&from, &an, alen));

	sendto(a, "0123456789", 10, 0, (struct sockaddr *)&bn, blen);
	memset(buf, 0, sizeof buf);
	r = recvfrom(b, buf, 4, 0, NULL, NULL);
	printf("af %d: short buffer: %d error %d, holds \"%s\"\n", af, r, WSAGetLastError(), buf);

	WSAOVERLAPPED ov = { 0 };
	ov.hEvent = WSACreateEvent();
	WSABUF wb = { sizeof buf, buf };
	DWORD got = 0, flags = 0;
	flen = sizeof from;
	memset(buf, 0, sizeof buf);
	r = WSARecvFrom(b, &wb, 1, &got, &flags, (struct sockaddr *)&from, &flen, &ov, NULL);
	printf("af %d: WSARecvFrom: %d error %d\n", af, r, WSAGetLastError());
	WSABUF sb[2] = { { 3, "two" }, { 6, " parts" } };
	DWORD sent = 0;
	r = WSASendTo(a, sb, 2, &sent, 0, (struct sockaddr *)&bn, blen, NULL, NULL);
	printf("af %d: WSASendTo: %d sent %lu\n", af, r, sent);
	DWORD w = WaitForSingleObject(ov.hEvent, 5000);
	BOOL ok = WSAGetOverlappedResult(b, &ov, &got, FALSE, &flags);
	printf("af %d: event %lu, result %d, %lu bytes \"%s\" from the sender %d\n", af, w, ok, got,
	       buf, flen == alen && !memcmp(&from, &an, alen));
	WSACloseEvent(ov.hEvent);
	closesocket(a);
	closesocket(b);
}

int main(void)
{
	WSADATA wsa;
	WSAStartup(MAKEWORD(2, 2), &wsa);
	exchange(AF_INET);
	exchange(AF_INET6);
	WSACleanup();
	return 0;
}
