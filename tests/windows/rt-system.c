/* What the Go runtime asks of the system at start-up, against Microsoft's documentation: the
 * system directory (libshim/kernel32/sysdir.c), error and WER modes (errormode.c), process
 * affinity and priority boost (affinity.c), the version (ntdll/version.c), timer periods
 * (winmm), RtlGenRandom (advapi32) and the clocks of KUSER_SHARED_DATA (ntdll/user_shared.c). */
#include <windows.h>
#include <stdio.h>
#include <string.h>

typedef LONG(WINAPI *get_version_fn)(OSVERSIONINFOEXW *);
typedef void(WINAPI *get_numbers_fn)(DWORD *, DWORD *, DWORD *);
typedef void *(WINAPI *get_peb_fn)(void);
typedef UINT(WINAPI *period_fn)(UINT);
typedef BOOLEAN(WINAPI *random_fn)(void *, ULONG);
typedef HRESULT(WINAPI *wer_get_fn)(HANDLE, DWORD *);
typedef HRESULT(WINAPI *wer_set_fn)(DWORD);

static const char *yes(int b)
{
	return b ? "yes" : "no";
}

/* KSYSTEM_TIME as Windows' readers read it: High1, Low, High2 until High1 == High2. */
static ULONGLONG shared_time(unsigned off)
{
	volatile LONG *p = (volatile LONG *)(ULONG_PTR)(0x7ffe0000 + off);
	for (;;) {
		LONG hi1 = p[1];
		ULONG lo = (ULONG)p[0];
		if (hi1 == p[2])
			return (ULONGLONG)(ULONG)hi1 << 32 | lo;
	}
}

