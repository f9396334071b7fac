/* Overlapped sockets through an I/O completion port, as Microsoft documents AcceptEx, ConnectEx,
 * WSARecv and WSASend: a worker thread takes the packets while the main thread starts the
 * operations. AcceptEx with no client waiting returns FALSE with ERROR_IO_PENDING; its packet
 * (key of the listener, 0 bytes) comes once ConnectEx connects; GetAcceptExSockaddrs gives the
 * client's address; a WSARecv posted before any data goes pending and completes with the bytes a
 * WSASend sends; after SetFileCompletionNotificationModes(FILE_SKIP_COMPLETION_PORT_ON_SUCCESS)
 * a send that succeeds at once queues no packet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>

static HANDLE port, ready;
static CRITICAL_SECTION lock;
static struct {
	ULONG_PTR key;
	DWORD bytes;
	BOOL ok;
	DWORD error;
	OVERLAPPED *ov;
} got[16];
static int ngot;

static DWORD WINAPI worker(void *arg)
{
	(void)arg;
	for (;;) {
		DWORD n;
		ULONG_PTR key;
		OVERLAPPED *ov;
		BOOL ok = GetQueuedCompletionStatus(port, &n, &key, &ov, INFINITE);
		DWORD err = ok ? 0 : GetLastError();
		if (key == 99)
			return 0;
		EnterCriticalSection(&lock);
		got[ngot].key = key;
		got[ngot].bytes = n;
		got[ngot].ok = ok;
		got[ngot].error = err;
		got[ngot].ov = ov;
		ngot++;
		LeaveCriticalSection(&lock);
		ReleaseSemaphore(ready, 1, NULL);
	}
}

static int by_key(const void *a, const void *b)
{
	return (int)(((const typeof(got[0]) *)a)->key - ((const typeof(got[0]) *)b)->key);
}

/* Wait for n packets and print them ordered by key (two threads complete them in any order). */
static void packets(const char *what, int n)
{
	for (int i = 0; i < n; i++)
		if (WaitForSingleObject(ready, 5000) != WAIT_OBJECT_0) {
			printf("%s: only %d packets\n", what, i);
			return;
		}
	EnterCriticalSection(&lock);
	qsort(got, ngot, sizeof got[0], by_key);
	printf("%s:", what);
	for (int i = 0; i < ngot; i++)
		printf(" [key %lu ok %d bytes %lu error %lu]", (unsigned long)got[i].key, got[i].ok,
		       got[i].bytes, got[i].error);
	printf("\n");
	ngot = 0;
	LeaveCriticalSection(&lock);
}

static void *extension(SOCKET s, GUID id)
{
	void *fn = NULL;
	DWORD n = 0;
	int r = WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof id, &fn, sizeof fn, &n,
			 NULL, NULL);
	if (r || n != sizeof fn || !fn)
		printf("WSAIoctl failed: %d %d\n", r, WSAGetLastError());
	return fn;
}

