/* The UCRT's start-up and exit interface, which replaced msvcrt's __getmainargs: the start-up code
 * asks for argv and the environment (_configure_narrow_argv, _initialize_narrow_environment and
 * their wide forms) and reads them through __p___argv and friends; exit handlers go through
 * _crt_atexit, and a module's own tables through the onexit-table functions. The process-wide
 * state is msvcrt's (libshim/msvcrt/startup.c), which the same program never has twice. */
#include <pthread.h>
#include <stdlib.h>
#include "../kernel32/kernel32.h"
#include "../msvcrt/crt.h"
#include "../msvcrt/msvcrt.h"
#include "../ntdll/unicode.h"

WINAPI int msvcrt___getmainargs(int *argc, char ***argv, char ***env, int wildcard, void *startinfo);
WINAPI int msvcrt_atexit(void (WINAPI *f)(void));
WINAPI int msvcrt_raise(int sig);
WINAPI char ***msvcrt___p___argv(void);
typedef void WINAPI handler(int);
WINAPI handler *msvcrt_signal(int sig, handler *h);
extern int msvcrt__fmode;

static WCHAR **wargv, **wenviron;
static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;

/* mode: 1 unexpanded, 2 wildcards expanded (the shell has done that); 0 or an error number. */
WINAPI int ucrtbase__configure_narrow_argv(int mode)
{
	int argc;
	char **argv, **env;
	if (mode != 1 && mode != 2 && mode != 0) {
		crt_invalid_parameter();
		return CRT_EINVAL;
	}
	return msvcrt___getmainargs(&argc, &argv, &env, 0, 0) < 0 ? CRT_ENOMEM : 0;
}

/* A UTF-16 copy of a NULL-terminated array of UTF-8 strings; NULL when out of memory. */
static WCHAR **widen_all(char **v)
{
	size_t n = 0;
	while (v[n])
		n++;
	WCHAR **w = calloc(n + 1, sizeof *w);
	for (size_t i = 0; w && i < n; i++)
		if (!(w[i] = utf8_to_utf16_dup(v[i])))
			return 0;
	return w;
}

WINAPI int ucrtbase__configure_wide_argv(int mode)
{
	int r = ucrtbase__configure_narrow_argv(mode);
	pthread_mutex_lock(&init_lock);
	if (!r && !wargv && !(wargv = widen_all(*msvcrt___p___argv())))
		r = CRT_ENOMEM;
	pthread_mutex_unlock(&init_lock);
	return r;
}

extern char **environ;

WINAPI int ucrtbase__initialize_narrow_environment(void)
{
	return ucrtbase__configure_narrow_argv(0);
}

WINAPI int ucrtbase__initialize_wide_environment(void)
{
	int r = 0;
	pthread_mutex_lock(&init_lock);
	if (!wenviron && !(wenviron = widen_all(environ)))
		r = -1;
	pthread_mutex_unlock(&init_lock);
	return r;
}

WINAPI char **ucrtbase__get_initial_narrow_environment(void) { return environ; }

WINAPI WCHAR **ucrtbase__get_initial_wide_environment(void)
{
	ucrtbase__initialize_wide_environment();
	return wenviron;
}

WINAPI WCHAR ***ucrtbase___p___wargv(void) { return &wargv; }
WINAPI WCHAR ***ucrtbase___p__wenviron(void) { return &wenviron; }

WINAPI int ucrtbase__set_fmode(int mode)
{
	if (mode != 0x4000 && mode != 0x8000) { /* _O_TEXT, _O_BINARY */
		crt_invalid_parameter();
		return CRT_EINVAL;
	}
	msvcrt__fmode = mode;
	return 0;
}

WINAPI int ucrtbase__get_fmode(int *mode)
{
	if (!mode) {
		crt_invalid_parameter();
		return CRT_EINVAL;
	}
	*mode = msvcrt__fmode;
	return 0;
}

WINAPI int ucrtbase__crt_atexit(void (WINAPI *f)(void))
{
	return msvcrt_atexit(f);
}

/* A module's table of exit functions, run last registered first by _execute_onexit_table. */
typedef void WINAPI vfn(void);
struct onexit_table {
	vfn **first, **last, **end;
};
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

WINAPI int ucrtbase__initialize_onexit_table(struct onexit_table *t)
{
	if (!t)
		return -1;
	if (!t->first)
		t->first = t->last = t->end = 0;
	return 0;
}

WINAPI int ucrtbase__register_onexit_function(struct onexit_table *t, vfn *f)
{
	if (!t)
		return -1;
	pthread_mutex_lock(&table_lock);
	if (t->last == t->end) {
		size_t n = (size_t)(t->end - t->first), cap = n ? 2 * n : 32;
		vfn **p = realloc(t->first, cap * sizeof *p);
		if (!p) {
			pthread_mutex_unlock(&table_lock);
			return -1;
		}
		t->first = p;
		t->last = p + n;
		t->end = p + cap;
	}
	*t->last++ = f;
	pthread_mutex_unlock(&table_lock);
	return 0;
}

WINAPI int ucrtbase__execute_onexit_table(struct onexit_table *t)
{
	if (!t)
		return -1;
	pthread_mutex_lock(&table_lock);
	vfn **first = t->first, **last = t->last;
	t->first = t->last = t->end = 0;
	pthread_mutex_unlock(&table_lock);
	while (last > first)
		(*--last)();
	free(first);
	return 0;
}

/* quick_exit: its own handlers, then the end without the atexit ones or a flush. */
static struct onexit_table quick;

WINAPI int ucrtbase__crt_at_quick_exit(vfn *f)
{
	return ucrtbase__register_onexit_function(&quick, f);
}

WINAPI _Noreturn void ucrtbase_quick_exit(int status)
{
	ucrtbase__execute_onexit_table(&quick);
	kernel32_ExitProcess((UINT)status);
}

/* The UCRT's abort (release build): a SIGABRT handler runs first; then it ends the process through
 * Windows Error Reporting's fast fail (_CALL_REPORTFAULT is set by default), whose status is
 * STATUS_STACK_BUFFER_OVERRUN. Unlike msvcrt.dll it prints nothing. */
WINAPI _Noreturn void ucrtbase_abort(void)
{
	handler *h = msvcrt_signal(22, 0); /* SIGABRT */
	msvcrt_signal(22, h);
	if (h && h != (handler *)1)
		msvcrt_raise(22);
	kernel32_ExitProcess(0xC0000409);
}

WINAPI int *ucrtbase___p___mb_cur_max(void)
{
	extern int msvcrt___mb_cur_max;
	return &msvcrt___mb_cur_max;
}
