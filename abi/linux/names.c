/* Linux names for the tracer: values as the x86-64 kernel ABI defines them (uapi headers). The
 * host is Linux too, so errno and signal names come from the host's macros. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include "../../syscall/fmt.h"
#include "linux.h"

#define N(tab) { tab, sizeof tab / sizeof tab[0], 0 }
#define E(tab) { tab, sizeof tab / sizeof tab[0], 1 }

static const struct flagname atfd[] = { { (uint64_t)-100, 0, "AT_FDCWD" } };
const struct nameset linux_atfd_names = E(atfd);

static const struct flagname oflags[] = {
	{ 0, 3, "O_RDONLY" }, { 1, 3, "O_WRONLY" }, { 2, 3, "O_RDWR" },
	{ 0100, 0, "O_CREAT" }, { 0200, 0, "O_EXCL" }, { 0400, 0, "O_NOCTTY" },
	{ 01000, 0, "O_TRUNC" }, { 02000, 0, "O_APPEND" }, { 04000, 0, "O_NONBLOCK" },
	{ 04010000, 0, "O_SYNC" }, { 010000, 0, "O_DSYNC" }, { 020000, 0, "O_ASYNC" },
	{ 040000, 0, "O_DIRECT" }, { 0100000, 0, "O_LARGEFILE" }, { 020200000, 0, "O_TMPFILE" },
	{ 0200000, 0, "O_DIRECTORY" }, { 0400000, 0, "O_NOFOLLOW" }, { 01000000, 0, "O_NOATIME" },
	{ 02000000, 0, "O_CLOEXEC" }, { 010000000, 0, "O_PATH" },
};
const struct nameset linux_oflags_names = N(oflags);

static const struct flagname atflags[] = {
	{ 0x100, 0, "AT_SYMLINK_NOFOLLOW" }, { 0x200, 0, "AT_REMOVEDIR" },
	{ 0x400, 0, "AT_SYMLINK_FOLLOW" }, { 0x800, 0, "AT_NO_AUTOMOUNT" },
	{ 0x1000, 0, "AT_EMPTY_PATH" }, { 0x6000, 0x6000, "AT_STATX_DONT_SYNC" },
	{ 0x2000, 0x6000, "AT_STATX_FORCE_SYNC" },
};
const struct nameset linux_atflags_names = N(atflags);

static const struct flagname prot[] = {
	{ 0, 0, "PROT_NONE" }, { 1, 0, "PROT_READ" }, { 2, 0, "PROT_WRITE" }, { 4, 0, "PROT_EXEC" },
	{ 0x1000000, 0, "PROT_GROWSDOWN" }, { 0x2000000, 0, "PROT_GROWSUP" },
};
const struct nameset linux_prot_names = N(prot);

static const struct flagname mflags[] = {
	{ 3, 3, "MAP_SHARED_VALIDATE" }, { 1, 3, "MAP_SHARED" }, { 2, 3, "MAP_PRIVATE" },
	{ 0x10, 0, "MAP_FIXED" }, { 0x20, 0, "MAP_ANONYMOUS" }, { 0x40, 0, "MAP_32BIT" },
	{ 0x100, 0, "MAP_GROWSDOWN" }, { 0x800, 0, "MAP_DENYWRITE" }, { 0x1000, 0, "MAP_EXECUTABLE" },
	{ 0x2000, 0, "MAP_LOCKED" }, { 0x4000, 0, "MAP_NORESERVE" }, { 0x8000, 0, "MAP_POPULATE" },
	{ 0x10000, 0, "MAP_NONBLOCK" }, { 0x20000, 0, "MAP_STACK" }, { 0x40000, 0, "MAP_HUGETLB" },
	{ 0x80000, 0, "MAP_SYNC" }, { 0x100000, 0, "MAP_FIXED_NOREPLACE" },
};
const struct nameset linux_mflags_names = N(mflags);

static const struct flagname clone_flags[] = {
	{ 0x100, 0, "CLONE_VM" }, { 0x200, 0, "CLONE_FS" }, { 0x400, 0, "CLONE_FILES" },
	{ 0x800, 0, "CLONE_SIGHAND" }, { 0x1000, 0, "CLONE_PIDFD" }, { 0x2000, 0, "CLONE_PTRACE" },
	{ 0x4000, 0, "CLONE_VFORK" }, { 0x8000, 0, "CLONE_PARENT" }, { 0x10000, 0, "CLONE_THREAD" },
	{ 0x20000, 0, "CLONE_NEWNS" }, { 0x40000, 0, "CLONE_SYSVSEM" }, { 0x80000, 0, "CLONE_SETTLS" },
	{ 0x100000, 0, "CLONE_PARENT_SETTID" }, { 0x200000, 0, "CLONE_CHILD_CLEARTID" },
	{ 0x400000, 0, "CLONE_DETACHED" }, { 0x800000, 0, "CLONE_UNTRACED" },
	{ 0x1000000, 0, "CLONE_CHILD_SETTID" }, { 0x2000000, 0, "CLONE_NEWCGROUP" },
	{ 0x4000000, 0, "CLONE_NEWUTS" }, { 0x8000000, 0, "CLONE_NEWIPC" },
	{ 0x10000000, 0, "CLONE_NEWUSER" }, { 0x20000000, 0, "CLONE_NEWPID" },
	{ 0x40000000, 0, "CLONE_NEWNET" }, { 0x80000000, 0, "CLONE_IO" },
	{ SIGCHLD, 0xff, "SIGCHLD" },
};
const struct nameset linux_clone_names = N(clone_flags);

static const struct flagname sighow[] = {
	{ 0, 0, "SIG_BLOCK" }, { 1, 0, "SIG_UNBLOCK" }, { 2, 0, "SIG_SETMASK" },
};
const struct nameset linux_sighow_names = E(sighow);

static const struct flagname fcntl_cmds[] = {
	{ 0, 0, "F_DUPFD" }, { 1, 0, "F_GETFD" }, { 2, 0, "F_SETFD" }, { 3, 0, "F_GETFL" },
	{ 4, 0, "F_SETFL" }, { 5, 0, "F_GETLK" }, { 6, 0, "F_SETLK" }, { 7, 0, "F_SETLKW" },
	{ 8, 0, "F_SETOWN" }, { 9, 0, "F_GETOWN" }, { 1024, 0, "F_SETLEASE" },
	{ 1025, 0, "F_GETLEASE" }, { 1030, 0, "F_DUPFD_CLOEXEC" }, { 1031, 0, "F_SETPIPE_SZ" },
	{ 1032, 0, "F_GETPIPE_SZ" }, { 1033, 0, "F_ADD_SEALS" }, { 1034, 0, "F_GET_SEALS" },
	{ 36, 0, "F_OFD_GETLK" }, { 37, 0, "F_OFD_SETLK" }, { 38, 0, "F_OFD_SETLKW" },
};
const struct nameset linux_fcntl_names = E(fcntl_cmds);

static const struct flagname whence[] = {
	{ 0, 0, "SEEK_SET" }, { 1, 0, "SEEK_CUR" }, { 2, 0, "SEEK_END" },
	{ 3, 0, "SEEK_DATA" }, { 4, 0, "SEEK_HOLE" },
};
const struct nameset linux_whence_names = E(whence);

static const struct flagname futexop[] = {
	{ 0, 0x7f, "FUTEX_WAIT" }, { 1, 0x7f, "FUTEX_WAKE" }, { 2, 0x7f, "FUTEX_FD" },
	{ 3, 0x7f, "FUTEX_REQUEUE" }, { 4, 0x7f, "FUTEX_CMP_REQUEUE" }, { 5, 0x7f, "FUTEX_WAKE_OP" },
	{ 6, 0x7f, "FUTEX_LOCK_PI" }, { 7, 0x7f, "FUTEX_UNLOCK_PI" }, { 8, 0x7f, "FUTEX_TRYLOCK_PI" },
	{ 9, 0x7f, "FUTEX_WAIT_BITSET" }, { 10, 0x7f, "FUTEX_WAKE_BITSET" },
	{ 11, 0x7f, "FUTEX_WAIT_REQUEUE_PI" }, { 12, 0x7f, "FUTEX_CMP_REQUEUE_PI" },
	{ 13, 0x7f, "FUTEX_LOCK_PI2" },
	{ 128, 0, "FUTEX_PRIVATE_FLAG" }, { 256, 0, "FUTEX_CLOCK_REALTIME" },
};
const struct nameset linux_futexop_names = N(futexop);

static const struct flagname af[] = {
	{ 0, 0, "AF_UNSPEC" }, { 1, 0, "AF_UNIX" }, { 2, 0, "AF_INET" }, { 10, 0, "AF_INET6" },
	{ 16, 0, "AF_NETLINK" }, { 17, 0, "AF_PACKET" },
};
const struct nameset linux_af_names = E(af);

static const struct flagname socktype[] = {
	{ 1, 0xf, "SOCK_STREAM" }, { 2, 0xf, "SOCK_DGRAM" }, { 3, 0xf, "SOCK_RAW" },
	{ 5, 0xf, "SOCK_SEQPACKET" }, { 04000, 0, "SOCK_NONBLOCK" }, { 02000000, 0, "SOCK_CLOEXEC" },
};
const struct nameset linux_socktype_names = N(socktype);

#define NAME(x) [x] = #x
static const char *const errnames[] = {
	NAME(EPERM), NAME(ENOENT), NAME(ESRCH), NAME(EINTR), NAME(EIO), NAME(ENXIO), NAME(E2BIG),
	NAME(ENOEXEC), NAME(EBADF), NAME(ECHILD), NAME(EAGAIN), NAME(ENOMEM), NAME(EACCES),
	NAME(EFAULT), NAME(ENOTBLK), NAME(EBUSY), NAME(EEXIST), NAME(EXDEV), NAME(ENODEV),
	NAME(ENOTDIR), NAME(EISDIR), NAME(EINVAL), NAME(ENFILE), NAME(EMFILE), NAME(ENOTTY),
	NAME(ETXTBSY), NAME(EFBIG), NAME(ENOSPC), NAME(ESPIPE), NAME(EROFS), NAME(EMLINK),
	NAME(EPIPE), NAME(EDOM), NAME(ERANGE), NAME(EDEADLK), NAME(ENAMETOOLONG), NAME(ENOLCK),
	NAME(ENOSYS), NAME(ENOTEMPTY), NAME(ELOOP), NAME(ENOMSG), NAME(EIDRM), NAME(ECHRNG),
	NAME(EL2NSYNC), NAME(EL3HLT), NAME(EL3RST), NAME(ELNRNG), NAME(EUNATCH), NAME(ENOCSI),
	NAME(EL2HLT), NAME(EBADE), NAME(EBADR), NAME(EXFULL), NAME(ENOANO), NAME(EBADRQC),
	NAME(EBADSLT), NAME(EBFONT), NAME(ENOSTR), NAME(ENODATA), NAME(ETIME), NAME(ENOSR),
	NAME(ENONET), NAME(ENOPKG), NAME(EREMOTE), NAME(ENOLINK), NAME(EADV), NAME(ESRMNT),
	NAME(ECOMM), NAME(EPROTO), NAME(EMULTIHOP), NAME(EDOTDOT), NAME(EBADMSG), NAME(EOVERFLOW),
	NAME(ENOTUNIQ), NAME(EBADFD), NAME(EREMCHG), NAME(ELIBACC), NAME(ELIBBAD), NAME(ELIBSCN),
	NAME(ELIBMAX), NAME(ELIBEXEC), NAME(EILSEQ), NAME(ERESTART), NAME(ESTRPIPE), NAME(EUSERS),
	NAME(ENOTSOCK), NAME(EDESTADDRREQ), NAME(EMSGSIZE), NAME(EPROTOTYPE), NAME(ENOPROTOOPT),
	NAME(EPROTONOSUPPORT), NAME(ESOCKTNOSUPPORT), NAME(EOPNOTSUPP), NAME(EPFNOSUPPORT),
	NAME(EAFNOSUPPORT), NAME(EADDRINUSE), NAME(EADDRNOTAVAIL), NAME(ENETDOWN),
	NAME(ENETUNREACH), NAME(ENETRESET), NAME(ECONNABORTED), NAME(ECONNRESET), NAME(ENOBUFS),
	NAME(EISCONN), NAME(ENOTCONN), NAME(ESHUTDOWN), NAME(ETOOMANYREFS), NAME(ETIMEDOUT),
	NAME(ECONNREFUSED), NAME(EHOSTDOWN), NAME(EHOSTUNREACH), NAME(EALREADY), NAME(EINPROGRESS),
	NAME(ESTALE), NAME(EUCLEAN), NAME(ENOTNAM), NAME(ENAVAIL), NAME(EISNAM), NAME(EREMOTEIO),
	NAME(EDQUOT), NAME(ENOMEDIUM), NAME(EMEDIUMTYPE), NAME(ECANCELED), NAME(ENOKEY),
	NAME(EKEYEXPIRED), NAME(EKEYREVOKED), NAME(EKEYREJECTED), NAME(EOWNERDEAD),
	NAME(ENOTRECOVERABLE), NAME(ERFKILL), NAME(EHWPOISON),
};
const struct strtab linux_errnames = { errnames, sizeof errnames / sizeof errnames[0] };

static const char *const signames[] = {
	NAME(SIGHUP), NAME(SIGINT), NAME(SIGQUIT), NAME(SIGILL), NAME(SIGTRAP), NAME(SIGABRT),
	NAME(SIGBUS), NAME(SIGFPE), NAME(SIGKILL), NAME(SIGUSR1), NAME(SIGSEGV), NAME(SIGUSR2),
	NAME(SIGPIPE), NAME(SIGALRM), NAME(SIGTERM), NAME(SIGSTKFLT), NAME(SIGCHLD), NAME(SIGCONT),
	NAME(SIGSTOP), NAME(SIGTSTP), NAME(SIGTTIN), NAME(SIGTTOU), NAME(SIGURG), NAME(SIGXCPU),
	NAME(SIGXFSZ), NAME(SIGVTALRM), NAME(SIGPROF), NAME(SIGWINCH), NAME(SIGIO), NAME(SIGPWR),
	NAME(SIGSYS),
};
const struct strtab linux_signames = { signames, sizeof signames / sizeof signames[0] };

void linux_fmt_sockaddr(struct fmt *f, const void *sa, unsigned long len)
{
	const unsigned char *b = sa;
	unsigned family = len >= 2 ? b[0] | b[1] << 8 : 0;
	fmt_str(f, "{sa_family=");
	const struct flagname *name = 0;
	for (unsigned i = 0; i < linux_af_names.n; i++)
		if (linux_af_names.v[i].value == family)
			name = &linux_af_names.v[i];
	if (name)
		fmt_str(f, name->name);
	else
		fmt_udec(f, family);
	if (family == 2 && len >= 8) { /* sockaddr_in: port, then address, in network order */
		fmt_str(f, ", ");
		for (int i = 4; i < 8; i++) {
			fmt_udec(f, b[i]);
			fmt_char(f, i < 7 ? '.' : ':');
		}
		fmt_udec(f, (unsigned)b[2] << 8 | b[3]);
	} else if (family == 1 && len > 2) {
		fmt_str(f, ", ");
		fmt_quoted(f, (const char *)b + 2, b[2] ? strnlen((const char *)b + 2, len - 2) : len - 2);
	}
	fmt_char(f, '}');
}
