/* getaddrinfo and GetAddrInfoW in Windows' layout (ws2tcpip.h): ai_addrlen is a size_t at 16,
 * ai_canonname at 24 before ai_addr at 32, and AF_INET6 is 23. Each field is printed for numeric
 * hosts; "localhost" must give loopback addresses only (which ones is the host's /etc/hosts'
 * business). Also inet_pton/inet_ntop with Windows' family numbers and the error for a name that
 * is not a number under AI_NUMERICHOST. */
#include <stdio.h>
#include <string.h>
#include <winsock2.h>
#include <ws2tcpip.h>

static void dump(const char *what, const struct addrinfo *ai)
{
	for (; ai; ai = ai->ai_next) {
		char text[64] = "?";
		int port = 0;
		if (ai->ai_family == AF_INET) {
			struct sockaddr_in *in = (struct sockaddr_in *)ai->ai_addr;
			inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
			port = ntohs(in->sin_port);
		} else if (ai->ai_family == AF_INET6) {
			struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ai->ai_addr;
			inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
			port = ntohs(in6->sin6_port);
		}
		printf("%s: flags %d family %d socktype %d protocol %d addrlen %llu canonname %s "
		       "sa_family %d addr %s port %d next %s\n",
		       what, ai->ai_flags, ai->ai_family, ai->ai_socktype, ai->ai_protocol,
		       (unsigned long long)ai->ai_addrlen, ai->ai_canonname ? "set" : "NULL",
		       ai->ai_addr->sa_family, text, port, ai->ai_next ? "set" : "NULL");
	}
}

int main(void)
{
	WSADATA wsa;
	WSAStartup(MAKEWORD(2, 2), &wsa);
	struct addrinfo hints = { 0 }, *res = NULL;
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_protocol = IPPROTO_TCP;
	int r = getaddrinfo("127.0.0.1", "80", &hints, &res);
	printf("getaddrinfo 127.0.0.1: %d\n", r);
	dump("127.0.0.1", res);
	freeaddrinfo(res);
	r = getaddrinfo("::1", "443", &hints, &res);
	printf("getaddrinfo ::1: %d\n", r);
	dump("::1", res);
	freeaddrinfo(res);

	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_protocol = IPPROTO_UDP;
	r = getaddrinfo("10.1.2.3", NULL, &hints, &res);
	printf("getaddrinfo 10.1.2.3 dgram: %d\n", r);
	dump("10.1.2.3", res);
	freeaddrinfo(res);
	res = NULL;
	hints.ai_flags = AI_NUMERICHOST;
	r = getaddrinfo("not-a-number", NULL, &hints, &res);
	printf("getaddrinfo not-a-number AI_NUMERICHOST: %d, WSAGetLastError %d, res %s\n", r,
	       WSAGetLastError(), res ? "set" : "NULL");

	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	r = getaddrinfo("localhost", NULL, &hints, &res);
	int n = 0, v4 = 0, loopback = 1;
	for (struct addrinfo *ai = res; ai; ai = ai->ai_next, n++) {
		if (ai->ai_family == AF_INET) {
			v4 |= ((struct sockaddr_in *)ai->ai_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK);
			loopback &= ai->ai_addrlen == sizeof(struct sockaddr_in) &&
				    ((struct sockaddr_in *)ai->ai_addr)->sin_addr.s_addr ==
					    htonl(INADDR_LOOPBACK);
		} else {
			loopback &= ai->ai_family == AF_INET6 &&
				    ai->ai_addrlen == sizeof(struct sockaddr_in6) &&
				    IN6_IS_ADDR_LOOPBACK(&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr);
		}
	}
	printf("getaddrinfo localhost: %d, some %d, 127.0.0.1 among them %d, all loopback %d\n", r,
	       n > 0, v4, loopback);
	freeaddrinfo(res);

	ADDRINFOW wh = { 0 }, *wres = NULL;
	wh.ai_family = AF_INET6;
	wh.ai_socktype = SOCK_STREAM;
	wh.ai_protocol = IPPROTO_TCP;
	r = GetAddrInfoW(L"::1", L"8080", &wh, &wres);
	printf("GetAddrInfoW ::1: %d\n", r);
	dump("W ::1", (struct addrinfo *)wres);
	FreeAddrInfoW(wres);

	struct in6_addr six;
	struct in_addr four;
	char text[64];
	printf("inet_pton 23 fe80::1: %d\n", inet_pton(AF_INET6, "fe80::1", &six));
	printf("inet_ntop 23: %s\n", inet_ntop(AF_INET6, &six, text, sizeof text));
	printf("inet_pton 2 192.168.0.1: %d, bad: %d\n", inet_pton(AF_INET, "192.168.0.1", &four),
	       inet_pton(AF_INET, "192.168.0", &four));
	printf("inet_addr: %08lx, htons: %04x\n", (unsigned long)ntohl(inet_addr("1.2.3.4")),
	       htons(0x1234));
	char host[256];
	host[0] = 0;
	r = gethostname(host, sizeof host);
	printf("gethostname: %d, non-empty %d\n", r, host[0] != 0);
	WSACleanup();
	return 0;
}
