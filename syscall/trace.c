/* The tracer's argument decoding. Trap-path code (README.md). */
#include <errno.h>
#include "../abi/abi.h"
#include "copy.h"
#include "raw.h"
#include "runtime.h"
#include "trace.h"
#include "trap.h"
#include "xthread.h"

#define STR_SHOWN 64 /* bytes of a string or buffer shown before "..." */

static void put_names(struct fmt *f, const struct nameset *ns, unsigned long v)
{
	if (ns->is_enum) {
		for (unsigned i = 0; i < ns->n; i++)
			if (ns->v[i].value == v) {
				fmt_str(f, ns->v[i].name);
				return;
			}
		fmt_dec(f, (long)v);
		return;
	}
	unsigned long rest = v;
	int any = 0;
	for (unsigned i = 0; i < ns->n; i++) {
		const struct flagname *e = &ns->v[i];
		unsigned long m = e->mask ? e->mask : e->value;
		if (m == 0) { /* the name of "no flags", e.g. PROT_NONE */
			if (v == 0) {
				fmt_str(f, e->name);
				return;
			}
			continue;
		}
		if ((v & m) != e->value || (rest & m) != (v & m))
			continue;
		if (any++)
			fmt_char(f, '|');
		fmt_str(f, e->name);
		rest &= ~m;
	}
	if (rest || !any) {
		if (any)
			fmt_char(f, '|');
		fmt_hex(f, rest);
	}
}

static void put_guest_bytes(struct fmt *f, unsigned long addr, unsigned long n)
{
	char buf[STR_SHOWN];
	unsigned long shown = n < STR_SHOWN ? n : STR_SHOWN;
	if (xabi_copy_safe(buf, (const void *)addr, shown) < 0) {
		fmt_hex(f, addr);
		return;
	}
	fmt_quoted(f, buf, shown);
	if (shown < n)
		fmt_str(f, "...");
}

static void put_guest_string(struct fmt *f, unsigned long addr, unsigned long max)
{
	if (!addr) {
		fmt_str(f, "NULL");
		return;
	}
	long n = xabi_strnlen_safe((const char *)addr, max);
	if (n < 0) {
		fmt_hex(f, addr);
		return;
	}
	char buf[256];
	if (n > (long)sizeof buf)
		n = sizeof buf;
	xabi_copy_safe(buf, (const void *)addr, (unsigned long)n);
	fmt_quoted(f, buf, (unsigned long)n);
	if ((unsigned long)n == max)
		fmt_str(f, "...");
}

static void put_string_array(struct fmt *f, unsigned long addr, int count_only)
{
	unsigned long p;
	int n = 0;
	fmt_char(f, '[');
	for (;; n++) {
		if (xabi_copy_safe(&p, (const void *)(addr + 8 * (unsigned long)n), 8) < 0 || !p)
			break;
		if (count_only)
			continue;
		if (n == 8) {
			fmt_str(f, ", ...");
			count_only = 2;
			continue;
		}
		if (n)
			fmt_str(f, ", ");
		put_guest_string(f, p, STR_SHOWN);
	}
	if (count_only == 1) {
		fmt_str(f, "/* ");
		fmt_dec(f, n);
		fmt_str(f, " vars */");
	}
	fmt_char(f, ']');
}

static void put_signal(struct fmt *f, const struct abi *abi, long sig)
{
	if (sig > 0 && (unsigned long)sig < abi->signames->n && abi->signames->v[sig])
		fmt_str(f, abi->signames->v[sig]);
	else
		fmt_dec(f, sig);
}

static void put_sigset(struct fmt *f, const struct abi *abi, unsigned long addr)
{
	uint64_t set[2] = { 0, 0 };
	unsigned bytes = abi->sigset_bytes <= sizeof set ? abi->sigset_bytes : sizeof set;
	if (xabi_copy_safe(set, (const void *)addr, bytes) < 0) {
		fmt_hex(f, addr);
		return;
	}
	fmt_char(f, '[');
	int any = 0;
	for (int sig = 1; sig <= (int)bytes * 8; sig++)
		if (set[(sig - 1) / 64] & (1ULL << ((sig - 1) % 64))) {
			if (any++)
				fmt_char(f, ' ');
			put_signal(f, abi, sig);
		}
	fmt_char(f, ']');
}

static void put_timespec(struct fmt *f, unsigned long addr)
{
	long ts[2];
	if (xabi_copy_safe(ts, (const void *)addr, sizeof ts) < 0) {
		fmt_hex(f, addr);
		return;
	}
	fmt_str(f, "{tv_sec=");
	fmt_dec(f, ts[0]);
	fmt_str(f, ", tv_nsec=");
	fmt_dec(f, ts[1]);
	fmt_char(f, '}');
}

