/* FreeBSD flag words and codes (open, *at, mmap, socket, send/recv, poll, wait, AF_*) to and from Linux. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include "freebsd.h"

/* sys/sys/fcntl.h */
#define FB_O_ACCMODE 0x0003
#define FB_O_NONBLOCK 0x0004
#define FB_O_APPEND 0x0008
#define FB_O_SHLOCK 0x0010
#define FB_O_EXLOCK 0x0020
#define FB_O_ASYNC 0x0040
#define FB_O_SYNC 0x0080 /* also O_FSYNC */
#define FB_O_NOFOLLOW 0x0100
#define FB_O_CREAT 0x0200
#define FB_O_TRUNC 0x0400
#define FB_O_EXCL 0x0800
#define FB_O_NOCTTY 0x8000
#define FB_O_DIRECT 0x00010000
#define FB_O_DIRECTORY 0x00020000
#define FB_O_EXEC 0x00040000 /* also O_SEARCH */
#define FB_O_TTY_INIT 0x00080000
#define FB_O_CLOEXEC 0x00100000
#define FB_O_VERIFY 0x00200000
#define FB_O_PATH 0x00400000
#define FB_O_RESOLVE_BENEATH 0x00800000
#define FB_O_DSYNC 0x01000000
#define FB_O_EMPTY_PATH 0x02000000

#define FB_AT_EACCESS 0x0100
#define FB_AT_SYMLINK_NOFOLLOW 0x0200
#define FB_AT_SYMLINK_FOLLOW 0x0400
#define FB_AT_REMOVEDIR 0x0800
#define FB_AT_RESOLVE_BENEATH 0x2000
#define FB_AT_EMPTY_PATH 0x4000

/* sys/sys/mman.h */
#define FB_MAP_SHARED 0x0001
#define FB_MAP_PRIVATE 0x0002
#define FB_MAP_FIXED 0x0010
#define FB_MAP_RESERVED0020 0x0020
#define FB_MAP_RESERVED0040 0x0040
#define FB_MAP_HASSEMAPHORE 0x0200
#define FB_MAP_STACK 0x0400
#define FB_MAP_NOSYNC 0x0800
#define FB_MAP_ANON 0x1000
#define FB_MAP_GUARD 0x00002000
#define FB_MAP_EXCL 0x00004000
#define FB_MAP_NOCORE 0x00020000
#define FB_MAP_PREFAULT_READ 0x00040000
#define FB_MAP_32BIT 0x00080000
#define FB_MAP_ALIGNMENT_SHIFT 24
#define FB_MAP_ALIGNMENT_MASK (0xffu << FB_MAP_ALIGNMENT_SHIFT)
#define FB_MAP_ALIGNED_SUPER 1 /* MAP_ALIGNED(1) */
#define FB_PAGE_SHIFT 12       /* sys/amd64/include/param.h */

/* sys/sys/socket.h */
#define FB_SOCK_SEQPACKET 5 /* SOCK_STREAM 1 .. SOCK_SEQPACKET 5, numbered as on Linux */
#define FB_SOCK_CLOEXEC 0x10000000
#define FB_SOCK_NONBLOCK 0x20000000

#define FB_MSG_OOB 0x00000001
#define FB_MSG_PEEK 0x00000002
#define FB_MSG_DONTROUTE 0x00000004
#define FB_MSG_EOR 0x00000008
#define FB_MSG_TRUNC 0x00000010
#define FB_MSG_CTRUNC 0x00000020
#define FB_MSG_WAITALL 0x00000040
#define FB_MSG_DONTWAIT 0x00000080
#define FB_MSG_EOF 0x00000100
#define FB_MSG_NOTIFICATION 0x00002000
#define FB_MSG_NBIO 0x00004000
#define FB_MSG_COMPAT 0x00008000
#define FB_MSG_NOSIGNAL 0x00020000
#define FB_MSG_CMSG_CLOEXEC 0x00040000
#define FB_MSG_WAITFORONE 0x00080000

