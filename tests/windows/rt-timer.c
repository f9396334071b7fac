/* Waitable timers (libshim/kernel32/timer.c) against Microsoft's documentation of
 * CreateWaitableTimer(Ex), SetWaitableTimer and CancelWaitableTimer: relative (negative, 100 ns
 * units) and absolute (FILETIME) due times, periods, notification (manual-reset) and
 * synchronization timers, waits on several timers, NtWaitForSingleObject. Times are printed as
 * bounds only. */
#include <windows.h>
#include <stdio.h>

#ifndef CREATE_WAITABLE_TIMER_HIGH_RESOLUTION
#define CREATE_WAITABLE_TIMER_HIGH_RESOLUTION 0x2 /* winbase.h of newer SDKs */
#endif

static LONGLONG now_ms(void)
{
	LARGE_INTEGER f, c;
	QueryPerformanceFrequency(&f);
	QueryPerformanceCounter(&c);
	return c.QuadPart * 1000 / f.QuadPart;
}

static void set_rel(HANDLE t, LONGLONG ms, LONG period)
{
	LARGE_INTEGER due;
	due.QuadPart = -ms * 10000;
	if (!SetWaitableTimer(t, &due, period, NULL, NULL, FALSE))
		printf("SetWaitableTimer failed: %lu\n", GetLastError());
}

static const char *yes(int b)
{
	return b ? "yes" : "no";
}

typedef LONG(WINAPI *nt_wait_fn)(HANDLE, BOOLEAN, LARGE_INTEGER *);

int main(void)
{
	/* A notification timer: signalled from its due time on, for every waiter. */
	HANDLE n = CreateWaitableTimerW(NULL, TRUE, NULL);
	printf("notification timer created: %s\n", yes(n != NULL));
	printf("unset timer, wait 0: %lu\n", WaitForSingleObject(n, 0));
	LONGLONG t0 = now_ms();
	set_rel(n, 50, 0);
	printf("before its time, wait 0: %lu\n", WaitForSingleObject(n, 0));
	DWORD r = WaitForSingleObject(n, INFINITE);
	LONGLONG waited = now_ms() - t0;
	printf("wait: %lu after >= 49 ms: %s, < 1000 ms: %s\n", r, yes(waited >= 49), yes(waited < 1000));
	printf("still signalled: %lu\n", WaitForSingleObject(n, 0));
	set_rel(n, 1000, 0);
	printf("set again resets it: %lu\n", WaitForSingleObject(n, 0));
	CancelWaitableTimer(n);
	printf("cancelled, wait 100 ms: %lu\n", WaitForSingleObject(n, 100));

	/* A synchronization timer releases one wait, then is non-signalled. */
	HANDLE s = CreateWaitableTimerA(NULL, FALSE, NULL);
	set_rel(s, 10, 0);
	printf("synchronization timer: %lu then %lu\n", WaitForSingleObject(s, 1000),
	       WaitForSingleObject(s, 0));

	/* Periodic: due every 20 ms after the first 20 ms. */
	t0 = now_ms();
	set_rel(s, 20, 20);
	int fired = 0;
	for (int i = 0; i < 5; i++)
		fired += WaitForSingleObject(s, 1000) == WAIT_OBJECT_0;
	waited = now_ms() - t0;
	printf("periodic: %d of 5, after >= 95 ms: %s\n", fired, yes(waited >= 95));
	CancelWaitableTimer(s);

	/* Absolute: a FILETIME 40 ms from now; one in the past is due at once. */
	FILETIME ft;
	GetSystemTimeAsFileTime(&ft);
	LARGE_INTEGER due;
	due.LowPart = ft.dwLowDateTime;
	due.HighPart = (LONG)ft.dwHighDateTime;
	due.QuadPart += 40 * 10000;
	t0 = now_ms();
	SetWaitableTimer(n, &due, 0, NULL, NULL, FALSE);
	r = WaitForSingleObject(n, 2000);
	waited = now_ms() - t0;
	printf("absolute: %lu after >= 35 ms: %s\n", r, yes(waited >= 35));
	due.QuadPart -= 10000000;
	SetWaitableTimer(n, &due, 0, NULL, NULL, FALSE);
	printf("absolute in the past: %lu\n", WaitForSingleObject(n, 0));

	/* fResume: success, with ERROR_NOT_SUPPORTED where the machine cannot wake (xabi, and
	 * machines without that power state), as documented (Wine 8 says 722). */
	SetLastError(0);
	due.QuadPart = -10000000;
	BOOL ok = SetWaitableTimer(n, &due, 0, NULL, NULL, TRUE);
	printf("fResume: %d, last error %lu\n", ok, GetLastError());
	CancelWaitableTimer(n);

	/* Wait-any on two timers gives the earlier; wait-all returns when both fired. */
	HANDLE two[2] = { CreateWaitableTimerW(NULL, TRUE, NULL), CreateWaitableTimerW(NULL, TRUE, NULL) };
	set_rel(two[0], 80, 0);
	set_rel(two[1], 20, 0);
	printf("wait any: %lu\n", WaitForMultipleObjects(2, two, FALSE, 1000));
	printf("wait all: %lu\n", WaitForMultipleObjects(2, two, TRUE, 1000));

	/* High resolution: 50 sleeps of 1 ms take far less than 50 clock ticks of 15.6 ms. */
	HANDLE hr = CreateWaitableTimerExW(NULL, NULL, CREATE_WAITABLE_TIMER_HIGH_RESOLUTION,
					   TIMER_ALL_ACCESS);
	printf("high resolution timer: %s\n", yes(hr != NULL));
	t0 = now_ms();
	for (int i = 0; i < 50; i++) {
		set_rel(hr, 1, 0);
		WaitForSingleObject(hr, INFINITE);
	}
	waited = now_ms() - t0;
	printf("50 x 1 ms: >= 49 ms: %s, < 400 ms: %s\n", yes(waited >= 49), yes(waited < 400));

	/* Names: the same object by OpenWaitableTimer. */
	HANDLE named = CreateWaitableTimerW(NULL, TRUE, L"xabi-timer");
	HANDLE opened = OpenWaitableTimerW(TIMER_ALL_ACCESS, FALSE, L"xabi-timer");
	set_rel(named, 5, 0);
	printf("opened by name: %s, signalled through it: %lu\n", yes(opened != NULL),
	       WaitForSingleObject(opened, 1000));
	HANDLE missing = OpenWaitableTimerW(TIMER_ALL_ACCESS, FALSE, L"xabi-none");
	DWORD err = GetLastError();
	printf("open of a missing name: %s, error %lu\n", yes(missing != NULL), err);

	/* NtWaitForSingleObject: NT timeouts and NTSTATUS results. */
	nt_wait_fn nt_wait = (nt_wait_fn)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtWaitForSingleObject");
	LARGE_INTEGER timeout;
	timeout.QuadPart = -20 * 10000;
	set_rel(s, 1000, 0);
	t0 = now_ms();
	LONG st = nt_wait(s, FALSE, &timeout);
	waited = now_ms() - t0;
	printf("NtWaitForSingleObject timeout: 0x%lx after >= 19 ms: %s\n", st, yes(waited >= 19));
	set_rel(s, 5, 0);
	printf("NtWaitForSingleObject signalled: 0x%lx\n", nt_wait(s, FALSE, NULL));
	printf("NtWaitForSingleObject bad handle: 0x%lx\n", nt_wait((HANDLE)0x12345678, FALSE, &timeout));
	CloseHandle(n);
	CloseHandle(s);
	return 0;
}
