/* dll-dyn.dll: loaded at run time by dll-main.exe (LoadLibrary, GetProcAddress by name and by
 * ordinal 3, FreeLibrary). It imports dll-c.dll, and has static TLS data: dyn_tls_var lies in the
 * TLS template (a .tls$ section, inside the range mingw's TLS directory _tls_used gives), so the
 * running thread's copy is at ThreadLocalStoragePointer[_tls_index] plus its offset in the
 * template, as MSVC's __declspec(thread) code finds it. */
#include "dll-trace.h"

DLL_TRACE("dll-dyn", TRUE)

int c_triple(int x);
extern ULONG _tls_index;
extern const IMAGE_TLS_DIRECTORY64 _tls_used;
__attribute__((section(".tls$BBB"))) int dyn_tls_var = 42;

__declspec(dllexport) int dyn_value(int x)
{
	return c_triple(x) + 1;
}

int dyn_by_ordinal(void)
{
	return 3;
}

__declspec(dllexport) int dyn_tls_value(void)
{
	char **vector;
	__asm__("movq %%gs:0x58, %0" : "=r"(vector)); /* TEB.ThreadLocalStoragePointer */
	if (!vector || !vector[_tls_index])
		return -1;
	return *(int *)(vector[_tls_index] + ((ULONG_PTR)&dyn_tls_var - _tls_used.StartAddressOfRawData));
}

__declspec(dllexport) ULONG dyn_tls_index(void)
{
	return _tls_index;
}
