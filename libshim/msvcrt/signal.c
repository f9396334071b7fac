/* signal() and raise() with msvcrt's signal numbers. Handlers are kept and raise() calls them;
 * SIGINT from the terminal and faults are not routed to them yet: the process ends as the host's
 * default action says. */
#include "../kernel32/kernel32.h"
#include "msvcrt.h"

#define NSIG_MS 23
#define SIG_DFL_MS ((handler *)0)
#define SIG_IGN_MS ((handler *)1)
#define SIG_ERR_MS ((handler *)-1)
#define EINVAL_MS 22

typedef void WINAPI handler(int);
static handler *handlers[NSIG_MS];

static int valid(int sig)
{
	/* SIGINT SIGILL SIGFPE SIGSEGV SIGTERM SIGBREAK SIGABRT (and SIGABRT_COMPAT 6) */
	return sig == 2 || sig == 4 || sig == 6 || sig == 8 || sig == 11 || sig == 15 || sig == 21 ||
	       sig == 22;
}

WINAPI handler *msvcrt_signal(int sig, handler *h)
{
	if (!valid(sig)) {
		*msvcrt__errno() = EINVAL_MS;
		return SIG_ERR_MS;
	}
	handler *old = handlers[sig];
	handlers[sig] = h;
	return old;
}

WINAPI int msvcrt_raise(int sig)
{
	if (!valid(sig))
		return -1;
	handler *h = handlers[sig];
	if (h == SIG_IGN_MS)
		return 0;
	if (h == SIG_DFL_MS)
		kernel32_ExitProcess(3); /* msvcrt's default action: _exit(3) */
	handlers[sig] = SIG_DFL_MS; /* reset before the call, as msvcrt does */
	h(sig);
	return 0;
}
