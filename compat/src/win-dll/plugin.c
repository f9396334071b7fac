/* win-dll-plugin.dll: loaded by main.c with LoadLibrary; its DllMain prints each notification. */
#include <stdio.h>
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE self, DWORD reason, LPVOID reserved)
{
	static const char *names[] = { "PROCESS_DETACH", "PROCESS_ATTACH", "THREAD_ATTACH",
				       "THREAD_DETACH" };
	(void)self;
	printf("plugin: %s (%s)\n", reason < 4 ? names[reason] : "?",
	       reserved ? "static load or process exit" : "dynamic");
	fflush(stdout);
	return TRUE;
}

__declspec(dllexport) const char *plugin_name(void)
{
	return "the plugin";
}