#define FB_AF_UNSPEC 0
#define FB_AF_UNIX 1
#define FB_AF_INET 2
#define FB_AF_INET6 28

/* sys/sys/poll.h (POLLWRNORM is POLLOUT) */
#define FB_POLLIN 0x0001
#define FB_POLLPRI 0x0002
#define FB_POLLOUT 0x0004
#define FB_POLLERR 0x0008
#define FB_POLLHUP 0x0010
#define FB_POLLNVAL 0x0020
#define FB_POLLRDNORM 0x0040
#define FB_POLLRDBAND 0x0080
#define FB_POLLWRBAND 0x0100
#define FB_POLLINIGNEOF 0x2000
#define FB_POLLRDHUP 0x4000

/* sys/sys/wait.h */
#define FB_WNOHANG 1
#define FB_WUNTRACED 2 /* also WSTOPPED */
#define FB_WCONTINUED 4
#define FB_WNOWAIT 8
#define FB_WEXITED 16
#define FB_WTRAPPED 32
#define FB_WSTATUS_CONTINUED 0x13 /* WIFCONTINUED(x): x == 0x13, SIGCONT's number */

/* sys/sys/signal.h */
#define FB_SIGKILL 9
#define FB_SIGSTOP 17

/* Linux's status for a continued child (WIFCONTINUED in <sys/wait.h>). */
#define LX_WSTATUS_CONTINUED 0xffff

/* One guest bit set and what it means on the host; host 0 means the guest bits are dropped. */
struct bitpair {
	uint32_t guest, host;
};

/* The host image of v under t (or, when back, the guest image of a host v). Pairs are tried in
 * order and each takes all of its bits at once, so a multi-bit pair listed first wins, and a pair
 * whose bits an earlier one already took works only in the other direction. *left gets the bits
 * no pair took. */
static uint32_t xlate(const struct bitpair *t, size_t n, uint32_t v, int back, uint32_t *left)
{
	uint32_t r = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t from = back ? t[i].host : t[i].guest, to = back ? t[i].guest : t[i].host;
		if (from && (v & from) == from) {
			r |= to;
			v &= ~from;
		}
	}
	*left = v;
	return r;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* FreeBSD takes all these arguments as int: only the low 32 bits count, whatever is above them. */
static long to_host(const struct bitpair *t, size_t n, long guest)
{
	uint32_t left, h = xlate(t, n, (uint32_t)guest, 0, &left);
	return left ? -1 : (long)h;
}

static long from_host(const struct bitpair *t, size_t n, long host)
{
	uint32_t left;
	return xlate(t, n, (uint32_t)host, 1, &left);
}

/* open(2). The file status flags: kept by the open file and all that FreeBSD's F_GETFL reports
 * (FMASK in sys/sys/fcntl.h). */
static const struct bitpair ostatus[] = {
	{FB_O_NONBLOCK, O_NONBLOCK},
	{FB_O_APPEND, O_APPEND},
	{FB_O_ASYNC, O_ASYNC},
	{FB_O_SYNC, O_SYNC}, /* before O_DSYNC: Linux's O_SYNC includes the O_DSYNC bit */
	{FB_O_DSYNC, O_DSYNC},
	{FB_O_DIRECT, O_DIRECT},
	{FB_O_PATH, O_PATH},
};

/* Flags that only steer the open. O_SHLOCK, O_EXLOCK (flock at open), O_RESOLVE_BENEATH and
 * O_EMPTY_PATH have no open(2) flag on Linux and are left over: -1. */
static const struct bitpair oopen[] = {
	{FB_O_NOFOLLOW, O_NOFOLLOW},
	{FB_O_CREAT, O_CREAT},
	{FB_O_TRUNC, O_TRUNC},
	{FB_O_EXCL, O_EXCL},
	{FB_O_NOCTTY, O_NOCTTY},
	{FB_O_DIRECTORY, O_DIRECTORY},
	{FB_O_CLOEXEC, O_CLOEXEC},
	/* Execute or search only: the descriptor can neither read nor write, but serves fexecve
	 * (execveat with AT_EMPTY_PATH) and the *at calls. Linux's O_PATH does the same (musl
	 * defines O_EXEC and O_SEARCH so); it does not check execute or search permission. */
	{FB_O_EXEC, O_PATH},
	{FB_O_TTY_INIT, 0}, /* "BSD default" (fcntl.h): FreeBSD does it without the flag */
	{FB_O_VERIFY, 0},   /* only a check by mac_veriexec, which passes when it is not loaded */
};

