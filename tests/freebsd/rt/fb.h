/* A freestanding runtime for FreeBSD/amd64 test programs: system call numbers, constants and
 * structure layouts of FreeBSD 14 (sys/kern/syscalls.master, sys/sys/{stat,dirent,signal,
 * _ucontext,socket,event,fcntl,errno}.h, sys/x86/include/ucontext.h, netinet/in.h), cross-checked
 * with Go's golang.org/x/sys/unix z*_freebsd_amd64.go. No libc: rt.c and start.S are all there is. */
#ifndef FB_H
#define FB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* System call numbers */
enum {
	FB_SYS_exit = 1, FB_SYS_read = 3, FB_SYS_write = 4, FB_SYS_open = 5, FB_SYS_close = 6,
	FB_SYS_wait4 = 7, FB_SYS_unlink = 10, FB_SYS_chdir = 12, FB_SYS_getpid = 20,
	FB_SYS_getuid = 24, FB_SYS_accept = 30, FB_SYS_getpeername = 31, FB_SYS_getsockname = 32,
	FB_SYS_access = 33, FB_SYS_kill = 37, FB_SYS_getppid = 39, FB_SYS_getgid = 47,
	FB_SYS_acct = 51, FB_SYS_sigaltstack = 53, FB_SYS_symlink = 57, FB_SYS_readlink = 58,
	FB_SYS_execve = 59, FB_SYS_fcntl = 92, FB_SYS_socket = 97, FB_SYS_connect = 98,
	FB_SYS_bind = 104, FB_SYS_listen = 106, FB_SYS_mkdir = 136, FB_SYS_rmdir = 137,
	FB_SYS_sysarch = 165, FB_SYS___getcwd = 326, FB_SYS_sigprocmask = 340,
	FB_SYS_sigpending = 343, FB_SYS_kqueue = 362, FB_SYS_sigaction = 416, FB_SYS_thr_self = 432,
	FB_SYS_thr_kill = 433, FB_SYS_lseek = 478, FB_SYS_openat = 499, FB_SYS_pipe2 = 542,
	FB_SYS_fstat = 551, FB_SYS_fstatat = 552, FB_SYS_getdirentries = 554, FB_SYS_kevent = 560,
	FB_SYS___realpathat = 574,
};

/* errno values */
enum {
	FB_EPERM = 1, FB_ENOENT = 2, FB_ESRCH = 3, FB_EINTR = 4, FB_EBADF = 9, FB_ECHILD = 10,
	FB_EFAULT = 14, FB_EEXIST = 17, FB_ENOTDIR = 20, FB_EISDIR = 21, FB_EINVAL = 22,
	FB_ESPIPE = 29, FB_EMLINK = 31, FB_EPIPE = 32, FB_EAGAIN = 35, FB_EAFNOSUPPORT = 47,
	FB_EADDRINUSE = 48, FB_EADDRNOTAVAIL = 49, FB_ECONNREFUSED = 61, FB_ELOOP = 62,
	FB_ENAMETOOLONG = 63, FB_ENOTEMPTY = 66, FB_ENOSYS = 78,
};

/* open/fcntl/at flags */
#define FB_O_RDONLY 0x0
#define FB_O_WRONLY 0x1
#define FB_O_RDWR 0x2
#define FB_O_NONBLOCK 0x4
#define FB_O_NOFOLLOW 0x100
#define FB_O_CREAT 0x200
#define FB_O_TRUNC 0x400
#define FB_O_EXCL 0x800
#define FB_O_DIRECTORY 0x20000
#define FB_O_CLOEXEC 0x100000
#define FB_AT_FDCWD (-100)
#define FB_AT_SYMLINK_NOFOLLOW 0x200
#define FB_F_GETFD 1
#define FB_F_GETFL 3
#define FB_FD_CLOEXEC 1
#define FB_SEEK_SET 0
#define FB_SEEK_CUR 1

