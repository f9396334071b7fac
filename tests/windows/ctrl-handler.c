/* Console control handlers: the test script sends the host's SIGINT or SIGQUIT once the program
 * has printed "ready". What each mode prints follows Microsoft's documentation of
 * SetConsoleCtrlHandler and HandlerRoutine: handlers run newest first until one returns TRUE; when
 * none does, the default handler ends the process; NULL, TRUE ignores Ctrl+C; removing a handler
 * that is not registered fails. Wine 8, sent SIGINT, prints the same lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static volatile LONG events;

static BOOL WINAPI older(DWORD type)
{
	printf("older handler: event %lu, returns TRUE\n", type);
	fflush(stdout);
	InterlockedIncrement(&events);
	return TRUE;
}

static BOOL WINAPI newer(DWORD type)
{
	printf("newer handler: event %lu, returns FALSE\n", type);
	fflush(stdout);
	return FALSE;
}

static BOOL WINAPI refuses(DWORD type)
{
	printf("handler: event %lu, on another thread: %s, returns FALSE\n", type,
	       GetCurrentThreadId() == (DWORD)(ULONG_PTR)TlsGetValue(0) ? "no" : "yes");
	fflush(stdout);
	return FALSE;
}

static void ready(void)
{
	printf("ready\n");
	fflush(stdout);
}

/* Waits up to 10 s for n handled events. */
static void wait_events(LONG n)
{
	for (int i = 0; i < 1000 && events < n; i++)
		Sleep(10);
	printf("handled events: %ld\n", events);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	if (!strcmp(mode, "chain")) { /* Ctrl+C, then Ctrl+Break */
		SetConsoleCtrlHandler(older, TRUE);
		SetConsoleCtrlHandler(newer, TRUE);
		ready();
		wait_events(2);
		return 0;
	}
	if (!strcmp(mode, "default")) {
		DWORD slot = TlsAlloc();
		TlsSetValue(slot, (void *)(ULONG_PTR)GetCurrentThreadId());
		SetConsoleCtrlHandler(refuses, TRUE);
		ready();
		Sleep(10000);
		printf("not ended by the default handler\n");
		return 0;
	}
	if (!strcmp(mode, "ignore")) {
		SetConsoleCtrlHandler(older, TRUE);
		SetConsoleCtrlHandler(NULL, TRUE);
		ready();
		Sleep(1000);
		printf("Ctrl+C ignored, handled events: %ld\n", events);
		return 0;
	}
	if (!strcmp(mode, "remove")) {
		printf("add: %d\n", SetConsoleCtrlHandler(older, TRUE));
		printf("remove: %d\n", SetConsoleCtrlHandler(older, FALSE));
		SetLastError(0);
		BOOL again = SetConsoleCtrlHandler(older, FALSE);
		printf("remove again: %d, error %lu\n", again, GetLastError());
		ready();
		Sleep(10000);
		printf("not ended by Ctrl+C\n");
		return 0;
	}
	fprintf(stderr, "usage: ctrl-handler chain|default|ignore|remove\n");
	return 2;
}
