/* RaiseFailFastException ends the process at once (Microsoft's documentation): no exception
 * handler, unhandled-exception filter or atexit function runs. Its status is the record's
 * exception code, or STATUS_FAIL_FAST_EXCEPTION (0xC0000602) without one; the shell sees the low
 * byte. Argument "record" raises with a record of code 0xE0001234. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void at_exit(void)
{
	printf("atexit ran\n");
}

static LONG WINAPI filter(EXCEPTION_POINTERS *e)
{
	(void)e;
	printf("filter ran\n");
	return EXCEPTION_EXECUTE_HANDLER;
}

static LONG WINAPI vectored(EXCEPTION_POINTERS *e)
{
	(void)e;
	printf("vectored handler ran\n");
	return EXCEPTION_CONTINUE_SEARCH;
}

int main(int argc, char **argv)
{
	atexit(at_exit);
	SetUnhandledExceptionFilter(filter);
	AddVectoredExceptionHandler(1, vectored);
	printf("before\n");
	fflush(stdout);
	EXCEPTION_RECORD rec;
	memset(&rec, 0, sizeof rec);
	rec.ExceptionCode = 0xE0001234;
	RaiseFailFastException(argc > 1 && !strcmp(argv[1], "record") ? &rec : NULL, NULL, 0);
	printf("after\n");
	return 0;
}
