/* FreeBSD kqueue and kevent over Linux epoll, timerfd and eventfd; close. Facts: FreeBSD's
 * sys/sys/event.h and sys/kern/kern_event.c (kqueue_register, kqueue_kevent, kqueue_scan, the timer
 * and user filters), filt_soread/filt_sowrite, filt_piperead/filt_pipewrite, filt_vfsread/
 * filt_vfswrite, and kqueue(2).
 *
 * The guest's kqueue descriptor is an epoll descriptor. Its registrations (knotes) live in memory
 * mapped here, found from the descriptor through a table indexed by fd. Descriptors are registered
 * edge-triggered, one epoll entry for both filters of an fd; an epoll event activates knotes, and
 * FreeBSD's own queue of active knotes is kept here: level-triggered knotes stay queued and are
 * evaluated again (ppoll) at every scan, as FreeBSD evaluates f_event. A kqueue with queued knotes
 * keeps an eventfd of its own ready (level-triggered), so that a blocked kevent wakes and poll or
 * select on the kqueue descriptor sees it readable. Each EVFILT_TIMER knote is a timerfd. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <time.h>
#include "../../syscall/copy.h"
#include "../../syscall/diag.h"
#include "../../syscall/memory.h"
#include "../../syscall/raw.h"
#include "../../syscall/trap.h"
#include "../../syscall/xthread.h"
#include "freebsd.h"
#include "kqueue.h"

/* struct kevent of sys/sys/event.h (FreeBSD 12 and later) */
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
_Static_assert(__builtin_offsetof(struct fb_kevent, data) == 16, "kevent.data");
_Static_assert(__builtin_offsetof(struct fb_kevent, ext) == 32, "kevent.ext");
/* struct freebsd11_kevent, of freebsd11_kevent (363), which Go up to 1.21 uses: the same fields
 * less ext, with data an intptr_t; so it is exactly struct kevent's first 32 bytes. */
#define KEVENT11_SIZE 32

enum {
	EVFILT_READ = -1, EVFILT_WRITE = -2, EVFILT_AIO = -3, EVFILT_VNODE = -4, EVFILT_PROC = -5,
	EVFILT_SIGNAL = -6, EVFILT_TIMER = -7, EVFILT_PROCDESC = -8, EVFILT_FS = -9,
	EVFILT_LIO = -10, EVFILT_USER = -11, EVFILT_SENDFILE = -12, EVFILT_EMPTY = -13,
};

#define EV_ADD 0x0001
#define EV_DELETE 0x0002
#define EV_ENABLE 0x0004
#define EV_DISABLE 0x0008
#define EV_ONESHOT 0x0010
#define EV_CLEAR 0x0020
#define EV_RECEIPT 0x0040
#define EV_DISPATCH 0x0080
#define EV_FORCEONESHOT 0x0100
#define EV_KEEPUDATA 0x0200
#define EV_SYSFLAGS 0xf000
#define EV_ERROR 0x4000
#define EV_EOF 0x8000

#define NOTE_FFAND 0x40000000u
#define NOTE_FFOR 0x80000000u
#define NOTE_FFCOPY 0xc0000000u
#define NOTE_FFCTRLMASK 0xc0000000u
#define NOTE_FFLAGSMASK 0x00ffffffu
#define NOTE_TRIGGER 0x01000000u
#define NOTE_LOWAT 0x0001
#define NOTE_FILE_POLL 0x0002
#define NOTE_SECONDS 0x01
#define NOTE_MSECONDS 0x02
#define NOTE_USECONDS 0x04
#define NOTE_NSECONDS 0x08
#define NOTE_ABSTIME 0x10
#define NOTE_TIMER_PRECMASK 0x0f

#define KQUEUE_CLOEXEC 0x1
#define KQUEUE_CPONFORK 0x2

#define KQ_NEVENTS 8 /* FreeBSD copies changes in and events out this many at a time */

/* knote.status */
#define KN_ACTIVE 0x01
#define KN_QUEUED 0x02
#define KN_DISABLED 0x04
#define KN_USED 0x80

/* knote.kind, for EVFILT_READ/WRITE: what the descriptor is. The ones from K_REG on are not in
 * epoll (it refuses them) and are evaluated at every scan instead. */
enum { K_SOCK = 1, K_PIPE, K_CHR, K_KQ, K_REG, K_NOPOLL };

#define STALE 0x10000 /* internal: the epoll entry is gone, the fd now names another file */

/* epoll_event.data of each kind of entry */
#define TAG_WAKE (1ull << 63)
#define TAG_TIMER (1ull << 62)
#define GEN_MASK 0x3fffffffu

struct knote {
	struct fb_kevent kev; /* FreeBSD's kn_kevent: what a report returns */
	int64_t sdata;        /* kn_sdata and kn_sfflags: what the program asked */
	uint32_t sfflags;
	uint32_t epmask; /* fd filters: the fd's epoll entry (EPOLLET set when there is one) */
	uint32_t revents; /* fd filters: the epoll events that activated it, while fresh */
	uint32_t hnext, qnext, qprev; /* hash chain and active queue (indices, 0 for none) */
	uint32_t gen;
	int hostfd; /* EVFILT_TIMER: its timerfd */
	uint16_t status;
	uint8_t kind;  /* fd filters: K_*; EVFILT_TIMER: the timerfd's clock */
	uint8_t fresh; /* revents is from epoll and not yet used */
	uint8_t hook;  /* EVFILT_USER: triggered */
};

struct kq {
	int lock;
	int epfd;
	int wakefd; /* -1 until first needed; ready exactly while the queue is not empty */
	int wake_set;
	int refs; /* under g_lock: one for the table, one for each call in progress */
	int closed;
	struct kq *next;
	struct knote *kn; /* kn[0] unused */
	uint32_t cap, freelist;
	uint32_t *hash;
	uint32_t qhead, qtail, qcount;
};

#define FDTAB_N (1u << 20) /* Linux's default fs.nr_open */
#define TAG_HELPER 1u

static uintptr_t *fdtab; /* by fd: its struct kq, or a kq | TAG_HELPER for a kq's own host fds */
static int g_lock;       /* fdtab's kq entries, the live list, kq.refs */
static struct kq *live;
static int owner;        /* the process the kqueues belong to */
static int no_pwait2;

