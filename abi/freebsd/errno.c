/* FreeBSD errno values (sys/sys/errno.h of FreeBSD 14) and the mapping from the host's (Linux). */
#include <errno.h>
#include "freebsd.h"

#define FREEBSD_EINVAL 22

/* Indexed by host errno; 0 (a gap in the host's numbering) means EINVAL. The host's errors with no
 * FreeBSD twin get the nearest FreeBSD error, with the reason beside each. */
static const uint8_t from_host[] = {
	/* 1..34 are the same on both, except that FreeBSD's 11 is EDEADLK and its EAGAIN is 35. */
	[EPERM] = 1, [ENOENT] = 2, [ESRCH] = 3, [EINTR] = 4, [EIO] = 5, [ENXIO] = 6, [E2BIG] = 7,
	[ENOEXEC] = 8, [EBADF] = 9, [ECHILD] = 10, [EAGAIN] = 35, [ENOMEM] = 12, [EACCES] = 13,
	[EFAULT] = 14, [ENOTBLK] = 15, [EBUSY] = 16, [EEXIST] = 17, [EXDEV] = 18, [ENODEV] = 19,
	[ENOTDIR] = 20, [EISDIR] = 21, [EINVAL] = 22, [ENFILE] = 23, [EMFILE] = 24, [ENOTTY] = 25,
	[ETXTBSY] = 26, [EFBIG] = 27, [ENOSPC] = 28, [ESPIPE] = 29, [EROFS] = 30, [EMLINK] = 31,
	[EPIPE] = 32, [EDOM] = 33, [ERANGE] = 34,

	[EDEADLK] = 11, [ENAMETOOLONG] = 63, [ENOLCK] = 77, [ENOSYS] = 78, [ENOTEMPTY] = 66,
	[ELOOP] = 62, [ENOMSG] = 83, [EIDRM] = 82,

	/* STREAMS-era and driver-private errors: a bad number or code is EINVAL, a failed device or
	 * link is EIO. */
	[ECHRNG] = 22,    /* channel number out of range: EINVAL */
	[EL2NSYNC] = 5,   /* EIO */
	[EL3HLT] = 5,     /* EIO */
	[EL3RST] = 5,     /* EIO */
	[ELNRNG] = 22,    /* link number out of range: EINVAL */
	[EUNATCH] = 6,    /* protocol driver not attached: ENXIO, "device not configured" */
	[ENOCSI] = 5,     /* EIO */
	[EL2HLT] = 5,     /* EIO */
	[EBADE] = 22,     /* invalid exchange: EINVAL */
	[EBADR] = 22,     /* invalid request descriptor: EINVAL */
	[EXFULL] = 55,    /* exchange full: ENOBUFS */
	[ENOANO] = 5,     /* EIO */
	[EBADRQC] = 22,   /* invalid request code: EINVAL */
	[EBADSLT] = 22,   /* invalid slot: EINVAL */
	[EBFONT] = 79,    /* bad font file format: EFTYPE, "inappropriate file type or format" */
	[ENOSTR] = 25,    /* not a STREAMS device (FreeBSD has none): ENOTTY */
	[ENODATA] = 87,   /* what Linux's *xattr calls answer for a missing attribute: ENOATTR */
	[ETIME] = 60,     /* timer expired: ETIMEDOUT */
	[ENOSR] = 55,     /* out of STREAMS resources: ENOBUFS */
	[ENONET] = 50,    /* machine is not on the network: ENETDOWN */
	[ENOPKG] = 45,    /* package (kernel module) not installed: EOPNOTSUPP, not ENOSYS, which
	                   * callers read as "no such system call" */
	[EREMOTE] = 71,   /* the same name, though FreeBSD's text is "too many levels of remote" */
	[ENOLINK] = 91,
	[EADV] = 5,       /* EIO */
	[ESRMNT] = 5,     /* EIO */
	[ECOMM] = 5,      /* communication error on send: EIO */
	[EPROTO] = 92, [EMULTIHOP] = 90,
	[EDOTDOT] = 5,    /* RFS-specific: EIO */
	[EBADMSG] = 89, [EOVERFLOW] = 84,
	[ENOTUNIQ] = 22,  /* name not unique on network: EINVAL */
	[EBADFD] = 9,     /* descriptor in bad state: EBADF */
	[EREMCHG] = 5,    /* remote address changed: EIO */
	/* Shared library errors: execve answers ELIBBAD for a bad ELF interpreter, where FreeBSD's
	 * answer is ENOEXEC. */
	[ELIBACC] = 8, [ELIBBAD] = 8, [ELIBSCN] = 8, [ELIBMAX] = 8, [ELIBEXEC] = 8,
	[EILSEQ] = 86,
	[ERESTART] = 4,   /* the kernel restarts or turns it into EINTR before user space sees it */
	[ESTRPIPE] = 32,  /* streams pipe error: EPIPE */
	[EUSERS] = 68,

	/* sockets */
	[ENOTSOCK] = 38, [EDESTADDRREQ] = 39, [EMSGSIZE] = 40, [EPROTOTYPE] = 41,
	[ENOPROTOOPT] = 42, [EPROTONOSUPPORT] = 43, [ESOCKTNOSUPPORT] = 44,
	[EOPNOTSUPP] = 45, /* also ENOTSUP, on both */
	[EPFNOSUPPORT] = 46, [EAFNOSUPPORT] = 47, [EADDRINUSE] = 48, [EADDRNOTAVAIL] = 49,
	[ENETDOWN] = 50, [ENETUNREACH] = 51, [ENETRESET] = 52, [ECONNABORTED] = 53,
	[ECONNRESET] = 54, [ENOBUFS] = 55, [EISCONN] = 56, [ENOTCONN] = 57, [ESHUTDOWN] = 58,
	[ETOOMANYREFS] = 59, [ETIMEDOUT] = 60, [ECONNREFUSED] = 61, [EHOSTDOWN] = 64,
	[EHOSTUNREACH] = 65, [EALREADY] = 37, [EINPROGRESS] = 36,

	[ESTALE] = 70,
	[EUCLEAN] = 97,   /* structure needs cleaning (file system damage): EINTEGRITY */
	[ENOTNAM] = 79,   /* not a XENIX named type file: EFTYPE */
	[ENAVAIL] = 5,    /* no XENIX semaphores available: EIO */
	[EISNAM] = 79,    /* is a XENIX named type file: EFTYPE */
	[EREMOTEIO] = 5,  /* remote I/O error: EIO */
	[EDQUOT] = 69,
	[ENOMEDIUM] = 6,  /* no medium: ENXIO, as FreeBSD's disk drivers answer */
	[EMEDIUMTYPE] = 6, /* wrong medium type: ENXIO */
	[ECANCELED] = 85,
	/* Key errors reach a FreeBSD program only from files: fscrypt answers ENOKEY for an encrypted
	 * file whose key is absent, NFS answers EKEYEXPIRED for expired Kerberos credentials. Access is
	 * refused for want of a credential: EACCES. */
	[ENOKEY] = 13, [EKEYEXPIRED] = 13, [EKEYREVOKED] = 13, [EKEYREJECTED] = 13,
	[EOWNERDEAD] = 96, [ENOTRECOVERABLE] = 95,
	[ERFKILL] = 50,   /* radio switched off: ENETDOWN */
	[EHWPOISON] = 5,  /* memory page has a hardware error: EIO */
};
_Static_assert(sizeof from_host / sizeof from_host[0] == EHWPOISON + 1,
	"from_host must cover every host errno up to EHWPOISON");

