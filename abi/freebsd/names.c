/* FreeBSD names for the tracer: values from FreeBSD 14's sys/sys/{fcntl,mman,signal,umtx,unistd,
 * socket}.h and sys/netinet/in.h, sys/netinet6/in6.h, sys/sys/un.h. */
#include <string.h>
#include "../../syscall/fmt.h"
#include "freebsd.h"

#define N(tab) { tab, sizeof tab / sizeof tab[0], 0 }
#define E(tab) { tab, sizeof tab / sizeof tab[0], 1 }

static const struct flagname atfd[] = { { (uint64_t)-100, 0, "AT_FDCWD" } };
const struct nameset freebsd_atfd_names = E(atfd);

static const struct flagname oflags[] = {
	{ 0, 3, "O_RDONLY" }, { 1, 3, "O_WRONLY" }, { 2, 3, "O_RDWR" },
	{ 0x4, 0, "O_NONBLOCK" }, { 0x8, 0, "O_APPEND" }, { 0x10, 0, "O_SHLOCK" },
	{ 0x20, 0, "O_EXLOCK" }, { 0x40, 0, "O_ASYNC" }, { 0x80, 0, "O_SYNC" }, /* also O_FSYNC */
	{ 0x100, 0, "O_NOFOLLOW" }, { 0x200, 0, "O_CREAT" }, { 0x400, 0, "O_TRUNC" },
	{ 0x800, 0, "O_EXCL" }, { 0x8000, 0, "O_NOCTTY" }, { 0x10000, 0, "O_DIRECT" },
	{ 0x20000, 0, "O_DIRECTORY" }, { 0x40000, 0, "O_EXEC" }, /* also O_SEARCH */
	{ 0x80000, 0, "O_TTY_INIT" }, { 0x100000, 0, "O_CLOEXEC" }, { 0x200000, 0, "O_VERIFY" },
	{ 0x400000, 0, "O_PATH" }, { 0x800000, 0, "O_RESOLVE_BENEATH" }, { 0x1000000, 0, "O_DSYNC" },
	{ 0x2000000, 0, "O_EMPTY_PATH" },
};
const struct nameset freebsd_oflags_names = N(oflags);

static const struct flagname atflags[] = {
	{ 0x100, 0, "AT_EACCESS" }, { 0x200, 0, "AT_SYMLINK_NOFOLLOW" },
	{ 0x400, 0, "AT_SYMLINK_FOLLOW" }, { 0x800, 0, "AT_REMOVEDIR" },
	{ 0x2000, 0, "AT_RESOLVE_BENEATH" }, { 0x4000, 0, "AT_EMPTY_PATH" },
};
const struct nameset freebsd_atflags_names = N(atflags);

/* PROT_MAX(p) is p shifted left 16: the most the mapping may later be mprotect()ed to. */
static const struct flagname prot[] = {
	{ 0, 0, "PROT_NONE" }, { 1, 0, "PROT_READ" }, { 2, 0, "PROT_WRITE" }, { 4, 0, "PROT_EXEC" },
	{ 0x10000, 0, "PROT_MAX(PROT_READ)" }, { 0x20000, 0, "PROT_MAX(PROT_WRITE)" },
	{ 0x40000, 0, "PROT_MAX(PROT_EXEC)" },
};
const struct nameset freebsd_prot_names = N(prot);

/* MAP_ALIGNED(n) puts log2 of the alignment in bits 24..31; only MAP_ALIGNED_SUPER (n = 1) is
 * named, other alignments are left in the hex remainder. */
static const struct flagname mflags[] = {
	{ 0x1, 0, "MAP_SHARED" }, { 0x2, 0, "MAP_PRIVATE" }, { 0x10, 0, "MAP_FIXED" },
	{ 0x200, 0, "MAP_HASSEMAPHORE" }, { 0x400, 0, "MAP_STACK" }, { 0x800, 0, "MAP_NOSYNC" },
	{ 0x1000, 0, "MAP_ANON" }, { 0x2000, 0, "MAP_GUARD" }, { 0x4000, 0, "MAP_EXCL" },
	{ 0x20000, 0, "MAP_NOCORE" }, { 0x40000, 0, "MAP_PREFAULT_READ" },
	{ 0x80000, 0, "MAP_32BIT" }, { 0x1000000, 0xff000000, "MAP_ALIGNED_SUPER" },
};
const struct nameset freebsd_mflags_names = N(mflags);

