/* dll-false.dll: its DllMain fails DLL_PROCESS_ATTACH. */
#include "dll-trace.h"

DLL_TRACE("dll-false", reason != DLL_PROCESS_ATTACH)

__declspec(dllexport) int false_value(void)
{
	return 1;
}