int main(void)
{
	/* The system directory exists; its length rules are GetCurrentDirectory's. */
	char dir[MAX_PATH], small[2];
	UINT n = GetSystemDirectoryA(dir, sizeof dir);
	UINT need = GetSystemDirectoryA(small, sizeof small);
	DWORD attr = GetFileAttributesA(dir);
	printf("system directory: length %s, small buffer asks %s, a directory: %s, ends in '\\': %s\n",
	       yes(n == strlen(dir)), yes(need == n + 1), yes(attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY)),
	       yes(dir[n - 1] == '\\'));
	WCHAR wdir[MAX_PATH];
	printf("GetSystemDirectoryW: same length: %s\n", yes(GetSystemDirectoryW(wdir, MAX_PATH) == n));
	char path[MAX_PATH + 20];
	snprintf(path, sizeof path, "%s\\kernel32.dll", dir);
	HMODULE k32 = GetModuleHandleA("kernel32.dll");
	printf("LoadLibrary(system directory\\kernel32.dll) is kernel32: %s\n", yes(LoadLibraryA(path) == k32));
	char name[MAX_PATH];
	GetModuleFileNameA(k32, name, sizeof name);
	printf("kernel32's file is in the system directory: %s\n", yes(!strcasecmp(name, path)));

	/* Error mode: SetErrorMode returns the previous mode; SEM_NOALIGNMENTFAULTEXCEPT stays. */
	UINT first = GetErrorMode();
	UINT prev = SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX);
	printf("error mode: initial %u, SetErrorMode returns it: %s, now %u\n", first, yes(prev == first), GetErrorMode());
	SetErrorMode(SEM_NOALIGNMENTFAULTEXCEPT);
	SetErrorMode(0);
	printf("after SEM_NOALIGNMENTFAULTEXCEPT then 0: %u\n", GetErrorMode());

	wer_get_fn wer_get = (wer_get_fn)GetProcAddress(k32, "WerGetFlags");
	wer_set_fn wer_set = (wer_set_fn)GetProcAddress(k32, "WerSetFlags");
	DWORD flags = 99;
	HRESULT h1 = wer_set(0x20 /* WER_FAULT_REPORTING_NO_UI */), h2 = wer_get(GetCurrentProcess(), &flags);
	printf("WerSetFlags 0x%lx, WerGetFlags 0x%lx, flags %lu\n", h1, h2, flags);

	/* Affinity: the process's processors are among the system's; SetProcessAffinityMask takes
	 * a subset and refuses 0. */
	DWORD_PTR proc = 0, sys = 0;
	BOOL ok = GetProcessAffinityMask(GetCurrentProcess(), &proc, &sys);
	SYSTEM_INFO si;
	GetSystemInfo(&si);
	printf("GetProcessAffinityMask: %d, non-empty: %s, within the system's: %s, count is GetSystemInfo's: %s\n",
	       ok, yes(proc != 0), yes((proc & ~sys) == 0), yes((DWORD)__builtin_popcountll(proc) == si.dwNumberOfProcessors));
	DWORD_PTR lowest = proc & -proc, now_mask = 0;
	printf("SetProcessAffinityMask(lowest): %d\n", SetProcessAffinityMask(GetCurrentProcess(), lowest));
	GetProcessAffinityMask(GetCurrentProcess(), &now_mask, &sys);
	printf("read back: %s\n", yes(now_mask == lowest));
	SetLastError(0);
	ok = SetProcessAffinityMask(GetCurrentProcess(), 0);
	printf("SetProcessAffinityMask(0): %d, error %lu\n", ok, GetLastError());
	SetProcessAffinityMask(GetCurrentProcess(), proc);

	BOOL disabled = 7;
	printf("SetProcessPriorityBoost(TRUE): %d", SetProcessPriorityBoost(GetCurrentProcess(), TRUE));
	GetProcessPriorityBoost(GetCurrentProcess(), &disabled);
	printf(", GetProcessPriorityBoost: %d\n", disabled);

	/* The version: Windows 10 (10.0), its build, NT platform; the free build's 0xF nibble. */
	HMODULE nt = GetModuleHandleA("ntdll.dll");
	OSVERSIONINFOEXW v;
	memset(&v, 0xcc, sizeof v);
	v.dwOSVersionInfoSize = sizeof v;
	LONG st = ((get_version_fn)GetProcAddress(nt, "RtlGetVersion"))(&v);
	printf("RtlGetVersion: 0x%lx %lu.%lu platform %lu build >= 10240: %s, product %u, CSD empty: %s\n", st,
	       v.dwMajorVersion, v.dwMinorVersion, v.dwPlatformId, yes(v.dwBuildNumber >= 10240), v.wProductType,
	       yes(v.szCSDVersion[0] == 0));
	DWORD major, minor, build;
	((get_numbers_fn)GetProcAddress(nt, "RtlGetNtVersionNumbers"))(&major, &minor, &build);
	printf("RtlGetNtVersionNumbers: %lu.%lu, build 0x%lx | %s\n", major, minor, build & 0xF0000000,
	       yes((build & 0xffff) == v.dwBuildNumber));
	void *peb = ((get_peb_fn)GetProcAddress(nt, "RtlGetCurrentPeb"))();
	void *teb_peb;
	__asm__("mov %%gs:0x60, %0" : "=r"(teb_peb));
	printf("RtlGetCurrentPeb is the TEB's PEB: %s, its version: %s\n", yes(peb == teb_peb),
	       yes(*(ULONG *)((char *)peb + 0x118) == major && *(USHORT *)((char *)peb + 0x120) == (build & 0xffff)));

	/* winmm's periods: 1 ms is valid, 0 is not. */
	HMODULE winmm = LoadLibraryA("winmm.dll");
	period_fn begin = (period_fn)GetProcAddress(winmm, "timeBeginPeriod");
	period_fn end = (period_fn)GetProcAddress(winmm, "timeEndPeriod");
	printf("timeBeginPeriod(1) %u, timeEndPeriod(1) %u, timeBeginPeriod(0) %u\n", begin(1), end(1), begin(0));

	/* RtlGenRandom: TRUE and bytes that are not all the same twice. */
	random_fn gen = (random_fn)GetProcAddress(LoadLibraryA("advapi32.dll"), "SystemFunction036");
	unsigned char a[32] = { 0 }, b[32] = { 0 };
	BOOLEAN ra = gen(a, sizeof a), rb = gen(b, sizeof b);
	printf("SystemFunction036: %d %d, different: %s\n", ra, rb, yes(memcmp(a, b, sizeof a) != 0));

	/* KUSER_SHARED_DATA: the interrupt time advances with a sleep, the system time is the
	 * clock's, the version matches. */
	ULONGLONG i1 = shared_time(0x8);
	Sleep(30);
	ULONGLONG i2 = shared_time(0x8);
	FILETIME ft;
	GetSystemTimeAsFileTime(&ft);
	ULONGLONG sys_now = (ULONGLONG)ft.dwHighDateTime << 32 | ft.dwLowDateTime, shared_now = shared_time(0x14);
	LONGLONG skew = (LONGLONG)(sys_now - shared_now);
	printf("InterruptTime advanced 25-500 ms over Sleep(30): %s\n", yes(i2 - i1 >= 250000 && i2 - i1 <= 5000000));
	printf("SystemTime within 20 ms of GetSystemTimeAsFileTime: %s\n", yes(skew > -200000 && skew < 200000));
	printf("shared NtMajorVersion %lu NtMinorVersion %lu\n", *(ULONG *)(ULONG_PTR)0x7ffe026c, *(ULONG *)(ULONG_PTR)0x7ffe0270);
	return 0;
}
