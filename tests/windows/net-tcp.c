/* A TCP echo over loopback with blocking sockets, as Microsoft documents winsock: bind to
 * 127.0.0.1 port 0 picks a port (getsockname), a client thread connects and sends, the server
 * accepts (the peer address is the client's own name), echoes, and after shutdown(SD_SEND)
 * recv returns 0. Sockopts read back as set. */
#include <stdio.h>
#include <string.h>
#include <winsock2.h>
#include <ws2tcpip.h>

static struct sockaddr_in server;
static struct sockaddr_in client_name;
static char client_log[256]; /* printed once the client is done: one thread's lines in order */

static DWORD WINAPI client(void *arg)
{
	(void)arg;
	SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	if (connect(c, (struct sockaddr *)&server, sizeof server)) {
		sprintf(client_log, "client: connect failed %d\n", WSAGetLastError());
		return 1;
	}
	int n = sizeof client_name;
	getsockname(c, (struct sockaddr *)&client_name, &n);
	const char msg[] = "hello, winsock";
	int sent = send(c, msg, sizeof msg - 1, 0);
	char buf[64] = { 0 };
	int got = 0, r;
	while (got < sent && (r = recv(c, buf + got, sizeof buf - 1 - got, 0)) > 0)
		got += r;
	int at = sprintf(client_log, "client: sent %d, echoed back %d: %s\n", sent, got, buf);
	shutdown(c, SD_SEND);
	r = recv(c, buf, sizeof buf, 0);
	sprintf(client_log + at, "client: after the server's shutdown recv returns %d\n", r);
	closesocket(c);
	return 0;
}

int main(void)
{
	WSADATA wsa;
	int r = WSAStartup(MAKEWORD(2, 2), &wsa);
	printf("WSAStartup: %d version %d.%d high %d.%d\n", r, LOBYTE(wsa.wVersion),
	       HIBYTE(wsa.wVersion), LOBYTE(wsa.wHighVersion), HIBYTE(wsa.wHighVersion));
	SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	printf("socket: %s\n", l == INVALID_SOCKET ? "invalid" : "ok");
	server.sin_family = AF_INET;
	server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	server.sin_port = 0;
	printf("bind: %d\n", bind(l, (struct sockaddr *)&server, sizeof server));
	printf("listen: %d\n", listen(l, SOMAXCONN));
	int n = sizeof server;
	r = getsockname(l, (struct sockaddr *)&server, &n);
	printf("getsockname: %d len %d family %d addr %s port nonzero %d\n", r, n,
	       server.sin_family, inet_ntoa(server.sin_addr), server.sin_port != 0);

	BOOL on = TRUE, val = 0;
	int len = sizeof val;
	setsockopt(l, SOL_SOCKET, SO_KEEPALIVE, (char *)&on, sizeof on);
	getsockopt(l, SOL_SOCKET, SO_KEEPALIVE, (char *)&val, &len);
	printf("SO_KEEPALIVE: %d (len %d)\n", val, len);
	int type = 0;
	len = sizeof type;
	getsockopt(l, SOL_SOCKET, SO_TYPE, (char *)&type, &len);
	printf("SO_TYPE: %d\n", type);
	struct linger lg = { 1, 5 }, lg2 = { 0, 0 };
	len = sizeof lg2;
	setsockopt(l, SOL_SOCKET, SO_LINGER, (char *)&lg, sizeof lg);
	getsockopt(l, SOL_SOCKET, SO_LINGER, (char *)&lg2, &len);
	printf("SO_LINGER: onoff %d linger %d (len %d)\n", lg2.l_onoff, lg2.l_linger, len);

	HANDLE t = CreateThread(NULL, 0, client, NULL, 0, NULL);
	struct sockaddr_in peer;
	n = sizeof peer;
	SOCKET a = accept(l, (struct sockaddr *)&peer, &n);
	printf("accept: %s len %d\n", a == INVALID_SOCKET ? "invalid" : "ok", n);
	on = TRUE;
	printf("TCP_NODELAY: %d\n", setsockopt(a, IPPROTO_TCP, TCP_NODELAY, (char *)&on, sizeof on));
	char buf[64];
	int got = recv(a, buf, sizeof buf, 0);
	int back = send(a, buf, got, 0);
	printf("server: received %d, sent back %d\n", got, back);
	r = recv(a, buf, sizeof buf, 0);
	printf("server: after the client's shutdown recv returns %d\n", r);
	shutdown(a, SD_BOTH);
	WaitForSingleObject(t, INFINITE);
	printf("%s", client_log);
	printf("peer is the client: %d\n", peer.sin_port == client_name.sin_port &&
					   peer.sin_addr.s_addr == client_name.sin_addr.s_addr);
	struct sockaddr_in p2;
	n = sizeof p2;
	printf("getpeername: %d\n", getpeername(a, (struct sockaddr *)&p2, &n) == 0 &&
					p2.sin_port == peer.sin_port);
	printf("closesocket: %d %d\n", closesocket(a), closesocket(l));
	printf("WSACleanup: %d\n", WSACleanup());
	return 0;
}
