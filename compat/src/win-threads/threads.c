/* Windows threads with events, critical sections and Interlocked: eight workers take turns on a
 * shared total under a critical section, count with InterlockedIncrement/InterlockedAdd64, hand
 * batches to the main thread through auto-reset events, and end with distinct exit codes; the
 * main thread checks every total against the arithmetic. The expected output is fixed by it. */
#include <windows.h>
#include <stdio.h>

#define WORKERS 8
#define ROUNDS 25000

static CRITICAL_SECTION cs;
static long long total;
static volatile LONG hits;
static volatile LONG64 weighted;
static HANDLE ready[WORKERS], go[WORKERS];
static int batch[WORKERS];

static DWORD WINAPI worker(void *arg)
{
	int id = (int)(INT_PTR)arg;
	for (int i = 1; i <= ROUNDS; i++) {
		EnterCriticalSection(&cs);
		total += i;
		LeaveCriticalSection(&cs);
		InterlockedIncrement(&hits);
		InterlockedAdd64(&weighted, id + 1);
		if (i % 5000 == 0) { /* hand a batch over and wait for the go-ahead */
			batch[id] = i;
			SetEvent(ready[id]);
			WaitForSingleObject(go[id], INFINITE);
		}
	}
	return 100 + id;
}

int main(void)
{
	InitializeCriticalSection(&cs);
	HANDLE t[WORKERS];
	for (int i = 0; i < WORKERS; i++) {
		ready[i] = CreateEventA(NULL, FALSE, FALSE, NULL);
		go[i] = CreateEventA(NULL, FALSE, FALSE, NULL);
	}
	for (int i = 0; i < WORKERS; i++)
		t[i] = CreateThread(NULL, 0, worker, (void *)(INT_PTR)i, 0, NULL);
	int batches = 0, in_order = 1, next[WORKERS] = { 0 };
	while (batches < WORKERS * (ROUNDS / 5000)) {
		DWORD r = WaitForMultipleObjects(WORKERS, ready, FALSE, INFINITE);
		int id = (int)(r - WAIT_OBJECT_0);
		if (id < 0 || id >= WORKERS)
			return 1;
		next[id] += 5000; /* each worker's batches arrive in its own order */
		if (batch[id] != next[id])
			in_order = 0;
		batches++;
		SetEvent(go[id]);
	}
	WaitForMultipleObjects(WORKERS, t, TRUE, INFINITE);
	DWORD codes = 0, code;
	for (int i = 0; i < WORKERS; i++) {
		GetExitCodeThread(t[i], &code);
		codes += code;
		CloseHandle(t[i]);
	}
	printf("total %lld\n", total);
	printf("hits %ld weighted %lld\n", hits, weighted);
	printf("batches %d in order %d\n", batches, in_order);
	printf("exit codes %lu\n", codes);
	DeleteCriticalSection(&cs);
	return 0;
}
