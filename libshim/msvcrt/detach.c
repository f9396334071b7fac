/* msvcrt's DLL_PROCESS_DETACH: msvcrt.dll is detached last, after the DLLs that use it, so what
 * their DllMain printed at exit is flushed with the rest. */
#include "msvcrt.h"
#include "stdio.h"

void msvcrt_process_detach(void)
{
	stream_flush_all();
}
