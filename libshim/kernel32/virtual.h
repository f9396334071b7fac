/* VirtualAlloc's reservations (virtual.c), which VirtualQuery and VirtualProtect (memory.c) read. */
#ifndef XABI_KERNEL32_VIRTUAL_H
#define XABI_KERNEL32_VIRTUAL_H

#include <stdint.h>
#include "kernel32.h"

/* winnt.h */
#define PAGE_NOACCESS 0x01
#define PAGE_READONLY 0x02
#define PAGE_READWRITE 0x04
#define PAGE_WRITECOPY 0x08
#define PAGE_EXECUTE 0x10
#define PAGE_EXECUTE_READ 0x20
#define PAGE_EXECUTE_READWRITE 0x40
#define PAGE_EXECUTE_WRITECOPY 0x80
#define PAGE_GUARD 0x100
#define PAGE_NOCACHE 0x200
#define PAGE_WRITECOMBINE 0x400
#define MEM_COMMIT 0x1000
#define MEM_RESERVE 0x2000
#define MEM_DECOMMIT 0x4000
#define MEM_RELEASE 0x8000
#define MEM_FREE 0x10000
#define MEM_PRIVATE 0x20000
#define MEM_MAPPED 0x40000
#define MEM_RESET 0x80000
#define MEM_TOP_DOWN 0x100000
#define MEM_IMAGE 0x1000000

typedef struct {
	void *BaseAddress, *AllocationBase;
	DWORD AllocationProtect;
	WORD PartitionId;
	SIZE_T RegionSize;
	DWORD State, Protect, Type;
} MEMORY_BASIC_INFORMATION;
_Static_assert(sizeof(MEMORY_BASIC_INFORMATION) == 48, "MEMORY_BASIC_INFORMATION");

#define PAGE 4096UL

/* The host protection of a Windows page protection (PAGE_* without modifier bits), or -1. */
int virtual_host_prot(DWORD prot);

/* When addr lies in a VirtualAlloc reservation: fills mbi from its pages and returns 1. Else
 * returns 0 and, if a reservation starts above addr before *limit, lowers *limit to it. */
int virtual_query(uintptr_t addr, MEMORY_BASIC_INFORMATION *mbi, uintptr_t *limit);

/* VirtualProtect inside a reservation: 1 done (or failed, last error set, *ok FALSE), 0 when
 * addr is not in one. */
int virtual_protect(uintptr_t addr, SIZE_T size, DWORD prot, DWORD *old, BOOL *ok);

#endif
