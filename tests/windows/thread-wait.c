/* Waits and kernel objects, against Microsoft's documented results: WaitForMultipleObjects any
 * (lowest signalled index) and all, timeouts (WAIT_TIMEOUT 258), WAIT_FAILED with
 * ERROR_INVALID_HANDLE (6); manual and auto-reset events, PulseEvent with no waiter; named
 * objects (ERROR_ALREADY_EXISTS 183, ERROR_FILE_NOT_FOUND 2, another type's name:
 * ERROR_INVALID_HANDLE); semaphores (previous count, ERROR_TOO_MANY_POSTS 298); mutexes
 * (recursion, ERROR_NOT_OWNER 288, WAIT_ABANDONED 128); thread handles (STILL_ACTIVE 259,
 * CREATE_SUSPENDED and suspend counts, ids), pseudo-handles, DuplicateHandle and handle flags,
 * SignalObjectAndWait. */
#include <windows.h>
#include <stdio.h>

static void show(const char *what, DWORD r)
{
	printf("%s: %lu\n", what, r);
}

static void fails(const char *what, DWORD r)
{
	printf("%s: %lu error %lu\n", what, r, GetLastError());
}

static HANDLE mutex;
static HANDLE gate;

static DWORD WINAPI take_and_leave(void *arg)
{
	(void)arg;
	DWORD r = WaitForSingleObject(mutex, INFINITE);
	WaitForSingleObject(mutex, INFINITE);
	return r; /* ends owning it twice: abandoned */
}

static DWORD WINAPI release_foreign(void *arg)
{
	(void)arg;
	SetLastError(0);
	BOOL ok = ReleaseMutex(mutex);
	return ok ? 0 : GetLastError();
}

static DWORD WINAPI wait_gate(void *arg)
{
	(void)arg;
	return WaitForSingleObject(gate, INFINITE) == WAIT_OBJECT_0 ? 11 : 12;
}

static DWORD WINAPI my_id(void *arg)
{
	(void)arg;
	return GetCurrentThreadId();
}