/* sysarch(2) */
#define FB_AMD64_GET_FSBASE 128

struct fb_timespec {
	int64_t tv_sec, tv_nsec;
};

/* struct stat (FreeBSD 12 and later: 64-bit st_ino, st_nlink and st_dev) */
struct fb_stat {
	uint64_t st_dev, st_ino, st_nlink;
	uint16_t st_mode;
	int16_t st_bsdflags;
	uint32_t st_uid, st_gid;
	int32_t st_padding1;
	uint64_t st_rdev;
	struct fb_timespec st_atim, st_mtim, st_ctim, st_birthtim;
	int64_t st_size, st_blocks;
	int32_t st_blksize;
	uint32_t st_flags;
	uint64_t st_gen;
	uint64_t st_spare[10];
};
_Static_assert(sizeof(struct fb_stat) == 224, "struct stat");
_Static_assert(offsetof(struct fb_stat, st_rdev) == 40, "st_rdev");
_Static_assert(offsetof(struct fb_stat, st_mtim) == 64, "st_mtim");
_Static_assert(offsetof(struct fb_stat, st_size) == 112, "st_size");
_Static_assert(offsetof(struct fb_stat, st_blksize) == 128, "st_blksize");

#define FB_S_IFMT 0170000
#define FB_S_IFIFO 0010000
#define FB_S_IFCHR 0020000
#define FB_S_IFDIR 0040000
#define FB_S_IFREG 0100000
#define FB_S_IFLNK 0120000
#define FB_S_IFSOCK 0140000

/* sys/sys/types.h: FreeBSD 12's 64-bit dev_t encoding */
static inline unsigned fb_major(uint64_t d)
{
	return (unsigned)(((d >> 32) & 0xffffff00) | ((d >> 8) & 0xff));
}
static inline unsigned fb_minor(uint64_t d)
{
	return (unsigned)(((d >> 24) & 0xff00) | (d & 0xffff00ff));
}

/* struct dirent: a 24-byte header, then the name and a NUL, padded to 8 */
struct fb_dirent {
	uint64_t d_fileno;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type, d_pad0;
	uint16_t d_namlen, d_pad1;
	char d_name[256];
};
_Static_assert(offsetof(struct fb_dirent, d_name) == 24, "dirent header");
_Static_assert(sizeof(struct fb_dirent) == 280, "struct dirent");
#define FB_DT_UNKNOWN 0
#define FB_DT_FIFO 1
#define FB_DT_CHR 2
#define FB_DT_DIR 4
#define FB_DT_REG 8
#define FB_DT_LNK 10
#define FB_DT_SOCK 12

/* Signals */
enum {
	FB_SIGSEGV = 11, FB_SIGSYS = 12, FB_SIGPIPE = 13, FB_SIGUSR1 = 30, FB_SIGUSR2 = 31,
};
#define FB_SIG_DFL ((uintptr_t)0)
#define FB_SIG_IGN ((uintptr_t)1)
#define FB_SIG_BLOCK 1
#define FB_SIG_UNBLOCK 2
#define FB_SIG_SETMASK 3
#define FB_SA_ONSTACK 0x1
#define FB_SA_RESTART 0x2
#define FB_SA_RESETHAND 0x4
#define FB_SA_NODEFER 0x10
#define FB_SA_SIGINFO 0x40
#define FB_SS_ONSTACK 0x1
#define FB_SS_DISABLE 0x4
#define FB_SI_USER 0x10001
#define FB_SI_KERNEL 0x10006
#define FB_SI_LWP 0x10007
#define FB_SEGV_MAPERR 1
#define FB_T_PAGEFLT 12
#define FB_MC_FPFMT_XMM 0x10002
#define FB_MC_FPOWNED_FPU 0x20001
#define FB_MC_FPOWNED_PCB 0x20002
#define FB_GUCODE_SEL 0x43 /* GSEL(GUCODE_SEL, SEL_UPL) of sys/amd64/include/segments.h */
#define FB_GUDATA_SEL 0x3b

