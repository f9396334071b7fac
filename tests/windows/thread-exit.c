/* Thread start and end notifications and the process's end: the program's TLS callback sees
 * DLL_THREAD_ATTACH and DLL_THREAD_DETACH once per thread (the main thread's ExitThread included);
 * each thread has its own __thread variable (mingw's emutls); a fiber-local storage callback
 * runs for each ending thread's value and, at FlsFree, for the values left; when the main thread leaves by ExitThread the process lives on until its last thread
 * ends, and takes that thread's exit code (5). */
#include <windows.h>
#include <stdio.h>

static volatile LONG attach, detach;
static __thread int tls_value = 3;

static void NTAPI on_thread(void *module, DWORD reason, void *reserved)
{
	(void)module, (void)reserved;
	if (reason == DLL_THREAD_ATTACH)
		InterlockedIncrement(&attach);
	else if (reason == DLL_THREAD_DETACH)
		InterlockedIncrement(&detach);
}

__attribute__((section(".CRT$XLY"), used)) static PIMAGE_TLS_CALLBACK callback = on_thread;

static DWORD fls;
static volatile LONG fls_sum;

static void WINAPI fls_done(void *v)
{
	InterlockedAdd(&fls_sum, (LONG)(INT_PTR)v);
}

static DWORD WINAPI work(void *arg)
{
	FlsSetValue(fls, arg);
	tls_value += (int)(INT_PTR)arg;
	return tls_value;
}

static DWORD WINAPI last(void *arg)
{
	WaitForSingleObject(arg, INFINITE); /* the main thread's handle: it has ended */
	printf("main thread ended; attach %ld detach %ld\n", attach, detach);
	fflush(stdout);
	return 5;
}

int main(void)
{
	fls = FlsAlloc(fls_done);
	FlsSetValue(fls, (void *)100);
	HANDLE t[3];
	for (int i = 0; i < 3; i++)
		t[i] = CreateThread(NULL, 0, work, (void *)(INT_PTR)(i + 1), 0, NULL);
	WaitForMultipleObjects(3, t, TRUE, INFINITE);
	DWORD code, sum = 0;
	for (int i = 0; i < 3; i++) {
		GetExitCodeThread(t[i], &code);
		sum += code;
		CloseHandle(t[i]);
	}
	printf("attach %ld detach %ld, sum %lu, main's value %d\n", attach, detach, sum, tls_value);
	printf("fls callbacks at thread ends: %ld, main's value %d\n", fls_sum,
	       (int)(INT_PTR)FlsGetValue(fls));
	BOOL ok = FlsFree(fls);
	printf("FlsFree: %d, callbacks then %ld\n", ok, fls_sum);
	HANDLE me;
	DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &me, 0, FALSE,
			DUPLICATE_SAME_ACCESS);
	CloseHandle(CreateThread(NULL, 0, last, me, 0, NULL));
	fflush(stdout);
	ExitThread(0);
}