int freebsd_errno_from_host(int host_errno)
{
	if (host_errno <= 0 || (unsigned)host_errno >= sizeof from_host / sizeof from_host[0] ||
	    !from_host[host_errno])
		return FREEBSD_EINVAL;
	return from_host[host_errno];
}

static const char *const errnames[] = {
	[1] = "EPERM", [2] = "ENOENT", [3] = "ESRCH", [4] = "EINTR", [5] = "EIO", [6] = "ENXIO",
	[7] = "E2BIG", [8] = "ENOEXEC", [9] = "EBADF", [10] = "ECHILD", [11] = "EDEADLK",
	[12] = "ENOMEM", [13] = "EACCES", [14] = "EFAULT", [15] = "ENOTBLK", [16] = "EBUSY",
	[17] = "EEXIST", [18] = "EXDEV", [19] = "ENODEV", [20] = "ENOTDIR", [21] = "EISDIR",
	[22] = "EINVAL", [23] = "ENFILE", [24] = "EMFILE", [25] = "ENOTTY", [26] = "ETXTBSY",
	[27] = "EFBIG", [28] = "ENOSPC", [29] = "ESPIPE", [30] = "EROFS", [31] = "EMLINK",
	[32] = "EPIPE", [33] = "EDOM", [34] = "ERANGE", [35] = "EAGAIN", [36] = "EINPROGRESS",
	[37] = "EALREADY", [38] = "ENOTSOCK", [39] = "EDESTADDRREQ", [40] = "EMSGSIZE",
	[41] = "EPROTOTYPE", [42] = "ENOPROTOOPT", [43] = "EPROTONOSUPPORT",
	[44] = "ESOCKTNOSUPPORT", [45] = "EOPNOTSUPP", [46] = "EPFNOSUPPORT", [47] = "EAFNOSUPPORT",
	[48] = "EADDRINUSE", [49] = "EADDRNOTAVAIL", [50] = "ENETDOWN", [51] = "ENETUNREACH",
	[52] = "ENETRESET", [53] = "ECONNABORTED", [54] = "ECONNRESET", [55] = "ENOBUFS",
	[56] = "EISCONN", [57] = "ENOTCONN", [58] = "ESHUTDOWN", [59] = "ETOOMANYREFS",
	[60] = "ETIMEDOUT", [61] = "ECONNREFUSED", [62] = "ELOOP", [63] = "ENAMETOOLONG",
	[64] = "EHOSTDOWN", [65] = "EHOSTUNREACH", [66] = "ENOTEMPTY", [67] = "EPROCLIM",
	[68] = "EUSERS", [69] = "EDQUOT", [70] = "ESTALE", [71] = "EREMOTE", [72] = "EBADRPC",
	[73] = "ERPCMISMATCH", [74] = "EPROGUNAVAIL", [75] = "EPROGMISMATCH", [76] = "EPROCUNAVAIL",
	[77] = "ENOLCK", [78] = "ENOSYS", [79] = "EFTYPE", [80] = "EAUTH", [81] = "ENEEDAUTH",
	[82] = "EIDRM", [83] = "ENOMSG", [84] = "EOVERFLOW", [85] = "ECANCELED", [86] = "EILSEQ",
	[87] = "ENOATTR", [88] = "EDOOFUS", [89] = "EBADMSG", [90] = "EMULTIHOP", [91] = "ENOLINK",
	[92] = "EPROTO", [93] = "ENOTCAPABLE", [94] = "ECAPMODE", [95] = "ENOTRECOVERABLE",
	[96] = "EOWNERDEAD", [97] = "EINTEGRITY", /* ELAST */
};
const struct strtab freebsd_errnames = { errnames, sizeof errnames / sizeof errnames[0] };
