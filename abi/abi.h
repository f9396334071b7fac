/* A guest ABI: its system call table and the conventions xabi needs to translate its calls. */
#ifndef XABI_ABI_H
#define XABI_ABI_H

#include <stdint.h>

/* How the tracer and the not-implemented message show an argument (the "arguments" column of a
 * table file). The ABI supplies the names behind the flag and enum kinds (struct abi.names). */
enum argkind {
	AK_INT, AK_UINT, AK_LONG, AK_ULONG, AK_HEX, AK_PTR, AK_FD, AK_ATFD, AK_SIZE, AK_OFF,
	AK_PATH, AK_STR, AK_IBUF, AK_OBUF, AK_MODE, AK_EXIT, AK_PID, AK_ARGV, AK_ENVP,
	AK_SIGSET, AK_TIMESPEC, AK_SOCKADDR,
	AK_SIG,       /* signal number: shown with the ABI's signal names */
	/* flag words and enumerations: shown with the ABI's names for each kind */
	AK_OFLAGS, AK_ATFLAGS, AK_PROT, AK_MFLAGS, AK_CLONE, AK_SIGHOW, AK_FCNTL, AK_WHENCE,
	AK_FUTEXOP, AK_AF, AK_SOCKTYPE,
	AK_COUNT
};

struct sysarg {
	uint8_t kind; /* enum argkind */
	uint8_t ref;  /* for AK_IBUF and AK_SOCKADDR: the index of the length argument */
};

struct trap;
struct sigdelivery;
struct fmt;
typedef long sys_handler(struct trap *);

/* One row of a syscall table, generated from abi/NAME/syscalls.tbl by tools/gentable.awk. */
struct sysent {
	const char *name;
	sys_handler *handler; /* NULL: not implemented */
	uint8_t flags;        /* SYF_* */
	uint8_t nargs;
	struct sysarg args[6];
	short host_nr; /* for trap_forward_row: the host's number of the same call */
};
#define SYF_NORETURN 1 /* does not return on success: traced before it runs */
#define SYF_INTR 2     /* never restarted after a guest signal handler, even with SA_RESTART */
#define SYF_RETPTR 4   /* the result is an address (traced in hex) */

/* Names for one flag or enum kind. For flags, a value may cover several bits (O_ACCMODE-style
 * fields are listed with their mask in .mask). */
struct flagname {
	uint64_t value;
	uint64_t mask; /* 0: same as value */
	const char *name;
};
struct nameset {
	const struct flagname *v;
	uint16_t n;
	uint8_t is_enum; /* the whole value is one name; otherwise an |-joined set of flags */
};

/* Names indexed by number (errno values, signal numbers); NULL where there is none. */
struct strtab {
	const char *const *v;
	unsigned n;
};

struct abi {
	const char *name;
	const struct sysent *sysent;
	unsigned nsysent;
	const struct nameset *names[AK_COUNT]; /* per argument kind, NULL where not needed */
	const struct strtab *errnames; /* guest errno value -> name, for the tracer */
	const struct strtab *signames; /* guest signal number -> name */
	unsigned sigset_bytes;         /* size of the guest's sigset_t (8 or 16) */
	int (*errno_to_guest)(int host_errno);
	/* The host signal a call with no row raises besides failing with ENOSYS (FreeBSD's nosys()
	 * sends SIGSYS); 0 for none. */
	int nosys_signal;
	/* Show a socket address of len bytes (already copied from the guest) for the tracer. */
	void (*fmt_sockaddr)(struct fmt *f, const void *sa, unsigned long len);
	/* Write a handler's result into the guest's registers. r < 0 && r >= -4095 is a failure with
	 * host errno -r; the ABI converts it to its own convention. */
	void (*set_result)(struct trap *, long r);
	/* Convert between the guest's signal numbers and the host's (0 when there is no equivalent). */
	int (*sig_to_host)(int guest_sig);
	int (*sig_from_host)(int host_sig);
	/* Enter the guest's handler: build the ABI's signal frame below d->sp from the interrupted guest
	 * context in d->uc and redirect d->uc to the handler (syscall/signals.h). Returns 0, or -1 when
	 * the frame could not be written (the caller then kills the process with SIGSEGV, as the
	 * kernel does). */
	int (*deliver_signal)(const struct sigdelivery *d);
};

#endif