static void put_arg(struct fmt *f, const struct trap *tr, int i, int done, long r)
{
	const struct abi *abi = rt.abi;
	struct sysarg a = tr->row->args[i];
	unsigned long v = (unsigned long)tr->arg[i];
	const struct nameset *ns = abi->names[a.kind];

	if (ns && a.kind <= AK_SOCKADDR && ns->is_enum)
		for (unsigned k = 0; k < ns->n; k++)
			if (ns->v[k].value == v) { /* e.g. AT_FDCWD */
				fmt_str(f, ns->v[k].name);
				return;
			}
	switch (a.kind) {
	case AK_INT: case AK_FD: case AK_ATFD: case AK_EXIT: case AK_PID:
		fmt_dec(f, (int)v);
		break;
	case AK_UINT:
		fmt_udec(f, (unsigned)v);
		break;
	case AK_LONG: case AK_OFF:
		fmt_dec(f, (long)v);
		break;
	case AK_ULONG: case AK_SIZE:
		fmt_udec(f, v);
		break;
	case AK_HEX:
		fmt_hex(f, v);
		break;
	case AK_MODE:
		fmt_oct(f, v);
		break;
	case AK_PATH: case AK_STR:
		put_guest_string(f, v, a.kind == AK_PATH ? 4096 : STR_SHOWN);
		break;
	case AK_IBUF:
		put_guest_bytes(f, v, (unsigned long)tr->arg[a.ref]);
		break;
	case AK_OBUF:
		if (done && r >= 0)
			put_guest_bytes(f, v, (unsigned long)r);
		else
			fmt_hex(f, v);
		break;
	case AK_ARGV: case AK_ENVP:
		if (v)
			put_string_array(f, v, a.kind == AK_ENVP);
		else
			fmt_str(f, "NULL");
		break;
	case AK_SIG:
		put_signal(f, abi, (long)(int)v);
		break;
	case AK_SIGSET:
		if (v)
			put_sigset(f, abi, v);
		else
			fmt_str(f, "NULL");
		break;
	case AK_TIMESPEC:
		if (v)
			put_timespec(f, v);
		else
			fmt_str(f, "NULL");
		break;
	case AK_SOCKADDR: {
		unsigned char sa[128];
		unsigned long len = (unsigned long)tr->arg[a.ref];
		if (v && abi->fmt_sockaddr && len <= sizeof sa &&
		    xabi_copy_safe(sa, (const void *)v, len) == 0)
			abi->fmt_sockaddr(f, sa, len);
		else
			fmt_hex(f, v);
		break;
	}
	case AK_PTR:
	default:
		if (ns) {
			put_names(f, ns, v);
		} else if (v) {
			fmt_hex(f, v);
		} else {
			fmt_str(f, "NULL");
		}
	}
}

void trace_format_call(struct fmt *f, const struct trap *tr, int done, long r)
{
	if (!tr->row) {
		fmt_str(f, "syscall_");
		fmt_dec(f, tr->nr);
		fmt_char(f, '(');
		for (int i = 0; i < 6; i++) {
			if (i)
				fmt_str(f, ", ");
			fmt_hex(f, (unsigned long)tr->arg[i]);
		}
		fmt_char(f, ')');
		return;
	}
	fmt_str(f, tr->row->name);
	fmt_char(f, '(');
	for (int i = 0; i < tr->row->nargs; i++) {
		if (i)
			fmt_str(f, ", ");
		put_arg(f, tr, i, done, r);
	}
	fmt_char(f, ')');
}

static void line_start(struct fmt *f, const struct trap *tr)
{
	if (rt.trace_tids) {
		fmt_str(f, "[pid ");
		fmt_dec(f, tr->t->tid);
		fmt_str(f, "] ");
	}
}

static void put_result(struct fmt *f, const struct trap *tr, long r)
{
	const struct abi *abi = rt.abi;
	if (r < 0 && r >= -4095) {
		int e = abi->errno_to_guest((int)-r);
		fmt_str(f, "-1 ");
		if (e > 0 && (unsigned)e < abi->errnames->n && abi->errnames->v[e])
			fmt_str(f, abi->errnames->v[e]);
		else
			fmt_dec(f, e);
	} else if (tr->row && (tr->row->flags & SYF_RETPTR)) {
		fmt_hex(f, (unsigned long)r);
	} else {
		fmt_dec(f, r);
	}
}

void trace_line(const struct trap *tr, int done, long r)
{
	char buf[2048];
	struct fmt f;
	fmt_init(&f, buf, sizeof buf);
	line_start(&f, tr);
	trace_format_call(&f, tr, done, r);
	if (done) {
		fmt_str(&f, " = ");
		put_result(&f, tr, r);
	} else {
		fmt_str(&f, " = ?");
	}
	fmt_flush_line(&f, rt.trace_fd);
}

void trace_restart(const struct trap *tr)
{
	char buf[2048];
	struct fmt f;
	fmt_init(&f, buf, sizeof buf);
	line_start(&f, tr);
	trace_format_call(&f, tr, 0, 0);
	fmt_str(&f, " = ? (interrupted, restarted after the signal handler)");
	fmt_flush_line(&f, rt.trace_fd);
}
