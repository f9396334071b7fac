/* The process: its exit, command line, start-up information, and sleeping. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "../../loader/pe_modules.h"
#include "../msvcrt/msvcrt.h"
#include "../ntdll/process.h"
#include "kernel32.h"

void process_detach(void)
{
	pe_modules_notify(DLL_PROCESS_DETACH); /* the DLLs' DllMain, latest attached first */
	msvcrt_process_detach();
}

WINAPI _Noreturn void kernel32_ExitProcess(UINT status)
{
	process_detach();
	for (;;)
		syscall(SYS_exit_group, (int)status);
}

WINAPI LPSTR kernel32_GetCommandLineA(void)
{
	return win_process.cmdline_a;
}

WINAPI LPWSTR kernel32_GetCommandLineW(void)
{
	return win_process.peb->ProcessParameters->CommandLine.Buffer;
}

WINAPI DWORD kernel32_GetCurrentProcessId(void)
{
	return (DWORD)getpid();
}

WINAPI DWORD kernel32_GetCurrentThreadId(void)
{
	return (DWORD)gettid();
}

#define STD_INPUT_HANDLE ((DWORD)-10)
#define STD_OUTPUT_HANDLE ((DWORD)-11)
#define STD_ERROR_HANDLE ((DWORD)-12)

WINAPI HANDLE kernel32_GetStdHandle(DWORD which)
{
	RTL_USER_PROCESS_PARAMETERS *p = win_process.peb->ProcessParameters;
	switch (which) {
	case STD_INPUT_HANDLE: return p->StandardInput;
	case STD_OUTPUT_HANDLE: return p->StandardOutput;
	case STD_ERROR_HANDLE: return p->StandardError;
	}
	win_set_last_error(ERROR_INVALID_HANDLE);
	return INVALID_HANDLE_VALUE;
}

typedef struct {
	DWORD cb;
	LPSTR lpReserved, lpDesktop, lpTitle;
	DWORD dwX, dwY, dwXSize, dwYSize, dwXCountChars, dwYCountChars, dwFillAttribute, dwFlags;
	WORD wShowWindow, cbReserved2;
	BYTE *lpReserved2;
	HANDLE hStdInput, hStdOutput, hStdError;
} STARTUPINFOA;
_Static_assert(sizeof(STARTUPINFOA) == 104, "STARTUPINFO");

/* A console program started from a shell: no window settings, the std handles not passed. */
WINAPI void kernel32_GetStartupInfoA(STARTUPINFOA *si)
{
	memset(si, 0, sizeof *si);
	si->cb = sizeof *si;
}

WINAPI void kernel32_GetStartupInfoW(STARTUPINFOA *si)
{
	kernel32_GetStartupInfoA(si); /* the same layout; every string is NULL */
}

WINAPI DWORD kernel32_SleepEx(DWORD ms, BOOL alertable)
{
	(void)alertable;
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };
	if (ms == 0xffffffff) /* INFINITE */
		for (;;)
			pause();
	if (!ms) {
		sched_yield();
		return 0;
	}
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
	return 0;
}

WINAPI void kernel32_Sleep(DWORD ms)
{
	kernel32_SleepEx(ms, FALSE);
}
