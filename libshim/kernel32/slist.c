/* Interlocked singly linked lists. SLIST_HEADER on x64 is 16 bytes, 16-aligned: the first
 * quadword holds Depth (16 bits) and Sequence (48 bits), the second the first entry's address
 * (entries are 16-aligned; the low 4 bits are reserved). Both change together by cmpxchg16b, the
 * sequence defeating ABA. Of the Interlocked* family, x64 kernel32 exports only these list
 * functions: InterlockedIncrement and the rest are compiler intrinsics there. */
#include "kernel32.h"

typedef struct SLIST_ENTRY {
	struct SLIST_ENTRY *Next;
} SLIST_ENTRY;

typedef union {
	struct {
		ULONGLONG Alignment, Region;
	};
	unsigned __int128 all;
} __attribute__((aligned(16))) SLIST_HEADER;
_Static_assert(sizeof(SLIST_HEADER) == 16, "SLIST_HEADER");

static int cas16(SLIST_HEADER *h, SLIST_HEADER *expect, SLIST_HEADER with)
{
	BYTE ok;
	__asm__ volatile("lock cmpxchg16b %1\n\tsete %0"
			 : "=q"(ok), "+m"(h->all), "+a"(expect->Alignment), "+d"(expect->Region)
			 : "b"(with.Alignment), "c"(with.Region)
			 : "memory", "cc");
	return ok;
}

/* A consistent snapshot: cmpxchg16b with an unlikely value loads both halves atomically. */
static SLIST_HEADER load(SLIST_HEADER *h)
{
	SLIST_HEADER v = { { 0, 0 } };
	cas16(h, &v, v);
	return v;
}

#define DEPTH(a) ((a) & 0xffff)
#define SEQ_ONE 0x10000ULL

WINAPI void kernel32_InitializeSListHead(SLIST_HEADER *h)
{
	h->Alignment = 0;
	h->Region = 0;
}

WINAPI SLIST_ENTRY *kernel32_InterlockedPushListSListEx(SLIST_HEADER *h, SLIST_ENTRY *first,
						       SLIST_ENTRY *last, ULONG count)
{
	SLIST_HEADER old = load(h), next;
	do {
		last->Next = (SLIST_ENTRY *)old.Region;
		next.Alignment = ((old.Alignment & ~0xffffULL) + SEQ_ONE) |
				 DEPTH(old.Alignment + count);
		next.Region = (ULONGLONG)first;
	} while (!cas16(h, &old, next));
	return (SLIST_ENTRY *)old.Region;
}

WINAPI SLIST_ENTRY *kernel32_InterlockedPushEntrySList(SLIST_HEADER *h, SLIST_ENTRY *e)
{
	return kernel32_InterlockedPushListSListEx(h, e, e, 1);
}

WINAPI SLIST_ENTRY *kernel32_InterlockedPopEntrySList(SLIST_HEADER *h)
{
	SLIST_HEADER old = load(h), next;
	do {
		if (!old.Region)
			return 0;
		next.Alignment = ((old.Alignment & ~0xffffULL) + SEQ_ONE) | DEPTH(old.Alignment - 1);
		next.Region = (ULONGLONG)((SLIST_ENTRY *)old.Region)->Next;
	} while (!cas16(h, &old, next));
	return (SLIST_ENTRY *)old.Region;
}

WINAPI SLIST_ENTRY *kernel32_InterlockedFlushSList(SLIST_HEADER *h)
{
	SLIST_HEADER old = load(h), next;
	do {
		if (!old.Region)
			return 0;
		next.Alignment = (old.Alignment & ~0xffffULL) + SEQ_ONE;
		next.Region = 0;
	} while (!cas16(h, &old, next));
	return (SLIST_ENTRY *)old.Region;
}

WINAPI WORD kernel32_QueryDepthSList(SLIST_HEADER *h)
{
	return (WORD)DEPTH(__atomic_load_n(&h->Alignment, __ATOMIC_ACQUIRE));
}
