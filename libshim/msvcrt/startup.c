/* The C runtime's start and end: main's arguments and environment, initializer tables, exit
 * handlers, and the globals a mingw-w64 start-up file (crtexe.c) reads. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../kernel32/kernel32.h"
#include "../ntdll/cmdline.h"
#include "../ntdll/process.h"
#include "msvcrt.h"
#include "stdio.h"

#define _O_TEXT 0x4000
#define _O_BINARY 0x8000

extern char **environ;

int msvcrt__fmode = _O_TEXT; /* the default mode of new descriptors and streams */
int msvcrt__commode;
char *msvcrt__acmdln;
char **msvcrt___initenv;
int msvcrt___argc;
char **msvcrt___argv;
static unsigned char binary_fd[4096]; /* _setmode: 1 binary, 2 text, 0 as _fmode says */

int msvcrt_fd_text(int fd)
{
	if (fd >= 0 && fd < (int)sizeof binary_fd && binary_fd[fd])
		return binary_fd[fd] == 2;
	return !(msvcrt__fmode & _O_BINARY);
}

WINAPI int msvcrt__setmode(int fd, int mode)
{
	if (fd < 0 || fd >= (int)sizeof binary_fd || (mode != _O_TEXT && mode != _O_BINARY)) {
		msvcrt_set_errno(22); /* EINVAL */
		return -1;
	}
	int old = msvcrt_fd_text(fd) ? _O_TEXT : _O_BINARY;
	binary_fd[fd] = mode == _O_BINARY ? 1 : 2;
	return old;
}

WINAPI int *msvcrt___p__fmode(void) { return &msvcrt__fmode; }
WINAPI int *msvcrt___p__commode(void) { return &msvcrt__commode; }
WINAPI int *msvcrt___p___argc(void) { return &msvcrt___argc; }
WINAPI char ***msvcrt___p___argv(void) { return &msvcrt___argv; }
WINAPI char ***msvcrt___p__environ(void) { return &msvcrt___initenv; }
WINAPI char **msvcrt___p__acmdln(void) { return &msvcrt__acmdln; }

/* The program's view: argv split from the command line, the environment as the host has it (the
 * ANSI code page is UTF-8). */
WINAPI int msvcrt___getmainargs(int *argc, char ***argv, char ***env, int wildcard, void *startinfo)
{
	(void)wildcard, (void)startinfo; /* wildcard expansion: the shell has done it */
	msvcrt__acmdln = win_process.cmdline_a;
	if (!msvcrt___argv)
		msvcrt___argv = win_cmdline_split(msvcrt__acmdln, &msvcrt___argc);
	if (!msvcrt___argv)
		return -1;
	msvcrt___initenv = environ;
	*argc = msvcrt___argc;
	*argv = msvcrt___argv;
	*env = environ;
	return 0;
}

WINAPI void msvcrt___set_app_type(int type)
{
	(void)type; /* console or GUI: both write to the std handles here */
}

WINAPI void msvcrt___setusermatherr(void *handler)
{
	(void)handler; /* math errors are reported through errno, never to a _matherr hook */
}

typedef void WINAPI initializer(void);
typedef int WINAPI checked_initializer(void);

WINAPI void msvcrt__initterm(initializer **begin, initializer **end)
{
	for (; begin < end; begin++)
		if (*begin)
			(*begin)();
}

WINAPI int msvcrt__initterm_e(checked_initializer **begin, checked_initializer **end)
{
	for (; begin < end; begin++)
		if (*begin) {
			int r = (*begin)();
			if (r)
				return r;
		}
	return 0;
}

/* Exit handlers, called last registered first. */
typedef int WINAPI onexit_fn(void);
static onexit_fn **handlers;
static size_t nhandlers, cap;
static pthread_mutex_t exit_lock = PTHREAD_MUTEX_INITIALIZER;

WINAPI onexit_fn *msvcrt__onexit(onexit_fn *f)
{
	pthread_mutex_lock(&exit_lock);
	if (nhandlers == cap) {
		size_t n = cap ? 2 * cap : 32;
		onexit_fn **h = realloc(handlers, n * sizeof *h);
		if (!h) {
			pthread_mutex_unlock(&exit_lock);
			return 0;
		}
		handlers = h;
		cap = n;
	}
	handlers[nhandlers++] = f;
	pthread_mutex_unlock(&exit_lock);
	return f;
}

WINAPI int msvcrt_atexit(void (WINAPI *f)(void))
{
	return msvcrt__onexit((onexit_fn *)f) ? 0 : -1;
}

static void run_exit_handlers(void)
{
	for (;;) { /* a handler may register more */
		pthread_mutex_lock(&exit_lock);
		onexit_fn *f = nhandlers ? handlers[--nhandlers] : 0;
		pthread_mutex_unlock(&exit_lock);
		if (!f)
			break;
		f();
	}
	stream_flush_all();
}

WINAPI void msvcrt__cexit(void)
{
	run_exit_handlers();
}

WINAPI void msvcrt__c_exit(void)
{
	stream_flush_all();
}

WINAPI _Noreturn void msvcrt_exit(int status)
{
	run_exit_handlers();
	kernel32_ExitProcess((UINT)status);
}

WINAPI _Noreturn void msvcrt__exit(int status)
{
	kernel32_ExitProcess((UINT)status);
}

/* The message and status of msvcrt's abort(). */
WINAPI _Noreturn void msvcrt_abort(void)
{
	static const char msg[] = "\nThis application has requested the Runtime to terminate it in "
				  "an unusual way.\nPlease contact the application's support team "
				  "for more information.\n";
	stream_flush_all();
	ssize_t r = write(2, msg, sizeof msg - 1);
	(void)r;
	kernel32_ExitProcess(3);
}

WINAPI _Noreturn void msvcrt__amsg_exit(int code)
{
	char msg[48];
	int n = snprintf(msg, sizeof msg, "runtime error R60%02d\n", code);
	stream_flush_all();
	ssize_t r = write(2, msg, (size_t)n);
	(void)r;
	kernel32_ExitProcess(255);
}

/* _lock/_unlock: the CRT's numbered internal locks, which mingw's start-up code takes. */
#define NLOCKS 64
static pthread_mutex_t locks[NLOCKS];
static pthread_once_t locks_once = PTHREAD_ONCE_INIT;

static void init_locks(void)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	for (int i = 0; i < NLOCKS; i++)
		pthread_mutex_init(&locks[i], &a);
}

WINAPI void msvcrt__lock(int n)
{
	pthread_once(&locks_once, init_locks);
	if (n >= 0 && n < NLOCKS)
		pthread_mutex_lock(&locks[n]);
}

WINAPI void msvcrt__unlock(int n)
{
	if (n >= 0 && n < NLOCKS)
		pthread_mutex_unlock(&locks[n]);
}
