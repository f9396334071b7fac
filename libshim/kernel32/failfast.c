/* RaiseFailFastException: end the process at once, as Windows does, with no exception handler,
 * filter, DLL detach or stream flush run. The status is the record's exception code, or
 * STATUS_FAIL_FAST_EXCEPTION without a record (the shell sees its low byte, as for an unhandled
 * exception: README.md, "Exceptions"). Windows hands the record to Error Reporting; here one
 * line on stderr says what ended the process. */
#include <stdio.h>
#include <unistd.h>
#include "../ntdll/exception.h"
#include "kernel32.h"

#define STATUS_FAIL_FAST_EXCEPTION 0xC0000602u
#define FAIL_FAST_GENERATE_EXCEPTION_ADDRESS 0x1

WINAPI _Noreturn void kernel32_RaiseFailFastException(EXCEPTION_RECORD *rec, CONTEXT *ctx, DWORD flags)
{
	DWORD code = rec ? rec->ExceptionCode : STATUS_FAIL_FAST_EXCEPTION;
	void *at = rec && !(flags & FAIL_FAST_GENERATE_EXCEPTION_ADDRESS) ? rec->ExceptionAddress
		   : ctx ? (void *)ctx->Rip
			 : __builtin_return_address(0);
	dprintf(2, "xabi: fail-fast exception 0x%08X at %p: the process ends\n", code, at);
	_exit((int)code);
}
