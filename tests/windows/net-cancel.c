/* Cancelling overlapped socket operations, as Microsoft documents CancelIoEx and closesocket: a
 * pending WSARecv cancelled with CancelIoEx completes with ERROR_OPERATION_ABORTED (995) through
 * the completion port (GetQueuedCompletionStatus returns FALSE with the OVERLAPPED); cancelling
 * again finds nothing (ERROR_NOT_FOUND); closing a socket with a pending receive aborts it the
 * same way; and a receive pending on one socket still completes with data afterwards. */
#include <stdio.h>
#include <winsock2.h>
#include <ws2tcpip.h>

static HANDLE port;

/* with_error: print GetQueuedCompletionStatus's error (for a socket closed under its operation
 * Microsoft documents the operation's status, WSA_OPERATION_ABORTED, not the port's code: Wine
 * reports 676 there). */
static void packet(const char *what, OVERLAPPED *expect, int with_error)
{
	DWORD n = 99;
	ULONG_PTR key = 0;
	OVERLAPPED *ov = NULL;
	BOOL ok = GetQueuedCompletionStatus(port, &n, &key, &ov, 5000);
	DWORD err = ok ? 0 : GetLastError();
	printf("%s: ok %d", what, ok);
	if (with_error)
		printf(" error %lu", err);
	printf(" key %lu bytes %lu ov matches %d\n", (unsigned long)key, n, ov == expect);
}

int main(void)
{
	WSADATA wsa;
	WSAStartup(MAKEWORD(2, 2), &wsa);
	port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
	SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int len = sizeof a;
	bind(l, (struct sockaddr *)&a, sizeof a);
	listen(l, 5);
	getsockname(l, (struct sockaddr *)&a, &len);
	SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	connect(c, (struct sockaddr *)&a, sizeof a);
	SOCKET s = accept(l, NULL, NULL);
	CreateIoCompletionPort((HANDLE)s, port, 7, 0);
	CreateIoCompletionPort((HANDLE)c, port, 8, 0);

	char buf[16];
	WSABUF b = { sizeof buf, buf };
	DWORD n, flags = 0;
	OVERLAPPED ov = { 0 }, ov2 = { 0 };
	int r = WSARecv(s, &b, 1, &n, &flags, &ov, NULL);
	printf("WSARecv: %d error %d\n", r, WSAGetLastError());
	printf("CancelIoEx: %d\n", CancelIoEx((HANDLE)s, &ov));
	packet("cancelled", &ov, 1);
	BOOL ok = WSAGetOverlappedResult(s, &ov, &n, FALSE, &flags);
	printf("WSAGetOverlappedResult: %d error %d\n", ok, WSAGetLastError());
	ok = CancelIoEx((HANDLE)s, &ov);
	printf("CancelIoEx again: %d error %lu\n", ok, GetLastError());

	r = WSARecv(s, &b, 1, &n, &flags, &ov, NULL);
	printf("WSARecv: %d error %d\n", r, WSAGetLastError());
	send(c, "after", 5, 0);
	packet("data", &ov, 1);
	printf("received: %.5s\n", buf);

	r = WSARecv(c, &b, 1, &n, &flags, &ov2, NULL);
	printf("WSARecv: %d error %d\n", r, WSAGetLastError());
	printf("closesocket: %d\n", closesocket(c));
	packet("closed", &ov2, 0);
	closesocket(s);
	closesocket(l);
	CloseHandle(port);
	WSACleanup();
	return 0;
}
