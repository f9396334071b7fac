/* Tool Help snapshots (tests/suites/windows-toolhelp.sh). First the documented behaviour, the same
 * on every machine (toolhelp.expected): size checks, the end of a list, an empty list, a closed
 * handle. Then, after a line "ready", what only the machine knows, for the suite to check against
 * the host's /proc and ps while the program waits on stdin: this process's entry (W and ANSI
 * forms), its parent's, and its threads (three of its own started here, waiting). */
#include <windows.h>
#include <tlhelp32.h>
#include <stdio.h>
#include <stdlib.h>

static HANDLE release;

static DWORD WINAPI worker(void *arg)
{
	(void)arg;
	WaitForSingleObject(release, INFINITE);
	return 0;
}

static void result(const char *what, BOOL ok)
{
	printf("%s: %s", what, ok ? "TRUE" : "FALSE");
	if (!ok)
		printf(" error %lu", GetLastError());
	printf("\n");
}

/* The entry of pid in a new process snapshot (W form); FALSE if it is not there. */
static BOOL find_w(DWORD pid, PROCESSENTRY32W *pe)
{
	HANDLE s = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
	BOOL ok = s != INVALID_HANDLE_VALUE;
	pe->dwSize = sizeof *pe;
	for (ok = ok && Process32FirstW(s, pe); ok; ok = Process32NextW(s, pe))
		if (pe->th32ProcessID == pid)
			break;
	CloseHandle(s);
	return ok;
}

static BOOL find_a(DWORD pid, PROCESSENTRY32 *pe)
{
	HANDLE s = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
	BOOL ok = s != INVALID_HANDLE_VALUE;
	pe->dwSize = sizeof *pe;
	for (ok = ok && Process32First(s, pe); ok; ok = Process32Next(s, pe))
		if (pe->th32ProcessID == pid)
			break;
	CloseHandle(s);
	return ok;
}

static int cmp_dword(const void *a, const void *b)
{
	DWORD x = *(const DWORD *)a, y = *(const DWORD *)b;
	return x < y ? -1 : x > y;
}

static void documented(void)
{
	PROCESSENTRY32W pe;
	THREADENTRY32 te;
	HANDLE s = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
	printf("process snapshot: %s\n", s == INVALID_HANDLE_VALUE ? "INVALID_HANDLE_VALUE" : "a handle");
	pe.dwSize = 0;
	result("Process32FirstW, dwSize 0", Process32FirstW(s, &pe));
	pe.dwSize = sizeof pe - 2;
	result("Process32FirstW, dwSize short by 2", Process32FirstW(s, &pe));
	pe.dwSize = sizeof pe;
	result("Process32FirstW", Process32FirstW(s, &pe));
	printf("dwSize kept: %s\n", pe.dwSize == sizeof pe ? "yes" : "no");
	printf("unused fields zero: %s\n",
	       !pe.cntUsage && !pe.th32DefaultHeapID && !pe.th32ModuleID && !pe.dwFlags ? "yes" : "no");
	int n = 1;
	while (Process32NextW(s, &pe))
		n++;
	printf("after the last: error %lu, more than one process: %s\n", GetLastError(), n > 1 ? "yes" : "no");
	result("Process32NextW again", Process32NextW(s, &pe));
	result("Process32FirstW restarts", Process32FirstW(s, &pe));
	te.dwSize = sizeof te;
	result("Thread32First of a process snapshot", Thread32First(s, &te));
	result("CloseHandle", CloseHandle(s));
	result("Process32FirstW of the closed handle", Process32FirstW(s, &pe));

	s = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
	printf("thread snapshot: %s\n", s == INVALID_HANDLE_VALUE ? "INVALID_HANDLE_VALUE" : "a handle");
	result("Process32FirstW of a thread snapshot", Process32FirstW(s, &pe));
	te.dwSize = sizeof te - 1;
	result("Thread32First, dwSize short by 1", Thread32First(s, &te));
	te.dwSize = sizeof te;
	result("Thread32First", Thread32First(s, &te));
	printf("thread fields: base priority %ld, delta %ld\n", te.tpBasePri, te.tpDeltaPri);
	CloseHandle(s);
}

int main(void)
{
	setvbuf(stdout, 0, _IONBF, 0);
	documented();

	release = CreateEvent(0, TRUE, FALSE, 0);
	HANDLE th[3];
	DWORD mine[4] = { GetCurrentThreadId() };
	for (int i = 0; i < 3; i++) {
		th[i] = CreateThread(0, 0, worker, 0, 0, &mine[i + 1]);
		if (!th[i])
			return 1;
	}
	DWORD self = GetCurrentProcessId();
	PROCESSENTRY32W pe;
	PROCESSENTRY32 pa;
	printf("ready\n");
	if (!find_w(self, &pe) || !find_a(self, &pa)) {
		printf("self not found: error %lu\n", GetLastError());
		return 2;
	}
	printf("self pid %lu ppid %lu threads %lu exe %ls\n", pe.th32ProcessID, pe.th32ParentProcessID,
	       pe.cntThreads, pe.szExeFile);
	printf("self ansi pid %lu ppid %lu threads %lu exe %s\n", pa.th32ProcessID, pa.th32ParentProcessID,
	       pa.cntThreads, pa.szExeFile);
	PROCESSENTRY32W parent;
	if (find_w(pe.th32ParentProcessID, &parent))
		printf("parent pid %lu ppid %lu exe %ls\n", parent.th32ProcessID, parent.th32ParentProcessID,
		       parent.szExeFile);
	else
		printf("parent not found: error %lu\n", GetLastError());

	/* This process's threads in a thread snapshot, sorted; and whether the four known are there. */
	HANDLE s = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
	THREADENTRY32 te = { .dwSize = sizeof te };
	DWORD tids[256];
	int n = 0, others = 0, found = 0;
	for (BOOL ok = Thread32First(s, &te); ok; ok = Thread32Next(s, &te)) {
		if (te.th32OwnerProcessID != self)
			others++;
		else if (n < 256)
			tids[n++] = te.th32ThreadID;
	}
	CloseHandle(s);
	qsort(tids, n, sizeof *tids, cmp_dword);
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < n; j++)
			found += tids[j] == mine[i];
	printf("threads of other processes: %s\n", others ? "some" : "none");
	printf("own threads listed: %d of 4\n", found);
	printf("self tids");
	for (int i = 0; i < n; i++)
		printf(" %lu", tids[i]);
	printf("\n");
	printf("waiting\n");

	char line[16];
	fgets(line, sizeof line, stdin); /* the suite's checks are done */
	SetEvent(release);
	WaitForMultipleObjects(3, th, TRUE, INFINITE);
	return 0;
}