static void lk_lock(int *l)
{
	int c = 0;
	if (__atomic_compare_exchange_n(l, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	if (c != 2)
		c = __atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE);
	while (c) {
		raw4(SYS_futex, l, FUTEX_WAIT_PRIVATE, 2, 0);
		c = __atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE);
	}
}

static void lk_unlock(int *l)
{
	if (__atomic_exchange_n(l, 0, __ATOMIC_RELEASE) == 2)
		raw3(SYS_futex, l, FUTEX_WAKE_PRIVATE, 1);
}

static void *map(size_t n)
{
	long p = raw6(SYS_mmap, 0, n, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	return p < 0 ? 0 : (void *)p;
}

static uintptr_t fdtab_get(int fd)
{
	return fdtab && fd >= 0 && (unsigned)fd < FDTAB_N ? __atomic_load_n(&fdtab[fd], __ATOMIC_ACQUIRE)
							  : 0;
}

static void fdtab_set(int fd, uintptr_t v)
{
	__atomic_store_n(&fdtab[fd], v, __ATOMIC_RELEASE);
}

/* ---- knotes: a hash by (ident, filter) and FreeBSD's queue of active ones ---- */

static uint32_t hslot(const struct kq *kq, uint64_t ident, int filter)
{
	uint64_t h = (ident ^ (uint64_t)(uint16_t)filter << 48) * 0x9e3779b97f4a7c15ull;
	return (uint32_t)(h >> 32) & (kq->cap - 1);
}

static uint32_t kn_find(const struct kq *kq, uint64_t ident, int filter)
{
	if (!kq->cap)
		return 0;
	for (uint32_t i = kq->hash[hslot(kq, ident, filter)]; i; i = kq->kn[i].hnext)
		if (kq->kn[i].kev.ident == ident && kq->kn[i].kev.filter == filter)
			return i;
	return 0;
}

static void hash_insert(struct kq *kq, uint32_t i)
{
	uint32_t *h = &kq->hash[hslot(kq, kq->kn[i].kev.ident, kq->kn[i].kev.filter)];
	kq->kn[i].hnext = *h;
	*h = i;
}

/* Double the knotes and the hash (both are indexed, so moving them is fine under the lock). */
static int kn_grow(struct kq *kq)
{
	uint32_t cap = kq->cap ? kq->cap * 2 : 64;
	if (cap > (1u << 24))
		return -1;
	uint32_t *hash = map(cap * sizeof *hash);
	if (!hash)
		return -1;
	long p = kq->kn ? raw5(SYS_mremap, kq->kn, kq->cap * sizeof *kq->kn, cap * sizeof *kq->kn,
			       MREMAP_MAYMOVE, 0)
			: (long)map(cap * sizeof *kq->kn);
	if (p <= 0 && p > -4096) {
		raw2(SYS_munmap, hash, cap * sizeof *hash);
		return -1;
	}
	if (kq->hash)
		raw2(SYS_munmap, kq->hash, kq->cap * sizeof *kq->hash);
	uint32_t old = kq->cap;
	kq->kn = (struct knote *)p;
	kq->hash = hash;
	kq->cap = cap;
	for (uint32_t i = 1; i < old; i++)
		if (kq->kn[i].status & KN_USED)
			hash_insert(kq, i);
	for (uint32_t i = cap - 1; i >= (old ? old : 1); i--) {
		kq->kn[i].hnext = kq->freelist;
		kq->freelist = i;
	}
	return 0;
}

static uint32_t kn_alloc(struct kq *kq, const struct fb_kevent *kev)
{
	if (!kq->freelist && kn_grow(kq) < 0)
		return 0;
	uint32_t i = kq->freelist;
	struct knote *k = &kq->kn[i];
	kq->freelist = k->hnext;
	uint32_t gen = k->gen;
	memset(k, 0, sizeof *k);
	k->gen = gen;
	k->hostfd = -1;
	k->status = KN_USED;
	/* kqueue_register: the knote keeps the change less its actions; fflags and data become the
	 * saved filter flags and data */
	k->sfflags = kev->fflags;
	k->sdata = kev->data;
	k->kev = *kev;
	k->kev.fflags = 0;
	k->kev.data = 0;
	k->kev.flags &= ~(EV_ADD | EV_DELETE | EV_ENABLE | EV_DISABLE | EV_FORCEONESHOT);
	if (kev->flags & EV_DISABLE)
		k->status |= KN_DISABLED;
	hash_insert(kq, i);
	return i;
}

static void q_insert(struct kq *kq, uint32_t i)
{
	struct knote *k = &kq->kn[i];
	k->qnext = 0;
	k->qprev = kq->qtail;
	if (kq->qtail)
		kq->kn[kq->qtail].qnext = i;
	else
		kq->qhead = i;
	kq->qtail = i;
	k->status |= KN_QUEUED;
	kq->qcount++;
}

static void q_remove(struct kq *kq, uint32_t i)
{
	struct knote *k = &kq->kn[i];
	if (k->qprev)
		kq->kn[k->qprev].qnext = k->qnext;
	else
		kq->qhead = k->qnext;
	if (k->qnext)
		kq->kn[k->qnext].qprev = k->qprev;
	else
		kq->qtail = k->qprev;
	k->status &= ~KN_QUEUED;
	kq->qcount--;
}

/* KNOTE_ACTIVATE */
static void activate(struct kq *kq, uint32_t i)
{
	struct knote *k = &kq->kn[i];
	k->status |= KN_ACTIVE;
	if (!(k->status & (KN_QUEUED | KN_DISABLED)))
		q_insert(kq, i);
}

static void close_helper(int fd)
{
	fdtab_set(fd, 0);
	raw1(SYS_close, fd);
}

static void kn_free(struct kq *kq, uint32_t i)
{
	struct knote *k = &kq->kn[i];
	if (k->status & KN_QUEUED)
		q_remove(kq, i);
	uint32_t *p = &kq->hash[hslot(kq, k->kev.ident, k->kev.filter)];
	while (*p != i)
		p = &kq->kn[*p].hnext;
	*p = k->hnext;
	if (k->hostfd >= 0)
		close_helper(k->hostfd); /* which also takes it out of the epoll set */
	k->status = 0;
	k->gen++;
	k->hnext = kq->freelist;
	kq->freelist = i;
}

/* ---- descriptors (EVFILT_READ, EVFILT_WRITE) ---- */

/* Make the fd's epoll entry match its knotes: EPOLLIN for an enabled read knote, EPOLLOUT for an
 * enabled write knote, none when neither. was: the entry's events before (its epmask). Adding or
 * modifying an entry has epoll check readiness again, as FreeBSD evaluates the filter at every
 * registration. Returns 0, STALE or an errno. */
static int fd_sync(struct kq *kq, int fd, uint32_t was)
{
	uint32_t r = kn_find(kq, (unsigned)fd, EVFILT_READ), w = kn_find(kq, (unsigned)fd, EVFILT_WRITE);
	uint32_t want = 0;
	int kind = 0;
	if (r) {
		kind = kq->kn[r].kind;
		if (!(kq->kn[r].status & KN_DISABLED))
			want |= EPOLLIN | EPOLLRDHUP;
	}
	if (w) {
		kind = kq->kn[w].kind;
		if (!(kq->kn[w].status & KN_DISABLED))
			want |= EPOLLOUT;
	}
	if (kind >= K_REG)
		want = 0;
	long e = 0;
	if (!want) {
		if (was)
			e = raw4(SYS_epoll_ctl, kq->epfd, EPOLL_CTL_DEL, fd, 0);
	} else {
		struct epoll_event ev = { .events = want | EPOLLET, .data.u64 = (unsigned)fd };
		if (was) {
			e = raw4(SYS_epoll_ctl, kq->epfd, EPOLL_CTL_MOD, fd, &ev);
		} else {
			e = raw4(SYS_epoll_ctl, kq->epfd, EPOLL_CTL_ADD, fd, &ev);
			if (e == -EEXIST)
				e = raw4(SYS_epoll_ctl, kq->epfd, EPOLL_CTL_MOD, fd, &ev);
			if (e == -EPERM) { /* no poll method: always ready, like a file */
				if (r)
					kq->kn[r].kind = K_NOPOLL;
				if (w)
					kq->kn[w].kind = K_NOPOLL;
				want = 0;
				e = 0;
			}
		}
		if (want)
			want |= EPOLLET;
	}
	if (e == -ENOENT)
		return STALE;
	if (e < 0)
		return (int)-e;
	if (r)
		kq->kn[r].epmask = want;
	if (w)
		kq->kn[w].epmask = want;
	return 0;
}

static uint32_t fd_epmask(const struct kq *kq, int fd)
{
	uint32_t i = kn_find(kq, (unsigned)fd, EVFILT_READ);
	if (!i)
		i = kn_find(kq, (unsigned)fd, EVFILT_WRITE);
	return i ? kq->kn[i].epmask : 0;
}

/* knote_fdclose for one kqueue. */
static void fd_forget(struct kq *kq, int fd)
{
	uint32_t r = kn_find(kq, (unsigned)fd, EVFILT_READ), w = kn_find(kq, (unsigned)fd, EVFILT_WRITE);
	if (!r && !w)
		return;
	if (fd_epmask(kq, fd))
		raw4(SYS_epoll_ctl, kq->epfd, EPOLL_CTL_DEL, fd, 0);
	if (r)
		kn_free(kq, r);
	if (w)
		kn_free(kq, w);
}

static int fd_open(int fd)
{
	return raw2(SYS_fcntl, fd, F_GETFD) >= 0;
}

/* A new read or write knote (FreeBSD's fget and filter attach). */
static int fd_add(struct kq *kq, struct fb_kevent *kev)
{
	int fd = (int)kev->ident, f = kev->filter;
	uintptr_t t = fdtab_get(fd);
	if ((struct kq *)t == kq)
		return EINVAL; /* a kqueue can't watch itself */
	if (t && f != EVFILT_READ)
		return EINVAL; /* kqueue_kqfilter */
	for (int tries = 0;; tries++) {
		uint32_t sib = kn_find(kq, (unsigned)fd, f == EVFILT_READ ? EVFILT_WRITE : EVFILT_READ);
		int kind;
		uint32_t was = 0;
		if (sib) {
			kind = kq->kn[sib].kind;
			was = kq->kn[sib].epmask;
		} else {
			struct stat st;
			long e = raw2(SYS_fstat, fd, &st);
			if (e < 0)
				return (int)-e;
			kind = t ? K_KQ
			       : S_ISSOCK(st.st_mode) ? K_SOCK
			       : S_ISFIFO(st.st_mode) ? K_PIPE
			       : S_ISREG(st.st_mode)  ? K_REG
			       : S_ISDIR(st.st_mode)  ? K_NOPOLL
						      : K_CHR;
		}
		uint32_t i = kn_alloc(kq, kev);
		if (!i)
			return ENOMEM;
		kq->kn[i].kind = (uint8_t)kind;
		kq->kn[i].epmask = was;
		int e = fd_sync(kq, fd, was);
		if (e == STALE && !tries) { /* the sibling belonged to a file since closed */
			fd_forget(kq, fd);
			continue;
		}
		kev->fflags = 0; /* as kqueue_register leaves the change once the knote exists */
		kev->data = 0;
		if (e) {
			kn_free(kq, i);
			return e == STALE ? EBADF : e;
		}
		if (kq->kn[i].kind >= K_REG && !(kq->kn[i].status & KN_DISABLED))
			activate(kq, i);
		return 0;
	}
}

static void kn_modify(struct kq *kq, uint32_t i, struct fb_kevent *kev);

static int reg_fd(struct kq *kq, struct fb_kevent *kev)
{
	if (kev->ident > INT_MAX)
		return EBADF;
	int fd = (int)kev->ident;
	if ((fdtab_get(fd) & TAG_HELPER) || fd_is_xabis(fd))
		return EBADF; /* not the guest's */
	uint32_t i = kn_find(kq, kev->ident, kev->filter);
	if (!(kev->flags & EV_ADD) && !fd_open(fd)) {
		fd_forget(kq, fd); /* closed behind our back */
		return EBADF;
	}
	if (!i)
		return kev->flags & EV_ADD ? fd_add(kq, kev) : ENOENT;
	uint32_t was = fd_epmask(kq, fd);
	if (kev->flags & EV_DELETE) {
		kn_free(kq, i);
		int e = fd_sync(kq, fd, was);
		if (e == STALE) {
			fd_forget(kq, fd);
			return ENOENT;
		}
		return e;
	}
	kn_modify(kq, i, kev);
	int e = fd_sync(kq, fd, was);
	if (e == STALE) {
		fd_forget(kq, fd);
		return kev->flags & EV_ADD ? fd_add(kq, kev) : ENOENT;
	}
	if (e)
		return e;
	if (kq->kn[i].kind >= K_REG && !(kq->kn[i].status & KN_DISABLED))
		activate(kq, i);
	return 0;
}

static long poll_now(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT | POLLRDHUP };
	struct timespec zero = { 0, 0 };
	if (raw5(SYS_ppoll, &p, 1, &zero, 0, 8) < 0 || (p.revents & POLLNVAL))
		return 0;
	return p.revents;
}