long freebsd_oflags_to_host(long guest)
{
	uint32_t g = (uint32_t)guest, acc = g & FB_O_ACCMODE, left;
	long h;

	/* FreeBSD's EINVAL: with O_PATH the mode is ignored, O_EXEC is a mode of its own, and
	 * O_ACCMODE itself is no mode (Linux would take 3 as "ioctl only"). */
	if (!(g & FB_O_PATH) && ((g & FB_O_EXEC) ? acc != 0 : acc == FB_O_ACCMODE))
		return -1;
	h = acc | xlate(ostatus, N(ostatus), g & ~FB_O_ACCMODE, 0, &left);
	h |= xlate(oopen, N(oopen), left, 0, &left);
	return left ? -1 : h;
}

/* Linux's F_GETFL also shows O_CLOEXEC, O_DIRECTORY, O_NOFOLLOW, O_LARGEFILE, O_NOATIME...:
 * FreeBSD's never does, so only the status flags come back. */
long freebsd_oflags_from_host(long host)
{
	return (host & O_ACCMODE) | from_host(ostatus, N(ostatus), host & ~O_ACCMODE);
}

/* Linux's AT_EACCESS and AT_REMOVEDIR share 0x200: no call takes both. */
static const struct bitpair atflags[] = {
	{FB_AT_EACCESS, AT_EACCESS},
	{FB_AT_SYMLINK_NOFOLLOW, AT_SYMLINK_NOFOLLOW},
	{FB_AT_SYMLINK_FOLLOW, AT_SYMLINK_FOLLOW},
	{FB_AT_REMOVEDIR, AT_REMOVEDIR},
	{FB_AT_EMPTY_PATH, AT_EMPTY_PATH},
	/* AT_RESOLVE_BENEATH: only openat2's RESOLVE_BENEATH, so left over: -1. */
};

long freebsd_atflags_to_host(long guest)
{
	return to_host(atflags, N(atflags), guest);
}

/* mmap(2). Left over, hence -1, as FreeBSD's kern_mmap answers EINVAL: MAP_RESERVED0080,
 * MAP_RESERVED0100, and MAP_EXCL without MAP_FIXED. */
static const struct bitpair mflags[] = {
	{FB_MAP_SHARED, MAP_SHARED},
	{FB_MAP_PRIVATE, MAP_PRIVATE},
	{FB_MAP_FIXED | FB_MAP_EXCL, MAP_FIXED_NOREPLACE}, /* before MAP_FIXED; EEXIST where FreeBSD says ENOMEM */
	{FB_MAP_FIXED, MAP_FIXED},
	{FB_MAP_ANON, MAP_ANONYMOUS},
	/* A region that grows down on faults, fully reserved at once: to the program just an
	 * anonymous mapping (FreeBSD adds MAP_ANON itself and wants fd -1, PROT_READ|PROT_WRITE). */
	{FB_MAP_STACK, MAP_STACK | MAP_ANONYMOUS},
	/* Address space reserved with no access: PROT_NONE anonymous memory, which FreeBSD demands
	 * (prot PROT_NONE, fd -1, offset 0: the caller checks) and Linux does not count against
	 * memory. Unlike FreeBSD's, mprotect can open it up later. */
	{FB_MAP_GUARD, MAP_ANONYMOUS | MAP_NORESERVE},
	{FB_MAP_32BIT, MAP_32BIT}, /* both: the low 2 GiB */
	{FB_MAP_RESERVED0020, 0},  /* old no-ops FreeBSD drops itself */
	{FB_MAP_RESERVED0040, 0},
	{FB_MAP_HASSEMAPHORE, 0}, /* a no-op on FreeBSD/amd64 */
	{FB_MAP_NOSYNC, 0},       /* only when dirty shared pages get written back */
	{FB_MAP_NOCORE, 0},       /* only what a core dump holds */
	/* Maps the pages already resident, with no I/O: a hint with no visible effect, not
	 * MAP_POPULATE, which reads the whole file and copies every page of a writable private
	 * mapping. */
	{FB_MAP_PREFAULT_READ, 0},
};

