/* Threads counting to exact totals: a counter under a critical section, one by the Interlocked
 * intrinsics, one under an SRW lock, a ping-pong of two auto-reset events, a counter guarded by a
 * mutex handle and one by a semaphore used as a lock; then TryEnterCriticalSection from another
 * thread and recursion. Every total is fixed by the arithmetic (threads x rounds). */
#include <windows.h>
#include <stdio.h>

#define THREADS 4
#define ROUNDS 20000

static CRITICAL_SECTION cs;
static SRWLOCK srw = SRWLOCK_INIT;
static HANDLE mutex, sem;
static long cs_count, srw_count, mutex_count, sem_count;
static volatile LONG locked_count;
static volatile LONG64 locked64;

static DWORD WINAPI counter(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		EnterCriticalSection(&cs);
		cs_count++;
		LeaveCriticalSection(&cs);
		InterlockedIncrement(&locked_count);
		InterlockedExchangeAdd64(&locked64, 3);
		AcquireSRWLockExclusive(&srw);
		srw_count++;
		ReleaseSRWLockExclusive(&srw);
		if (i % 10 == 0) {
			WaitForSingleObject(mutex, INFINITE);
			mutex_count++;
			ReleaseMutex(mutex);
			WaitForSingleObject(sem, INFINITE);
			sem_count++;
			ReleaseSemaphore(sem, 1, NULL);
		}
	}
	return 0;
}

static HANDLE ping, pong;
static int volleys;

static DWORD WINAPI ponger(void *arg)
{
	(void)arg;
	for (int i = 0; i < 1000; i++) {
		WaitForSingleObject(ping, INFINITE);
		volleys++;
		SetEvent(pong);
	}
	return 7;
}

static DWORD WINAPI try_enter(void *arg)
{
	return TryEnterCriticalSection((CRITICAL_SECTION *)arg);
}

int main(void)
{
	InitializeCriticalSection(&cs);
	mutex = CreateMutexA(NULL, FALSE, NULL);
	sem = CreateSemaphoreA(NULL, 1, 1, NULL);
	HANDLE t[THREADS];
	for (int i = 0; i < THREADS; i++)
		t[i] = CreateThread(NULL, 0, counter, NULL, 0, NULL);
	DWORD r = WaitForMultipleObjects(THREADS, t, TRUE, INFINITE);
	printf("wait all: %lu\n", r);
	printf("critical section: %ld\n", cs_count);
	printf("interlocked: %ld %lld\n", locked_count, locked64);
	printf("srw: %ld\n", srw_count);
	printf("mutex: %ld semaphore: %ld\n", mutex_count, sem_count);
	for (int i = 0; i < THREADS; i++)
		CloseHandle(t[i]);

	ping = CreateEventA(NULL, FALSE, FALSE, NULL);
	pong = CreateEventA(NULL, FALSE, FALSE, NULL);
	HANDLE p = CreateThread(NULL, 0, ponger, NULL, 0, NULL);
	int served = 0;
	for (int i = 0; i < 1000; i++) {
		served++;
		SetEvent(ping);
		WaitForSingleObject(pong, INFINITE);
		if (volleys != served)
			break;
	}
	DWORD code;
	WaitForSingleObject(p, INFINITE);
	GetExitCodeThread(p, &code);
	printf("ping-pong: %d %d, exit code %lu\n", served, volleys, code);

	EnterCriticalSection(&cs);
	EnterCriticalSection(&cs);
	HANDLE o = CreateThread(NULL, 0, try_enter, &cs, 0, NULL);
	WaitForSingleObject(o, INFINITE);
	GetExitCodeThread(o, &code);
	printf("try enter while held elsewhere: %lu, recursion %ld\n", code, cs.RecursionCount);
	LeaveCriticalSection(&cs);
	LeaveCriticalSection(&cs);
	CloseHandle(o);
	o = CreateThread(NULL, 0, try_enter, &cs, 0, NULL);
	WaitForSingleObject(o, INFINITE);
	GetExitCodeThread(o, &code);
	printf("try enter when free: %lu\n", code);
	DeleteCriticalSection(&cs);
	return 0;
}