/* FIONREAD, or for a listening TCP socket its accept queue (Linux refuses FIONREAD there); -1 if
 * neither is known. */
static int64_t fd_nread(int fd, int kind)
{
	int n;
	if (raw3(SYS_ioctl, fd, FIONREAD, &n) == 0)
		return n;
	if (kind == K_SOCK) {
		struct tcp_info ti;
		socklen_t len = sizeof ti;
		if (raw5(SYS_getsockopt, fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == 0 &&
		    ti.tcpi_state == 10 /* TCP_LISTEN */)
			return ti.tcpi_unacked; /* for a listener: the accept queue's length */
	}
	return -1;
}

/* Free space: a socket's send buffer less what is queued, a pipe's capacity less its contents;
 * otherwise FreeBSD's PIPE_BUF as a positive estimate. */
static int64_t fd_nwrite(int fd, int kind)
{
	int a, b;
	socklen_t len = sizeof a;
	if (kind == K_SOCK && raw5(SYS_getsockopt, fd, SOL_SOCKET, SO_SNDBUF, &a, &len) == 0) {
		if (raw3(SYS_ioctl, fd, SIOCOUTQ, &b) < 0)
			b = 0;
		return a > b ? a - b : 0;
	}
	if (kind == K_PIPE && (a = (int)raw2(SYS_fcntl, fd, F_GETPIPE_SZ)) > 0 &&
	    raw3(SYS_ioctl, fd, FIONREAD, &b) == 0)
		return a > b ? a - b : 0;
	return 512;
}

/* f_event of the read and write filters: sets kev.data and EV_EOF; 1 when the event holds. */
static int fd_event(struct knote *k)
{
	int fd = (int)k->kev.ident, rd = k->kev.filter == EVFILT_READ, on, eof;
	int64_t data = 0;
	if (k->kind == K_REG && rd) { /* filt_vfsread: what is left to read */
		struct stat st;
		if (raw2(SYS_fstat, fd, &st) < 0)
			return 0;
		long off = raw3(SYS_lseek, fd, 0, SEEK_CUR);
		data = st.st_size - (off < 0 ? 0 : off);
		on = data != 0 || (k->sfflags & NOTE_FILE_POLL);
		eof = 0;
	} else if (k->kind >= K_REG) { /* filt_vfswrite, and whatever epoll can't poll */
		on = 1;
		eof = 0;
	} else {
		uint32_t rev = k->fresh ? k->revents : (uint32_t)poll_now(fd);
		if (rd) {
			on = !!(rev & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR));
			eof = !!(rev & (EPOLLRDHUP | EPOLLHUP));
			if (on) {
				data = k->kind == K_KQ ? -1 : fd_nread(fd, k->kind);
				if (data < 0)
					data = !eof; /* ready, amount unknown */
			}
		} else {
			/* a pipe with no reader polls EPOLLERR; a socket shut down both ways, EPOLLHUP */
			on = !!(rev & (EPOLLOUT | EPOLLHUP | EPOLLERR));
			eof = (rev & EPOLLHUP) || ((rev & EPOLLERR) && k->kind == K_PIPE);
			if (on && !(eof && k->kind == K_PIPE))
				data = fd_nwrite(fd, k->kind);
		}
		if (on && !eof && !(rev & EPOLLERR) && (k->sfflags & NOTE_LOWAT) && data < k->sdata)
			on = 0;
	}
	k->kev.data = data;
	if (eof)
		k->kev.flags |= EV_EOF;
	else
		k->kev.flags &= ~EV_EOF;
	return on;
}

