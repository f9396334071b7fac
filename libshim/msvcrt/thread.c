/* msvcrt's threads: _beginthreadex is CreateThread and leaves the handle to the caller;
 * _beginthread's thread closes its own handle when it ends (by returning or _endthread), so its
 * handle may be invalid by the time _beginthread returns, as Microsoft documents. */
#include <errno.h>
#include <stdlib.h>
#include "../kernel32/object.h"
#include "msvcrt.h"

#define CREATE_SUSPENDED 0x4

WINAPI HANDLE kernel32_CreateThread(SECURITY_ATTRIBUTES *sa, SIZE_T size,
				    DWORD(WINAPI *fn)(void *), void *param, DWORD flags, DWORD *id);
WINAPI DWORD kernel32_ResumeThread(HANDLE h);

typedef unsigned WINAPI start_ex(void *);
typedef void WINAPI start(void *);

WINAPI uintptr_t msvcrt__beginthreadex(SECURITY_ATTRIBUTES *sa, unsigned stack, start_ex *fn,
				       void *arg, unsigned flags, unsigned *id)
{
	if (!fn) {
		msvcrt_set_errno(EINVAL);
		return 0;
	}
	HANDLE h = kernel32_CreateThread(sa, stack, (DWORD(WINAPI *)(void *))fn, arg, flags,
					 (DWORD *)id);
	if (!h)
		msvcrt_set_errno(EAGAIN);
	return (uintptr_t)h;
}

WINAPI void msvcrt__endthreadex(unsigned code)
{
	kernel32_ExitThread(code);
}

struct begin {
	start *fn;
	void *arg;
	HANDLE self;
};

static __thread HANDLE own_handle; /* a _beginthread thread's handle, closed when it ends */

WINAPI _Noreturn void msvcrt__endthread(void)
{
	if (own_handle)
		kernel32_CloseHandle(own_handle);
	kernel32_ExitThread(0);
}

static DWORD WINAPI run(void *p)
{
	struct begin b = *(struct begin *)p;
	free(p);
	own_handle = b.self;
	b.fn(b.arg);
	msvcrt__endthread();
}

WINAPI uintptr_t msvcrt__beginthread(start *fn, unsigned stack, void *arg)
{
	struct begin *b = fn ? malloc(sizeof *b) : 0;
	if (!b) {
		msvcrt_set_errno(fn ? EAGAIN : EINVAL);
		return (uintptr_t)-1;
	}
	*b = (struct begin){ fn, arg, 0 };
	/* Suspended until it knows its handle. */
	HANDLE h = kernel32_CreateThread(0, stack, run, b, CREATE_SUSPENDED, 0);
	if (!h) {
		free(b);
		msvcrt_set_errno(EAGAIN);
		return (uintptr_t)-1;
	}
	b->self = h;
	kernel32_ResumeThread(h);
	return (uintptr_t)h;
}
