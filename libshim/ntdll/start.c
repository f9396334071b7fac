/* The main thread's first steps, on the guest's stack with %gs at its TEB: what ntdll's
 * LdrInitializeThunk and kernel32's BaseProcessStart do for a program. */
#include "../kernel32/kernel32.h"
#include "../msvcrt/msvcrt.h"
#include "process.h"

#define DLL_PROCESS_ATTACH 1

struct win_process win_process;

typedef void WINAPI tls_callback(void *module, DWORD reason, void *reserved);
typedef DWORD WINAPI entry_point(PEB *peb);

_Noreturn void ntdll_process_start(void)
{
	msvcrt_process_attach(); /* the one DLL with state to set up before the program runs */
	if (win_process.tls_callbacks)
		for (tls_callback **cb = (tls_callback **)win_process.tls_callbacks; *cb; cb++)
			(*cb)(win_process.exe_base, DLL_PROCESS_ATTACH, 0);
	DWORD status = ((entry_point *)win_process.entry)(win_process.peb);
	kernel32_ExitProcess(status);
}