/* ---- EVFILT_TIMER and EVFILT_USER ---- */

/* filt_timervalidate and timer2sbintime; 0 or an errno. */
static int timer_when(struct knote *k, struct timespec *ts)
{
	int64_t d = k->sdata;
	if (d < 0)
		return EINVAL;
	if (d == 0 && !(k->kev.flags & EV_ONESHOT))
		k->sdata = d = 1;
	if (k->sfflags & ~(uint32_t)(NOTE_TIMER_PRECMASK | NOTE_ABSTIME))
		return EINVAL;
	int64_t per;
	switch (k->sfflags & NOTE_TIMER_PRECMASK) {
	case NOTE_SECONDS: per = 1; break;
	case 0: case NOTE_MSECONDS: per = 1000; break;
	case NOTE_USECONDS: per = 1000000; break;
	case NOTE_NSECONDS: per = 1000000000; break;
	default: return EINVAL;
	}
	ts->tv_sec = d / per;
	ts->tv_nsec = (d % per) * (1000000000 / per);
	return 0;
}

/* Start (or restart) the knote's timer: relative ones on the monotonic clock, NOTE_ABSTIME ones
 * at a time of day. A zero time still fires (timerfd would disarm). */
static int timer_arm(struct kq *kq, uint32_t i, const struct timespec *ts)
{
	struct knote *k = &kq->kn[i];
	int abs = !!(k->sfflags & NOTE_ABSTIME), clock = abs ? CLOCK_REALTIME : CLOCK_MONOTONIC;
	if (k->hostfd >= 0 && k->kind != clock) {
		close_helper(k->hostfd);
		k->hostfd = -1;
	}
	if (k->hostfd < 0) {
		long fd = raw2(SYS_timerfd_create, clock, TFD_NONBLOCK | TFD_CLOEXEC);
		if (fd < 0)
			return (int)-fd;
		if (fd >= FDTAB_N) {
			raw1(SYS_close, fd);
			return EMFILE;
		}
		struct epoll_event ev = {
			.events = EPOLLIN | EPOLLET,
			.data.u64 = TAG_TIMER | (uint64_t)(k->gen & GEN_MASK) << 32 | i,
		};
		long e = raw4(SYS_epoll_ctl, kq->epfd, EPOLL_CTL_ADD, fd, &ev);
		if (e < 0) {
			raw1(SYS_close, fd);
			return (int)-e;
		}
		fdtab_set((int)fd, (uintptr_t)kq | TAG_HELPER);
		k->hostfd = (int)fd;
		k->kind = (uint8_t)clock;
	} else {
		uint64_t n;
		raw3(SYS_read, k->hostfd, &n, sizeof n); /* forget expirations of the old setting */
	}
	struct itimerspec it = { .it_value = *ts };
	if (!it.it_value.tv_sec && !it.it_value.tv_nsec)
		it.it_value.tv_nsec = 1;
	if (!abs && !(k->kev.flags & EV_ONESHOT))
		it.it_interval = *ts;
	long e = raw4(SYS_timerfd_settime, k->hostfd, abs ? TFD_TIMER_ABSTIME : 0, &it, 0);
	return e < 0 ? (int)-e : 0;
}

