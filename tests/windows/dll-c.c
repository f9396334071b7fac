/* dll-c.dll: needed only by dll-dyn.dll, so loaded and unloaded with it. The search tests build
 * copies with another FACTOR, to see which directory a copy was found in. */
#include "dll-trace.h"

#ifndef FACTOR
#define FACTOR 3
#endif

DLL_TRACE("dll-c", TRUE)

__declspec(dllexport) int c_triple(int x)
{
	return FACTOR * x;
}