typedef struct {
	uint32_t bits[4];
} fb_sigset_t;
static inline void fb_sigaddset(fb_sigset_t *s, int sig)
{
	s->bits[(sig - 1) >> 5] |= 1u << ((sig - 1) & 31);
}
static inline int fb_sigismember(const fb_sigset_t *s, int sig)
{
	return (s->bits[(sig - 1) >> 5] >> ((sig - 1) & 31)) & 1;
}

struct fb_sigaction {
	uintptr_t handler;
	int32_t sa_flags;
	fb_sigset_t sa_mask;
};
_Static_assert(sizeof(struct fb_sigaction) == 32, "struct sigaction");
_Static_assert(offsetof(struct fb_sigaction, sa_mask) == 12, "sa_mask");

typedef struct {
	int32_t si_signo, si_errno, si_code, si_pid;
	uint32_t si_uid;
	int32_t si_status;
	uint64_t si_addr;
	uint64_t si_value;
	union {
		int32_t trapno;
		int64_t spare[5];
	} reason;
} fb_siginfo_t;
_Static_assert(sizeof(fb_siginfo_t) == 80, "siginfo_t");
_Static_assert(offsetof(fb_siginfo_t, si_addr) == 24, "si_addr");

typedef struct {
	uint64_t ss_sp, ss_size;
	int32_t ss_flags;
} fb_stack_t;
_Static_assert(sizeof(fb_stack_t) == 24, "stack_t");

typedef struct {
	uint64_t mc_onstack;
	uint64_t mc_rdi, mc_rsi, mc_rdx, mc_rcx, mc_r8, mc_r9, mc_rax, mc_rbx, mc_rbp, mc_r10,
		mc_r11, mc_r12, mc_r13, mc_r14, mc_r15;
	uint32_t mc_trapno;
	uint16_t mc_fs, mc_gs;
	uint64_t mc_addr;
	uint32_t mc_flags;
	uint16_t mc_es, mc_ds;
	uint64_t mc_err, mc_rip, mc_cs, mc_rflags, mc_rsp, mc_ss;
	int64_t mc_len, mc_fpformat, mc_ownedfp;
	unsigned char mc_fpstate[512] __attribute__((aligned(16))); /* an fxsave image */
	uint64_t mc_fsbase, mc_gsbase, mc_xfpustate, mc_xfpustate_len;
	int64_t mc_spare[4];
} fb_mcontext_t;
_Static_assert(sizeof(fb_mcontext_t) == 800, "mcontext_t");
_Static_assert(offsetof(fb_mcontext_t, mc_trapno) == 128, "mc_trapno");
_Static_assert(offsetof(fb_mcontext_t, mc_rip) == 160, "mc_rip");
_Static_assert(offsetof(fb_mcontext_t, mc_len) == 200, "mc_len");
_Static_assert(offsetof(fb_mcontext_t, mc_fpstate) == 224, "mc_fpstate");
_Static_assert(offsetof(fb_mcontext_t, mc_fsbase) == 736, "mc_fsbase");

typedef struct {
	fb_sigset_t uc_sigmask;
	fb_mcontext_t uc_mcontext;
	uint64_t uc_link;
	fb_stack_t uc_stack;
	int32_t uc_flags;
	int32_t spare[4];
} fb_ucontext_t;
_Static_assert(sizeof(fb_ucontext_t) == 880, "ucontext_t");
_Static_assert(offsetof(fb_ucontext_t, uc_mcontext) == 16, "uc_mcontext");
_Static_assert(offsetof(fb_ucontext_t, uc_stack) == 824, "uc_stack");

/* Sockets */
#define FB_AF_UNIX 1
#define FB_AF_INET 2
#define FB_AF_INET6 28
#define FB_SOCK_STREAM 1
#define FB_SOCK_DGRAM 2
#define FB_SOCK_CLOEXEC 0x10000000
#define FB_SOCK_NONBLOCK 0x20000000

