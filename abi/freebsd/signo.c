/* FreeBSD signal numbers and sigset_t (sys/sys/signal.h, sys/sys/_sigset.h of FreeBSD 14) and their
 * host (Linux) equivalents. */
#include <signal.h>
#include "freebsd.h"

/* The host's realtime range as the kernel numbers it. The C libraries' SIGRTMIN is a function call
 * that skips the signals they keep for their threads; xabi runs no libc threads, so 32..64 are all
 * the guest's. */
#define HOST_RT0 34
#define HOST_RTMAX 64
#define GUEST_RTMIN 65

/* FreeBSD 1..33 -> host; 0: no host twin. SIGTHR and SIGLIBRT, which FreeBSD's libthr and librt
 * keep for themselves, are plain signals to the kernel and keep their numbers: the host's 32 and 33
 * are free (above). */
static const uint8_t to_host[] = {
	[1] = SIGHUP, [2] = SIGINT, [3] = SIGQUIT, [4] = SIGILL, [5] = SIGTRAP, [6] = SIGABRT,
	[7] = 0 /* SIGEMT */, [8] = SIGFPE, [9] = SIGKILL, [10] = SIGBUS, [11] = SIGSEGV,
	[12] = SIGSYS, [13] = SIGPIPE, [14] = SIGALRM, [15] = SIGTERM, [16] = SIGURG, [17] = SIGSTOP,
	[18] = SIGTSTP, [19] = SIGCONT, [20] = SIGCHLD, [21] = SIGTTIN, [22] = SIGTTOU, [23] = SIGIO,
	[24] = SIGXCPU, [25] = SIGXFSZ, [26] = SIGVTALRM, [27] = SIGPROF, [28] = SIGWINCH,
	[29] = 0 /* SIGINFO */, [30] = SIGUSR1, [31] = SIGUSR2, [32] = 32 /* SIGTHR */,
	[33] = 33 /* SIGLIBRT */,
};
#define NCLASSIC ((int)(sizeof to_host / sizeof to_host[0]))

static const char *const signames[] = {
	[1] = "SIGHUP", [2] = "SIGINT", [3] = "SIGQUIT", [4] = "SIGILL", [5] = "SIGTRAP",
	[6] = "SIGABRT", [7] = "SIGEMT", [8] = "SIGFPE", [9] = "SIGKILL", [10] = "SIGBUS",
	[11] = "SIGSEGV", [12] = "SIGSYS", [13] = "SIGPIPE", [14] = "SIGALRM", [15] = "SIGTERM",
	[16] = "SIGURG", [17] = "SIGSTOP", [18] = "SIGTSTP", [19] = "SIGCONT", [20] = "SIGCHLD",
	[21] = "SIGTTIN", [22] = "SIGTTOU", [23] = "SIGIO", [24] = "SIGXCPU", [25] = "SIGXFSZ",
	[26] = "SIGVTALRM", [27] = "SIGPROF", [28] = "SIGWINCH", [29] = "SIGINFO", [30] = "SIGUSR1",
	[31] = "SIGUSR2", [32] = "SIGTHR", [33] = "SIGLIBRT",
	/* realtime signals (65..126) are shown as numbers */
};
_Static_assert(sizeof signames / sizeof signames[0] == sizeof to_host / sizeof to_host[0],
	"one name per classic signal");
const struct strtab freebsd_signames = { signames, sizeof signames / sizeof signames[0] };

/* FreeBSD's realtime signals 65.. go to the host's 34..64, so the first 31 have a twin. */
int freebsd_sig_to_host(int g)
{
	if (g > 0 && g < NCLASSIC)
		return to_host[g];
	if (g >= GUEST_RTMIN && g <= GUEST_RTMIN + HOST_RTMAX - HOST_RT0)
		return g - GUEST_RTMIN + HOST_RT0;
	return 0;
}

int freebsd_sig_from_host(int h)
{
	if (h >= HOST_RT0 && h <= HOST_RTMAX)
		return h - HOST_RT0 + GUEST_RTMIN;
	if (h > 0)
		for (int g = 1; g < NCLASSIC; g++)
			if (to_host[g] == h)
				return g;
	return 0; /* SIGSTKFLT, SIGPWR, or out of range */
}

/* FreeBSD's sigset_t holds signal g at bit (g-1)%32 of word (g-1)/32; the host's holds h at bit h-1
 * of one 64-bit word. The realtime signals 65..95 are bits 0..30 of word 2 and become host bits
 * 33..63 in one shift. */
uint64_t freebsd_sigset_to_host(const uint32_t guest[4])
{
	uint64_t host = (uint64_t)(guest[2] & 0x7fffffff) << (HOST_RT0 - 1);
	for (int g = 1; g < NCLASSIC; g++)
		if (to_host[g] && (guest[(g - 1) >> 5] >> ((g - 1) & 31) & 1))
			host |= 1ULL << (to_host[g] - 1);
	return host;
}

void freebsd_sigset_from_host(uint64_t host, uint32_t guest[4])
{
	guest[0] = guest[1] = guest[3] = 0;
	guest[2] = (uint32_t)(host >> (HOST_RT0 - 1));
	for (int g = 1; g < NCLASSIC; g++)
		if (to_host[g] && (host >> (to_host[g] - 1) & 1))
			guest[(g - 1) >> 5] |= 1U << ((g - 1) & 31);
}
