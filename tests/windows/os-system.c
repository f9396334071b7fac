/* What a Windows program may rely on of its system (tests/suites/windows-system.sh checks each
 * line against the host): the Windows directory and %SystemRoot% (GetWindowsDirectory and
 * friends, system32\drivers\etc's files), the computer's names (GetComputerName(Ex), with
 * Microsoft's documented errors), GetModuleFileName of the program, no SIGPIPE (a write to a pipe
 * without a reader fails with ERROR_NO_DATA), and a blocking ReadFile of a pipe that CancelIoEx
 * ends with ERROR_OPERATION_ABORTED. "os-system ACTION": one part per run. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

static int dirs(void)
{
	char win[MAX_PATH], syswin[MAX_PATH], sys[MAX_PATH], env[MAX_PATH], windir[MAX_PATH];
	UINT n = GetWindowsDirectoryA(win, MAX_PATH);
	GetSystemWindowsDirectoryA(syswin, MAX_PATH);
	GetSystemDirectoryA(sys, MAX_PATH);
	printf("windows directory: %s\n", win);
	printf("length returned: %d\n", n == strlen(win));
	printf("system windows directory is it: %d\n", !strcmp(win, syswin));
	printf("system directory is its system32: %d\n",
	       !_strnicmp(sys, win, n) && !_stricmp(sys + n, "\\system32"));
	printf("too small: %u for %u characters\n", GetWindowsDirectoryA(win, 3), n + 1);
	if (!GetEnvironmentVariableA("SystemRoot", env, MAX_PATH))
		strcpy(env, "(unset)");
	if (!GetEnvironmentVariableA("windir", windir, MAX_PATH))
		strcpy(windir, "(unset)");
	printf("SystemRoot: %s\nwindir: %s\n", env, windir);
	static const char *const files[] = { "hosts", "networks", "protocol", "services" };
	for (int i = 0; i < 4; i++) {
		char path[MAX_PATH];
		snprintf(path, sizeof path, "%s\\drivers\\etc\\%s", sys, files[i]);
		HANDLE h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, 0, OPEN_EXISTING, 0, 0);
		LARGE_INTEGER size = { 0 };
		if (h == INVALID_HANDLE_VALUE)
			printf("%s: error %lu\n", files[i], GetLastError());
		else
			printf("%s: %lld bytes\n", files[i], GetFileSizeEx(h, &size) ? size.QuadPart : -1);
		CloseHandle(h);
	}
	/* The shim's DLLs are in the system directory, and in the C:\Windows\System32 that
	 * programs write out. */
	char name[MAX_PATH];
	HMODULE k = GetModuleHandleA("kernel32.dll");
	GetModuleFileNameA(k, name, MAX_PATH);
	snprintf(win, sizeof win, "%s\\kernel32.dll", sys);
	printf("kernel32's file is in the system directory: %d\n", !_stricmp(name, win));
	printf("LoadLibrary of that path: %d\n", LoadLibraryA(win) == k);
	printf("LoadLibrary C:\\Windows\\System32\\KERNEL32.DLL: %d\n",
	       LoadLibraryA("C:\\Windows\\System32\\KERNEL32.DLL") == k);
	return 0;
}

static void name_ex(COMPUTER_NAME_FORMAT kind)
{
	char a[256];
	WCHAR w[256];
	DWORD na = sizeof a, nw = 256;
	BOOL oka = GetComputerNameExA(kind, a, &na), okw = GetComputerNameExW(kind, w, &nw);
	char wa[256];
	WideCharToMultiByte(CP_UTF8, 0, w, -1, wa, sizeof wa, 0, 0);
	printf("kind %d: %d \"%s\" %lu, wide %s\n", kind, oka, a, na,
	       okw && nw == na && !strcmp(wa, a) ? "the same" : "differs");
}