/* filt_timertouch, EVENT_REGISTER: a new EV_ADD restarts the timer with the new period. */
static void timer_touch(struct kq *kq, uint32_t i, const struct fb_kevent *kev)
{
	struct knote *k = &kq->kn[i];
	if (!(kev->flags & EV_ADD))
		return;
	if (k->status & KN_QUEUED)
		q_remove(kq, i);
	k->status &= ~KN_ACTIVE;
	k->kev.data = 0;
	k->sfflags = kev->fflags;
	k->sdata = kev->data;
	struct timespec ts;
	int e = timer_when(k, &ts);
	if (!e)
		e = timer_arm(kq, i, &ts);
	if (e) {
		static const struct itimerspec off;
		if (k->hostfd >= 0)
			raw4(SYS_timerfd_settime, k->hostfd, 0, &off, 0);
		k->kev.flags |= EV_ERROR; /* reported at the next scan, as FreeBSD does */
		k->kev.data = freebsd_errno_from_host(e);
	}
}

/* filt_usertouch, EVENT_REGISTER */
static void user_touch(struct knote *k, struct fb_kevent *kev)
{
	if (kev->fflags & NOTE_TRIGGER)
		k->hook = 1;
	uint32_t ctl = kev->fflags & NOTE_FFCTRLMASK;
	kev->fflags &= NOTE_FFLAGSMASK;
	if (ctl == NOTE_FFAND)
		k->sfflags &= kev->fflags;
	else if (ctl == NOTE_FFOR)
		k->sfflags |= kev->fflags;
	else if (ctl == NOTE_FFCOPY)
		k->sfflags = kev->fflags;
	k->sdata = kev->data;
	if (kev->flags & EV_CLEAR) {
		k->hook = 0;
		k->kev.data = 0;
		k->kev.fflags = 0;
	}
}

/* f_event for the filters without a descriptor. */
static int soft_event(struct knote *k)
{
	if (k->kev.filter == EVFILT_USER)
		return k->hook;
	uint64_t n;
	if (k->hostfd >= 0 && raw3(SYS_read, k->hostfd, &n, sizeof n) == sizeof n)
		k->kev.data += (int64_t)n;
	return k->kev.data != 0;
}

static int reg_soft(struct kq *kq, struct fb_kevent *kev)
{
	uint32_t i = kn_find(kq, kev->ident, kev->filter);
	if (!i) {
		if (!(kev->flags & EV_ADD))
			return ENOENT;
		i = kn_alloc(kq, kev);
		if (!i)
			return ENOMEM;
		kev->fflags = 0;
		kev->data = 0;
		if (kev->filter == EVFILT_TIMER) { /* filt_timerattach */
			struct knote *k = &kq->kn[i];
			struct timespec ts;
			int e = timer_when(k, &ts);
			if (!(k->sfflags & NOTE_ABSTIME))
				k->kev.flags |= EV_CLEAR;
			if (!e)
				e = timer_arm(kq, i, &ts);
			if (e) {
				kn_free(kq, i);
				return e;
			}
		}
		/* filt_userattach looks for NOTE_TRIGGER in kn_fflags, which is 0 by then: a new
		 * user knote is never triggered */
		return 0;
	}
	if (kev->flags & EV_DELETE) {
		kn_free(kq, i);
		return 0;
	}
	kn_modify(kq, i, kev);
	struct knote *k = &kq->kn[i];
	if (!(k->status & KN_DISABLED) && soft_event(k))
		activate(kq, i);
	return 0;
}

/* ---- registration: kqueue_register ---- */

/* The part common to every existing knote that a change modifies. */
static void kn_modify(struct kq *kq, uint32_t i, struct fb_kevent *kev)
{
	struct knote *k = &kq->kn[i];
	if (kev->flags & EV_FORCEONESHOT) {
		k->kev.flags |= EV_ONESHOT;
		activate(kq, i);
	}
	if (kev->flags & EV_ENABLE)
		k->status &= ~KN_DISABLED;
	else if (kev->flags & EV_DISABLE)
		k->status |= KN_DISABLED;
	if (!(kev->flags & EV_KEEPUDATA))
		k->kev.udata = kev->udata;
	if (k->kev.filter == EVFILT_USER) {
		user_touch(k, kev);
	} else if (k->kev.filter == EVFILT_TIMER) {
		timer_touch(kq, i, kev);
	} else {
		k->sfflags = kev->fflags;
		k->sdata = kev->data;
	}
	/* an active knote that is enabled again is queued again, and evaluated by the scan */
	if ((k->status & (KN_ACTIVE | KN_DISABLED | KN_QUEUED)) == KN_ACTIVE)
		q_insert(kq, i);
}

static const char *unsupported(int filter)
{
	switch (filter) {
	case EVFILT_AIO: return "EVFILT_AIO";
	case EVFILT_VNODE: return "EVFILT_VNODE";
	case EVFILT_PROC: return "EVFILT_PROC";
	case EVFILT_SIGNAL: return "EVFILT_SIGNAL";
	case EVFILT_PROCDESC: return "EVFILT_PROCDESC";
	case EVFILT_FS: return "EVFILT_FS";
	case EVFILT_LIO: return "EVFILT_LIO";
	case EVFILT_SENDFILE: return "EVFILT_SENDFILE";
	case EVFILT_EMPTY: return "EVFILT_EMPTY";
	}
	return 0;
}

