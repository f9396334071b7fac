/* Semaphores: a count between 0 and a maximum; a wait takes one, ReleaseSemaphore adds. */
#include <stdlib.h>
#include "kernel32.h"
#include "object.h"

WINAPI HANDLE kernel32_CreateSemaphoreExA(SECURITY_ATTRIBUTES *sa, LONG initial, LONG max,
					  LPCSTR name, DWORD flags, DWORD access)
{
	(void)access;
	if (max <= 0 || initial < 0 || initial > max || flags) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	struct semaphore *s = kobj_new(HANDLE_SEMAPHORE, sizeof *s);
	if (!s)
		return 0;
	s->count = initial;
	s->max = max;
	return kobj_publish(&s->k, name, sa_inherit(sa));
}

WINAPI HANDLE kernel32_CreateSemaphoreA(SECURITY_ATTRIBUTES *sa, LONG initial, LONG max, LPCSTR name)
{
	return kernel32_CreateSemaphoreExA(sa, initial, max, name, 0, 0);
}

WINAPI HANDLE kernel32_CreateSemaphoreExW(SECURITY_ATTRIBUTES *sa, LONG initial, LONG max,
					  LPCWSTR name, DWORD flags, DWORD access)
{
	int ok;
	char *n = kernel32_name_utf8(name, &ok);
	HANDLE h = ok ? kernel32_CreateSemaphoreExA(sa, initial, max, n, flags, access) : 0;
	free(n);
	return h;
}

WINAPI HANDLE kernel32_CreateSemaphoreW(SECURITY_ATTRIBUTES *sa, LONG initial, LONG max,
					LPCWSTR name)
{
	return kernel32_CreateSemaphoreExW(sa, initial, max, name, 0, 0);
}

WINAPI HANDLE kernel32_OpenSemaphoreA(DWORD access, BOOL inherit, LPCSTR name)
{
	(void)access;
	return kobj_open(HANDLE_SEMAPHORE, name, inherit);
}

WINAPI HANDLE kernel32_OpenSemaphoreW(DWORD access, BOOL inherit, LPCWSTR name)
{
	int ok;
	char *n = kernel32_name_utf8(name, &ok);
	HANDLE h = ok ? kernel32_OpenSemaphoreA(access, inherit, n) : 0;
	free(n);
	return h;
}

DWORD semaphore_release_locked(struct semaphore *s, LONG n, LONG *prev)
{
	if (n <= 0)
		return ERROR_INVALID_PARAMETER;
	if (n > s->max - s->count)
		return ERROR_TOO_MANY_POSTS; /* the count is left as it was */
	if (prev)
		*prev = s->count;
	s->count += n;
	sync_changed();
	return 0;
}

WINAPI BOOL kernel32_ReleaseSemaphore(HANDLE h, LONG n, LONG *prev)
{
	struct semaphore *s = kobj_from_handle(h, HANDLE_SEMAPHORE);
	if (!s)
		return FALSE;
	pthread_mutex_lock(&sync_lock);
	DWORD err = semaphore_release_locked(s, n, prev);
	pthread_mutex_unlock(&sync_lock);
	kobj_put(&s->k);
	if (err)
		win_set_last_error(err);
	return !err;
}
