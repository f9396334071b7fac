/* dll-b.dll: imported by dll-a.dll (so attached before it); b_add is ordinal 7 (dll-b.def), the
 * target of dll-a's forwarders by name and by ordinal. */
#include "dll-trace.h"

DLL_TRACE("dll-b", TRUE)

__declspec(dllexport) int b_add(int x, int y)
{
	return x + y;
}