long freebsd_mmap_flags_to_host(long guest)
{
	uint32_t g = (uint32_t)guest, align = g >> FB_MAP_ALIGNMENT_SHIFT, left;
	long h;

	g &= ~FB_MAP_ALIGNMENT_MASK;
	if ((g & FB_MAP_SHARED) && (g & FB_MAP_PRIVATE))
		return -1;
	if ((g & FB_MAP_GUARD) && (g & ~(FB_MAP_GUARD | FB_MAP_FIXED | FB_MAP_EXCL | FB_MAP_32BIT)))
		return -1;
	/* MAP_ALIGNED(n): 2^n alignment. FreeBSD rejects n under a page or past 63 and ignores it
	 * with MAP_FIXED; a page (every mapping has it) and MAP_ALIGNED_SUPER (a best-effort
	 * superpage) ask for nothing more. A larger one has no host flag. */
	if (align && align != FB_MAP_ALIGNED_SUPER) {
		if (align < FB_PAGE_SHIFT || align >= 64)
			return -1;
		if (align > FB_PAGE_SHIFT && !(g & FB_MAP_FIXED))
			return -1;
	}
	h = xlate(mflags, N(mflags), g, 0, &left);
	if (left)
		return -1;
	/* Neither MAP_SHARED nor MAP_PRIVATE: private for anonymous memory, EINVAL for a file
	 * (FreeBSD since 11); Linux wants one of them. */
	if (!(h & (MAP_SHARED | MAP_PRIVATE))) {
		if (!(h & MAP_ANONYMOUS))
			return -1;
		h |= MAP_PRIVATE;
	}
	return h;
}

long freebsd_socktype_to_host(long guest)
{
	uint32_t g = (uint32_t)guest, type = g & ~(FB_SOCK_CLOEXEC | FB_SOCK_NONBLOCK);
	long h = type;

	/* Type 0 passes: accept4 takes these flags alone, and Linux's socket() rejects it itself. */
	if (type > FB_SOCK_SEQPACKET)
		return -1;
	if (g & FB_SOCK_CLOEXEC)
		h |= SOCK_CLOEXEC;
	if (g & FB_SOCK_NONBLOCK)
		h |= SOCK_NONBLOCK;
	return h;
}

/* send/recv flags, and recvmsg's msg_flags back. Left over, hence -1: MSG_EOF (send, then shut
 * the connection down for writing) and MSG_COMPAT (4.3BSD sockaddrs), which do something with
 * no Linux flag for it. */
static const struct bitpair msgflags[] = {
	{FB_MSG_OOB, MSG_OOB},
	{FB_MSG_PEEK, MSG_PEEK},
	{FB_MSG_DONTROUTE, MSG_DONTROUTE},
	{FB_MSG_EOR, MSG_EOR},
	{FB_MSG_TRUNC, MSG_TRUNC},
	{FB_MSG_CTRUNC, MSG_CTRUNC},
	{FB_MSG_WAITALL, MSG_WAITALL},
	{FB_MSG_DONTWAIT, MSG_DONTWAIT},
	{FB_MSG_NOSIGNAL, MSG_NOSIGNAL},
	{FB_MSG_CMSG_CLOEXEC, MSG_CMSG_CLOEXEC},
	{FB_MSG_WAITFORONE, MSG_WAITFORONE},
	{FB_MSG_NBIO, MSG_DONTWAIT},   /* FreeBSD's socket code treats it as MSG_DONTWAIT */
	{FB_MSG_NOTIFICATION, 0},      /* SCTP's, only ever reported: ignored when passed */
};

