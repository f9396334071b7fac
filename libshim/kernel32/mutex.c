/* Mutexes: owned by a thread, recursively; released only by their owner; abandoned when the owner
 * ends holding one (the next wait returns WAIT_ABANDONED and owns it). */
#include <stdlib.h>
#include "kernel32.h"
#include "object.h"

struct mutex mutex_list;

#define CREATE_MUTEX_INITIAL_OWNER 0x1

static DWORD me(void)
{
	return (DWORD)(uintptr_t)NtCurrentTeb()->UniqueThread;
}

WINAPI HANDLE kernel32_CreateMutexExA(SECURITY_ATTRIBUTES *sa, LPCSTR name, DWORD flags,
				      DWORD access)
{
	(void)access;
	struct mutex *m = kobj_new(HANDLE_MUTEX, sizeof *m);
	if (!m)
		return 0;
	if (flags & CREATE_MUTEX_INITIAL_OWNER) {
		m->owner = me();
		m->count = 1;
	}
	/* Opening an existing mutex by name does not take it, even when asked to. */
	return kobj_publish(&m->k, name, sa_inherit(sa));
}

WINAPI HANDLE kernel32_CreateMutexA(SECURITY_ATTRIBUTES *sa, BOOL owner, LPCSTR name)
{
	return kernel32_CreateMutexExA(sa, name, owner ? CREATE_MUTEX_INITIAL_OWNER : 0, 0);
}

WINAPI HANDLE kernel32_CreateMutexExW(SECURITY_ATTRIBUTES *sa, LPCWSTR name, DWORD flags,
				      DWORD access)
{
	int ok;
	char *n = kernel32_name_utf8(name, &ok);
	HANDLE h = ok ? kernel32_CreateMutexExA(sa, n, flags, access) : 0;
	free(n);
	return h;
}

WINAPI HANDLE kernel32_CreateMutexW(SECURITY_ATTRIBUTES *sa, BOOL owner, LPCWSTR name)
{
	return kernel32_CreateMutexExW(sa, name, owner ? CREATE_MUTEX_INITIAL_OWNER : 0, 0);
}

WINAPI HANDLE kernel32_OpenMutexA(DWORD access, BOOL inherit, LPCSTR name)
{
	(void)access;
	return kobj_open(HANDLE_MUTEX, name, inherit);
}

WINAPI HANDLE kernel32_OpenMutexW(DWORD access, BOOL inherit, LPCWSTR name)
{
	int ok;
	char *n = kernel32_name_utf8(name, &ok);
	HANDLE h = ok ? kernel32_OpenMutexA(access, inherit, n) : 0;
	free(n);
	return h;
}

DWORD mutex_release_locked(struct mutex *m)
{
	if (m->owner != me())
		return ERROR_NOT_OWNER;
	if (!--m->count) {
		m->owner = 0;
		sync_changed();
	}
	return 0;
}

WINAPI BOOL kernel32_ReleaseMutex(HANDLE h)
{
	struct mutex *m = kobj_from_handle(h, HANDLE_MUTEX);
	if (!m)
		return FALSE;
	pthread_mutex_lock(&sync_lock);
	DWORD err = mutex_release_locked(m);
	pthread_mutex_unlock(&sync_lock);
	kobj_put(&m->k);
	if (err)
		win_set_last_error(err);
	return !err;
}

void mutex_abandon_all(DWORD tid)
{
	int any = 0;
	for (struct mutex *m = mutex_list.next; m; m = m->next)
		if (m->owner == tid) {
			m->owner = 0;
			m->count = 0;
			m->abandoned = 1;
			any = 1;
		}
	if (any)
		sync_changed();
}
