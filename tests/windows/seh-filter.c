/* SetUnhandledExceptionFilter: the filter gets the record of an exception no frame handles;
 * EXCEPTION_CONTINUE_EXECUTION resumes after RaiseException, EXCEPTION_EXECUTE_HANDLER ends the
 * process quietly with the exception code as its exit status (here 0xE0000042: 0x42 = 66 for
 * the shell). The previous filter (mingw-w64's start-up code installs one) is returned. */
#include <stdio.h>
#include <windows.h>

static int round;

static LONG WINAPI filter(EXCEPTION_POINTERS *ep)
{
	EXCEPTION_RECORD *r = ep->ExceptionRecord;
	printf("filter: code %08lX flags %lu params %lu: %llu %llu, rip %s the address\n",
	       r->ExceptionCode, r->ExceptionFlags, r->NumberParameters,
	       (unsigned long long)r->ExceptionInformation[0],
	       (unsigned long long)r->ExceptionInformation[1],
	       (void *)ep->ContextRecord->Rip == r->ExceptionAddress ? "at" : "not at");
	return round++ ? EXCEPTION_EXECUTE_HANDLER : EXCEPTION_CONTINUE_EXECUTION;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	LPTOP_LEVEL_EXCEPTION_FILTER old = SetUnhandledExceptionFilter(filter);
	printf("a previous filter: %s\n", old ? "yes" : "no");
	printf("ours is returned: %s\n", SetUnhandledExceptionFilter(filter) == filter ? "yes" : "no");
	ULONG_PTR args[2] = { 7, 8 };
	RaiseException(0xE0000041, 0, 2, args);
	printf("continued\n");
	RaiseException(0xE0000042, 0, 2, args);
	printf("not reached\n");
	return 0;
}