/* One change; 0 or a host errno. */
static int kq_register(const struct trap *tr, struct kq *kq, struct fb_kevent *kev)
{
	if ((kev->flags & (EV_ENABLE | EV_DISABLE)) == (EV_ENABLE | EV_DISABLE))
		return EINVAL;
	switch (kev->filter) {
	case EVFILT_READ: case EVFILT_WRITE: case EVFILT_TIMER: case EVFILT_USER:
		break;
	default: {
		const char *name = unsupported(kev->filter);
		if (name)
			diag_not_implemented(tr, name);
		return EINVAL; /* kqueue_fo_find: no such filter */
	}
	}
	if ((kev->flags & EV_ADD) && (kev->flags & EV_KEEPUDATA))
		return EINVAL;
	if (kev->filter == EVFILT_READ || kev->filter == EVFILT_WRITE)
		return reg_fd(kq, kev);
	return reg_soft(kq, kev);
}

/* ---- the kqueue's readiness and its scan ---- */

/* Keep the wake eventfd ready exactly while knotes are queued (level-triggered): a blocked
 * kevent then returns, and poll on the kqueue sees it readable, as FreeBSD's kq_count makes it. */
static void wake_sync(struct kq *kq)
{
	if (!!kq->qcount == kq->wake_set)
		return;
	uint64_t one = 1;
	if (kq->wakefd < 0) {
		long fd = raw2(SYS_eventfd2, 0, EFD_CLOEXEC | EFD_NONBLOCK);
		if (fd < 0)
			return;
		struct epoll_event ev = { .events = EPOLLIN, .data.u64 = TAG_WAKE };
		if (fd >= FDTAB_N || raw4(SYS_epoll_ctl, kq->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
			raw1(SYS_close, fd);
			return;
		}
		fdtab_set((int)fd, (uintptr_t)kq | TAG_HELPER);
		kq->wakefd = (int)fd;
	}
	if (kq->qcount)
		raw3(SYS_write, kq->wakefd, &one, sizeof one);
	else
		raw3(SYS_read, kq->wakefd, &one, sizeof one);
	kq->wake_set = !!kq->qcount;
}

static void take_events(struct kq *kq, const struct epoll_event *evs, long n)
{
	for (long j = 0; j < n; j++) {
		uint64_t d = evs[j].data.u64;
		uint32_t ev = evs[j].events, i;
		if (d == TAG_WAKE)
			continue;
		if (d & TAG_TIMER) {
			i = (uint32_t)d;
			if (i < kq->cap && (kq->kn[i].status & KN_USED) &&
			    (kq->kn[i].gen & GEN_MASK) == ((d >> 32) & GEN_MASK))
				activate(kq, i);
			continue;
		}
		if ((ev & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) &&
		    (i = kn_find(kq, d, EVFILT_READ))) {
			kq->kn[i].revents = ev;
			kq->kn[i].fresh = 1;
			activate(kq, i);
		}
		if ((ev & (EPOLLOUT | EPOLLHUP | EPOLLERR)) && (i = kn_find(kq, d, EVFILT_WRITE))) {
			kq->kn[i].revents = ev;
			kq->kn[i].fresh = 1;
			activate(kq, i);
		}
	}
}

static void harvest(struct kq *kq)
{
	struct epoll_event evs[64];
	long n = raw4(SYS_epoll_wait, kq->epfd, evs, 64, 0);
	if (n > 0)
		take_events(kq, evs, n);
}

/* Copy n events to the guest's list as element at onward, in its struct (old: freebsd11_kevent). */
static long put_events(void *ulist, int old, int at, const struct fb_kevent *k, int n)
{
	if (!old)
		return xabi_copy_safe((struct fb_kevent *)ulist + at, k, n * sizeof *k);
	char o[KQ_NEVENTS * KEVENT11_SIZE];
	for (int i = 0; i < n; i++)
		memcpy(o + i * KEVENT11_SIZE, &k[i], KEVENT11_SIZE);
	return xabi_copy_safe((char *)ulist + at * KEVENT11_SIZE, o, n * KEVENT11_SIZE);
}

static long get_changes(const void *uchanges, int old, struct fb_kevent *k, int n)
{
	if (!old)
		return xabi_copy_safe(k, uchanges, n * sizeof *k);
	char o[KQ_NEVENTS * KEVENT11_SIZE];
	if (xabi_copy_safe(o, uchanges, n * KEVENT11_SIZE) < 0)
		return -EFAULT;
	memset(k, 0, n * sizeof *k);
	for (int i = 0; i < n; i++)
		memcpy(&k[i], o + i * KEVENT11_SIZE, KEVENT11_SIZE);
	return 0;
}

/* One pass over the queue, as kqueue_scan's: each queued knote is evaluated once; reported ones
 * go to ulist[*np...], at most max in all. 0 or -EFAULT. */
static long collect(struct kq *kq, void *ulist, int old, int max, int *np)
{
	struct fb_kevent buf[KQ_NEVENTS];
	int nb = 0;
	for (uint32_t todo = kq->qcount; todo && *np + nb < max; todo--) {
		uint32_t i = kq->qhead;
		struct knote *k = &kq->kn[i];
		q_remove(kq, i);
		if (k->status & KN_DISABLED)
			continue; /* stays active: enabling it queues it again */
		int isfd = k->kev.filter == EVFILT_READ || k->kev.filter == EVFILT_WRITE;
		int on = isfd ? fd_event(k) : soft_event(k);
		k->fresh = 0;
		if (k->kev.flags & EV_ONESHOT) {
			if (isfd && !on) {
				k->status &= ~KN_ACTIVE;
				continue;
			}
			buf[nb++] = k->kev;
			int fd = (int)k->kev.ident;
			uint32_t was = isfd ? k->epmask : 0;
			kn_free(kq, i);
			if (isfd)
				fd_sync(kq, fd, was);
		} else if (!on) {
			k->status &= ~KN_ACTIVE;
			continue;
		} else {
			struct fb_kevent *out = &buf[nb++];
			*out = k->kev;
			if (k->kev.filter == EVFILT_USER) { /* filt_usertouch, EVENT_PROCESS */
				out->fflags = k->sfflags;
				out->data = k->sdata;
				if (k->kev.flags & EV_CLEAR)
					k->hook = 0;
			}
			if (k->kev.flags & EV_CLEAR) {
				k->kev.data = 0;
				k->kev.fflags = 0;
			}
			if (k->kev.flags & (EV_CLEAR | EV_DISPATCH)) {
				k->status &= ~KN_ACTIVE;
				if (k->kev.flags & EV_DISPATCH) {
					k->status |= KN_DISABLED;
					if (isfd)
						fd_sync(kq, (int)k->kev.ident, k->epmask);
				}
			} else {
				q_insert(kq, i); /* level-triggered: evaluated again at the next scan */
			}
		}
		if (nb == KQ_NEVENTS) {
			if (put_events(ulist, old, *np, buf, nb) < 0)
				return -EFAULT;
			*np += nb;
			nb = 0;
		}
	}
	if (nb && put_events(ulist, old, *np, buf, nb) < 0)
		return -EFAULT;
	*np += nb;
	return 0;
}

static long wait_events(struct trap *tr, int epfd, struct epoll_event *evs, int n,
			const struct timespec *rel)
{
	if (!no_pwait2) {
		long r = xabi_syscall_cp(&tr->t->intr, SYS_epoll_pwait2, epfd, (long)evs, n, (long)rel,
					 0, 8);
		if (r != -ENOSYS)
			return r;
		no_pwait2 = 1;
	}
	long ms = -1;
	if (rel) {
		ms = rel->tv_sec * 1000 + (rel->tv_nsec + 999999) / 1000000;
		if (ms > INT_MAX)
			ms = INT_MAX;
	}
	return xabi_syscall_cp(&tr->t->intr, SYS_epoll_pwait, epfd, (long)evs, n, ms, 0, 8);
}

/* kqueue_scan; the kqueue is locked on entry and on return. */
static long kq_scan(struct trap *tr, struct kq *kq, void *ulist, int old, int max,
		    const struct timespec *ts)
{
	if (max == 0)
		return 0;
	if (max < 0)
		return -EINVAL;
	int poll = 0, forever = !ts;
	struct timespec end;
	if (ts) {
		if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000)
			return -EINVAL;
		if (!ts->tv_sec && !ts->tv_nsec) {
			poll = 1;
		} else if (ts->tv_sec > INT32_MAX) {
			forever = 1;
		} else {
			raw2(SYS_clock_gettime, CLOCK_MONOTONIC, &end);
			end.tv_sec += ts->tv_sec;
			end.tv_nsec += ts->tv_nsec;
			if (end.tv_nsec >= 1000000000) {
				end.tv_sec++;
				end.tv_nsec -= 1000000000;
			}
		}
	}
	struct epoll_event evs[64];
	int n = 0;
	long r = 0;
	if (kq->qcount || poll)
		harvest(kq);
	for (;;) {
		r = collect(kq, ulist, old, max, &n);
		if (r < 0 || n > 0 || poll)
			break;
		struct timespec rel, *relp = 0;
		if (!forever) {
			raw2(SYS_clock_gettime, CLOCK_MONOTONIC, &rel);
			rel.tv_sec = end.tv_sec - rel.tv_sec;
			rel.tv_nsec = end.tv_nsec - rel.tv_nsec;
			if (rel.tv_nsec < 0) {
				rel.tv_sec--;
				rel.tv_nsec += 1000000000;
			}
			if (rel.tv_sec < 0)
				break;
			relp = &rel;
		}
		wake_sync(kq);
		int epfd = kq->epfd;
		lk_unlock(&kq->lock);
		r = wait_events(tr, epfd, evs, max < 64 ? max : 64, relp);
		lk_lock(&kq->lock);
		if (r == XABI_CANCELLED)
			r = -EINTR; /* FreeBSD never restarts kevent */
		if (r >= 0 && kq->closed)
			r = -EBADF;
		if (r < 0)
			break;
		take_events(kq, evs, r);
	}
	if (!kq->closed)
		wake_sync(kq);
	return r < 0 ? r : n;
}

