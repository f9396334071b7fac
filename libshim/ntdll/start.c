/* The main thread's first steps, on the guest's stack with %gs at its TEB: what ntdll's
 * LdrInitializeThunk and kernel32's BaseProcessStart do for a program. */
#include "../kernel32/heap.h"
#include "../kernel32/kernel32.h"
#include "../msvcrt/msvcrt.h"
#include "../../loader/pe_modules.h"
#include "../../abi/windows/suspend.h"
#include "../../abi/windows/windows.h"
#include "exception.h"
#include "process.h"

struct win_process win_process;

typedef DWORD WINAPI entry_point(PEB *peb);

void user_shared_data_start(void); /* user_shared.c */

_Noreturn void ntdll_process_start(void)
{
	windows_faults_init(ntdll_KiUserExceptionDispatcher); /* host faults become exceptions */
	windows_sigpipe_init(); /* writes to a gone reader fail instead */
	windows_stop_init(); /* SuspendThread's signal (kernel32/suspend.c) */
	user_shared_data_start(); /* the clocks programs read at 0x7ffe0000 */
	kernel32_GetProcessHeap(); /* sets PEB->ProcessHeap, which code may read directly */
	msvcrt_process_attach(); /* the one DLL with state to set up before the program runs */
	pe_modules_notify(DLL_PROCESS_ATTACH);
	DWORD status = ((entry_point *)pe_modules->entry)(win_process.peb);
	kernel32_ExitProcess(status);
}
