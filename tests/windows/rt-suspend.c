/* SuspendThread, ResumeThread, GetThreadContext and SetThreadContext on running threads
 * (libshim/kernel32/suspend.c, abi/windows/suspend.c), as the Go runtime uses them to preempt:
 * suspend counts, a suspended thread makes no progress, its context's stack pointer is in its own
 * stack, a changed context takes effect when it resumes (the instruction pointer redirected to a
 * function that returns to where the thread was, as Go injects asyncPreempt), a thread blocked
 * in a wait, and threads suspending each other. Expected results: Microsoft's documentation. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

static volatile LONG spins, redirected_calls;
static volatile ULONG_PTR stack_lo, stack_hi;

static DWORD WINAPI busy(void *arg)
{
	(void)arg;
	NT_TIB *tib;
	__asm__("mov %%gs:0x30, %0" : "=r"(tib)); /* the TEB's NT_TIB.Self */
	stack_lo = (ULONG_PTR)tib->StackLimit;
	stack_hi = (ULONG_PTR)tib->StackBase;
	for (;;)
		spins++;
	return 0;
}

/* Entered by a changed context with the interrupted Rip pushed as its return address: counts the
 * call and returns there with every register and flag as they were. */
void redirected(void);
__asm__(".globl redirected\n"
	"redirected:\n\t"
	"pushfq\n\t"
	"lock incl redirected_calls(%rip)\n\t"
	"popfq\n\t"
	"ret\n");

static DWORD WINAPI waiter(void *event)
{
	WaitForSingleObject(event, INFINITE);
	return 7;
}

static const char *yes(int b)
{
	return b ? "yes" : "no";
}

/* Threads that suspend, inspect and resume each other, serialised as Go serialises them. */
static HANDLE peers[4];
static CRITICAL_SECTION suspend_lock;
static volatile LONG rounds[4], failures, started, finished, stop_peers;

static DWORD WINAPI peer(void *arg)
{
	int me = (int)(INT_PTR)arg;
	unsigned x = (unsigned)me * 2654435761u + 1;
	InterlockedIncrement(&started);
	while (started < 4) /* every peer running before any is suspended */
		Sleep(1);
	while (!stop_peers) {
		x = x * 1103515245 + 12345;
		int other = (int)((x >> 16) % 4);
		if (other == me)
			continue;
		EnterCriticalSection(&suspend_lock);
		DWORD c = SuspendThread(peers[other]);
		CONTEXT ctx;
		ctx.ContextFlags = CONTEXT_CONTROL;
		BOOL ok = GetThreadContext(peers[other], &ctx);
		LeaveCriticalSection(&suspend_lock);
		ResumeThread(peers[other]);
		if (c == (DWORD)-1 || !ok)
			InterlockedIncrement(&failures);
		rounds[me]++;
	}
	InterlockedIncrement(&finished);
	while (finished < 4) /* none ends while another may still suspend it */
		Sleep(1);
	return 0;
}

/* Argument "set-in-wait": change the context of a thread stopped inside a wait, which xabi
 * reports as not implemented (status 120; Windows would abandon the wait). */