static const struct flagname sighow[] = {
	{ 1, 0, "SIG_BLOCK" }, { 2, 0, "SIG_UNBLOCK" }, { 3, 0, "SIG_SETMASK" },
};
const struct nameset freebsd_sighow_names = E(sighow);

static const struct flagname fcntl_cmds[] = {
	{ 0, 0, "F_DUPFD" }, { 1, 0, "F_GETFD" }, { 2, 0, "F_SETFD" }, { 3, 0, "F_GETFL" },
	{ 4, 0, "F_SETFL" }, { 5, 0, "F_GETOWN" }, { 6, 0, "F_SETOWN" }, { 7, 0, "F_OGETLK" },
	{ 8, 0, "F_OSETLK" }, { 9, 0, "F_OSETLKW" }, { 10, 0, "F_DUP2FD" }, { 11, 0, "F_GETLK" },
	{ 12, 0, "F_SETLK" }, { 13, 0, "F_SETLKW" }, { 14, 0, "F_SETLK_REMOTE" },
	{ 15, 0, "F_READAHEAD" }, { 16, 0, "F_RDAHEAD" }, { 17, 0, "F_DUPFD_CLOEXEC" },
	{ 18, 0, "F_DUP2FD_CLOEXEC" }, { 19, 0, "F_ADD_SEALS" }, { 20, 0, "F_GET_SEALS" },
	{ 21, 0, "F_ISUNIONSTACK" }, { 22, 0, "F_KINFO" },
};
const struct nameset freebsd_fcntl_names = E(fcntl_cmds);

static const struct flagname whence[] = {
	{ 0, 0, "SEEK_SET" }, { 1, 0, "SEEK_CUR" }, { 2, 0, "SEEK_END" },
	{ 3, 0, "SEEK_DATA" }, { 4, 0, "SEEK_HOLE" },
};
const struct nameset freebsd_whence_names = E(whence);

/* _umtx_op's op. The UMTX_OP__I386 and UMTX_OP__32BIT flags (bits 30, 31) are for 32-bit callers
 * and a native amd64 program does not set them; such an op is shown as a number. */
static const struct flagname umtxop[] = {
	{ 0, 0, "UMTX_OP_LOCK" }, { 1, 0, "UMTX_OP_UNLOCK" }, { 2, 0, "UMTX_OP_WAIT" },
	{ 3, 0, "UMTX_OP_WAKE" }, { 4, 0, "UMTX_OP_MUTEX_TRYLOCK" }, { 5, 0, "UMTX_OP_MUTEX_LOCK" },
	{ 6, 0, "UMTX_OP_MUTEX_UNLOCK" }, { 7, 0, "UMTX_OP_SET_CEILING" },
	{ 8, 0, "UMTX_OP_CV_WAIT" }, { 9, 0, "UMTX_OP_CV_SIGNAL" },
	{ 10, 0, "UMTX_OP_CV_BROADCAST" }, { 11, 0, "UMTX_OP_WAIT_UINT" },
	{ 12, 0, "UMTX_OP_RW_RDLOCK" }, { 13, 0, "UMTX_OP_RW_WRLOCK" },
	{ 14, 0, "UMTX_OP_RW_UNLOCK" }, { 15, 0, "UMTX_OP_WAIT_UINT_PRIVATE" },
	{ 16, 0, "UMTX_OP_WAKE_PRIVATE" }, { 17, 0, "UMTX_OP_MUTEX_WAIT" },
	{ 18, 0, "UMTX_OP_MUTEX_WAKE" }, { 19, 0, "UMTX_OP_SEM_WAIT" },
	{ 20, 0, "UMTX_OP_SEM_WAKE" }, { 21, 0, "UMTX_OP_NWAKE_PRIVATE" },
	{ 22, 0, "UMTX_OP_MUTEX_WAKE2" }, { 23, 0, "UMTX_OP_SEM2_WAIT" },
	{ 24, 0, "UMTX_OP_SEM2_WAKE" }, { 25, 0, "UMTX_OP_SHM" }, { 26, 0, "UMTX_OP_ROBUST_LISTS" },
	{ 27, 0, "UMTX_OP_GET_MIN_TIMEOUT" }, { 28, 0, "UMTX_OP_SET_MIN_TIMEOUT" },
};
const struct nameset freebsd_umtxop_names = E(umtxop);

