/* Console control handlers (SetConsoleCtrlHandler): the host's Ctrl+C (SIGINT) and Ctrl+\ (SIGQUIT)
 * become CTRL_C_EVENT and CTRL_BREAK_EVENT. As on Windows, the handlers run on a thread of their
 * own, newest first, until one returns TRUE; when none does, the default handler ends the process
 * as ExitProcess(STATUS_CONTROL_C_EXIT) would (DLLs detach, the CRT's atexit functions run), but by
 * the host signal itself, so that a shell sees the death by SIGINT it expects of Ctrl+C.
 *
 * The host handler only writes the event to a pipe: it may interrupt any guest thread, or the
 * shim holding a lock, so it is trap-path code (syscall/README.md). The handler thread, a Windows
 * thread made when the first handler is added, reads the pipe and calls the handlers.
 * With no handler the signals keep their host default; SetConsoleCtrlHandler(NULL, TRUE) makes
 * the process (and, through the host disposition, its children) ignore Ctrl+C. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include "../../syscall/raw.h"
#include "../../syscall/signals.h"
#include "kernel32.h"
#include "object.h"

#define CTRL_C_EVENT 0
#define CTRL_BREAK_EVENT 1

typedef BOOL WINAPI ctrl_handler(DWORD type);

void xabi_restorer(void);

/* The kernel's struct sigaction on x86-64. */
struct ksigaction {
	void *handler;
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static ctrl_handler **handlers; /* oldest first */
static size_t count, room;
static int ignore_ctrl_c;
static int event_pipe[2] = { -1, -1 };

static void on_host_signal(int sig)
{
	unsigned char type = sig == SIGINT ? CTRL_C_EVENT : CTRL_BREAK_EVENT;
	raw3(SYS_write, event_pipe[1], &type, 1);
}

/* The host disposition of sig, from the handlers and the ignore flag. Called with lock held. */
static void dispose(int sig)
{
	struct ksigaction ka = { .handler = SIG_DFL };
	if (sig == SIGINT && ignore_ctrl_c)
		ka.handler = SIG_IGN;
	else if (count) {
		ka.handler = (void *)on_host_signal;
		ka.flags = SA_ONSTACK | SA_RESTART | SA_RESTORER;
		ka.restorer = xabi_restorer;
		ka.mask = ~SIG_EMULATED_MASK;
	}
	raw4(SYS_rt_sigaction, sig, &ka, 0, 8);
}

/* Windows' default handler: ExitProcess(STATUS_CONTROL_C_EXIT), here ending by the host signal. */
static _Noreturn void end_by_signal(int sig)
{
	process_detach();
	signal(sig, SIG_DFL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	pthread_sigmask(SIG_UNBLOCK, &set, 0);
	kill(getpid(), sig);
	_exit(128 + sig); /* not reached: the signal's default action ends the process */
}

static DWORD WINAPI handler_thread(void *unused)
{
	(void)unused;
	unsigned char type;
	for (;;) {
		if (read(event_pipe[0], &type, 1) != 1)
			continue; /* EINTR */
		pthread_mutex_lock(&lock);
		size_t n = count;
		ctrl_handler **copy = malloc((n ? n : 1) * sizeof *copy);
		for (size_t i = 0; copy && i < n; i++)
			copy[i] = handlers[i];
		pthread_mutex_unlock(&lock);
		BOOL handled = FALSE;
		for (size_t i = n; copy && i-- > 0 && !handled;)
			handled = copy[i](type);
		free(copy);
		if (!handled)
			end_by_signal(type == CTRL_C_EVENT ? SIGINT : SIGQUIT);
	}
}

/* The pipe and the thread, once: a failure leaves the handlers uncalled, so it is reported. */
static int start(void)
{
	if (event_pipe[0] >= 0)
		return 0;
	if (pipe2(event_pipe, O_CLOEXEC) < 0) {
		win_set_last_error(win_error_from_errno(errno));
		return -1;
	}
	HANDLE t = kernel32_CreateThread(0, 0, handler_thread, 0, 0, 0);
	if (!t) {
		close(event_pipe[0]);
		close(event_pipe[1]);
		event_pipe[0] = event_pipe[1] = -1;
		return -1;
	}
	kernel32_CloseHandle(t);
	return 0;
}

static BOOL add_handler(ctrl_handler *h)
{
	if (count == room) {
		size_t r = room ? room * 2 : 8;
		ctrl_handler **a = realloc(handlers, r * sizeof *a);
		if (!a) {
			win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
			return FALSE;
		}
		handlers = a, room = r;
	}
	if (start() < 0)
		return FALSE;
	handlers[count++] = h;
	return TRUE;
}

/* Removes the newest registration of h (a handler added twice is called twice). */
static BOOL remove_handler(ctrl_handler *h)
{
	for (size_t i = count; i-- > 0;) {
		if (handlers[i] == h) {
			for (; i + 1 < count; i++)
				handlers[i] = handlers[i + 1];
			count--;
			return TRUE;
		}
	}
	win_set_last_error(ERROR_INVALID_PARAMETER);
	return FALSE;
}

/* A process started ignoring Ctrl+C (its parent's flag, through the host disposition) keeps the
 * flag until it clears it. */
static void inherit_flag(void)
{
	struct ksigaction old;
	if (raw4(SYS_rt_sigaction, SIGINT, 0, &old, 8) == 0 && old.handler == SIG_IGN)
		ignore_ctrl_c = 1;
}

WINAPI BOOL kernel32_SetConsoleCtrlHandler(ctrl_handler *handler, BOOL add)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, inherit_flag);
	pthread_mutex_lock(&lock);
	BOOL ok = TRUE;
	if (!handler)
		ignore_ctrl_c = !!add;
	else
		ok = add ? add_handler(handler) : remove_handler(handler);
	dispose(SIGINT);
	dispose(SIGQUIT);
	pthread_mutex_unlock(&lock);
	return ok;
}