struct fb_sockaddr_in {
	uint8_t sin_len, sin_family;
	uint16_t sin_port; /* network order */
	uint8_t sin_addr[4];
	char sin_zero[8];
};
_Static_assert(sizeof(struct fb_sockaddr_in) == 16, "sockaddr_in");

struct fb_sockaddr_in6 {
	uint8_t sin6_len, sin6_family;
	uint16_t sin6_port;
	uint32_t sin6_flowinfo;
	uint8_t sin6_addr[16];
	uint32_t sin6_scope_id;
};
_Static_assert(sizeof(struct fb_sockaddr_in6) == 28, "sockaddr_in6");

struct fb_sockaddr_un {
	uint8_t sun_len, sun_family;
	char sun_path[104];
};
_Static_assert(sizeof(struct fb_sockaddr_un) == 106, "sockaddr_un");

/* kqueue */
struct fb_kevent {
	uint64_t ident;
	int16_t filter;
	uint16_t flags;
	uint32_t fflags;
	int64_t data;
	uint64_t udata;
	uint64_t ext[4];
};
_Static_assert(sizeof(struct fb_kevent) == 64, "struct kevent");
#define FB_EVFILT_READ (-1)
#define FB_EVFILT_WRITE (-2)
#define FB_EVFILT_USER (-11)
#define FB_EV_ADD 0x1
#define FB_EV_DELETE 0x2
#define FB_EV_ENABLE 0x4
#define FB_EV_DISABLE 0x8
#define FB_EV_ONESHOT 0x10
#define FB_EV_CLEAR 0x20
#define FB_EV_RECEIPT 0x40
#define FB_EV_ERROR 0x4000
#define FB_EV_EOF 0x8000
#define FB_NOTE_TRIGGER 0x01000000

/* start.S: the raw system call instruction. fb_syscall answers -errno when the carry flag is set
 * (FreeBSD's failure convention); fb_syscall_ret is the address just after its `syscall`. */
long fb_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
extern const char fb_syscall_ret[];
/* Every general register in and out of one `syscall`, rflags too (CF, DF). */
struct fb_regs {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15, rflags;
};
void fb_regs_syscall(struct fb_regs *r);
/* What _start saw: the registers at entry (same layout) and %rsp. */
extern struct fb_regs fb_entry_regs;
extern uint64_t fb_entry_rsp;

#define SC0(n) fb_syscall((n), 0, 0, 0, 0, 0, 0)
#define SC1(n, a) fb_syscall((n), (long)(a), 0, 0, 0, 0, 0)
#define SC2(n, a, b) fb_syscall((n), (long)(a), (long)(b), 0, 0, 0, 0)
#define SC3(n, a, b, c) fb_syscall((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define SC4(n, a, b, c, d) fb_syscall((n), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define SC6(n, a, b, c, d, e, f) \
	fb_syscall((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

/* rt.c */
extern char **fb_environ;
extern uint64_t *fb_auxv;
int main(int argc, char **argv);
__attribute__((noreturn)) void fb_exit(int status);
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
const char *fb_getenv(const char *name);
long fb_atol(const char *s);
/* printf subset: %d %i %u %x %o %s %c %p %% with l/ll and zero-padded widths; one write(1) per
 * line, so lines from a crash are not lost. */
void fb_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fb_snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int fb_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
void fb_flush(void);
/* One check: prints "NAME: ok" or "NAME: FAIL (why)", and counts failures for the exit status
 * (fb_finish: "done: N failed", exit 1 if any). */
int fb_check(int ok, const char *name, const char *why_fmt, ...)
	__attribute__((format(printf, 3, 4)));
extern int fb_failures;
__attribute__((noreturn)) void fb_finish(void);
const char *fb_errname(long e); /* "ENOENT" for 2 (the errnos above), else "E?" */

#endif
