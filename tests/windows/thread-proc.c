/* CreateProcess of another program (thread-child.exe, found in this program's directory by
 * Windows' search rules, ".exe" appended): its std handles redirected to anonymous pipes
 * (STARTF_USESTDHANDLES, inheritable ends), its command line split by the CRT, its exit code
 * through the process handle; a child's environment from lpEnvironment; TerminateProcess with an
 * exit code; a missing program (ERROR_FILE_NOT_FOUND 2). */
#include <windows.h>
#include <stdio.h>
#include <string.h>

static void read_all(HANDLE h, const char *what)
{
	char buf[512];
	DWORD n, total = 0;
	while (ReadFile(h, buf + total, sizeof buf - 1 - total, &n, NULL) && n)
		total += n;
	buf[total] = 0;
	/* the child's text mode wrote CR LF: show lines without the CR */
	char *w = buf;
	for (char *r = buf; *r; r++)
		if (*r != '\r')
			*w++ = *r;
	*w = 0;
	printf("%s:\n%s", what, buf);
}

/* A pipe whose child end is inheritable and parent end is not. */
static void pipe_for_child(HANDLE *parent, HANDLE *child, int child_reads)
{
	SECURITY_ATTRIBUTES sa = { sizeof sa, NULL, TRUE };
	HANDLE r, w;
	CreatePipe(&r, &w, &sa, 0);
	*parent = child_reads ? w : r;
	*child = child_reads ? r : w;
	SetHandleInformation(*parent, HANDLE_FLAG_INHERIT, 0);
}

int main(int argc, char **argv)
{
	HANDLE in_p, in_c, out_p, out_c, err_p, err_c;
	pipe_for_child(&in_p, &in_c, 1);
	pipe_for_child(&out_p, &out_c, 0);
	pipe_for_child(&err_p, &err_c, 0);
	STARTUPINFOA si = { sizeof si };
	si.dwFlags = STARTF_USESTDHANDLES;
	si.hStdInput = in_c;
	si.hStdOutput = out_c;
	si.hStdError = err_c;
	PROCESS_INFORMATION pi;
	char cmd[] = "thread-child echo \"two words\" plain";
	BOOL ok = CreateProcessA(NULL, cmd, NULL, NULL, TRUE, CREATE_NO_WINDOW, NULL, NULL, &si, &pi);
	printf("created: %d, ids agree: %d\n", ok, GetProcessId(pi.hProcess) == pi.dwProcessId);
	CloseHandle(in_c);
	CloseHandle(out_c);
	CloseHandle(err_c);
	DWORD n;
	WriteFile(in_p, "hello\nworld\n", 12, &n, NULL);
	CloseHandle(in_p);
	read_all(out_p, "stdout");
	read_all(err_p, "stderr");
	printf("wait: %lu\n", WaitForSingleObject(pi.hProcess, 10000));
	printf("its thread: %lu\n", WaitForSingleObject(pi.hThread, 0));
	DWORD code = 0;
	GetExitCodeProcess(pi.hProcess, &code);
	printf("exit code: %lu\n", code);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
	CloseHandle(out_p);
	CloseHandle(err_p);

	/* lpEnvironment and lpApplicationName: the path as found above, the block as given */
	(void)argc;
	char path[MAX_PATH], *base;
	snprintf(path, sizeof path, "%s", argv[0]);
	base = strrchr(path, '\\') > strrchr(path, '/') ? strrchr(path, '\\') : strrchr(path, '/');
	strcpy(base ? base + 1 : path, "thread-child.exe");
	char env[] = "XABI_TEST_VAR=from-block\0OTHER=1\0";
	char cmd2[] = "child env XABI_TEST_VAR";
	STARTUPINFOA si2 = { sizeof si2 };
	fflush(stdout);
	ok = CreateProcessA(path, cmd2, NULL, NULL, FALSE, 0, env, NULL, &si2, &pi);
	WaitForSingleObject(pi.hProcess, INFINITE);
	printf("application name and environment block: %d\n", ok);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);

	char cmd3[] = "thread-child sleep";
	ok = CreateProcessA(NULL, cmd3, NULL, NULL, FALSE, 0, NULL, NULL, &si2, &pi);
	GetExitCodeProcess(pi.hProcess, &code);
	printf("sleeping child: %d, still active %lu, wait %lu\n", ok, code,
	       WaitForSingleObject(pi.hProcess, 50));
	printf("terminate: %d\n", TerminateProcess(pi.hProcess, 9));
	printf("wait: %lu\n", WaitForSingleObject(pi.hProcess, 10000));
	GetExitCodeProcess(pi.hProcess, &code);
	printf("exit code: %lu\n", code);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);

	char cmd4[] = "no-such-program-xabi arg";
	SetLastError(0);
	ok = CreateProcessA(NULL, cmd4, NULL, NULL, FALSE, 0, NULL, NULL, &si2, &pi);
	printf("missing program: %d error %lu\n", ok, GetLastError());
	GetExitCodeProcess(GetCurrentProcess(), &code);
	printf("this process: %lu\n", code);
	return 0;
}
