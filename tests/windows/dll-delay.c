/* Delay-load imports (data directory 13): d_mul binds at its first call, through mingw's
 * __delayLoadHelper2 (in the program), which calls LoadLibraryA and GetProcAddress.
 * Expected: dll-delay.expected. */
#include <stdio.h>
#include <windows.h>

int d_mul(int, int);

static const char *state(void)
{
	return GetModuleHandleA("dll-d.dll") ? "loaded" : "not loaded";
}

int main(void)
{
	printf("before the first call: dll-d.dll %s\n", state());
	fflush(stdout);
	printf("d_mul(6, 7) = %d\n", d_mul(6, 7));
	printf("after it: dll-d.dll %s\n", state());
	printf("d_mul(2, 3) = %d\n", d_mul(2, 3));
	return 0;
}
