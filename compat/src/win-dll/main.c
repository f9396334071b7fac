/* A DLL of our own loaded by import (lib) and one by LoadLibrary (plugin), with DllMain traces:
 * lib attaches before main runs and detaches at exit; plugin attaches at LoadLibrary and
 * detaches at FreeLibrary (Microsoft's DllMain documentation). Expected: main.expected. */
#include <stdio.h>
#include <windows.h>

__declspec(dllimport) int lib_square(int);

int main(void)
{
	printf("main: lib_square(12) = %d\n", lib_square(12));
	HMODULE h = LoadLibraryA("win-dll-plugin.dll");
	if (!h) {
		printf("main: LoadLibrary failed, error %lu\n", GetLastError());
		return 1;
	}
	const char *(*name)(void) = (const char *(*)(void))GetProcAddress(h, "plugin_name");
	printf("main: plugin_name() = %s\n", name ? name() : "(not found)");
	printf("main: FreeLibrary = %d\n", FreeLibrary(h));
	SetLastError(0);
	h = LoadLibraryA("win-dll-missing.dll");
	printf("main: LoadLibrary(win-dll-missing.dll) = %s, error %lu\n", h ? "loaded" : "NULL",
	       GetLastError());
	printf("main: returns 0\n");
	fflush(stdout);
	return 0;
}
