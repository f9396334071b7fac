/* Environment variables: Get/SetEnvironmentVariable, GetEnvironmentStrings, ExpandEnvironmentStrings.
 * The host's environ is the only copy (setenv/unsetenv), so children started through the host see
 * the changes; PEB->ProcessParameters->Environment is rebuilt from it after each change. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "../ntdll/process.h"
#include "../ntdll/unicode.h"
#include "env.h"
#include "kernel32.h"
#include "path.h"

#define ERROR_ENVVAR_NOT_FOUND 203

extern char **environ;
extern char **msvcrt___initenv; /* msvcrt's _environ: environ itself (msvcrt/startup.c) */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Does entry ("NAME=value") have this name? A leading "=" belongs to the name ("=C:=C:\"). */
static size_t name_len(const char *entry)
{
	const char *eq = strchr(entry + 1, '=');
	return eq ? (size_t)(eq - entry) : strlen(entry);
}

static char **find(const char *name)
{
	size_t n = strlen(name);
	for (char **e = environ; e && *e; e++)
		if (name_len(*e) == n && !strncasecmp(*e, name, n))
			return e;
	return 0;
}

char *env_get(const char *name)
{
	char **e = find(name);
	return e ? *e + strlen(name) + 1 : 0;
}

/* "NAME=value\0...\0\0" in UTF-16 (the PEB's form). */
static WCHAR *block_w(void)
{
	size_t n = 1;
	for (char **e = environ; *e; e++)
		n += utf8_to_utf16(*e, -1, 0, 0);
	WCHAR *b = malloc(n * sizeof *b), *p = b;
	if (!b)
		return 0;
	for (char **e = environ; *e; e++)
		p += utf8_to_utf16(*e, -1, p, n - (size_t)(p - b));
	*p = 0;
	return b;
}

int env_set(const char *name, const char *value)
{
	if (!*name || strchr(name + 1, '=')) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return -1;
	}
	pthread_mutex_lock(&lock);
	char **e;
	char *spelling = 0; /* an existing variable keeps the case of its name */
	while ((e = find(name))) {
		if (!spelling)
			spelling = strndup(*e, name_len(*e));
		do /* removed in place: unsetenv refuses names starting with '=' */
			e[0] = e[1];
		while (*e++);
	}
	int r = value ? setenv(spelling ? spelling : name, value, 1) : 0;
	free(spelling);
	msvcrt___initenv = environ;
	RTL_USER_PROCESS_PARAMETERS *p = win_process.peb ? win_process.peb->ProcessParameters : 0;
	WCHAR *b = p ? block_w() : 0;
	if (b) {
		free(p->Environment);
		p->Environment = b;
	}
	pthread_mutex_unlock(&lock);
	if (r < 0)
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	return r;
}

WINAPI DWORD kernel32_GetEnvironmentVariableA(LPCSTR name, LPSTR buf, DWORD n)
{
	pthread_mutex_lock(&lock);
	char *v = env_get(name);
	DWORD r = v ? path_return_a(v, buf, n) : 0;
	pthread_mutex_unlock(&lock);
	win_set_last_error(v ? ERROR_SUCCESS : ERROR_ENVVAR_NOT_FOUND);
	return r;
}

WINAPI DWORD kernel32_GetEnvironmentVariableW(LPCWSTR name, LPWSTR buf, DWORD n)
{
	char *a = utf16_to_utf8_dup(name);
	pthread_mutex_lock(&lock);
	char *v = a ? env_get(a) : 0;
	DWORD r = v ? path_return_w(v, buf, n) : 0;
	pthread_mutex_unlock(&lock);
	free(a);
	win_set_last_error(v ? ERROR_SUCCESS : ERROR_ENVVAR_NOT_FOUND);
	return r;
}

WINAPI BOOL kernel32_SetEnvironmentVariableA(LPCSTR name, LPCSTR value)
{
	return env_set(name, value) == 0;
}

WINAPI BOOL kernel32_SetEnvironmentVariableW(LPCWSTR name, LPCWSTR value)
{
	char *n = utf16_to_utf8_dup(name), *v = value ? utf16_to_utf8_dup(value) : 0;
	BOOL ok = n && (!value || v) && env_set(n, v) == 0;
	free(n), free(v);
	return ok;
}

/* A copy of the block for the caller, freed with FreeEnvironmentStrings. */
WINAPI LPSTR kernel32_GetEnvironmentStringsA(void)
{
	pthread_mutex_lock(&lock);
	size_t n = 1;
	for (char **e = environ; *e; e++)
		n += strlen(*e) + 1;
	char *b = malloc(n), *p = b;
	for (char **e = environ; b && *e; e++)
		p = stpcpy(p, *e) + 1;
	if (b)
		*p = 0;
	pthread_mutex_unlock(&lock);
	return b;
}

WINAPI LPSTR kernel32_GetEnvironmentStrings(void)
{
	return kernel32_GetEnvironmentStringsA();
}

WINAPI LPWSTR kernel32_GetEnvironmentStringsW(void)
{
	pthread_mutex_lock(&lock);
	WCHAR *b = block_w();
	pthread_mutex_unlock(&lock);
	return b;
}

WINAPI BOOL kernel32_FreeEnvironmentStringsA(LPSTR b)
{
	free(b);
	return TRUE;
}

WINAPI BOOL kernel32_FreeEnvironmentStringsW(LPWSTR b)
{
	free(b);
	return TRUE;
}

/* "%NAME%" replaced by NAME's value; an unknown name or a lone "%" stays as written. The result's
 * size in characters, NUL included (so a buffer that is too small gets nothing and the size). */
static char *expand(const char *s)
{
	size_t cap = strlen(s) + 1, k = 0;
	char *out = malloc(cap);
	for (const char *p = s; out && *p;) {
		const char *end = *p == '%' ? strchr(p + 1, '%') : 0;
		const char *v = 0;
		size_t len = 1;
		if (end && end > p + 1) {
			char *name = strndup(p + 1, (size_t)(end - p - 1));
			v = name ? env_get(name) : 0;
			free(name);
		}
		if (v)
			len = strlen(v);
		if (k + len + 1 > cap) {
			char *o = realloc(out, cap = 2 * (k + len + 1));
			if (!o) {
				free(out);
				return 0;
			}
			out = o;
		}
		memcpy(out + k, v ? v : p, len);
		k += len;
		p = v ? end + 1 : p + 1;
	}
	if (out)
		out[k] = 0;
	return out;
}

WINAPI DWORD kernel32_ExpandEnvironmentStringsA(LPCSTR s, LPSTR buf, DWORD n)
{
	pthread_mutex_lock(&lock);
	char *x = expand(s);
	pthread_mutex_unlock(&lock);
	if (!x) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	DWORD need = (DWORD)strlen(x) + 1;
	if (need <= n)
		memcpy(buf, x, need);
	free(x);
	return need;
}

WINAPI DWORD kernel32_ExpandEnvironmentStringsW(LPCWSTR s, LPWSTR buf, DWORD n)
{
	char *a = utf16_to_utf8_dup(s);
	pthread_mutex_lock(&lock);
	char *x = a ? expand(a) : 0;
	pthread_mutex_unlock(&lock);
	free(a);
	if (!x) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	DWORD need = (DWORD)utf8_to_utf16(x, -1, 0, 0);
	if (need <= n)
		utf8_to_utf16(x, -1, buf, n);
	free(x);
	return need;
}
