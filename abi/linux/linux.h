/* Internal to abi/linux. */
#ifndef XABI_ABI_LINUX_H
#define XABI_ABI_LINUX_H

#include "../abi.h"

extern const struct abi linux_abi;

extern const struct nameset linux_atfd_names, linux_oflags_names, linux_atflags_names,
	linux_prot_names, linux_mflags_names, linux_clone_names, linux_sighow_names,
	linux_fcntl_names, linux_whence_names, linux_futexop_names, linux_af_names,
	linux_socktype_names;
extern const struct strtab linux_errnames, linux_signames;

void linux_fmt_sockaddr(struct fmt *f, const void *sa, unsigned long len);
int linux_deliver_signal(const struct sigdelivery *d);

#endif
