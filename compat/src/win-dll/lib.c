/* win-dll-lib.dll: imported by main.c; its DllMain prints each notification. */
#include <stdio.h>
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE self, DWORD reason, LPVOID reserved)
{
	static const char *names[] = { "PROCESS_DETACH", "PROCESS_ATTACH", "THREAD_ATTACH",
				       "THREAD_DETACH" };
	(void)self;
	printf("lib: %s (%s)\n", reason < 4 ? names[reason] : "?",
	       reserved ? "static load or process exit" : "dynamic");
	fflush(stdout);
	return TRUE;
}

__declspec(dllexport) int lib_square(int x)
{
	return x * x;
}
