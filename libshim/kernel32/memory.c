/* Virtual memory: page protections and queries, over mprotect and the host's view of the address
 * space (/proc/self/maps). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
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
#define MEM_COMMIT 0x1000
#define MEM_FREE 0x10000
#define MEM_PRIVATE 0x20000
#define MEM_MAPPED 0x40000
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

static int host_prot(DWORD p)
{
	switch (p & 0xff) {
	case PAGE_NOACCESS: return PROT_NONE;
	case PAGE_READONLY: return PROT_READ;
	case PAGE_READWRITE: case PAGE_WRITECOPY: return PROT_READ | PROT_WRITE;
	case PAGE_EXECUTE: case PAGE_EXECUTE_READ: return PROT_READ | PROT_EXEC;
	case PAGE_EXECUTE_READWRITE: case PAGE_EXECUTE_WRITECOPY:
		return PROT_READ | PROT_WRITE | PROT_EXEC;
	}
	return -1;
}

static DWORD win_prot(const char *perms)
{
	int r = perms[0] == 'r', w = perms[1] == 'w', x = perms[2] == 'x';
	if (x)
		return w ? PAGE_EXECUTE_READWRITE : r ? PAGE_EXECUTE_READ : PAGE_EXECUTE;
	return w ? PAGE_READWRITE : r ? PAGE_READONLY : PAGE_NOACCESS;
}

/* The host mapping containing addr (line of /proc/self/maps); 0 if found, -1 if addr is free
 * (then *start and *end bound the free gap). */
static int find_mapping(uintptr_t addr, uintptr_t *start, uintptr_t *end, char perms[5],
			int *file)
{
	FILE *f = fopen("/proc/self/maps", "re");
	uintptr_t prev_end = 0;
	*start = 0;
	*end = (uintptr_t)1 << 47;
	if (!f)
		return -1;
	char line[512];
	int found = -1;
	while (fgets(line, sizeof line, f)) {
		unsigned long s, e, inode;
		char p[5];
		if (sscanf(line, "%lx-%lx %4s %*s %*s %lu", &s, &e, p, &inode) != 4)
			continue;
		if (addr < s) {
			*start = prev_end;
			*end = s;
			break;
		}
		if (addr < e) {
			*start = s;
			*end = e;
			memcpy(perms, p, 5);
			*file = inode != 0;
			found = 0;
			break;
		}
		prev_end = e;
	}
	fclose(f);
	return found;
}

WINAPI SIZE_T kernel32_VirtualQuery(LPCVOID addr, MEMORY_BASIC_INFORMATION *mbi, SIZE_T len)
{
	if (len < sizeof *mbi) {
		win_set_last_error(ERROR_BAD_LENGTH);
		return 0;
	}
	uintptr_t a = (uintptr_t)addr & ~(PAGE - 1), s, e;
	char perms[5] = "---p";
	int file = 0;
	memset(mbi, 0, sizeof *mbi);
	mbi->BaseAddress = (void *)a;
	if (find_mapping(a, &s, &e, perms, &file) < 0) {
		mbi->RegionSize = e - a;
		mbi->State = MEM_FREE;
		mbi->Protect = PAGE_NOACCESS;
		return sizeof *mbi;
	}
	mbi->AllocationBase = (void *)s;
	mbi->RegionSize = e - a;
	mbi->State = MEM_COMMIT;
	mbi->Protect = mbi->AllocationProtect = win_prot(perms);
	mbi->Type = file ? MEM_MAPPED : MEM_PRIVATE;
	return sizeof *mbi;
}

WINAPI BOOL kernel32_VirtualProtect(LPVOID addr, SIZE_T size, DWORD prot, DWORD *old)
{
	int p = host_prot(prot);
	if (p < 0 || !old) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	MEMORY_BASIC_INFORMATION mbi;
	kernel32_VirtualQuery(addr, &mbi, sizeof mbi);
	if (mbi.State == MEM_FREE) {
		win_set_last_error(ERROR_INVALID_ADDRESS);
		return FALSE;
	}
	uintptr_t a = (uintptr_t)addr & ~(PAGE - 1);
	uintptr_t e = ((uintptr_t)addr + size + PAGE - 1) & ~(PAGE - 1);
	if (mprotect((void *)a, e - a, p) < 0) {
		win_set_last_error(ERROR_INVALID_ADDRESS);
		return FALSE;
	}
	*old = mbi.Protect;
	return TRUE;
}
