/* xabi's own exit statuses (documented in the README and xabi.1). Anything else is the guest's. */
#ifndef XABI_STATUS_H
#define XABI_STATUS_H

#define XABI_STATUS_UNAVAILABLE 69  /* xabi binfmt: the kernel has no binfmt_misc (EX_UNAVAILABLE) */
#define XABI_STATUS_SOFTWARE 70     /* an internal error in xabi (EX_SOFTWARE) */
#define XABI_STATUS_NOPERM 77       /* xabi binfmt: not permitted to mount or register (EX_NOPERM) */
#define XABI_STATUS_MISSING_IMPORT 120 /* the guest called an import xabi does not implement */
#define XABI_STATUS_MALFORMED 121   /* the program's headers are truncated or invalid */
#define XABI_STATUS_UNSUPPORTED 122 /* a known ABI or format that xabi cannot run (yet) */
#define XABI_STATUS_WRONG_ISA 123   /* not an x86-64 program */
#define XABI_STATUS_SETUP 124       /* the program could not be set up: memory, interception */
#define XABI_STATUS_USAGE 125       /* bad command line */
#define XABI_STATUS_NOEXEC 126      /* found but cannot execute: permissions, directory, unknown format */
#define XABI_STATUS_NOTFOUND 127    /* no such file */

#endif
