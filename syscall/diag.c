/* Trap-path code (README.md). */
#define _GNU_SOURCE
#include "../abi/abi.h"
#include "diag.h"
#include "fmt.h"
#include "runtime.h"
#include "trace.h"
#include "trap.h"

static unsigned char reported[1024 / 8];

void diag_not_implemented(const struct trap *tr, const char *detail)
{
	if (tr->nr >= 0 && tr->nr < 1024) {
		unsigned char bit = (unsigned char)(1u << (tr->nr & 7));
		if (__atomic_fetch_or(&reported[tr->nr >> 3], bit, __ATOMIC_RELAXED) & bit)
			return;
	}
	char buf[1024];
	struct fmt f;
	fmt_init(&f, buf, sizeof buf);
	fmt_str(&f, "xabi: ");
	fmt_str(&f, rt.abi->name);
	fmt_str(&f, " syscall ");
	fmt_dec(&f, tr->nr);
	fmt_char(&f, ' ');
	trace_format_call(&f, tr, 0, 0);
	fmt_str(&f, " not implemented");
	if (detail) {
		fmt_str(&f, ": ");
		fmt_str(&f, detail);
	}
	fmt_flush_line(&f, 2);
}

void diag_internal_fault(int sig, const siginfo_t *si, const ucontext_t *uc)
{
	char buf[256];
	struct fmt f;
	fmt_init(&f, buf, sizeof buf);
	fmt_str(&f, "xabi: internal error: signal ");
	fmt_dec(&f, sig);
	fmt_str(&f, " at xabi+");
	fmt_hex(&f, (unsigned long)uc->uc_mcontext.gregs[REG_RIP] - rt.image_start);
	fmt_str(&f, " (fault address ");
	fmt_hex(&f, (unsigned long)si->si_addr);
	fmt_str(&f, "); please report this");
	fmt_flush_line(&f, 2);
}
