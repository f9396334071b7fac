/* Internal to abi/freebsd: the FreeBSD/amd64 ABI over the Linux host. Values and layouts are
 * FreeBSD 14's (its sys/sys and sys/x86/include headers); "guest" means FreeBSD, "host" Linux. */
#ifndef XABI_ABI_FREEBSD_H
#define XABI_ABI_FREEBSD_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include "../abi.h"

extern const struct abi freebsd_abi;

/* The release xabi presents (kern.osrelease, kern.osreldate, AT_OSRELDATE). */
#define FREEBSD_OSRELEASE "14.3-RELEASE"
#define FREEBSD_OSRELDATE 1403000

/* signal.c: the signal trampoline (FreeBSD's sigcode) and where the loader put it. */
extern const unsigned char freebsd_sigcode_bytes[];
extern const unsigned freebsd_sigcode_size;
extern uintptr_t freebsd_sigcode;
struct sigdelivery;
int freebsd_deliver_signal(const struct sigdelivery *d);
/* A host siginfo as FreeBSD's siginfo_t (80 bytes) with FreeBSD numbers and codes. */
#define FREEBSD_SIGINFO_SIZE 80
void freebsd_siginfo_from_host(void *out, const siginfo_t *si);

/* time.c: a FreeBSD clock id's host clock, or -1. */
int freebsd_clock_to_host(long id);

/* rtsock.c: net.route.0.AF.OP.ARG, the interface dumps (name points at the 0): its value in
 * mmap'd memory (*value, cap bytes, for freebsd_rtsock_free) and its length, or -errno. */
struct trap;
long freebsd_rtsock_sysctl(struct trap *tr, const int *name, unsigned namelen, char **value,
			   size_t *cap);
void freebsd_rtsock_free(char *value, size_t cap);

/* errno.c: FreeBSD errno values. */
int freebsd_errno_from_host(int host_errno); /* every host errno has an answer (EINVAL if none) */
extern const struct strtab freebsd_errnames;

/* signo.c: FreeBSD signal numbers (1..128; SIGRTMIN 65) and 128-bit sigset_t. */
int freebsd_sig_to_host(int guest_sig);  /* 0: no host equivalent */
int freebsd_sig_from_host(int host_sig); /* 0: no guest equivalent */
uint64_t freebsd_sigset_to_host(const uint32_t guest[4]);
void freebsd_sigset_from_host(uint64_t host, uint32_t guest[4]);
extern const struct strtab freebsd_signames;

/* names.c: names for the tracer. */
extern const struct nameset freebsd_atfd_names, freebsd_oflags_names, freebsd_atflags_names,
	freebsd_prot_names, freebsd_mflags_names, freebsd_sighow_names, freebsd_fcntl_names,
	freebsd_whence_names, freebsd_umtxop_names, freebsd_af_names, freebsd_socktype_names;
void freebsd_fmt_sockaddr(struct fmt *f, const void *sa, unsigned long len);

/* flags.c: flag words and codes between FreeBSD and Linux. A *_to_host conversion returns -1 when
 * the guest value has a bit or code with no host equivalent (the caller answers EINVAL or says
 * what is not implemented). */
long freebsd_oflags_to_host(long guest);
long freebsd_oflags_from_host(long host);
long freebsd_atflags_to_host(long guest);
long freebsd_mmap_flags_to_host(long guest);
long freebsd_socktype_to_host(long guest);   /* type | SOCK_CLOEXEC | SOCK_NONBLOCK */
long freebsd_msgflags_to_host(long guest);
long freebsd_msgflags_from_host(long host);
long freebsd_poll_to_host(long guest);
long freebsd_poll_from_host(long host);
long freebsd_wait_options_to_host(long guest);
int freebsd_wstatus_from_host(int host_status); /* signal numbers inside a wait status */
int freebsd_af_to_host(int guest_af);            /* -1: none */
int freebsd_af_from_host(int host_af);

#endif
