/* LocalAlloc and GlobalAlloc (the same thing on Win32), blocks of the process heap. A MOVEABLE
 * block never moves here: its handle is its address, so Lock returns the handle, Unlock has no
 * lock count to keep (it answers "unlocked": FALSE with NO_ERROR), and ReAlloc may move it only
 * when asked with LMEM_MOVEABLE, as for a fixed block. */
#include "heap.h"

/* winbase.h; GMEM_* have the same values */
#define LMEM_MOVEABLE 0x2
#define LMEM_ZEROINIT 0x40
#define LMEM_MODIFY 0x80
#define LMEM_VALID_FLAGS 0x0f72

static HANDLE heap_alloc(UINT flags, SIZE_T size)
{
	if (flags & ~LMEM_VALID_FLAGS) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	return kernel32_HeapAlloc(kernel32_GetProcessHeap(),
				  flags & LMEM_ZEROINIT ? HEAP_ZERO_MEMORY : 0, size);
}

/* The block behind a handle, or NULL with ERROR_INVALID_HANDLE. */
static HANDLE owned(HANDLE h)
{
	if (h && heap_owns(kernel32_GetProcessHeap(), h))
		return h;
	win_set_last_error(ERROR_INVALID_HANDLE);
	return NULL;
}

static HANDLE heap_free(HANDLE h)
{
	if (!h)
		return NULL;
	if (!owned(h))
		return h;
	kernel32_HeapFree(kernel32_GetProcessHeap(), 0, h);
	return NULL;
}

static HANDLE heap_realloc(HANDLE h, SIZE_T size, UINT flags)
{
	if (!owned(h))
		return NULL;
	if (flags & LMEM_MODIFY) /* only the block's flags change, and there are none to keep */
		return h;
	DWORD hf = (flags & LMEM_ZEROINIT ? HEAP_ZERO_MEMORY : 0) |
		   (flags & LMEM_MOVEABLE ? 0 : HEAP_REALLOC_IN_PLACE_ONLY);
	return kernel32_HeapReAlloc(kernel32_GetProcessHeap(), hf, h, size);
}

static SIZE_T heap_size(HANDLE h)
{
	return owned(h) ? kernel32_HeapSize(kernel32_GetProcessHeap(), 0, h) : 0;
}

static BOOL heap_unlock(HANDLE h)
{
	if (owned(h))
		win_set_last_error(ERROR_SUCCESS);
	return FALSE;
}

WINAPI HANDLE kernel32_LocalAlloc(UINT flags, SIZE_T size) { return heap_alloc(flags, size); }
WINAPI HANDLE kernel32_LocalFree(HANDLE h) { return heap_free(h); }
WINAPI HANDLE kernel32_LocalReAlloc(HANDLE h, SIZE_T size, UINT flags)
{
	return heap_realloc(h, size, flags);
}
WINAPI SIZE_T kernel32_LocalSize(HANDLE h) { return heap_size(h); }
WINAPI LPVOID kernel32_LocalLock(HANDLE h) { return owned(h); }
WINAPI BOOL kernel32_LocalUnlock(HANDLE h) { return heap_unlock(h); }

WINAPI HANDLE kernel32_GlobalAlloc(UINT flags, SIZE_T size) { return heap_alloc(flags, size); }
WINAPI HANDLE kernel32_GlobalFree(HANDLE h) { return heap_free(h); }
WINAPI HANDLE kernel32_GlobalReAlloc(HANDLE h, SIZE_T size, UINT flags)
{
	return heap_realloc(h, size, flags);
}
WINAPI SIZE_T kernel32_GlobalSize(HANDLE h) { return heap_size(h); }
WINAPI LPVOID kernel32_GlobalLock(HANDLE h) { return owned(h); }
WINAPI BOOL kernel32_GlobalUnlock(HANDLE h) { return heap_unlock(h); }
