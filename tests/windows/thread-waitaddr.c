/* WaitOnAddress and WakeByAddress* (imported from kernelbase.dll): a value that differs returns
 * at once; an unchanged one times out (FALSE, ERROR_TIMEOUT 1460); a waiter wakes when another
 * thread changes the value and wakes it, for 1-, 2-, 4- and 8-byte values. */
#include <windows.h>
#include <stdio.h>

BOOL WINAPI WaitOnAddress(volatile void *, void *, SIZE_T, DWORD);
void WINAPI WakeByAddressSingle(void *);
void WINAPI WakeByAddressAll(void *);

static volatile LONG flag;
static volatile LONG64 big;
static volatile LONG woken;

static DWORD WINAPI waiter(void *arg)
{
	(void)arg;
	LONG zero = 0;
	while (flag == 0)
		WaitOnAddress(&flag, &zero, sizeof flag, INFINITE);
	InterlockedIncrement(&woken);
	return 0;
}

int main(void)
{
	LONG one = 1;
	printf("differs: %d\n", WaitOnAddress(&flag, &one, 4, 1000));
	LONG zero = 0;
	SetLastError(0);
	BOOL ok = WaitOnAddress(&flag, &zero, 4, 30);
	printf("unchanged: %d error %lu\n", ok, GetLastError());
	volatile BYTE b = 7;
	BYTE b7 = 7, b8 = 8;
	printf("byte: %d %d\n", WaitOnAddress(&b, &b8, 1, 0), WaitOnAddress(&b, &b7, 1, 0));
	volatile SHORT s = 7;
	SHORT s8 = 8;
	printf("short differs: %d\n", WaitOnAddress(&s, &s8, 2, 0));
	LONG64 big0 = 0x100000000LL;
	printf("quad differs in the high half: %d\n", WaitOnAddress(&big, &big0, 8, 0));
	HANDLE t[3];
	for (int i = 0; i < 3; i++)
		t[i] = CreateThread(NULL, 0, waiter, NULL, 0, NULL);
	Sleep(50);
	flag = 1;
	WakeByAddressAll((void *)&flag);
	WaitForMultipleObjects(3, t, TRUE, INFINITE);
	printf("woken: %ld\n", woken);
	flag = 0;
	t[0] = CreateThread(NULL, 0, waiter, NULL, 0, NULL);
	Sleep(20);
	flag = 2;
	WakeByAddressSingle((void *)&flag);
	WaitForSingleObject(t[0], INFINITE);
	printf("woken: %ld\n", woken);
	return 0;
}
