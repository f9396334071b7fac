/* I/O completion ports and overlapped file I/O, as Microsoft documents them: posted packets come
 * out in order with their key, count and OVERLAPPED; an empty port times out with WAIT_TIMEOUT;
 * overlapped reads and writes of an associated file queue packets (unless the event's low bit
 * is set or FILE_SKIP_COMPLETION_PORT_ON_SUCCESS applies); reading past the end fails with
 * ERROR_HANDLE_EOF; a file joins one port only; a thread blocked on the port wakes for a post. */
#include <stdio.h>
#include <windows.h>

static HANDLE port;

static DWORD WINAPI waiter(void *arg)
{
	DWORD n;
	ULONG_PTR key;
	OVERLAPPED *ov;
	BOOL ok = GetQueuedCompletionStatus(port, &n, &key, &ov, 5000);
	printf("waiter: ok=%d n=%lu key=%llu ov=%p\n", ok, n, (unsigned long long)key, (void *)ov);
	return 0;
}

static void drain(const char *what)
{
	OVERLAPPED_ENTRY e[8];
	ULONG got = 0;
	BOOL ok = GetQueuedCompletionStatusEx(port, e, 8, &got, 0, FALSE);
	if (!ok) {
		printf("%s: ok=0 error=%lu\n", what, GetLastError());
		return;
	}
	printf("%s: ok=1 got=%lu", what, got);
	for (ULONG i = 0; i < got; i++)
		printf(" [key=%llu n=%lu]", (unsigned long long)e[i].lpCompletionKey,
		       e[i].dwNumberOfBytesTransferred);
	printf("\n");
}

int main(void)
{
	port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
	printf("port: %s\n", port ? "ok" : "failed");

	OVERLAPPED a, b;
	PostQueuedCompletionStatus(port, 10, 1, &a);
	PostQueuedCompletionStatus(port, 20, 2, &b);
	PostQueuedCompletionStatus(port, 30, 3, NULL);
	DWORD n;
	ULONG_PTR key;
	OVERLAPPED *ov;
	BOOL ok = GetQueuedCompletionStatus(port, &n, &key, &ov, 0);
	printf("first: ok=%d n=%lu key=%llu a=%d\n", ok, n, (unsigned long long)key, ov == &a);
	drain("rest");
	drain("empty");
	ok = GetQueuedCompletionStatus(port, &n, &key, &ov, 50);
	printf("timeout: ok=%d error=%lu ov=%p\n", ok, GetLastError(), (void *)ov);

	char path[MAX_PATH];
	GetTempPathA(sizeof path, path);
	strcat(path, "xabi-iocp.tmp");
	HANDLE f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
			       FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
	printf("associate: %d\n", CreateIoCompletionPort(f, port, 7, 0) == port);
	HANDLE again = CreateIoCompletionPort(f, port, 8, 0);
	printf("associate again: %p error=%lu\n", (void *)again, GetLastError());

	OVERLAPPED w = { 0 };
	w.Offset = 4;
	ok = WriteFile(f, "0123456789", 10, NULL, &w);
	printf("write at 4: started=%d\n", ok || GetLastError() == ERROR_IO_PENDING);
	DWORD got;
	ok = GetOverlappedResult(f, &w, &got, TRUE);
	printf("write result: ok=%d got=%lu\n", ok, got);
	drain("after write");

	char buf[32] = { 0 };
	OVERLAPPED r = { 0 };
	r.Offset = 6;
	r.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
	ok = ReadFile(f, buf, sizeof buf, NULL, &r);
	if (!ok && GetLastError() == ERROR_IO_PENDING)
		ok = TRUE;
	printf("read at 6: ok=%d event=%lu\n", ok, WaitForSingleObject(r.hEvent, 1000));
	ok = GetOverlappedResult(f, &r, &got, TRUE);
	printf("read result: ok=%d got=%lu data=%s\n", ok, got, buf);
	drain("after read");

	OVERLAPPED quiet = { 0 };
	quiet.hEvent = (HANDLE)((ULONG_PTR)CreateEventA(NULL, TRUE, FALSE, NULL) | 1);
	ok = ReadFile(f, buf, 2, NULL, &quiet);
	printf("read, event low bit set: ok=%d\n", ok || GetLastError() == ERROR_IO_PENDING);
	GetOverlappedResult(f, &quiet, &got, TRUE);
	drain("no packet");

	OVERLAPPED end = { 0 };
	end.Offset = 100;
	ok = ReadFile(f, buf, 4, NULL, &end);
	DWORD err = GetLastError();
	if (!ok && err == ERROR_IO_PENDING) {
		ok = GetOverlappedResult(f, &end, &got, TRUE);
		err = GetLastError();
	}
	printf("read past end: ok=%d error=%lu\n", ok, err);

	printf("skip mode: %d\n", SetFileCompletionNotificationModes(f, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS));
	OVERLAPPED s = { 0 };
	/* A write may complete at once (no packet now) or go pending (a packet as usual). */
	ok = WriteFile(f, "x", 1, NULL, &s);
	BOOL pending = !ok && GetLastError() == ERROR_IO_PENDING;
	GetOverlappedResult(f, &s, &got, TRUE);
	OVERLAPPED_ENTRY e;
	ULONG queued = 0;
	GetQueuedCompletionStatusEx(port, &e, 1, &queued, 0, FALSE);
	printf("skip on success: %s\n", (ok || pending) && queued == (ULONG)pending ? "as documented" : "wrong");

	while (GetQueuedCompletionStatusEx(port, &e, 1, &queued, 0, FALSE))
		; /* Wine queues a packet for a read past the end that went pending */
	HANDLE t = CreateThread(NULL, 0, waiter, NULL, 0, NULL);
	Sleep(100);
	PostQueuedCompletionStatus(port, 5, 99, NULL);
	WaitForSingleObject(t, INFINITE);
	CloseHandle(t);
	CloseHandle(f);
	printf("close port: %d\n", CloseHandle(port));
	return 0;
}
