/* dll-d.dll: imported by dll-delay.exe through a delay-load import library, so loaded at the
 * first call (LoadLibrary from mingw's __delayLoadHelper2), not at start-up. */
#include "dll-trace.h"

DLL_TRACE("dll-d", TRUE)

__declspec(dllexport) int d_mul(int x, int y)
{
	return x * y;
}
