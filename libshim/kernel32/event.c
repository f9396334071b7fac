/* Events: manual-reset (signalled until reset) and auto-reset (one waiter takes the signal). */
#include <stdlib.h>
#include "../ntdll/unicode.h"
#include "kernel32.h"
#include "object.h"

#define CREATE_EVENT_MANUAL_RESET 0x1
#define CREATE_EVENT_INITIAL_SET 0x2

WINAPI HANDLE kernel32_CreateEventExA(SECURITY_ATTRIBUTES *sa, LPCSTR name, DWORD flags,
				      DWORD access)
{
	(void)access;
	struct event *e = kobj_new(HANDLE_EVENT, sizeof *e);
	if (!e)
		return 0;
	e->manual = !!(flags & CREATE_EVENT_MANUAL_RESET);
	e->state = !!(flags & CREATE_EVENT_INITIAL_SET);
	return kobj_publish(&e->k, name, sa_inherit(sa));
}

WINAPI HANDLE kernel32_CreateEventA(SECURITY_ATTRIBUTES *sa, BOOL manual, BOOL initial, LPCSTR name)
{
	return kernel32_CreateEventExA(sa, name, (manual ? CREATE_EVENT_MANUAL_RESET : 0) |
					 (initial ? CREATE_EVENT_INITIAL_SET : 0), 0);
}

char *kernel32_name_utf8(LPCWSTR name, int *ok)
{
	char *s = name ? utf16_to_utf8_dup(name) : 0;
	*ok = !name || s;
	if (!*ok)
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	return s;
}

WINAPI HANDLE kernel32_CreateEventExW(SECURITY_ATTRIBUTES *sa, LPCWSTR name, DWORD flags,
				      DWORD access)
{
	int ok;
	char *n = kernel32_name_utf8(name, &ok);
	HANDLE h = ok ? kernel32_CreateEventExA(sa, n, flags, access) : 0;
	free(n);
	return h;
}

WINAPI HANDLE kernel32_CreateEventW(SECURITY_ATTRIBUTES *sa, BOOL manual, BOOL initial, LPCWSTR name)
{
	return kernel32_CreateEventExW(sa, name, (manual ? CREATE_EVENT_MANUAL_RESET : 0) |
					 (initial ? CREATE_EVENT_INITIAL_SET : 0), 0);
}

WINAPI HANDLE kernel32_OpenEventA(DWORD access, BOOL inherit, LPCSTR name)
{
	(void)access;
	return kobj_open(HANDLE_EVENT, name, inherit);
}

WINAPI HANDLE kernel32_OpenEventW(DWORD access, BOOL inherit, LPCWSTR name)
{
	int ok;
	char *n = kernel32_name_utf8(name, &ok);
	HANDLE h = ok ? kernel32_OpenEventA(access, inherit, n) : 0;
	free(n);
	return h;
}

void event_set_locked(struct event *e)
{
	e->state = 1;
	sync_changed();
}

enum op { SET, RESET, PULSE };

static BOOL change(HANDLE h, enum op op)
{
	struct event *e = kobj_from_handle(h, HANDLE_EVENT);
	if (!e)
		return FALSE;
	pthread_mutex_lock(&sync_lock);
	if (op == SET) {
		event_set_locked(e);
	} else if (op == RESET) {
		e->state = 0;
	} else {
		/* Release the threads waiting now (one of them if auto-reset), leave it reset. */
		e->state = 0;
		if (e->waiters) {
			e->pulse_seq++;
			e->pulse_token = 1;
			sync_changed();
		}
	}
	pthread_mutex_unlock(&sync_lock);
	kobj_put(&e->k);
	return TRUE;
}

WINAPI BOOL kernel32_SetEvent(HANDLE h)
{
	return change(h, SET);
}

WINAPI BOOL kernel32_ResetEvent(HANDLE h)
{
	return change(h, RESET);
}

WINAPI BOOL kernel32_PulseEvent(HANDLE h)
{
	return change(h, PULSE);
}