int main(void)
{
	WSADATA wsa;
	WSAStartup(MAKEWORD(2, 2), &wsa);
	InitializeCriticalSection(&lock);
	ready = CreateSemaphore(NULL, 0, 100, NULL);
	port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);

	SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	SOCKET acc = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	SOCKET c = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
	LPFN_ACCEPTEX acceptex = extension(l, (GUID)WSAID_ACCEPTEX);
	LPFN_CONNECTEX connectex = extension(l, (GUID)WSAID_CONNECTEX);
	LPFN_GETACCEPTEXSOCKADDRS sockaddrs = extension(l, (GUID)WSAID_GETACCEPTEXSOCKADDRS);
	GUID bogus = { 1, 2, 3, { 4 } };
	void *fn;
	DWORD n;
	int r = WSAIoctl(l, SIO_GET_EXTENSION_FUNCTION_POINTER, &bogus, sizeof bogus, &fn, sizeof fn,
			 &n, NULL, NULL);
	printf("unknown extension: %d error %d\n", r, WSAGetLastError());

	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	bind(l, (struct sockaddr *)&a, sizeof a);
	listen(l, 5);
	int len = sizeof a;
	getsockname(l, (struct sockaddr *)&a, &len);
	printf("associate: %d %d %d\n", CreateIoCompletionPort((HANDLE)l, port, 1, 0) == port,
	       CreateIoCompletionPort((HANDLE)acc, port, 2, 0) == port,
	       CreateIoCompletionPort((HANDLE)c, port, 3, 0) == port);
	HANDLE t = CreateThread(NULL, 0, worker, NULL, 0, NULL);

	char buf[2 * (sizeof(struct sockaddr_in6) + 16)];
	OVERLAPPED ova = { 0 }, ovc = { 0 };
	DWORD received = 123;
	BOOL ok = acceptex(l, acc, buf, 0, sizeof buf / 2, sizeof buf / 2, &received, &ova);
	printf("AcceptEx: %d error %d\n", ok, WSAGetLastError());

	struct sockaddr_in any = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	ok = connectex(c, (struct sockaddr *)&a, sizeof a, NULL, 0, NULL, &ovc);
	printf("ConnectEx unbound: %d error %d\n", ok, WSAGetLastError());
	bind(c, (struct sockaddr *)&any, sizeof any);
	ok = connectex(c, (struct sockaddr *)&a, sizeof a, NULL, 0, NULL, &ovc);
	printf("ConnectEx: started %d\n", ok || WSAGetLastError() == ERROR_IO_PENDING);
	packets("accept+connect", 2);
	printf("SO_UPDATE_ACCEPT_CONTEXT: %d\n",
	       setsockopt(acc, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&l, sizeof l));
	printf("SO_UPDATE_CONNECT_CONTEXT: %d\n",
	       setsockopt(c, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0));

	struct sockaddr *local, *remote;
	int llen, rlen;
	sockaddrs(buf, 0, sizeof buf / 2, sizeof buf / 2, &local, &llen, &remote, &rlen);
	struct sockaddr_in cname;
	len = sizeof cname;
	getsockname(c, (struct sockaddr *)&cname, &len);
	printf("GetAcceptExSockaddrs: local len %d is the listener %d, remote len %d is the client %d\n",
	       llen, !memcmp(&((struct sockaddr_in *)local)->sin_port, &a.sin_port, 2), rlen,
	       ((struct sockaddr_in *)remote)->sin_port == cname.sin_port);

	char in[32] = { 0 };
	WSABUF rb = { sizeof in, in }, sb = { 4, "ping" };
	DWORD flags = 0, count = 77;
	OVERLAPPED ovr = { 0 }, ovs = { 0 };
	r = WSARecv(acc, &rb, 1, &count, &flags, &ovr, NULL);
	printf("WSARecv: %d error %d\n", r, WSAGetLastError());
	r = WSASend(c, &sb, 1, &count, 0, &ovs, NULL);
	printf("WSASend: %d count %lu\n", r, count);
	packets("recv+send", 2);
	printf("received: %s\n", in);
	DWORD bytes = 0;
	ok = WSAGetOverlappedResult(acc, &ovr, &bytes, FALSE, &flags);
	printf("WSAGetOverlappedResult: %d bytes %lu\n", ok, bytes);

	printf("skip on success: %d\n", SetFileCompletionNotificationModes(
						  (HANDLE)c, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS));
	r = WSASend(c, &sb, 1, &count, 0, &ovs, NULL);
	printf("WSASend: %d count %lu\n", r, count);
	u_long avail = 0;
	for (int i = 0; i < 500 && !avail; i++) /* the data is there: the receive finishes at once */
		if (!ioctlsocket(acc, FIONREAD, &avail) && !avail)
			Sleep(10);
	r = WSARecv(acc, &rb, 1, &count, &flags, &ovr, NULL);
	printf("WSARecv: %d count %lu\n", r, count);
	packets("recv after skipped send", 1);
	Sleep(100);
	EnterCriticalSection(&lock);
	printf("packets left: %d\n", ngot);
	LeaveCriticalSection(&lock);

	PostQueuedCompletionStatus(port, 0, 99, NULL);
	WaitForSingleObject(t, INFINITE);
	closesocket(c);
	closesocket(acc);
	closesocket(l);
	CloseHandle(port);
	WSACleanup();
	return 0;
}
