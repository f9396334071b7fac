/* The FreeBSD/amd64 ABI: its table, and its result convention (carry flag and a positive errno). */
#include "../../syscall/trap.h"
#include "freebsd.h"
#include "freebsd_table.h" /* generated from syscalls.tbl */

#define RFLAGS_CF 1

/* FreeBSD's cpu_set_syscall_retval: success clears the carry flag and leaves rdx (the second
 * result) alone; failure sets it with the errno in rax. */
static void set_result(struct trap *tr, long r)
{
	if (r < 0 && r >= -4095) {
		GREG(tr, RAX) = freebsd_errno_from_host((int)-r);
		GREG(tr, EFL) |= RFLAGS_CF;
	} else {
		GREG(tr, RAX) = r;
		GREG(tr, EFL) &= ~(greg_t)RFLAGS_CF;
	}
}

const struct abi freebsd_abi = {
	.name = "freebsd",
	.sysent = freebsd_sysent,
	.nsysent = sizeof freebsd_sysent / sizeof freebsd_sysent[0],
	.names = {
		[AK_ATFD] = &freebsd_atfd_names,
		[AK_OFLAGS] = &freebsd_oflags_names,
		[AK_ATFLAGS] = &freebsd_atflags_names,
		[AK_PROT] = &freebsd_prot_names,
		[AK_MFLAGS] = &freebsd_mflags_names,
		[AK_SIGHOW] = &freebsd_sighow_names,
		[AK_FCNTL] = &freebsd_fcntl_names,
		[AK_WHENCE] = &freebsd_whence_names,
		[AK_FUTEXOP] = &freebsd_umtxop_names,
		[AK_AF] = &freebsd_af_names,
		[AK_SOCKTYPE] = &freebsd_socktype_names,
	},
	.errnames = &freebsd_errnames,
	.errno_to_guest = freebsd_errno_from_host,
	.nosys_signal = SIGSYS,
	.sigset_bytes = 16,
	.signames = &freebsd_signames,
	.fmt_sockaddr = freebsd_fmt_sockaddr,
	.set_result = set_result,
	.sig_to_host = freebsd_sig_to_host,
	.sig_from_host = freebsd_sig_from_host,
	.deliver_signal = freebsd_deliver_signal,
};
