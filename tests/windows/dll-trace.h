/* Shared by the tests' DLLs (tests/suites/windows-dll.sh): a DllMain that prints each
 * notification it gets, with whether lpReserved is NULL (non-NULL: a static load at attach,
 * process exit at detach, as Microsoft documents DllMain). DLL_TRACE(NAME, RESULT) defines it. */
#include <stdio.h>
#include <windows.h>

static const char *dll_reason(DWORD reason)
{
	switch (reason) {
	case DLL_PROCESS_ATTACH: return "PROCESS_ATTACH";
	case DLL_PROCESS_DETACH: return "PROCESS_DETACH";
	case DLL_THREAD_ATTACH: return "THREAD_ATTACH";
	case DLL_THREAD_DETACH: return "THREAD_DETACH";
	}
	return "?";
}

#define DLL_TRACE(NAME, RESULT)                                                              \
	BOOL WINAPI DllMain(HINSTANCE self, DWORD reason, LPVOID reserved)                     \
	{                                                                                      \
		printf("%s: %s lpReserved %s%s\n", NAME, dll_reason(reason),                   \
		       reserved ? "non-NULL" : "NULL",                                         \
		       self == GetModuleHandleA(NAME) ? "" : " (hinstDLL is not its handle)"); \
		fflush(stdout);                                                                \
		return (RESULT);                                                               \
	}
