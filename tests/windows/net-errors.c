/* Winsock's error codes for common failures, as Microsoft documents them: a call before
 * WSAStartup (WSANOTINITIALISED), connecting to a port nobody listens on (WSAECONNREFUSED),
 * calls on something that is not a socket (WSAENOTSOCK), naming an unbound socket (WSAEINVAL),
 * a port in use (WSAEADDRINUSE), a non-blocking receive with nothing to read
 * (WSAEWOULDBLOCK), and a failed non-blocking connect seen through select and SO_ERROR. */
#include <stdio.h>
#include <winsock2.h>
#include <ws2tcpip.h>

static void show(const char *what, int r)
{
	printf("%s: %d error %d\n", what, r, r ? WSAGetLastError() : 0);
}

int main(void)
{
	SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	printf("socket before WSAStartup: %d error %d\n", s == INVALID_SOCKET, WSAGetLastError());
	WSADATA wsa;
	printf("WSAStartup(0.0): %d\n", WSAStartup(0, &wsa));
	WSAStartup(MAKEWORD(2, 2), &wsa);

	/* A port that was free a moment ago and is not listened on. */
	SOCKET t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int len = sizeof a;
	show("getsockname unbound", getsockname(t, (struct sockaddr *)&a, &len));
	bind(t, (struct sockaddr *)&a, sizeof a);
	getsockname(t, (struct sockaddr *)&a, &len);
	SOCKET u = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	show("bind to a port in use", bind(u, (struct sockaddr *)&a, sizeof a));
	closesocket(u);
	closesocket(t);
	s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	show("connect to a closed port", connect(s, (struct sockaddr *)&a, sizeof a));
	closesocket(s);

	show("send on a closed socket", send(s, "x", 1, 0));
	show("closesocket twice", closesocket(s));
	HANDLE f = CreateFileA("NUL", GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
	show("recv on a file handle", recv((SOCKET)f, (char *)&a, 1, 0));
	CloseHandle(f);
	show("closesocket(INVALID_SOCKET)", closesocket(INVALID_SOCKET));
	s = socket(99, SOCK_STREAM, 0);
	printf("socket of family 99: %d error %d\n", s == INVALID_SOCKET, WSAGetLastError());

	s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	bind(s, (struct sockaddr *)&(struct sockaddr_in){ .sin_family = AF_INET,
							  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) },
	     sizeof a);
	u_long on = 1;
	show("FIONBIO", ioctlsocket(s, FIONBIO, &on));
	char c;
	show("recv with nothing to read", recv(s, &c, 1, 0));
	closesocket(s);

	s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	ioctlsocket(s, FIONBIO, &on);
	show("non-blocking connect to a closed port", connect(s, (struct sockaddr *)&a, sizeof a));
	fd_set w, e;
	FD_ZERO(&w);
	FD_ZERO(&e);
	FD_SET(s, &w);
	FD_SET(s, &e);
	struct timeval tv = { 5, 0 };
	int r = select(0, NULL, &w, &e, &tv);
	int err = 0;
	len = sizeof err;
	getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&err, &len);
	printf("select: %d writable %d failed %d, SO_ERROR %d\n", r, FD_ISSET(s, &w),
	       FD_ISSET(s, &e), err);
	closesocket(s);
	r = WSACleanup();
	printf("WSACleanup: %d\n", r);
	r = WSACleanup();
	printf("WSACleanup again: %d error %d\n", r, WSAGetLastError());
	return 0;
}