long freebsd_msgflags_to_host(long guest)
{
	return to_host(msgflags, N(msgflags), guest);
}

long freebsd_msgflags_from_host(long host)
{
	return from_host(msgflags, N(msgflags), host);
}

/* poll events and revents (16 bits). Bits neither side knows are dropped, as poll ignores them. */
static const struct bitpair pollbits[] = {
	{FB_POLLIN, POLLIN},
	{FB_POLLPRI, POLLPRI},
	{FB_POLLOUT, POLLOUT},
	{FB_POLLERR, POLLERR},
	{FB_POLLHUP, POLLHUP},
	{FB_POLLNVAL, POLLNVAL},
	{FB_POLLRDNORM, POLLRDNORM},
	{FB_POLLRDBAND, POLLRDBAND},
	{FB_POLLWRBAND, POLLWRBAND},
	{FB_POLLRDHUP, POLLRDHUP},
	{FB_POLLOUT, POLLWRNORM}, /* host to guest only: FreeBSD's POLLWRNORM is POLLOUT */
	/* POLLIN that an EOF does not wake: Linux cannot tell, POLLIN is the nearest wait (host
	 * to guest, POLLIN stays POLLIN). */
	{FB_POLLINIGNEOF, POLLIN},
};

long freebsd_poll_to_host(long guest)
{
	uint32_t left;
	return xlate(pollbits, N(pollbits), (uint32_t)guest & 0xffff, 0, &left);
}

long freebsd_poll_from_host(long host)
{
	return from_host(pollbits, N(pollbits), host & 0xffff);
}

static const struct bitpair waitopts[] = {
	{FB_WNOHANG, WNOHANG},
	{FB_WUNTRACED, WUNTRACED},
	{FB_WCONTINUED, WCONTINUED},
	{FB_WNOWAIT, WNOWAIT},
	{FB_WEXITED, WEXITED},
	/* Also report children stopped under ptrace: Linux always reports a tracee's stops to its
	 * tracer, so nothing is lost. */
	{FB_WTRAPPED, 0},
};

long freebsd_wait_options_to_host(long guest)
{
	return to_host(waitopts, N(waitopts), guest);
}

/* A host signal in a status. Never 0, which would turn a death into a clean exit: a signal the
 * guest has no number for is reported as the fallback. */
static int wsig(int host_sig, int fallback)
{
	int s = freebsd_sig_from_host(host_sig);
	return s ? s : fallback;
}

/* Both encode an exit as code << 8, a death as the signal | 0x80 for a core, a stop as
 * signal << 8 | 0x7f; a continue is 0xffff on Linux and 0x13 on FreeBSD. */
int freebsd_wstatus_from_host(int host_status)
{
	unsigned s = (unsigned)host_status;

	if (s == LX_WSTATUS_CONTINUED)
		return FB_WSTATUS_CONTINUED;
	if ((s & 0x7f) == 0)
		return host_status;
	if ((s & 0xff) == 0x7f) /* Linux's ptrace event bits above the signal are dropped */
		return wsig((int)(s >> 8 & 0xff), FB_SIGSTOP) << 8 | 0x7f;
	return wsig((int)(s & 0x7f), FB_SIGKILL) | (int)(s & 0x80);
}

static const struct {
	int guest, host;
} afs[] = {
	{FB_AF_UNSPEC, AF_UNSPEC},
	{FB_AF_UNIX, AF_UNIX},
	{FB_AF_INET, AF_INET},
	{FB_AF_INET6, AF_INET6},
	/* AF_ROUTE (17) is a routing socket, not Linux's netlink: -1 like the rest. */
};

int freebsd_af_to_host(int guest_af)
{
	for (size_t i = 0; i < N(afs); i++)
		if (afs[i].guest == guest_af)
			return afs[i].host;
	return -1;
}

int freebsd_af_from_host(int host_af)
{
	for (size_t i = 0; i < N(afs); i++)
		if (afs[i].host == host_af)
			return afs[i].guest;
	return -1;
}