/* ---- kqueues and the descriptor table ---- */

static void kq_free(struct kq *kq)
{
	if (kq->kn)
		raw2(SYS_munmap, kq->kn, kq->cap * sizeof *kq->kn);
	if (kq->hash)
		raw2(SYS_munmap, kq->hash, kq->cap * sizeof *kq->hash);
	raw2(SYS_munmap, kq, sizeof *kq);
}

static void kq_put(struct kq *kq)
{
	lk_lock(&g_lock);
	int last = !--kq->refs;
	lk_unlock(&g_lock);
	if (last)
		kq_free(kq);
}

/* The host fds a kqueue keeps: closed when close_fds, else only forgotten. */
static void kq_release_fds(struct kq *kq, int close_fds)
{
	for (uint32_t i = 1; i < kq->cap; i++)
		if ((kq->kn[i].status & KN_USED) && kq->kn[i].hostfd >= 0) {
			fdtab_set(kq->kn[i].hostfd, 0);
			if (close_fds)
				raw1(SYS_close, kq->kn[i].hostfd);
			kq->kn[i].hostfd = -1;
		}
	if (kq->wakefd >= 0) {
		fdtab_set(kq->wakefd, 0);
		if (close_fds)
			raw1(SYS_close, kq->wakefd);
		kq->wakefd = -1;
	}
}

/* Take a kqueue that left the table and the live list (g_lock held there) out of service. */
static void kq_retire(struct kq *kq, int close_fds)
{
	lk_lock(&kq->lock);
	kq_release_fds(kq, close_fds);
	kq->closed = 1;
	lk_unlock(&kq->lock);
	kq_put(kq);
}

static void unlink_live(struct kq *kq)
{
	struct kq **p = &live;
	while (*p && *p != kq)
		p = &(*p)->next;
	if (*p)
		*p = kq->next;
}

/* After a fork, in the child: the kqueues are the parent's. No other thread exists, so no lock
 * is taken (one may have been held by a thread that did not come along). */
static void forget_all(int pid)
{
	for (struct kq *q = live, *next; q; q = next) {
		next = q->next;
		kq_release_fds(q, 1);
		raw1(SYS_close, q->epfd);
		kq_free(q);
	}
	live = 0;
	g_lock = 0;
	if (fdtab) {
		raw2(SYS_munmap, fdtab, FDTAB_N * sizeof *fdtab);
		fdtab = 0;
	}
	__atomic_store_n(&owner, pid, __ATOMIC_RELEASE);
}

static int same_process(void)
{
	int o = __atomic_load_n(&owner, __ATOMIC_ACQUIRE);
	return !o || o == (int)raw0(SYS_getpid);
}

void freebsd_kqueue_forked(void)
{
	forget_all((int)raw0(SYS_getpid));
}

static struct kq *kq_get(int fd)
{
	if (!same_process())
		freebsd_kqueue_forked();
	if (!fdtab || fd < 0 || (unsigned)fd >= FDTAB_N)
		return 0;
	lk_lock(&g_lock);
	uintptr_t t = fdtab[fd];
	struct kq *kq = t & TAG_HELPER ? 0 : (struct kq *)t;
	if (kq)
		kq->refs++;
	lk_unlock(&g_lock);
	return kq;
}

