/* User-mode synchronisation and per-thread state: a producer/consumer queue under an SRW lock with
 * two condition variables, the same under a critical section; timeouts (FALSE, ERROR_TIMEOUT
 * 1460); shared SRW holders; InitOnceExecuteOnce run once across threads; an SList pushed and
 * popped from several threads; TlsAlloc slots and __thread (mingw's emutls over TlsAlloc) per
 * thread; _beginthreadex and _beginthread; ExitThread's code; thread stacks of the requested
 * size. The totals are fixed by the arithmetic. */
#include <windows.h>
#include <process.h>
#include <stdio.h>

#define ITEMS 5000
#define SLOTS 8

static SRWLOCK lock = SRWLOCK_INIT;
static CONDITION_VARIABLE not_empty = CONDITION_VARIABLE_INIT, not_full = CONDITION_VARIABLE_INIT;
static int queue[SLOTS], head, count;
static long long consumed_sum;

static DWORD WINAPI producer(void *arg)
{
	int base = (int)(INT_PTR)arg;
	for (int i = 1; i <= ITEMS; i++) {
		AcquireSRWLockExclusive(&lock);
		while (count == SLOTS)
			SleepConditionVariableSRW(&not_full, &lock, INFINITE, 0);
		queue[(head + count++) % SLOTS] = base + i;
		WakeConditionVariable(&not_empty);
		ReleaseSRWLockExclusive(&lock);
	}
	return 0;
}

static DWORD WINAPI consumer(void *arg)
{
	int n = (int)(INT_PTR)arg;
	long long sum = 0;
	for (int i = 0; i < n; i++) {
		AcquireSRWLockExclusive(&lock);
		while (!count)
			SleepConditionVariableSRW(&not_empty, &lock, INFINITE, 0);
		sum += queue[head];
		head = (head + 1) % SLOTS;
		count--;
		WakeConditionVariable(&not_full);
		ReleaseSRWLockExclusive(&lock);
	}
	AcquireSRWLockExclusive(&lock);
	consumed_sum += sum;
	ReleaseSRWLockExclusive(&lock);
	return 0;
}

static CRITICAL_SECTION cs;
static CONDITION_VARIABLE cs_cv;
static int stage;

static DWORD WINAPI cs_worker(void *arg)
{
	(void)arg;
	EnterCriticalSection(&cs);
	while (stage != 1)
		SleepConditionVariableCS(&cs_cv, &cs, INFINITE);
	stage = 2;
	WakeAllConditionVariable(&cs_cv);
	LeaveCriticalSection(&cs);
	return 0;
}

static SRWLOCK shared = SRWLOCK_INIT;
static volatile LONG inside, most_inside;
static HANDLE all_in;

static DWORD WINAPI reader(void *arg)
{
	(void)arg;
	AcquireSRWLockShared(&shared);
	LONG n = InterlockedIncrement(&inside);
	if (n == 3)
		SetEvent(all_in);
	WaitForSingleObject(all_in, INFINITE); /* all three hold it at once */
	if (n > most_inside)
		most_inside = n;
	ReleaseSRWLockShared(&shared);
	return 0;
}

static INIT_ONCE once = INIT_ONCE_STATIC_INIT;
static volatile LONG init_runs;

static BOOL CALLBACK init_fn(INIT_ONCE *o, void *param, void **ctx)
{
	(void)o;
	InterlockedIncrement(&init_runs);
	Sleep(20);
	*ctx = param;
	return TRUE;
}

static DWORD WINAPI init_user(void *arg)
{
	void *ctx = NULL;
	BOOL ok = InitOnceExecuteOnce(&once, init_fn, arg, &ctx);
	return ok && ctx == (void *)(INT_PTR)0x1230 ? 1 : 0;
}

typedef struct {
	SLIST_ENTRY entry;
	int value;
} item;

static SLIST_HEADER list;

static DWORD WINAPI pusher(void *arg)
{
	item *items = arg;
	for (int i = 0; i < 1000; i++)
		InterlockedPushEntrySList(&list, &items[i].entry);
	return 0;
}

static DWORD tls;
static __thread int per_thread = 5;

