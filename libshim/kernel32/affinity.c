/* A process's processors and scheduling: the affinity mask is the host's CPU affinity (bit N is
 * host CPU N; CPUs from 64 up are not seen), applied to every thread of the process as Windows
 * applies a process's mask; the system mask is the host's configured CPUs. There is no dynamic
 * priority boosting on the host: SetProcessPriorityBoost's choice is kept and read back. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "kernel32.h"
#include "object.h"

static DWORD_PTR mask_of(const cpu_set_t *set)
{
	DWORD_PTR m = 0;
	for (int i = 0; i < 64; i++)
		if (CPU_ISSET(i, set))
			m |= (DWORD_PTR)1 << i;
	return m;
}

static DWORD_PTR system_mask(void)
{
	long n = sysconf(_SC_NPROCESSORS_CONF);
	return n >= 64 ? ~(DWORD_PTR)0 : n < 1 ? 1 : ((DWORD_PTR)1 << n) - 1;
}

/* The pid behind a process handle; 0 (last error set) if it is not one. */
static int pid_of(HANDLE h)
{
	struct process_obj *p = kobj_from_handle(h, HANDLE_PROCESS);
	if (!p)
		return 0;
	int pid = p->done ? -1 : p->pid;
	kobj_put(&p->k);
	if (pid < 0)
		win_set_last_error(ERROR_ACCESS_DENIED); /* an ended process's handle */
	return pid < 0 ? 0 : pid;
}

WINAPI BOOL kernel32_GetProcessAffinityMask(HANDLE h, DWORD_PTR *process, DWORD_PTR *system)
{
	int pid = pid_of(h);
	cpu_set_t set;
	if (!pid)
		return FALSE;
	if (sched_getaffinity(pid, sizeof set, &set) < 0) {
		win_set_last_error(win_error_from_errno(errno));
		return FALSE;
	}
	*process = mask_of(&set) & system_mask();
	*system = system_mask();
	return TRUE;
}

WINAPI BOOL kernel32_SetProcessAffinityMask(HANDLE h, DWORD_PTR mask)
{
	if (!mask || (mask & ~system_mask())) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	int pid = pid_of(h);
	if (!pid)
		return FALSE;
	cpu_set_t set;
	CPU_ZERO(&set);
	for (int i = 0; i < 64; i++)
		if (mask & ((DWORD_PTR)1 << i))
			CPU_SET(i, &set);
	char dir[32];
	snprintf(dir, sizeof dir, "/proc/%d/task", pid);
	DIR *d = opendir(dir);
	if (!d) {
		win_set_last_error(win_error_from_errno(errno));
		return FALSE;
	}
	int err = 0;
	for (struct dirent *e; (e = readdir(d));)
		if (e->d_name[0] != '.' && sched_setaffinity(atoi(e->d_name), sizeof set, &set) < 0 &&
		    errno != ESRCH)
			err = errno;
	closedir(d);
	if (err)
		win_set_last_error(win_error_from_errno(err));
	return !err;
}

static atomic_int boost_disabled;

/* Only this process's setting is kept: another process's fails with ERROR_NOT_SUPPORTED. */
static int is_self(HANDLE h)
{
	int pid = pid_of(h);
	if (pid && pid != getpid())
		win_set_last_error(ERROR_NOT_SUPPORTED);
	return pid == getpid();
}

WINAPI BOOL kernel32_SetProcessPriorityBoost(HANDLE h, BOOL disable)
{
	if (!is_self(h))
		return FALSE;
	atomic_store(&boost_disabled, !!disable);
	return TRUE;
}

WINAPI BOOL kernel32_GetProcessPriorityBoost(HANDLE h, BOOL *disabled)
{
	if (!is_self(h))
		return FALSE;
	*disabled = atomic_load(&boost_disabled);
	return TRUE;
}