static long kq_create(long cloexec)
{
	if (!same_process())
		freebsd_kqueue_forked();
	lk_lock(&g_lock);
	if (!fdtab)
		fdtab = map(FDTAB_N * sizeof *fdtab);
	lk_unlock(&g_lock);
	struct kq *kq = map(sizeof *kq);
	if (!fdtab || !kq) {
		if (kq)
			raw2(SYS_munmap, kq, sizeof *kq);
		return -ENOMEM;
	}
	long fd = raw1(SYS_epoll_create1, cloexec ? EPOLL_CLOEXEC : 0);
	if (fd >= FDTAB_N) {
		raw1(SYS_close, fd);
		fd = -EMFILE;
	}
	if (fd < 0) {
		raw2(SYS_munmap, kq, sizeof *kq);
		return fd;
	}
	kq->epfd = (int)fd;
	kq->wakefd = -1;
	kq->refs = 1;
	lk_lock(&g_lock);
	if (!owner)
		owner = (int)raw0(SYS_getpid);
	uintptr_t stale = fdtab[fd];
	kq->next = live;
	live = kq;
	fdtab_set((int)fd, (uintptr_t)kq);
	if (stale && !(stale & TAG_HELPER))
		unlink_live((struct kq *)stale);
	lk_unlock(&g_lock);
	/* The number was free, so the kqueue that had it was closed without close(2) passing here
	 * (a caller of freebsd_kqueue_fd_closing missing): forget it, and leave its fds alone. */
	if (stale && !(stale & TAG_HELPER))
		kq_retire((struct kq *)stale, 0);
	return fd;
}

long freebsd_sys_kqueue(struct trap *tr)
{
	(void)tr;
	return kq_create(0);
}

long freebsd_sys_kqueuex(struct trap *tr)
{
	unsigned long f = (unsigned long)tr->arg[0];
	if (f & KQUEUE_CPONFORK) {
		diag_not_implemented(tr, "KQUEUE_CPONFORK");
		return -EINVAL;
	}
	if (f & ~(unsigned long)KQUEUE_CLOEXEC)
		return -EINVAL;
	return kq_create(f & KQUEUE_CLOEXEC);
}

/* kevent(kq, changelist, nchanges, eventlist, nevents, timeout): kqueue_kevent. */
static long do_kevent(struct trap *tr, int old)
{
	int fd = (int)tr->arg[0], nchanges = (int)tr->arg[2], nevents = (int)tr->arg[4];
	const char *uchanges = (const void *)tr->arg[1];
	void *ulist = (void *)tr->arg[3];
	int size = old ? KEVENT11_SIZE : (int)sizeof(struct fb_kevent);
	struct kq *kq = kq_get(fd);
	if (!kq)
		return fd_open(fd) ? -EINVAL : -EBADF;
	struct timespec ts;
	long r = 0;
	if (tr->arg[5] && xabi_copy_safe(&ts, (const void *)tr->arg[5], sizeof ts) < 0) {
		r = -EFAULT;
		goto out;
	}
	if (nchanges < 0) {
		r = -EINVAL;
		goto out;
	}
	lk_lock(&kq->lock);
	int nerrors = 0, done = 0, nout = 0;
	struct fb_kevent buf[KQ_NEVENTS];
	while (nchanges > 0 && !done && !kq->closed) {
		int c = nchanges > KQ_NEVENTS ? KQ_NEVENTS : nchanges;
		if (get_changes(uchanges, old, buf, c) < 0) {
			r = -EFAULT;
			break;
		}
		uchanges += c * size;
		nchanges -= c;
		for (int i = 0; i < c; i++) {
			struct fb_kevent *kev = &buf[i];
			if (!kev->filter)
				continue;
			kev->flags &= ~EV_SYSFLAGS;
			int e = kq_register(tr, kq, kev);
			if (!e && !(kev->flags & EV_RECEIPT))
				continue;
			/* with room in the event list a change's error (or receipt) is an event;
			 * without, the call fails with it (and a receipt ends the call) */
			if (nevents == 0) {
				r = -e;
				done = 1;
				break;
			}
			kev->flags = EV_ERROR;
			kev->data = e ? freebsd_errno_from_host(e) : 0;
			if (put_events(ulist, old, nout, kev, 1) == 0)
				nout++;
			nevents--;
			nerrors++;
		}
	}
	if (kq->closed)
		r = -EBADF;
	else if (!r && !done)
		r = nerrors ? nerrors : kq_scan(tr, kq, ulist, old, nevents, tr->arg[5] ? &ts : 0);
	if (!kq->closed)
		wake_sync(kq);
	lk_unlock(&kq->lock);
out:
	kq_put(kq);
	return r;
}

long freebsd_sys_kevent(struct trap *tr)
{
	return do_kevent(tr, 0);
}

long freebsd_sys_freebsd11_kevent(struct trap *tr)
{
	return do_kevent(tr, 1);
}

/* ---- closing descriptors ---- */

int freebsd_kqueue_fd_is_internal(int fd)
{
	return (fdtab_get(fd) & TAG_HELPER) && same_process();
}

void freebsd_kqueue_fd_closing(int fd)
{
	/* In a fork's or vfork's child the kqueues (and after a vfork, their memory) are the
	 * parent's: nothing here is the child's to change. */
	if (!fdtab || fd < 0 || (unsigned)fd >= FDTAB_N || !same_process())
		return;
	lk_lock(&g_lock);
	uintptr_t t = fdtab[fd];
	struct kq *self = t & TAG_HELPER ? 0 : (struct kq *)t;
	for (struct kq *q = live; q; q = q->next) {
		if (q == self)
			continue;
		lk_lock(&q->lock);
		fd_forget(q, fd);
		wake_sync(q);
		lk_unlock(&q->lock);
	}
	if (self) {
		unlink_live(self);
		fdtab_set(fd, 0);
	}
	lk_unlock(&g_lock);
	if (self)
		kq_retire(self, 1);
}

long freebsd_sys_close(struct trap *tr)
{
	int fd = (int)tr->arg[0];
	if (fd_is_xabis(fd) || freebsd_kqueue_fd_is_internal(fd))
		return -EBADF;
	freebsd_kqueue_fd_closing(fd);
	return raw1(SYS_close, fd);
}
