/* System call interception is armed on every thread: a raw Linux `syscall` (getpid, 39) made by
 * guest code, on the main thread and on a CreateThread thread, is trapped by xabi (a Windows
 * program has no system calls: STATUS_NOT_IMPLEMENTED, 0xC0000002) instead of reaching the
 * host kernel. Not a Windows behaviour: xabi's own (abi/windows/windows.c). */
#include <windows.h>
#include <stdio.h>

static unsigned long long raw_getpid(void)
{
	unsigned long long r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(39ULL) : "rcx", "r11", "memory");
	return r;
}

static DWORD WINAPI thread(void *arg)
{
	*(unsigned long long *)arg = raw_getpid();
	return 0;
}

int main(void)
{
	printf("main thread: %#llx\n", raw_getpid());
	unsigned long long r = 0;
	HANDLE t = CreateThread(NULL, 0, thread, &r, 0, NULL);
	WaitForSingleObject(t, INFINITE);
	printf("new thread: %#llx\n", r);
	return 0;
}
