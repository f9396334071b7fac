/* Virtual memory: queries and page protections. VirtualAlloc reservations (virtual.c) answer for
 * themselves; the rest of the address space is read from the host's /proc/self/maps. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "virtual.h"

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
	if (virtual_query(a, mbi, &(uintptr_t){ 0 }))
		return sizeof *mbi;
	int mapped = find_mapping(a, &s, &e, perms, &file) == 0;
	/* The host may show a VirtualAlloc reservation merged with a neighbouring mapping. */
	virtual_query(a, mbi, &e);
	if (!mapped) {
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
	int p = virtual_host_prot(prot);
	if (p < 0 || !old) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	BOOL ok;
	if (virtual_protect((uintptr_t)addr, size, prot, old, &ok))
		return ok;
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
