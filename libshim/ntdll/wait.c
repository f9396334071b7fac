/* NtWaitForSingleObject/NtWaitForMultipleObjects: kernel32's waits (kernel32/wait.c) with NT's
 * timeout (NULL: none; negative: relative, 100 ns units; otherwise an absolute FILETIME) and
 * NTSTATUS results, whose wait codes have the WAIT_* values. Alertable waits are ordinary ones
 * (there are no APCs). The Nt functions leave the last error alone. */
#include "../kernel32/kernel32.h"
#include "../kernel32/object.h"

#define STATUS_INVALID_HANDLE 0xC0000008u
#define STATUS_INVALID_PARAMETER 0xC000000Du

enum { WAIT_TYPE_ALL, WAIT_TYPE_ANY };

static LONG nt_wait(ULONG n, const HANDLE *handles, BOOL all, const LONGLONG *timeout)
{
	TEB *teb = NtCurrentTeb();
	DWORD saved = teb->LastErrorValue;
	struct timespec deadline;
	if (timeout)
		deadline = timer_due_time(*timeout);
	DWORD r = wait_objects_until(n, handles, all, timeout ? &deadline : 0);
	DWORD err = teb->LastErrorValue;
	teb->LastErrorValue = saved;
	if (r != WAIT_FAILED)
		return (LONG)r;
	return (LONG)(err == ERROR_INVALID_PARAMETER ? STATUS_INVALID_PARAMETER : STATUS_INVALID_HANDLE);
}

WINAPI LONG ntdll_NtWaitForSingleObject(HANDLE h, BYTE alertable, const LONGLONG *timeout)
{
	(void)alertable;
	return nt_wait(1, &h, FALSE, timeout);
}

WINAPI LONG ntdll_NtWaitForMultipleObjects(ULONG n, const HANDLE *handles, int type,
					   BYTE alertable, const LONGLONG *timeout)
{
	(void)alertable;
	if (type != WAIT_TYPE_ALL && type != WAIT_TYPE_ANY)
		return (LONG)STATUS_INVALID_PARAMETER;
	return nt_wait(n, handles, type == WAIT_TYPE_ALL, timeout);
}