static unsigned WINAPI tls_user(void *arg)
{
	int n = (int)(INT_PTR)arg;
	int ok = TlsGetValue(tls) == NULL;
	TlsSetValue(tls, (void *)(INT_PTR)(n * 10));
	per_thread += n;
	Sleep(10);
	ok = ok && TlsGetValue(tls) == (void *)(INT_PTR)(n * 10) && per_thread == 5 + n;
	return ok ? 100 + n : 0;
}

static HANDLE began;

static void __cdecl plain(void *arg)
{
	*(int *)arg = 77;
	SetEvent(began);
}

static DWORD WINAPI exits_early(void *arg)
{
	(void)arg;
	ExitThread(42);
}

/* Uses most of a stack of the given size: a recursion of 64 KiB frames. */
static int deep(int n)
{
	volatile char frame[65536];
	frame[0] = (char)n;
	frame[65535] = 1;
	return n ? deep(n - 1) + frame[65535] : frame[0];
}

static DWORD WINAPI stack_user(void *arg)
{
	return deep((int)(INT_PTR)arg);
}

int main(void)
{
	HANDLE t[6];
	t[0] = CreateThread(NULL, 0, producer, (void *)0, 0, NULL);
	t[1] = CreateThread(NULL, 0, producer, (void *)100000, 0, NULL);
	t[2] = CreateThread(NULL, 0, consumer, (void *)(INT_PTR)(ITEMS / 2), 0, NULL);
	t[3] = CreateThread(NULL, 0, consumer, (void *)(INT_PTR)(ITEMS + ITEMS / 2), 0, NULL);
	WaitForMultipleObjects(4, t, TRUE, INFINITE);
	printf("srw queue: sum %lld left %d\n", consumed_sum, count);

	InitializeCriticalSection(&cs);
	InitializeConditionVariable(&cs_cv);
	t[0] = CreateThread(NULL, 0, cs_worker, NULL, 0, NULL);
	EnterCriticalSection(&cs);
	stage = 1;
	WakeConditionVariable(&cs_cv);
	while (stage != 2)
		SleepConditionVariableCS(&cs_cv, &cs, INFINITE);
	LeaveCriticalSection(&cs);
	WaitForSingleObject(t[0], INFINITE);
	printf("critical section condition: stage %d\n", stage);

	EnterCriticalSection(&cs);
	SetLastError(0);
	BOOL ok = SleepConditionVariableCS(&cs_cv, &cs, 30);
	printf("cs timeout: %d error %lu\n", ok, GetLastError());
	LeaveCriticalSection(&cs);
	AcquireSRWLockShared(&lock);
	ok = SleepConditionVariableSRW(&not_empty, &lock, 0, CONDITION_VARIABLE_LOCKMODE_SHARED);
	printf("srw timeout 0: %d error %lu\n", ok, GetLastError());
	ReleaseSRWLockShared(&lock);

	all_in = CreateEventA(NULL, TRUE, FALSE, NULL);
	for (int i = 0; i < 3; i++)
		t[i] = CreateThread(NULL, 0, reader, NULL, 0, NULL);
	WaitForMultipleObjects(3, t, TRUE, INFINITE);
	printf("three shared holders at once: %ld\n", most_inside);
	AcquireSRWLockShared(&shared);
	printf("try exclusive while shared: %d, try shared: %d\n", TryAcquireSRWLockExclusive(&shared),
	       TryAcquireSRWLockShared(&shared));
	ReleaseSRWLockShared(&shared);
	ReleaseSRWLockShared(&shared);
	ok = TryAcquireSRWLockExclusive(&shared);
	printf("try exclusive when free: %d, try shared then: %d\n", ok, TryAcquireSRWLockShared(&shared));
	ReleaseSRWLockExclusive(&shared);

	for (int i = 0; i < 4; i++)
		t[i] = CreateThread(NULL, 0, init_user, (void *)(INT_PTR)0x1230, 0, NULL);
	WaitForMultipleObjects(4, t, TRUE, INFINITE);
	DWORD good = 0, code;
	for (int i = 0; i < 4; i++) {
		GetExitCodeThread(t[i], &code);
		good += code;
	}
	BOOL pending = 7;
	void *ctx = NULL;
	ok = InitOnceBeginInitialize(&once, INIT_ONCE_CHECK_ONLY, &pending, &ctx);
	printf("init once: ran %ld, %lu threads saw its context; check: %d pending %d\n", init_runs,
	       good, ok, pending);
	INIT_ONCE fresh = INIT_ONCE_STATIC_INIT;
	SetLastError(0);
	ok = InitOnceBeginInitialize(&fresh, INIT_ONCE_CHECK_ONLY, &pending, &ctx);
	printf("check of a fresh one: %d error %lu\n", ok, GetLastError());
	ok = InitOnceBeginInitialize(&fresh, 0, &pending, NULL);
	printf("begin: %d pending %d\n", ok, pending);
	ok = InitOnceComplete(&fresh, INIT_ONCE_INIT_FAILED, NULL);
	ok = ok && InitOnceBeginInitialize(&fresh, 0, &pending, NULL);
	printf("failed, begun again: %d pending %d\n", ok, pending);
	ok = InitOnceComplete(&fresh, 0, (void *)(INT_PTR)0x4560);
	ok = ok && InitOnceBeginInitialize(&fresh, 0, &pending, &ctx);
	printf("completed: %d pending %d context %#llx\n", ok, pending, (unsigned long long)(INT_PTR)ctx);

	InitializeSListHead(&list);
	static item items[4][1000];
	for (int i = 0; i < 4; i++) {
		for (int j = 0; j < 1000; j++)
			items[i][j].value = i * 1000 + j;
		t[i] = CreateThread(NULL, 0, pusher, items[i], 0, NULL);
	}
	WaitForMultipleObjects(4, t, TRUE, INFINITE);
	printf("slist depth %u\n", QueryDepthSList(&list));
	long long sum = 0;
	int popped = 0;
	for (SLIST_ENTRY *e; popped < 10 && (e = InterlockedPopEntrySList(&list)); popped++)
		sum += ((item *)e)->value;
	printf("popped 10: depth %u\n", QueryDepthSList(&list));
	for (SLIST_ENTRY *e = InterlockedFlushSList(&list); e; e = e->Next, popped++)
		sum += ((item *)e)->value;
	printf("flushed: %d items, sum %lld, depth %u, pop empty %p\n", popped, sum,
	       QueryDepthSList(&list), (void *)InterlockedPopEntrySList(&list));

	tls = TlsAlloc();
	TlsSetValue(tls, (void *)1);
	HANDLE b[3];
	unsigned id = 0;
	for (int i = 0; i < 3; i++)
		b[i] = (HANDLE)_beginthreadex(NULL, 0, tls_user, (void *)(INT_PTR)(i + 1), 0, &id);
	WaitForMultipleObjects(3, b, TRUE, INFINITE);
	for (int i = 0; i < 3; i++) {
		GetExitCodeThread(b[i], &code);
		printf("_beginthreadex thread %d: %lu\n", i + 1, code);
		CloseHandle(b[i]);
	}
	printf("main's slot and __thread untouched: %d %d\n", TlsGetValue(tls) == (void *)1, per_thread);

	began = CreateEventA(NULL, FALSE, FALSE, NULL);
	int seen = 0;
	uintptr_t h = _beginthread(plain, 0, &seen);
	WaitForSingleObject(began, INFINITE);
	printf("_beginthread: started %d, ran %d\n", h != (uintptr_t)-1, seen);

	t[0] = CreateThread(NULL, 0, exits_early, NULL, 0, NULL);
	WaitForSingleObject(t[0], INFINITE);
	GetExitCodeThread(t[0], &code);
	printf("ExitThread: %lu\n", code);

	/* 6 MiB of frames in an 8 MiB reservation, and in a thread whose commit size of 7 MiB makes
	 * the reservation 7 MiB. */
	t[0] = CreateThread(NULL, 8 << 20, stack_user, (void *)96, STACK_SIZE_PARAM_IS_A_RESERVATION, NULL);
	t[1] = CreateThread(NULL, 7 << 20, stack_user, (void *)96, 0, NULL);
	WaitForMultipleObjects(2, t, TRUE, INFINITE);
	GetExitCodeThread(t[0], &code);
	printf("deep stacks: %lu", code);
	GetExitCodeThread(t[1], &code);
	printf(" %lu\n", code);
	return 0;
}
