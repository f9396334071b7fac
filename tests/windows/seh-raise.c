/* RaiseException and vectored handlers: the record a handler sees (code, flags, address,
 * parameters, at most EXCEPTION_MAXIMUM_PARAMETERS of them), the order of the handlers
 * (AddVectoredExceptionHandler's First argument), EXCEPTION_CONTINUE_EXECUTION returning from
 * RaiseException, continue handlers, removal, and a noncontinuable exception that a handler tries
 * to continue (STATUS_NONCONTINUABLE_EXCEPTION, its ExceptionRecord the original: RaiseException's
 * documentation; Wine 8 continues instead, and calls no continue handlers). */
#include <stdio.h>
#include <windows.h>

static int calls;

static LONG CALLBACK first(EXCEPTION_POINTERS *ep)
{
	EXCEPTION_RECORD *r = ep->ExceptionRecord;
	printf("first: code %08lX flags %lu params %lu", r->ExceptionCode, r->ExceptionFlags,
	       r->NumberParameters);
	for (DWORD i = 0; i < r->NumberParameters; i++)
		printf(" %llu", (unsigned long long)r->ExceptionInformation[i]);
	printf("\n");
	calls++;
	return EXCEPTION_CONTINUE_SEARCH;
}

static LONG CALLBACK second(EXCEPTION_POINTERS *ep)
{
	EXCEPTION_RECORD *r = ep->ExceptionRecord;
	printf("second: code %08lX", r->ExceptionCode);
	if (r->ExceptionRecord)
		printf(" nested in %08lX", r->ExceptionRecord->ExceptionCode);
	printf("\n");
	if (r->ExceptionCode == STATUS_NONCONTINUABLE_EXCEPTION)
		ExitProcess(7); /* what a program can still do */
	return EXCEPTION_CONTINUE_EXECUTION;
}

static LONG CALLBACK continued(EXCEPTION_POINTERS *ep)
{
	printf("continue handler: code %08lX\n", ep->ExceptionRecord->ExceptionCode);
	return EXCEPTION_CONTINUE_SEARCH;
}

static void *address_seen;
static LONG CALLBACK where(EXCEPTION_POINTERS *ep)
{
	address_seen = ep->ExceptionRecord->ExceptionAddress;
	return EXCEPTION_CONTINUE_SEARCH;
}

static volatile int after;
__attribute__((noinline)) static void raise_here(void)
{
	RaiseException(0xE0000003, 0, 0, NULL);
	after++; /* not a tail call: the return address is in this function */
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	void *h2 = AddVectoredExceptionHandler(0, second);
	void *h1 = AddVectoredExceptionHandler(1, first);
	void *hc = AddVectoredContinueHandler(0, continued);
	ULONG_PTR args[20];
	for (int i = 0; i < 20; i++)
		args[i] = 100 + i;
	RaiseException(0xE0000001, 0, 3, args);
	printf("returned from RaiseException (%d calls)\n", calls);
	RaiseException(0xE0000002, 0, 20, args); /* clamped to 15 */
	RaiseException(0x20000000, 0, 2, NULL);  /* no array: no parameters */
	ULONG r1 = RemoveVectoredExceptionHandler(h1);
	ULONG r2 = RemoveVectoredExceptionHandler(h1);
	ULONG r3 = RemoveVectoredContinueHandler(hc);
	printf("remove first: %lu, again: %lu, continue: %lu\n", r1, r2, r3);
	void *hw = AddVectoredExceptionHandler(1, where);
	raise_here();
	char *a = address_seen, *f = (char *)raise_here;
	printf("address inside raise_here: %s\n", a > f && a < f + 64 ? "yes" : "no");
	RemoveVectoredExceptionHandler(hw);
	RaiseException(0xE0000004, EXCEPTION_NONCONTINUABLE, 0, NULL);
	printf("not reached\n");
	(void)h2;
	return 0;
}
