/* CreateProcess as Go's os/exec uses it (Microsoft's documentation of CreateProcess,
 * STARTUPINFOEX, UpdateProcThreadAttribute with PROC_THREAD_ATTRIBUTE_HANDLE_LIST, handle
 * inheritance, GetExitCodeProcess, OpenProcess, GetProcessTimes). The program runs itself as the
 * child: "os-process child ACTION ARGS". */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int child(int argc, char **argv)
{
	const char *action = argv[2];
	if (!strcmp(action, "write") && argc >= 4) { /* write to the handle value given */
		HANDLE h = (HANDLE)(ULONG_PTR)strtoull(argv[3], 0, 16);
		DWORD flags = 0, n;
		BOOL info = GetHandleInformation(h, &flags);
		char msg[64];
		int len = snprintf(msg, sizeof msg, "child wrote through the handle");
		BOOL ok = info && WriteFile(h, msg, (DWORD)len, &n, 0);
		printf("child: the handle %s, inherit flag %lu\n", ok ? "works" : "is not there",
		       flags & HANDLE_FLAG_INHERIT);
		return 0;
	}
	if (!strcmp(action, "std")) { /* the std handles are the inherited values */
		printf("child: stdout is the inherited handle %d\n",
		       GetStdHandle(STD_OUTPUT_HANDLE) == (HANDLE)(ULONG_PTR)strtoull(argv[3], 0, 16));
		return 0;
	}
	if (!strcmp(action, "env")) {
		char v[64] = "", c[MAX_PATH];
		GetEnvironmentVariableA("XABI_OS_TEST", v, sizeof v);
		GetCurrentDirectoryA(MAX_PATH, c);
		printf("child: XABI_OS_TEST=%s, handles variable seen %d, directory ends with %s\n", v,
		       GetEnvironmentVariableA("XABI_WIN_HANDLES", 0, 0) != 0, strrchr(c, '\\') + 1);
		return 0;
	}
	if (!strcmp(action, "exit"))
		return atoi(argv[3]);
	if (!strcmp(action, "spin")) {
		volatile unsigned long x = 0;
		for (unsigned long i = 0; i < 300000000UL; i++)
			x += i;
		return 0;
	}
	return 99;
}

static char self[MAX_PATH];

/* Start "self child ARGS" with std handles (0: this process's) and a handle list (n handles;
 * n < 0: no list, inherit everything inheritable). */
static HANDLE start(const char *args, HANDLE out, const HANDLE *list, int n, BOOL inherit, void *env,
		    const char *dir)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "\"%s\" child %s", self, args);
	STARTUPINFOEXA si = { 0 };
	si.StartupInfo.cb = sizeof si;
	SIZE_T size = 0;
	DWORD flags = EXTENDED_STARTUPINFO_PRESENT | (env ? CREATE_UNICODE_ENVIRONMENT : 0);
	InitializeProcThreadAttributeList(0, 1, 0, &size);
	si.lpAttributeList = malloc(size);
	if (!InitializeProcThreadAttributeList(si.lpAttributeList, 1, 0, &size))
		printf("InitializeProcThreadAttributeList: error %lu\n", GetLastError());
	if (n >= 0 && !UpdateProcThreadAttribute(si.lpAttributeList, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST,
						 (void *)list, n * sizeof(HANDLE), 0, 0))
		printf("UpdateProcThreadAttribute: error %lu\n", GetLastError());
	if (out) {
		si.StartupInfo.dwFlags = STARTF_USESTDHANDLES;
		si.StartupInfo.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
		si.StartupInfo.hStdOutput = out;
		si.StartupInfo.hStdError = GetStdHandle(STD_ERROR_HANDLE);
	}
	PROCESS_INFORMATION pi;
	fflush(stdout);
	if (!CreateProcessA(0, cmd, 0, 0, inherit, flags, env, dir, &si.StartupInfo, &pi)) {
		printf("CreateProcess %s: error %lu\n", args, GetLastError());
		return 0;
	}
	DeleteProcThreadAttributeList(si.lpAttributeList);
	free(si.lpAttributeList);
	CloseHandle(pi.hThread);
	return pi.hProcess;
}

static DWORD finish(HANDLE p)
{
	DWORD code = 0;
	WaitForSingleObject(p, INFINITE);
	GetExitCodeProcess(p, &code);
	CloseHandle(p);
	return code;
}

static void drain(const char *what, HANDLE r)
{
	char buf[256];
	DWORD n = 0;
	ReadFile(r, buf, sizeof buf - 1, &n, 0);
	printf("%s: \"%.*s\"\n", what, (int)n, buf);
}

