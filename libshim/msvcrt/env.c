/* getenv and _putenv over the process environment (kernel32/env.h): names without regard to case,
 * _environ kept in step, "NAME=" (or an empty value for _putenv_s) removes NAME. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../kernel32/env.h"
#include "../kernel32/kernel32.h"
#include "../ntdll/unicode.h"
#include "files.h"
#include "msvcrt.h"

WINAPI char *msvcrt_getenv(const char *name)
{
	return env_get(name);
}

/* _wgetenv's strings must outlive the call: one converted copy per name, replaced when asked
 * again (the pointer stays valid until the environment changes, as documented). */
struct wvar {
	struct wvar *next;
	char *name;
	WCHAR *value;
};
static struct wvar *wvars;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int same(const WCHAR *a, const WCHAR *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

WINAPI WCHAR *msvcrt__wgetenv(const WCHAR *name)
{
	char *a = utf16_to_utf8_dup(name);
	char *v = a ? env_get(a) : 0;
	WCHAR *w = v ? utf8_to_utf16_dup(v) : 0;
	if (!w) {
		free(a);
		return 0;
	}
	pthread_mutex_lock(&lock);
	struct wvar *e = wvars;
	while (e && strcmp(e->name, a))
		e = e->next;
	if (!e && (e = calloc(1, sizeof *e))) {
		e->name = a;
		a = 0;
		e->next = wvars;
		wvars = e;
	}
	if (e && e->value && same(e->value, w)) {
		free(w); /* unchanged: the pointer handed out before stays good */
	} else if (e) {
		free(e->value);
		e->value = w;
	} else {
		free(w);
	}
	pthread_mutex_unlock(&lock);
	free(a);
	return e ? e->value : 0;
}

static int put(const char *name, const char *value)
{
	if (env_set(name, *value ? value : 0) < 0) {
		*msvcrt__errno() = 22;
		return -1;
	}
	return 0;
}

/* "NAME=value"; an empty value removes NAME. */
WINAPI int msvcrt__putenv(const char *s)
{
	const char *eq = s ? strchr(s + (*s == '='), '=') : 0;
	if (!eq || eq == s) {
		*msvcrt__errno() = 22;
		return -1;
	}
	char *name = strndup(s, (size_t)(eq - s));
	int r = name ? put(name, eq + 1) : -1;
	free(name);
	return r;
}

WINAPI int msvcrt__wputenv(const WCHAR *s)
{
	char *a = utf16_to_utf8_dup(s);
	int r = a ? msvcrt__putenv(a) : (*msvcrt__errno() = 12, -1);
	free(a);
	return r;
}

/* 0, or the errno value. */
WINAPI int msvcrt__putenv_s(const char *name, const char *value)
{
	if (!name || !value || !*name || strchr(name, '='))
		return *msvcrt__errno() = 22;
	return put(name, value) ? 22 : 0;
}

WINAPI int msvcrt__wputenv_s(const WCHAR *name, const WCHAR *value)
{
	char *n = name ? utf16_to_utf8_dup(name) : 0, *v = value ? utf16_to_utf8_dup(value) : 0;
	int r = msvcrt__putenv_s(n, v);
	free(n), free(v);
	return r;
}

WINAPI int msvcrt__getpid(void)
{
	return getpid();
}