int main(void)
{
	/* events */
	HANDLE manual = CreateEventA(NULL, TRUE, FALSE, NULL);
	HANDLE autoe = CreateEventA(NULL, FALSE, TRUE, NULL);
	show("auto initially set", WaitForSingleObject(autoe, 0));
	show("auto after a wait", WaitForSingleObject(autoe, 0));
	SetEvent(manual);
	show("manual set", WaitForSingleObject(manual, 0));
	show("manual still set", WaitForSingleObject(manual, 10));
	ResetEvent(manual);
	show("manual reset", WaitForSingleObject(manual, 0));
	PulseEvent(manual);
	show("pulse with no waiter", WaitForSingleObject(manual, 0));
	show("timeout 100ms", WaitForSingleObject(manual, 100));

	/* WaitForMultipleObjects */
	HANDLE ev[3];
	for (int i = 0; i < 3; i++)
		ev[i] = CreateEventA(NULL, TRUE, FALSE, NULL);
	show("any, none set", WaitForMultipleObjects(3, ev, FALSE, 0));
	SetEvent(ev[2]);
	SetEvent(ev[1]);
	show("any, 1 and 2 set", WaitForMultipleObjects(3, ev, FALSE, 0));
	show("all, 1 and 2 set", WaitForMultipleObjects(3, ev, TRUE, 20));
	SetEvent(ev[0]);
	show("all set", WaitForMultipleObjects(3, ev, TRUE, 0));
	HANDLE two[2] = { ev[0], ev[0] };
	fails("all, one object twice", WaitForMultipleObjects(2, two, TRUE, 0));
	HANDLE bad[2] = { ev[0], (HANDLE)(ULONG_PTR)0x7ffc };
	fails("a bad handle", WaitForMultipleObjects(2, bad, FALSE, 0));
	fails("no handles", WaitForMultipleObjects(0, ev, FALSE, 0));
	fails("closed handle", (CloseHandle(ev[2]), WaitForSingleObject(ev[2], 0)));

	/* named objects */
	HANDLE n1 = CreateEventA(NULL, TRUE, FALSE, "xabi-test-event");
	printf("new name: %lu\n", GetLastError());
	HANDLE n2 = CreateEventA(NULL, FALSE, TRUE, "xabi-test-event");
	printf("same name: %lu, another handle: %d\n", GetLastError(), n2 != n1 && n2);
	SetEvent(n2);
	show("set through the other handle, manual", WaitForSingleObject(n1, 0));
	show("still set (manual)", WaitForSingleObject(n1, 0));
	HANDLE n3 = OpenEventA(EVENT_ALL_ACCESS, FALSE, "xabi-test-event");
	printf("open: %d\n", n3 != NULL);
	HANDLE n4 = OpenEventA(EVENT_ALL_ACCESS, FALSE, "xabi-no-such-event");
	printf("open missing: %d error %lu\n", n4 != NULL, GetLastError());
	HANDLE n5 = CreateMutexA(NULL, FALSE, "xabi-test-event");
	printf("mutex of an event's name: %d error %lu\n", n5 != NULL, GetLastError());
	HANDLE w1 = CreateEventW(NULL, TRUE, TRUE, L"xabi-wide");
	HANDLE w2 = OpenEventA(SYNCHRONIZE, FALSE, "xabi-wide");
	show("wide name opened narrow", WaitForSingleObject(w2, 0));
	CloseHandle(n1);
	CloseHandle(n2);
	CloseHandle(n3);
	CloseHandle(w1);
	CloseHandle(w2);
	HANDLE n6 = OpenEventA(EVENT_ALL_ACCESS, FALSE, "xabi-test-event");
	printf("open after every handle closed: %d error %lu\n", n6 != NULL, GetLastError());

	/* semaphores */
	HANDLE sem = CreateSemaphoreA(NULL, 2, 3, NULL);
	show("semaphore 1", WaitForSingleObject(sem, 0));
	show("semaphore 2", WaitForSingleObject(sem, 0));
	show("semaphore empty", WaitForSingleObject(sem, 0));
	LONG prev = -1;
	BOOL ok = ReleaseSemaphore(sem, 2, &prev);
	printf("release 2: %d previous %ld\n", ok, prev);
	prev = -1;
	SetLastError(0);
	ok = ReleaseSemaphore(sem, 2, &prev);
	printf("release 2 over the maximum: %d error %lu previous untouched %ld\n", ok, GetLastError(),
	       prev);
	ok = ReleaseSemaphore(sem, 1, &prev);
	printf("release 1 to the maximum: %d previous %ld\n", ok, prev);
	HANDLE s2 = CreateSemaphoreA(NULL, 4, 3, NULL);
	printf("initial over maximum: %d error %lu\n", s2 != NULL, GetLastError());

	/* mutexes */
	mutex = CreateMutexA(NULL, TRUE, NULL);
	show("owner waits again", WaitForSingleObject(mutex, 0));
	HANDLE th = CreateThread(NULL, 0, release_foreign, NULL, 0, NULL);
	WaitForSingleObject(th, INFINITE);
	DWORD code;
	GetExitCodeThread(th, &code);
	printf("release by another thread: error %lu\n", code);
	CloseHandle(th);
	printf("release 1: %d\n", ReleaseMutex(mutex));
	printf("release 2: %d\n", ReleaseMutex(mutex));
	SetLastError(0);
	ok = ReleaseMutex(mutex);
	printf("release 3: %d error %lu\n", ok, GetLastError());
	th = CreateThread(NULL, 0, take_and_leave, NULL, 0, NULL);
	WaitForSingleObject(th, INFINITE);
	GetExitCodeThread(th, &code);
	printf("the other thread took it: %lu\n", code);
	CloseHandle(th);
	show("abandoned", WaitForSingleObject(mutex, 0));
	show("then owned normally", WaitForSingleObject(mutex, 0));
	ReleaseMutex(mutex);
	ReleaseMutex(mutex);
	HANDLE pair[2] = { manual, mutex };
	th = CreateThread(NULL, 0, take_and_leave, NULL, 0, NULL);
	WaitForSingleObject(th, INFINITE);
	CloseHandle(th);
	show("any: abandoned mutex at index 1", WaitForMultipleObjects(2, pair, FALSE, 0));
	ReleaseMutex(mutex);

	/* threads */
	gate = CreateEventA(NULL, TRUE, FALSE, NULL);
	DWORD id = 0;
	th = CreateThread(NULL, 0, wait_gate, NULL, CREATE_SUSPENDED, &id);
	GetExitCodeThread(th, &code);
	printf("suspended: exit code %lu, id given %d, GetThreadId agrees %d\n", code, id != 0,
	       GetThreadId(th) == id);
	show("suspend again (previous count)", SuspendThread(th));
	show("resume (previous count)", ResumeThread(th));
	show("thread still suspended", WaitForSingleObject(th, 50));
	show("resume (previous count)", ResumeThread(th));
	show("resume a running thread", ResumeThread(th));
	show("running, waiting on the gate", WaitForSingleObject(th, 50));
	SetEvent(gate);
	show("thread ended", WaitForSingleObject(th, INFINITE));
	GetExitCodeThread(th, &code);
	show("its exit code", code);
	HANDLE idt = CreateThread(NULL, 0, my_id, NULL, 0, &id);
	WaitForSingleObject(idt, INFINITE);
	GetExitCodeThread(idt, &code);
	printf("thread's own id matches: %d, differs from main: %d\n", code == id,
	       id != GetCurrentThreadId());

	/* pseudo-handles and handle operations */
	printf("pseudo-handles: %lld %lld\n", (long long)(LONG_PTR)GetCurrentProcess(),
	       (long long)(LONG_PTR)GetCurrentThread());
	printf("GetThreadId(GetCurrentThread()) is mine: %d\n",
	       GetThreadId(GetCurrentThread()) == GetCurrentThreadId());
	HANDLE real = NULL;
	ok = DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &real, 0,
			     FALSE, DUPLICATE_SAME_ACCESS);
	printf("duplicate of the current thread: %d, real handle %d, id %d\n", ok,
	       real != GetCurrentThread() && real != NULL, GetThreadId(real) == GetCurrentThreadId());
	show("the main thread is running", WaitForSingleObject(real, 0));
	CloseHandle(real);
	HANDLE dup = NULL;
	DuplicateHandle(GetCurrentProcess(), th, GetCurrentProcess(), &dup, 0, TRUE,
			DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE);
	DWORD flags = 99;
	GetHandleInformation(dup, &flags);
	show("duplicate with close-source: inherit flag", flags);
	GetExitCodeThread(dup, &code);
	show("the duplicate's thread exit code", code);
	SetHandleInformation(dup, HANDLE_FLAG_INHERIT, 0);
	GetHandleInformation(dup, &flags);
	show("inherit cleared", flags);
	SetHandleInformation(dup, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE);
	GetHandleInformation(dup, &flags);
	show("protect from close", flags);
	SetLastError(0);
	ok = CloseHandle(dup);
	printf("close a protected handle: %d\n", ok);
	SetHandleInformation(dup, HANDLE_FLAG_PROTECT_FROM_CLOSE, 0);
	ok = CloseHandle(dup);
	BOOL again = CloseHandle(dup);
	printf("close: %d, again: %d error %lu\n", ok, again, GetLastError());
	HANDLE e2;
	DuplicateHandle(GetCurrentProcess(), autoe, GetCurrentProcess(), &e2, 0, FALSE,
			DUPLICATE_SAME_ACCESS);
	CloseHandle(autoe);
	SetEvent(e2);
	show("event through a duplicate after closing the original", WaitForSingleObject(e2, 0));

	/* SignalObjectAndWait */
	HANDLE a = CreateEventA(NULL, FALSE, FALSE, NULL), b = CreateEventA(NULL, FALSE, TRUE, NULL);
	show("signal a, wait b", SignalObjectAndWait(a, b, 0, FALSE));
	show("a was set", WaitForSingleObject(a, 0));
	show("signal a, wait empty b", SignalObjectAndWait(a, b, 10, FALSE));
	fails("signal a non-owned mutex", SignalObjectAndWait(mutex, b, 0, FALSE));
	return 0;
}