static int set_in_wait(void)
{
	HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
	HANDLE w = CreateThread(NULL, 0, waiter, e, 0, NULL);
	Sleep(20);
	SuspendThread(w);
	CONTEXT c;
	c.ContextFlags = CONTEXT_CONTROL;
	GetThreadContext(w, &c);
	c.Rip = (DWORD64)redirected;
	SetThreadContext(w, &c);
	printf("not reached\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "set-in-wait"))
		return set_in_wait();
	HANDLE t = CreateThread(NULL, 0, busy, NULL, 0, NULL);
	while (!stack_hi || spins < 1000)
		Sleep(1);

	DWORD first = SuspendThread(t), second = SuspendThread(t);
	printf("SuspendThread: %lu then %lu\n", first, second);
	LONG before = spins;
	Sleep(30);
	printf("no progress while suspended: %s\n", yes(spins == before));
	CONTEXT ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.ContextFlags = CONTEXT_FULL;
	BOOL ok = GetThreadContext(t, &ctx);
	printf("GetThreadContext: %d, Rsp in the thread's stack: %s\n", ok,
	       yes(ctx.Rsp >= stack_lo && ctx.Rsp < stack_hi));
	HMODULE exe = GetModuleHandleA(NULL);
	IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)((char *)exe + ((IMAGE_DOS_HEADER *)exe)->e_lfanew);
	ULONG_PTR lo = (ULONG_PTR)exe, hi = lo + nt->OptionalHeader.SizeOfImage;
	printf("Rip in the program: %s\n", yes(ctx.Rip >= lo && ctx.Rip < hi));
	CONTEXT again;
	again.ContextFlags = CONTEXT_FULL;
	GetThreadContext(t, &again);
	printf("the same context twice: %s\n", yes(again.Rip == ctx.Rip && again.Rsp == ctx.Rsp &&
						    again.Rax == ctx.Rax && again.R15 == ctx.R15));

	/* Go's injection: push the interrupted Rip, point Rip at the function. */
	ctx.ContextFlags = CONTEXT_CONTROL;
	ctx.Rsp -= 8;
	*(DWORD64 *)ctx.Rsp = ctx.Rip;
	ctx.Rip = (DWORD64)redirected;
	printf("SetThreadContext: %d\n", SetThreadContext(t, &ctx));
	printf("ResumeThread: %lu then %lu\n", ResumeThread(t), ResumeThread(t));
	printf("ResumeThread of a running thread: %lu\n", ResumeThread(t));
	Sleep(30);
	before = spins;
	Sleep(30);
	printf("redirected once: %ld, progress after: %s\n", redirected_calls, yes(spins != before));

	/* 500 preemption-like cycles: suspend, read, resume. */
	int stopped = 0;
	for (int i = 0; i < 500; i++) {
		SuspendThread(t);
		LONG a = spins;
		CONTEXT c;
		c.ContextFlags = CONTEXT_CONTROL | CONTEXT_INTEGER;
		GetThreadContext(t, &c);
		stopped += spins == a;
		ResumeThread(t);
	}
	printf("500 cycles, stopped each time: %s\n", yes(stopped == 500));

	/* A thread waiting in a kernel object wait is suspended there. */
	HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
	HANDLE w = CreateThread(NULL, 0, waiter, e, 0, NULL);
	Sleep(20);
	DWORD c1 = SuspendThread(w);
	CONTEXT wc;
	wc.ContextFlags = CONTEXT_CONTROL;
	ok = GetThreadContext(w, &wc);
	SetEvent(e);
	printf("waiting thread: suspend %lu, context %d, still running after SetEvent: %lu\n", c1, ok,
	       WaitForSingleObject(w, 50));
	ResumeThread(w);
	DWORD code = 0;
	WaitForSingleObject(w, INFINITE);
	GetExitCodeThread(w, &code);
	printf("resumed, it ends with %lu\n", code);

	/* The caller's own context. */
	CONTEXT self;
	self.ContextFlags = CONTEXT_CONTROL;
	printf("GetThreadContext of the current thread: %d\n", GetThreadContext(GetCurrentThread(), &self));

	/* Four threads suspending each other until each has made more than 10 rounds: at least
	 * 300 ms, at most 20 s (a loaded 2-core machine may starve one for a while; a deadlock
	 * would never get there). */
	InitializeCriticalSection(&suspend_lock);
	for (int i = 0; i < 4; i++)
		peers[i] = CreateThread(NULL, 0, peer, (void *)(INT_PTR)i, CREATE_SUSPENDED, NULL);
	for (int i = 0; i < 4; i++)
		ResumeThread(peers[i]);
	Sleep(300);
	int all = 0;
	for (int waited = 300; !all && waited < 20000; waited += 10) {
		all = 1;
		for (int i = 0; i < 4; i++)
			all &= rounds[i] > 10;
		if (!all)
			Sleep(10);
	}
	stop_peers = 1;
	printf("peers ended: %lu\n", WaitForMultipleObjects(4, peers, TRUE, 5000));
	printf("each peer made rounds: %s, failures: %ld\n", yes(all), failures);

	printf("bad handle: %lu\n", SuspendThread((HANDLE)0x1234));

	/* A thread that has ended: SuspendThread fails with ERROR_ACCESS_DENIED, ResumeThread finds
	 * nothing to resume. */
	SetLastError(0);
	DWORD dead = SuspendThread(w), err = GetLastError();
	printf("SuspendThread of an ended thread: %ld, error %lu; ResumeThread: %lu\n", (long)dead, err,
	       ResumeThread(w));
	return 0;
}
