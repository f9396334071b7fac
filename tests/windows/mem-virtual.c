/* VirtualAlloc/VirtualFree/VirtualQuery/VirtualProtect as Microsoft documents them: a
 * reservation's base on the 64 KiB allocation granularity (also when an address is given: it is
 * rounded down), VirtualQuery's State/Protect/AllocationBase/AllocationProtect/Type at each step
 * of reserve, commit, decommit and release, committed pages reading zero, a reserved page
 * faulting (an access violation whose ExceptionInformation[1] is the address; the handler
 * commits the page and the write runs again), the documented failures, VirtualProtect's old
 * protection, and the -Ex forms on the current-process pseudo-handle. */
#include <stdio.h>
#include <windows.h>

static char *region;
static ULONG_PTR fault_addr;
static DWORD fault_kind = 99;

static LONG CALLBACK on_fault(EXCEPTION_POINTERS *ep)
{
	EXCEPTION_RECORD *r = ep->ExceptionRecord;
	if (r->ExceptionCode != EXCEPTION_ACCESS_VIOLATION)
		return EXCEPTION_CONTINUE_SEARCH;
	fault_kind = (DWORD)r->ExceptionInformation[0];
	fault_addr = r->ExceptionInformation[1];
	/* commit the page on demand, then the access runs again */
	if (!VirtualAlloc((void *)fault_addr, 1, MEM_COMMIT, PAGE_READWRITE))
		return EXCEPTION_CONTINUE_SEARCH;
	return EXCEPTION_CONTINUE_EXECUTION;
}

static const char *state(DWORD s)
{
	return s == MEM_COMMIT ? "MEM_COMMIT" : s == MEM_RESERVE ? "MEM_RESERVE" :
	       s == MEM_FREE ? "MEM_FREE" : "?";
}

/* One VirtualQuery line, addresses relative to base. */
static void query(const char *what, const char *base, const void *p)
{
	MEMORY_BASIC_INFORMATION m;
	SIZE_T n = VirtualQuery(p, &m, sizeof m);
	printf("%s: ret %d off 0x%llx %s protect 0x%lx", what, (int)(n == sizeof m),
	       (unsigned long long)((char *)m.BaseAddress - base), state(m.State), m.Protect);
	/* a free range's size depends on its neighbours */
	if (m.State != MEM_FREE)
		printf(" size 0x%llx allocbase %s allocprotect 0x%lx type 0x%lx",
		       (unsigned long long)m.RegionSize, m.AllocationBase == base ? "=base" : "other",
		       m.AllocationProtect, m.Type);
	printf("\n");
}

static void fails(const char *what, BOOL ok)
{
	printf("%s: %s, error %lu\n", what, ok ? "succeeded" : "failed", ok ? 0 : GetLastError());
}

int main(void)
{
	SYSTEM_INFO si;
	GetSystemInfo(&si);
	printf("granularity 0x%lx page 0x%lx\n", si.dwAllocationGranularity, si.dwPageSize);

	/* reserve 1 MiB, nothing committed */
	char *b = region = VirtualAlloc(NULL, 0x100000, MEM_RESERVE, PAGE_READWRITE);
	printf("reserve: %s, aligned %d\n", b ? "ok" : "failed", ((ULONG_PTR)b & 0xffff) == 0);
	query("reserved", b, b);

	/* commit two pages in the middle */
	char *c = VirtualAlloc(b + 0x3010, 0x1000, MEM_COMMIT, PAGE_READWRITE);
	printf("commit inside: returns off 0x%llx\n", (unsigned long long)(c - b));
	query("below", b, b);
	query("committed", b, b + 0x3000);
	query("above", b, b + 0x5000);
	printf("committed reads %d %d\n", c[0], c[0x1fff]);
	c[0] = 42;
	DWORD old = 0;
	BOOL ok = VirtualProtect(c, 0x1000, PAGE_READONLY, &old);
	printf("protect: %d old 0x%lx\n", ok, old);
	query("readonly", b, b + 0x3000);
	query("still rw", b, b + 0x4000);
	fails("protect a reserved page", VirtualProtect(b, 0x1000, PAGE_READWRITE, &old));
	VirtualProtect(c, 0x1000, PAGE_READWRITE, &old);
	printf("protect back: old 0x%lx\n", old);

	/* a reserved page faults; the handler commits it */
	PVOID h = AddVectoredExceptionHandler(1, on_fault);
	b[0x8123] = 7;
	printf("fault: kind %lu off 0x%llx, value now %d\n", fault_kind,
	       (unsigned long long)(fault_addr - (ULONG_PTR)b), b[0x8123]);
	query("committed by handler", b, b + 0x8000);
	RemoveVectoredExceptionHandler(h);

	/* decommit: back to reserved, and zero when committed again */
	ok = VirtualFree(c, 0x2000, MEM_DECOMMIT);
	printf("decommit: %d\n", ok);
	query("decommitted", b, b + 0x3000);
	c = VirtualAlloc(c, 0x1000, MEM_COMMIT, PAGE_READWRITE);
	printf("recommitted reads %d\n", c[0]);

	/* wrong uses */
	fails("release with a size", VirtualFree(b, 0x1000, MEM_RELEASE));
	fails("release inside", VirtualFree(b + 0x10000, 0, MEM_RELEASE));
	fails("free type 0", VirtualFree(b, 0, 0));
	fails("decommit and release", VirtualFree(b, 0, MEM_DECOMMIT | MEM_RELEASE));
	fails("alloc size 0", VirtualAlloc(NULL, 0, MEM_COMMIT, PAGE_READWRITE) != NULL);
	fails("alloc type 0", VirtualAlloc(NULL, 4096, 0, PAGE_READWRITE) != NULL);
	fails("alloc bad protect", VirtualAlloc(NULL, 4096, MEM_COMMIT, 0x3) != NULL);
	fails("reserve over a reservation",
	      VirtualAlloc(b + 0x20000, 4096, MEM_RESERVE, PAGE_READWRITE) != NULL);
	fails("commit outside any", VirtualAlloc(b + 0x100000, 4096, MEM_COMMIT, PAGE_READWRITE) != NULL);

	/* release: the whole reservation is free */
	ok = VirtualFree(b, 0, MEM_RELEASE);
	printf("release: %d\n", ok);
	query("released", b, b);

	/* reserve and commit at a given address: rounded down to the granularity */
	char *at = VirtualAlloc(b + 0x12345, 0x2000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
	printf("at address: returns off 0x%llx\n", (unsigned long long)(at - b));
	query("at address", b, b + 0x10000);
	at[0x4000] = 1;
	printf("MEM_RESET: %d\n", VirtualAlloc(at + 0x1000, 0x1000, MEM_RESET, PAGE_NOACCESS) ==
				      at + 0x1000);
	query("after reset", b, b + 0x10000);
	VirtualFree(at, 0, MEM_RELEASE);

	/* both at once, executable; the Ex forms on this process */
	char *x = VirtualAllocEx(GetCurrentProcess(), NULL, 5000, MEM_RESERVE | MEM_COMMIT,
				 PAGE_EXECUTE_READWRITE);
	query("rwx", x, x);
	query("rwx end", x, x + 0x2000);
	printf("free ex: %d\n", VirtualFreeEx(GetCurrentProcess(), x, 0, MEM_RELEASE));
	return 0;
}
