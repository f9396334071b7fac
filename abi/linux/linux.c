/* The linux passthrough ABI: the guest's calls are the host's, so most rows forward unchanged. */
#include "../../syscall/trap.h"
#include "linux.h"
#include "linux_table.h" /* generated from syscalls.tbl */

long linux_pass(struct trap *tr)
{
	return trap_forward(tr, tr->nr);
}

static void set_result(struct trap *tr, long r)
{
	GREG(tr, RAX) = r; /* the kernel's own convention: -errno on failure */
}

static int same(int v)
{
	return v;
}

const struct abi linux_abi = {
	.name = "linux",
	.sysent = linux_sysent,
	.nsysent = sizeof linux_sysent / sizeof linux_sysent[0],
	.names = {
		[AK_ATFD] = &linux_atfd_names,
		[AK_OFLAGS] = &linux_oflags_names,
		[AK_ATFLAGS] = &linux_atflags_names,
		[AK_PROT] = &linux_prot_names,
		[AK_MFLAGS] = &linux_mflags_names,
		[AK_CLONE] = &linux_clone_names,
		[AK_SIGHOW] = &linux_sighow_names,
		[AK_FCNTL] = &linux_fcntl_names,
		[AK_WHENCE] = &linux_whence_names,
		[AK_FUTEXOP] = &linux_futexop_names,
		[AK_AF] = &linux_af_names,
		[AK_SOCKTYPE] = &linux_socktype_names,
	},
	.errnames = &linux_errnames,
	.errno_to_guest = same,
	.sigset_bytes = 8,
	.signames = &linux_signames,
	.fmt_sockaddr = linux_fmt_sockaddr,
	.set_result = set_result,
	.sig_to_host = same,
	.sig_from_host = same,
	.deliver_signal = linux_deliver_signal,
};