static const struct flagname af[] = {
	{ 0, 0, "AF_UNSPEC" }, { 1, 0, "AF_UNIX" }, { 2, 0, "AF_INET" },
	{ 17, 0, "AF_ROUTE" }, { 18, 0, "AF_LINK" }, { 27, 0, "PF_KEY" }, { 28, 0, "AF_INET6" },
	{ 32, 0, "AF_NETGRAPH" }, { 36, 0, "AF_BLUETOOTH" }, { 38, 0, "AF_NETLINK" },
	{ 44, 0, "AF_DIVERT" },
};
const struct nameset freebsd_af_names = E(af);

/* The type is the low bits; the creation flags sit in the top four. */
static const struct flagname socktype[] = {
	{ 1, 0x0fffffff, "SOCK_STREAM" }, { 2, 0x0fffffff, "SOCK_DGRAM" },
	{ 3, 0x0fffffff, "SOCK_RAW" }, { 4, 0x0fffffff, "SOCK_RDM" },
	{ 5, 0x0fffffff, "SOCK_SEQPACKET" }, { 0x10000000, 0, "SOCK_CLOEXEC" },
	{ 0x20000000, 0, "SOCK_NONBLOCK" },
};
const struct nameset freebsd_socktype_names = N(socktype);

static void put_hex_digits(struct fmt *f, unsigned v)
{
	int shift = 28;
	while (shift > 0 && !(v >> shift))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		fmt_char(f, "0123456789abcdef"[v >> shift & 15]);
}

/* An IPv6 address in its usual text form: eight hex groups, the longest run of two or more zero
 * groups (the first, if tied) written "::" (RFC 5952). */
static void put_in6_addr(struct fmt *f, const unsigned char *a)
{
	unsigned g[8];
	int best = -1, bestlen = 1;
	for (int i = 0; i < 8; i++)
		g[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	for (int i = 0; i < 8; i++) {
		int j = i;
		while (j < 8 && !g[j])
			j++;
		if (j - i > bestlen) {
			best = i;
			bestlen = j - i;
		}
		if (j > i)
			i = j;
	}
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			fmt_str(f, "::");
			i += bestlen - 1;
			continue;
		}
		if (i && i != best + bestlen)
			fmt_char(f, ':');
		put_hex_digits(f, g[i]);
	}
}

/* FreeBSD's sockaddr starts with a length byte and a one-byte family. */
void freebsd_fmt_sockaddr(struct fmt *f, const void *sa, unsigned long len)
{
	const unsigned char *b = sa;
	unsigned family = len >= 2 ? b[1] : 0;
	fmt_str(f, "{sa_family=");
	const struct flagname *name = 0;
	for (unsigned i = 0; i < freebsd_af_names.n; i++)
		if (freebsd_af_names.v[i].value == family)
			name = &freebsd_af_names.v[i];
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
	} else if (family == 28 && len >= 24) {
		/* sockaddr_in6: port and flow label in network order at 2 and 4, the address at 8, the
		 * scope id in host order at 24 */
		uint32_t flow = (uint32_t)b[4] << 24 | b[5] << 16 | b[6] << 8 | b[7], scope = 0;
		if (len >= 28)
			memcpy(&scope, b + 24, 4);
		fmt_str(f, ", [");
		put_in6_addr(f, b + 8);
		fmt_str(f, "]:");
		fmt_udec(f, (unsigned)b[2] << 8 | b[3]);
		if (flow) {
			fmt_str(f, ", flowinfo=");
			fmt_hex(f, flow);
		}
		if (scope) {
			fmt_str(f, ", scope_id=");
			fmt_udec(f, scope);
		}
	} else if (family == 1 && len > 2) { /* sun_path: not always terminated within len */
		fmt_str(f, ", ");
		fmt_quoted(f, (const char *)b + 2, strnlen((const char *)b + 2, len - 2));
	}
	fmt_char(f, '}');
}
