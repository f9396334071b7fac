/* Heaps (heap.c), which LocalAlloc/GlobalAlloc (localalloc.c) allocate from. */
#ifndef XABI_KERNEL32_HEAP_H
#define XABI_KERNEL32_HEAP_H

#include "kernel32.h"

/* winnt.h */
#define HEAP_NO_SERIALIZE 0x1
#define HEAP_GROWABLE 0x2
#define HEAP_GENERATE_EXCEPTIONS 0x4
#define HEAP_ZERO_MEMORY 0x8
#define HEAP_REALLOC_IN_PLACE_ONLY 0x10
#define HEAP_CREATE_ENABLE_EXECUTE 0x40000

WINAPI HANDLE kernel32_GetProcessHeap(void);
WINAPI LPVOID kernel32_HeapAlloc(HANDLE heap, DWORD flags, SIZE_T size);
WINAPI LPVOID kernel32_HeapReAlloc(HANDLE heap, DWORD flags, LPVOID p, SIZE_T size);
WINAPI BOOL kernel32_HeapFree(HANDLE heap, DWORD flags, LPVOID p);
WINAPI SIZE_T kernel32_HeapSize(HANDLE heap, DWORD flags, LPCVOID p);
/* Whether p is a live block of heap (no last error set). */
BOOL heap_owns(HANDLE heap, LPCVOID p);

#endif
