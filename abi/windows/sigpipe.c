/* Windows has no SIGPIPE: a write to a pipe or socket whose reader has gone fails (ReadFile's
 * ERROR_BROKEN_PIPE family, WSAECONNRESET) and the program carries on. So a Windows guest runs
 * with the host's SIGPIPE ignored and its writes see EPIPE. Ignoring survives exec, so the
 * disposition xabi was started with is put back for the programs the guest starts
 * (kernel32/process_create.c): a Linux child gets the SIGPIPE it would have had. */
#include <signal.h>
#include "../../syscall/signals.h"
#include "windows.h"

static struct gsigaction inherited;

void windows_sigpipe_init(void)
{
	struct gsigaction ignore = { .handler = GSIG_IGN };
	gsig_action(SIGPIPE, &ignore, &inherited);
}

void windows_sigpipe_restore(void)
{
	struct gsigaction back = { .handler = inherited.handler == GSIG_IGN ? GSIG_IGN : GSIG_DFL };
	gsig_action(SIGPIPE, &back, 0);
}
