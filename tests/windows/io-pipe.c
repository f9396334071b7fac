/* Overlapped reads and writes of a pipe opened with FILE_FLAG_OVERLAPPED (the named FIFO given as
 * argv[1]), as Microsoft documents ReadFile/WriteFile with an OVERLAPPED: a read with nothing to
 * read returns FALSE with ERROR_IO_PENDING and completes through the completion port once
 * another handle writes; an overlapped write completes with its byte count; CancelIoEx of a
 * pending read completes it with ERROR_OPERATION_ABORTED; CloseHandle aborts the one left. */
#include <stdio.h>
#include <windows.h>

static HANDLE port;

/* with_error: print GetQueuedCompletionStatus's error too. For an operation its handle's closing
 * aborted, xabi gives ERROR_OPERATION_ABORTED (Microsoft's documentation of closesocket), Wine
 * ERROR_HANDLES_CLOSED (676): only the failure is checked. */
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

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	/* Read and write access: opening the FIFO does not wait for a writer. */
	HANDLE r = CreateFileA(argv[1], GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
			       FILE_FLAG_OVERLAPPED, NULL);
	HANDLE w = CreateFileA(argv[1], GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
	printf("opened: %d %d\n", r != INVALID_HANDLE_VALUE, w != INVALID_HANDLE_VALUE);
	port = CreateIoCompletionPort(r, NULL, 5, 0);

	char buf[32] = { 0 };
	OVERLAPPED ov = { 0 }, ov2 = { 0 };
	BOOL ok = ReadFile(r, buf, sizeof buf, NULL, &ov);
	printf("ReadFile: %d error %lu\n", ok, ok ? 0 : GetLastError());
	DWORD n = 0;
	ok = GetOverlappedResult(r, &ov, &n, FALSE);
	printf("GetOverlappedResult while pending: %d error %lu\n", ok, GetLastError());
	WriteFile(w, "through the pipe", 16, &n, NULL);
	packet("read", &ov, 1);
	printf("read: %s\n", buf);

	ok = WriteFile(r, "back", 4, NULL, &ov2);
	printf("overlapped WriteFile: %d\n", ok || GetLastError() == ERROR_IO_PENDING);
	packet("write", &ov2, 1);
	ok = ReadFile(r, buf, sizeof buf, NULL, &ov);
	printf("ReadFile of what was written: %d\n", ok || GetLastError() == ERROR_IO_PENDING);
	packet("read", &ov, 1);
	printf("read: %.4s\n", buf);

	ok = ReadFile(r, buf, sizeof buf, NULL, &ov);
	printf("ReadFile: %d error %lu\n", ok, ok ? 0 : GetLastError());
	printf("CancelIoEx: %d\n", CancelIoEx(r, &ov));
	packet("cancelled", &ov, 1);
	ok = GetOverlappedResult(r, &ov, &n, TRUE);
	printf("GetOverlappedResult: %d error %lu\n", ok, GetLastError());

	ok = ReadFile(r, buf, sizeof buf, NULL, &ov);
	printf("ReadFile: %d error %lu\n", ok, ok ? 0 : GetLastError());
	CloseHandle(r);
	packet("closed", &ov, 0);
	CloseHandle(w);
	CloseHandle(port);
	return 0;
}
