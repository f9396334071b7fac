/* How the process wants failures reported: SetErrorMode's flags and Windows Error Reporting's.
 * There is no dialog box or report to suppress here, so both are kept and read back (process-wide,
 * as on Windows). */
#include <stdatomic.h>
#include "kernel32.h"
#include "object.h"

#define SEM_NOALIGNMENTFAULTEXCEPT 0x4
#define S_OK 0
#define HRESULT_FROM_WIN32(e) ((LONG)(0x80070000u | (e)))

static atomic_uint error_mode;
static atomic_uint wer_flags;

WINAPI UINT kernel32_GetErrorMode(void)
{
	return atomic_load(&error_mode);
}

/* SEM_NOALIGNMENTFAULTEXCEPT stays set once set (Microsoft's documentation of SetErrorMode). */
WINAPI UINT kernel32_SetErrorMode(UINT mode)
{
	UINT old = atomic_load(&error_mode);
	while (!atomic_compare_exchange_weak(&error_mode, &old,
					     mode | (old & SEM_NOALIGNMENTFAULTEXCEPT)))
		;
	return old;
}

WINAPI LONG kernel32_WerSetFlags(DWORD flags)
{
	atomic_store(&wer_flags, flags);
	return S_OK;
}

/* Only this process's flags are known: another process's fail with ERROR_NOT_SUPPORTED. */
WINAPI LONG kernel32_WerGetFlags(HANDLE process, DWORD *flags)
{
	struct process_obj *p = kobj_from_handle(process, HANDLE_PROCESS), *self = process_current();
	int mine = p == self;
	if (p)
		kobj_put(&p->k);
	kobj_put(&self->k);
	if (!p)
		return HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE);
	if (!mine)
		return HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED);
	if (!flags)
		return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
	*flags = atomic_load(&wer_flags);
	return S_OK;
}
