/* Heaps and Local/Global memory as Microsoft documents them: HeapAlloc's 16-byte alignment on
 * x64 and HEAP_ZERO_MEMORY, HeapReAlloc keeping the contents (zeroing the growth when asked, and
 * failing with HEAP_REALLOC_IN_PLACE_ONLY when the block cannot grow where it is), HeapSize,
 * HeapFree, HeapValidate, HeapLock/Unlock, private heaps (HeapCreate/HeapDestroy, a maximum
 * size), GetProcessHeaps; LocalAlloc/GlobalAlloc with their ZEROINIT, Lock, Size, ReAlloc and
 * Free, whose success is NULL. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

/* Through volatile: the headers mark the allocators "malloc", which lets gcc assume new memory
 * holds nothing worth reading. */
static int all(const volatile void *m, SIZE_T n, int v)
{
	const volatile unsigned char *p = m;
	for (SIZE_T i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

int main(void)
{
	HANDLE ph = GetProcessHeap();
	printf("process heap: %d\n", ph != NULL);

	/* alignment and sizes */
	int aligned = 1;
	void *blocks[40];
	for (int i = 0; i < 40; i++) {
		blocks[i] = HeapAlloc(ph, 0, i * 7 + 1);
		aligned &= ((ULONG_PTR)blocks[i] & 15) == 0;
		aligned &= HeapSize(ph, 0, blocks[i]) == (SIZE_T)(i * 7 + 1);
	}
	printf("aligned and sized: %d\n", aligned);
	for (int i = 0; i < 40; i += 2)
		HeapFree(ph, 0, blocks[i]);
	printf("validate after frees: %d\n", HeapValidate(ph, 0, NULL));
	printf("validate a live block: %d\n", HeapValidate(ph, 0, blocks[1]));
	for (int i = 1; i < 40; i += 2)
		HeapFree(ph, 0, blocks[i]);

	/* zeroing and realloc */
	unsigned char *p = HeapAlloc(ph, HEAP_ZERO_MEMORY, 1000);
	printf("zeroed: %d\n", all(p, 1000, 0));
	memset(p, 0xab, 1000);
	p = HeapReAlloc(ph, HEAP_ZERO_MEMORY, p, 5000);
	printf("grown: size %lu, kept %d, growth zeroed %d\n", (unsigned long)HeapSize(ph, 0, p),
	       all(p, 1000, 0xab), all(p + 1000, 4000, 0));
	p = HeapReAlloc(ph, 0, p, 10);
	printf("shrunk: size %lu, kept %d\n", (unsigned long)HeapSize(ph, 0, p), all(p, 10, 0xab));
	p = HeapReAlloc(ph, HEAP_REALLOC_IN_PLACE_ONLY, p, 8);
	printf("shrunk in place: %d size %lu\n", p != NULL, (unsigned long)HeapSize(ph, 0, p));
	void *q = HeapReAlloc(ph, HEAP_REALLOC_IN_PLACE_ONLY, p, 1 << 24);
	DWORD e = GetLastError();
	printf("grow 16 MiB in place: %s, error %lu, old size %lu\n", q ? "moved?" : "failed", e,
	       (unsigned long)HeapSize(ph, 0, p));
	printf("free: %d, free NULL: %d\n", HeapFree(ph, 0, p), HeapFree(ph, 0, NULL));

	/* a private heap with a maximum size */
	HANDLE h = HeapCreate(0, 0, 0x10000);
	printf("created: %d\n", h != NULL && h != ph);
	HANDLE list[16];
	DWORD n = GetProcessHeaps(16, list);
	int found = 0;
	for (DWORD i = 0; i < n && i < 16; i++)
		found += list[i] == h || list[i] == ph;
	printf("GetProcessHeaps lists both: %d\n", found == 2);
	char *a = HeapAlloc(h, 0, 100), *big = HeapAlloc(h, 0, 0x100000);
	printf("fixed heap: small %d, 1 MiB %s\n", a != NULL, big ? "allocated?" : "refused");
	BOOL locked = HeapLock(h);
	printf("lock: %d unlock: %d\n", locked, HeapUnlock(h));
	printf("validate foreign block: %d\n", HeapValidate(ph, 0, a));
	printf("destroy: %d\n", HeapDestroy(h));

	/* Local and Global */
	HLOCAL l = LocalAlloc(LMEM_ZEROINIT, 64);
	printf("LocalAlloc zeroed: %d size %lu\n", all(l, 64, 0), (unsigned long)LocalSize(l));
	memset(l, 'x', 64);
	HLOCAL l2 = LocalReAlloc(l, 4096, LMEM_MOVEABLE | LMEM_ZEROINIT);
	printf("LocalReAlloc: size %lu kept %d zeroed %d\n", (unsigned long)LocalSize(l2),
	       all(l2, 64, 'x'), all((char *)l2 + 64, 4032, 0));
	printf("LocalFree: %p\n", LocalFree(l2));
	HLOCAL fx = LocalAlloc(LPTR, 16);
	printf("LPTR is a pointer: %d\n", LocalLock(fx) == fx);
	LocalFree(fx);

	HGLOBAL g = GlobalAlloc(GMEM_MOVEABLE | GMEM_ZEROINIT, 300);
	char *gp = GlobalLock(g);
	printf("GlobalLock: %d zeroed %d size %lu\n", gp != NULL, all(gp, 300, 0),
	       (unsigned long)GlobalSize(g));
	strcpy(gp, "kept");
	SetLastError(1234);
	BOOL still = GlobalUnlock(g);
	e = GetLastError();
	printf("GlobalUnlock: %d error %lu\n", still, e);
	g = GlobalReAlloc(g, 100000, GMEM_MOVEABLE);
	gp = GlobalLock(g);
	printf("GlobalReAlloc: size %lu, %s\n", (unsigned long)GlobalSize(g), gp);
	GlobalUnlock(g);
	printf("GlobalFree: %p\n", GlobalFree(g));
	HGLOBAL gf = GlobalAlloc(GPTR, 10);
	printf("GPTR zeroed: %d\n", all(gf, 10, 0));
	printf("GlobalFree: %p\n", GlobalFree(gf));
	return 0;
}