static HANDLE inheritable_pipe(HANDLE *w)
{
	HANDLE r;
	SECURITY_ATTRIBUTES sa = { sizeof sa, 0, TRUE };
	CreatePipe(&r, w, &sa, 0);
	SetHandleInformation(r, HANDLE_FLAG_INHERIT, 0); /* only the write end goes to the child */
	return r;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "child"))
		return child(argc, argv);
	GetModuleFileNameA(0, self, MAX_PATH);
	char args[64];

	/* An inheritable pipe beyond the std handles reaches the child at its value. */
	HANDLE w, r = inheritable_pipe(&w);
	DWORD flags, rflags;
	GetHandleInformation(w, &flags);
	GetHandleInformation(r, &rflags);
	printf("write end inheritable %lu, read end %lu\n", flags, rflags);
	snprintf(args, sizeof args, "write %llx", (unsigned long long)(ULONG_PTR)w);
	printf("exit %lu\n", finish(start(args, 0, 0, -1, TRUE, 0, 0)));
	CloseHandle(w);
	drain("parent read", r);
	CloseHandle(r);

	/* With a handle list only the listed handles are inherited. */
	HANDLE w2, r2 = inheritable_pipe(&w2), w3, r3 = inheritable_pipe(&w3);
	HANDLE list[] = { w2 };
	snprintf(args, sizeof args, "write %llx", (unsigned long long)(ULONG_PTR)w3);
	printf("exit %lu\n", finish(start(args, 0, list, 1, TRUE, 0, 0)));
	snprintf(args, sizeof args, "write %llx", (unsigned long long)(ULONG_PTR)w2);
	printf("exit %lu\n", finish(start(args, 0, list, 1, TRUE, 0, 0)));
	CloseHandle(w2);
	CloseHandle(w3);
	drain("listed pipe", r2);
	CloseHandle(r2);
	CloseHandle(r3);

	/* bInheritHandles FALSE: nothing is inherited. */
	HANDLE w4, r4 = inheritable_pipe(&w4);
	snprintf(args, sizeof args, "write %llx", (unsigned long long)(ULONG_PTR)w4);
	printf("exit %lu\n", finish(start(args, 0, 0, -1, FALSE, 0, 0)));
	CloseHandle(w4);
	CloseHandle(r4);

	/* A std handle that is inherited keeps its value as the child's std handle (Go's way:
	 * DuplicateHandle into an inheritable handle, listed). */
	HANDLE w5, r5 = inheritable_pipe(&w5), dup;
	DuplicateHandle(GetCurrentProcess(), w5, GetCurrentProcess(), &dup, 0, TRUE,
			DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE);
	BOOL closed = dup == w5 || !GetHandleInformation(w5, &flags); /* the value may be reused */
	printf("duplicate: source closed %d, inherit flag %d\n", closed,
	       GetHandleInformation(dup, &flags) && (flags & HANDLE_FLAG_INHERIT));
	HANDLE list5[] = { dup };
	snprintf(args, sizeof args, "std %llx", (unsigned long long)(ULONG_PTR)dup);
	printf("exit %lu\n", finish(start(args, dup, list5, 1, TRUE, 0, 0)));
	CloseHandle(dup);
	drain("child stdout", r5);
	CloseHandle(r5);

	/* A Unicode environment block and a current directory. */
	CreateDirectoryA("sub", 0);
	static const WCHAR env[] = L"XABI_OS_TEST=from the block\0OTHER=1\0";
	printf("exit %lu\n", finish(start("env", 0, 0, -1, FALSE, (void *)env, "sub")));

	/* Exit codes, OpenProcess, GetProcessTimes. */
	HANDLE p = start("exit 42", 0, 0, -1, FALSE, 0, 0);
	DWORD pid = GetProcessId(p);
	HANDLE again = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION | SYNCHRONIZE, FALSE, pid);
	printf("OpenProcess of the child: %d\n", again != 0);
	DWORD code;
	WaitForSingleObject(again, INFINITE);
	GetExitCodeProcess(again, &code);
	printf("exit through OpenProcess: %lu, through CreateProcess's handle: %lu\n", code, finish(p));
	CloseHandle(again);
	HANDLE none = OpenProcess(SYNCHRONIZE, FALSE, 0);
	DWORD err = GetLastError();
	printf("OpenProcess(0): %d error %lu\n", none != 0, err);

	p = start("spin", 0, 0, -1, FALSE, 0, 0);
	WaitForSingleObject(p, INFINITE);
	FILETIME c, e, k, u, now;
	GetSystemTimeAsFileTime(&now);
	BOOL ok = GetProcessTimes(p, &c, &e, &k, &u);
	ULONGLONG cv = (ULONGLONG)c.dwHighDateTime << 32 | c.dwLowDateTime,
		  ev = (ULONGLONG)e.dwHighDateTime << 32 | e.dwLowDateTime,
		  uv = (ULONGLONG)u.dwHighDateTime << 32 | u.dwLowDateTime,
		  nv = (ULONGLONG)now.dwHighDateTime << 32 | now.dwLowDateTime;
	printf("child times: %d, created <= exited <= now %d, user time above 10 ms %d\n", ok,
	       cv && cv <= ev && ev <= nv, uv > 100000);
	CloseHandle(p);
	ok = GetProcessTimes(GetCurrentProcess(), &c, &e, &k, &u);
	cv = (ULONGLONG)c.dwHighDateTime << 32 | c.dwLowDateTime;
	printf("own times: %d, created within the last minute %d, exit 0 %d\n", ok,
	       cv <= nv && nv - cv < 600000000ULL, !e.dwLowDateTime && !e.dwHighDateTime);

	/* A program that is not a Windows one (argv[1]: a POSIX shell) runs too. */
	if (argc < 2)
		return 0;
	HANDLE w6, r6 = inheritable_pipe(&w6);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "%s -c \"echo shell child; exit 7\"", argv[1]);
	STARTUPINFOA si = { sizeof si };
	si.dwFlags = STARTF_USESTDHANDLES;
	si.hStdOutput = w6;
	si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
	PROCESS_INFORMATION pi;
	ok = CreateProcessA(0, cmd, 0, 0, TRUE, 0, 0, 0, &si, &pi);
	CloseHandle(w6);
	printf("shell: started %d\n", ok);
	if (ok) {
		drain("shell stdout", r6);
		CloseHandle(pi.hThread);
		printf("shell exit %lu\n", finish(pi.hProcess));
	}
	return 0;
}