static int names(void)
{
	char buf[64];
	WCHAR w[64];
	DWORD n = sizeof buf, nw = 64;
	BOOL ok = GetComputerNameA(buf, &n), okw = GetComputerNameW(w, &nw);
	printf("GetComputerName: %d \"%s\" %lu, wide %s\n", ok, buf, n,
	       okw && nw == n ? "the same length" : "differs");
	for (int k = ComputerNameNetBIOS; k < ComputerNameMax; k++)
		name_ex((COMPUTER_NAME_FORMAT)k);
	DWORD small = 1;
	ok = GetComputerNameA(buf, &small);
	printf("GetComputerName, room for 1: %d error %lu size %lu\n", ok, GetLastError(), small);
	small = 1;
	ok = GetComputerNameExA(ComputerNameDnsHostname, buf, &small);
	printf("GetComputerNameEx, room for 1: %d error %lu size %lu\n", ok, GetLastError(), small);
	small = 0;
	ok = GetComputerNameExW(ComputerNameDnsHostname, 0, &small);
	printf("GetComputerNameExW, no buffer: %d error %lu size %lu\n", ok, GetLastError(), small);
	n = sizeof buf;
	ok = GetComputerNameExA(ComputerNameMax, buf, &n);
	printf("GetComputerNameEx, ComputerNameMax: %d error %lu\n", ok, GetLastError());
	return 0;
}

static int self(void)
{
	char name[MAX_PATH];
	GetModuleFileNameA(0, name, MAX_PATH);
	printf("%s\n", name);
	return 0;
}

static int no_sigpipe(void)
{
	HANDLE r, w;
	DWORD n;
	CreatePipe(&r, &w, 0, 0);
	CloseHandle(r);
	BOOL ok = WriteFile(w, "x", 1, &n, 0);
	fprintf(stderr, "write without a reader: %d error %lu\n", ok, GetLastError());
	/* stdout itself: the suite has closed its reader. The process goes on. */
	ok = WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), "y\n", 2, &n, 0);
	fprintf(stderr, "write to stdout without a reader: %d error %lu\n", ok, GetLastError());
	return 0;
}

static DWORD WINAPI reader(void *h)
{
	char c;
	DWORD n;
	BOOL ok = ReadFile(h, &c, 1, &n, 0);
	printf("blocked ReadFile: %d error %lu\n", ok, GetLastError());
	return 0;
}

static int cancel(void)
{
	HANDLE r, w;
	CreatePipe(&r, &w, 0, 0);
	BOOL none = CancelIoEx(r, 0);
	printf("CancelIoEx with nothing waiting: %d error %lu\n", none, GetLastError());
	HANDLE t = CreateThread(0, 0, reader, r, 0, 0);
	Sleep(200); /* the reader is waiting */
	BOOL ok = CancelIoEx(r, 0);
	printf("CancelIoEx: %d\n", ok);
	fflush(stdout);
	printf("reader ended: %d\n", WaitForSingleObject(t, 5000) == WAIT_OBJECT_0);
	return 0;
}

int main(int argc, char **argv)
{
	const char *a = argc > 1 ? argv[1] : "";
	if (!strcmp(a, "dirs"))
		return dirs();
	if (!strcmp(a, "names"))
		return names();
	if (!strcmp(a, "self"))
		return self();
	if (!strcmp(a, "sigpipe"))
		return no_sigpipe();
	if (!strcmp(a, "cancel"))
		return cancel();
	if (!strcmp(a, "child-sigpipe")) { /* a Linux child: SIGPIPE as xabi was given it */
		STARTUPINFOA si = { sizeof si };
		PROCESS_INFORMATION pi;
		char cmd[] = "/bin/sh -c \"grep SigIgn /proc/self/status\"";
		if (!CreateProcessA(0, cmd, 0, 0, FALSE, 0, 0, 0, &si, &pi))
			return 1;
		WaitForSingleObject(pi.hProcess, INFINITE);
		return 0;
	}
	fprintf(stderr, "usage: os-system dirs|names|self|sigpipe|cancel|child-sigpipe\n");
	return 2;
}
