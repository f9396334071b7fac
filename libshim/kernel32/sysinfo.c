/* The machine: GetSystemInfo/GetNativeSystemInfo (an x64 processor, the host's CPU count, page
 * size and CPUID family/model/stepping) and GlobalMemoryStatusEx (the host's sysinfo). */
#define _GNU_SOURCE
#include <cpuid.h>
#include <sched.h>
#include <sys/sysinfo.h>
#include <unistd.h>
#include "kernel32.h"

typedef struct {
	WORD wProcessorArchitecture, wReserved;
	DWORD dwPageSize;
	void *lpMinimumApplicationAddress, *lpMaximumApplicationAddress;
	DWORD_PTR dwActiveProcessorMask;
	DWORD dwNumberOfProcessors, dwProcessorType, dwAllocationGranularity;
	WORD wProcessorLevel, wProcessorRevision;
} SYSTEM_INFO;
_Static_assert(sizeof(SYSTEM_INFO) == 48, "SYSTEM_INFO");

typedef struct {
	DWORD dwLength, dwMemoryLoad;
	ULONGLONG ullTotalPhys, ullAvailPhys, ullTotalPageFile, ullAvailPageFile;
	ULONGLONG ullTotalVirtual, ullAvailVirtual, ullAvailExtendedVirtual;
} MEMORYSTATUSEX;
_Static_assert(sizeof(MEMORYSTATUSEX) == 64, "MEMORYSTATUSEX");

#define PROCESSOR_ARCHITECTURE_AMD64 9
#define PROCESSOR_AMD_X8664 8664
#define USER_SPACE_END 0x7ffffffeffffULL /* the highest user address on x64 Windows */

WINAPI void kernel32_GetSystemInfo(SYSTEM_INFO *si)
{
	cpu_set_t set;
	int n = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	unsigned a = 0, b, c, d;
	__get_cpuid(1, &a, &b, &c, &d);
	unsigned family = (a >> 8) & 0xf, model = (a >> 4) & 0xf;
	if (family == 0xf)
		family += (a >> 20) & 0xff;
	if (family >= 6)
		model |= ((a >> 16) & 0xf) << 4;
	si->wProcessorArchitecture = PROCESSOR_ARCHITECTURE_AMD64;
	si->wReserved = 0;
	si->dwPageSize = 4096;
	si->lpMinimumApplicationAddress = (void *)0x10000;
	si->lpMaximumApplicationAddress = (void *)USER_SPACE_END;
	si->dwActiveProcessorMask = n >= 64 ? ~0ULL : (1ULL << n) - 1;
	si->dwNumberOfProcessors = (DWORD)n;
	si->dwProcessorType = PROCESSOR_AMD_X8664;
	si->dwAllocationGranularity = 65536;
	si->wProcessorLevel = (WORD)family;
	si->wProcessorRevision = (WORD)(model << 8 | (a & 0xf));
}

WINAPI void kernel32_GetNativeSystemInfo(SYSTEM_INFO *si)
{
	kernel32_GetSystemInfo(si);
}

WINAPI BOOL kernel32_GlobalMemoryStatusEx(MEMORYSTATUSEX *m)
{
	struct sysinfo s;
	if (m->dwLength != sizeof *m) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (sysinfo(&s) < 0) {
		win_set_last_error(ERROR_INVALID_FUNCTION);
		return FALSE;
	}
	uint64_t unit = s.mem_unit ? s.mem_unit : 1;
	m->ullTotalPhys = s.totalram * unit;
	m->ullAvailPhys = (s.freeram + s.bufferram) * unit;
	m->dwMemoryLoad = m->ullTotalPhys ? (DWORD)(100 - m->ullAvailPhys * 100 / m->ullTotalPhys) : 0;
	m->ullTotalPageFile = (s.totalram + s.totalswap) * unit;
	m->ullAvailPageFile = (s.freeram + s.bufferram + s.freeswap) * unit;
	m->ullTotalVirtual = USER_SPACE_END + 1 - 0x10000;
	m->ullAvailVirtual = m->ullTotalVirtual;
	m->ullAvailExtendedVirtual = 0;
	return TRUE;
}
