/* Processor faults as Windows exceptions, each caught by a vectored handler that repairs the
 * CONTEXT and continues (EXCEPTION_CONTINUE_EXECUTION): the documented codes, an access
 * violation's ExceptionInformation (0 read, 1 write, 8 execute; the address), a breakpoint's
 * address being the int3 itself, integer overflow (INT_MIN / -1) told from division by zero
 * (Wine 8 reports that one as a division by zero too). */
#include <stdio.h>
#include <windows.h>

static int good[8] = { 1234 };
static EXCEPTION_RECORD last;

static LONG CALLBACK handler(EXCEPTION_POINTERS *ep)
{
	EXCEPTION_RECORD *r = ep->ExceptionRecord;
	CONTEXT *c = ep->ContextRecord;
	last = *r;
	printf("exception %08lX", r->ExceptionCode);
	if (r->ExceptionCode == EXCEPTION_ACCESS_VIOLATION)
		printf(" info %llu 0x%llx", (unsigned long long)r->ExceptionInformation[0],
		       (unsigned long long)r->ExceptionInformation[1]);
	printf(" at rip %s\n", (void *)c->Rip == r->ExceptionAddress ? "= address" : "!= address");
	switch (r->ExceptionCode) {
	case EXCEPTION_ACCESS_VIOLATION:
		if (r->ExceptionInformation[0] == 8) { /* "return" from the call to nowhere */
			c->Rip = *(DWORD64 *)c->Rsp;
			c->Rsp += 8;
			c->Rax = 99;
		} else {
			c->Rax = (DWORD64)good; /* the faulting instruction runs again */
		}
		break;
	case EXCEPTION_BREAKPOINT:
		c->Rip++; /* past the int3 */
		break;
	case EXCEPTION_INT_DIVIDE_BY_ZERO:
	case EXCEPTION_INT_OVERFLOW:
		c->Rcx = 1; /* divide by 1 instead */
		break;
	case EXCEPTION_ILLEGAL_INSTRUCTION:
	case EXCEPTION_PRIV_INSTRUCTION:
		c->Rip += r->ExceptionCode == EXCEPTION_ILLEGAL_INSTRUCTION ? 2 : 1; /* ud2, hlt */
		break;
	default:
		return EXCEPTION_CONTINUE_SEARCH;
	}
	return EXCEPTION_CONTINUE_EXECUTION;
}

extern char int3_here[];

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	AddVectoredExceptionHandler(1, handler);
	int v;
	__asm__ volatile("mov (%%rax), %0" : "=r"(v) : "a"((void *)0) : "memory");
	printf("read %d\n", v);
	__asm__ volatile("movl $77, 16(%%rax)" : : "a"((void *)0) : "memory");
	printf("wrote through the repaired pointer\n");
	int (*nowhere)(void) = (int (*)(void))(ULONG_PTR)0x1000;
	printf("called nowhere: %d\n", nowhere());
	__asm__ volatile("int3_here: int3");
	printf("breakpoint address is the int3: %s\n",
	       last.ExceptionAddress == (void *)int3_here ? "yes" : "no");
	int q, a = 100, zero = 0;
	__asm__ volatile("cltd; idivl %%ecx" : "=a"(q) : "a"(a), "c"(zero) : "rdx");
	printf("100 / 0 -> %d\n", q);
	__asm__ volatile("cltd; idivl %%ecx" : "=a"(q) : "a"(INT_MIN), "c"(-1) : "rdx");
	printf("INT_MIN / -1 -> %d\n", q);
	__asm__ volatile("ud2");
	printf("after ud2\n");
	__asm__ volatile("hlt");
	printf("after hlt\n");
	return 0;
}
