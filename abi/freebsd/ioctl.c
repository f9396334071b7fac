/* FreeBSD ioctl over Linux's: the generic file requests and the terminal ones, with FreeBSD's
 * struct termios. Facts: FreeBSD 14's sys/sys/ioccom.h, filio.h, ttycom.h, _termios.h and
 * sys/kern/tty.c, sys_generic.c. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include "../../syscall/copy.h"
#include "../../syscall/diag.h"
#include "../../syscall/fmt.h"
#include "../../syscall/memory.h"
#include "../../syscall/raw.h"
#include "../../syscall/trap.h"
#include "../../syscall/xthread.h"
#include "freebsd.h"

/* sys/sys/ioccom.h: direction, parameter length, group and number in 32 bits */
#define IOC_VOID 0x20000000u
#define IOC_OUT 0x40000000u
#define IOC_IN 0x80000000u
#define IOCPARM_MASK 0x1fffu
#define IOC(dir, g, n, len) ((dir) | ((len) & IOCPARM_MASK) << 16 | (unsigned)(g) << 8 | (n))
#define IO(g, n) IOC(IOC_VOID, g, n, 0)
#define IOR(g, n, len) IOC(IOC_OUT, g, n, len)
#define IOW(g, n, len) IOC(IOC_IN, g, n, len)

/* sys/sys/filio.h */
#define FB_FIOCLEX IO('f', 1)
#define FB_FIONCLEX IO('f', 2)
#define FB_FIONREAD IOR('f', 127, 4)
#define FB_FIONBIO IOW('f', 126, 4)
#define FB_FIOASYNC IOW('f', 125, 4)
#define FB_FIOSETOWN IOW('f', 124, 4)
#define FB_FIOGETOWN IOR('f', 123, 4)

/* sys/sys/ttycom.h */
#define FB_TIOCEXCL IO('t', 13)
#define FB_TIOCNXCL IO('t', 14)
#define FB_TIOCFLUSH IOW('t', 16, 4)
#define FB_TIOCGETA IOR('t', 19, 44)
#define FB_TIOCSETA IOW('t', 20, 44)
#define FB_TIOCSETAW IOW('t', 21, 44)
#define FB_TIOCSETAF IOW('t', 22, 44)
#define FB_TIOCGETD IOR('t', 26, 4)
#define FB_TIOCSETD IOW('t', 27, 4)
#define FB_TIOCDRAIN IO('t', 94)
#define FB_TIOCSCTTY IO('t', 97)
#define FB_TIOCGSID IOR('t', 99, 4)
#define FB_TIOCSWINSZ IOW('t', 103, 8)
#define FB_TIOCGWINSZ IOR('t', 104, 8)
#define FB_TIOCMGET IOR('t', 106, 4)
#define FB_TIOCMBIC IOW('t', 107, 4)
#define FB_TIOCMBIS IOW('t', 108, 4)
#define FB_TIOCMSET IOW('t', 109, 4)
#define FB_TIOCSTART IO('t', 110)
#define FB_TIOCSTOP IO('t', 111)
#define FB_TIOCPKT IOW('t', 112, 4)
#define FB_TIOCNOTTY IO('t', 113)
#define FB_TIOCOUTQ IOR('t', 115, 4)
#define FB_TIOCSPGRP IOW('t', 118, 4)
#define FB_TIOCGPGRP IOR('t', 119, 4)
#define FB_TIOCCBRK IO('t', 122)
#define FB_TIOCSBRK IO('t', 123)
_Static_assert(FB_TIOCGETA == 0x402c7413 && FB_TIOCSWINSZ == 0x80087467, "ioctl encoding");

#define FB_FREAD 1 /* TIOCFLUSH's queues (sys/sys/fcntl.h) */
#define FB_FWRITE 2

/* Linux's termios2 requests, which carry the speeds as numbers (asm-generic/ioctls.h). */
#define LX_TCGETS2 0x802c542a
#define LX_TCSETS2 0x402c542b
#define LX_TCSETSW2 0x402c542c
#define LX_TCSETSF2 0x402c542d
#define LX_BOTHER 0010000 /* "the speed is in c_ospeed/c_ispeed" */
#define LX_IBSHIFT 16     /* CIBAUD: the input speed's code, 0 for the output speed */

/* Requests with the same argument, or none, on both. TIOCMGET and friends: the TIOCM_* bits
 * are the same; TIOCPKT's TIOCPKT_* too. */
static const struct {
	uint32_t guest;
	unsigned host;
	int noarg;
} same[] = {
	{FB_FIOCLEX, FIOCLEX, 1},     {FB_FIONCLEX, FIONCLEX, 1},   {FB_FIONREAD, FIONREAD, 0},
	{FB_FIONBIO, FIONBIO, 0},     {FB_FIOASYNC, FIOASYNC, 0},   {FB_TIOCEXCL, TIOCEXCL, 1},
	{FB_TIOCNXCL, TIOCNXCL, 1},   {FB_TIOCGETD, TIOCGETD, 0},   {FB_TIOCSCTTY, TIOCSCTTY, 1},
	{FB_TIOCGSID, TIOCGSID, 0},   {FB_TIOCSWINSZ, TIOCSWINSZ, 0}, {FB_TIOCGWINSZ, TIOCGWINSZ, 0},
	{FB_TIOCMGET, TIOCMGET, 0},   {FB_TIOCMBIC, TIOCMBIC, 0},   {FB_TIOCMBIS, TIOCMBIS, 0},
	{FB_TIOCMSET, TIOCMSET, 0},   {FB_TIOCPKT, TIOCPKT, 0},     {FB_TIOCNOTTY, TIOCNOTTY, 1},
	{FB_TIOCOUTQ, TIOCOUTQ, 0},   {FB_TIOCSPGRP, TIOCSPGRP, 0}, {FB_TIOCGPGRP, TIOCGPGRP, 0},
	{FB_TIOCCBRK, TIOCCBRK, 1},   {FB_TIOCSBRK, TIOCSBRK, 1},
};

/* struct termios of sys/sys/_termios.h */
#define FB_NCCS 20
struct fb_termios {
	uint32_t iflag, oflag, cflag, lflag;
	uint8_t cc[FB_NCCS];
	uint32_t ispeed, ospeed; /* plain numbers: B9600 is 9600 */
};
_Static_assert(sizeof(struct fb_termios) == 44, "FreeBSD struct termios");

struct lx_termios2 {
	uint32_t iflag, oflag, cflag, lflag;
	uint8_t line;
	uint8_t cc[19];
	uint32_t ispeed, ospeed;
};
_Static_assert(sizeof(struct lx_termios2) == 44, "Linux struct termios2");

struct bits {
	uint32_t guest, host;
};

static const struct bits iflags[] = {
	{0x0001, IGNBRK}, {0x0002, BRKINT}, {0x0004, IGNPAR}, {0x0008, PARMRK},
	{0x0010, INPCK},  {0x0020, ISTRIP}, {0x0040, INLCR},  {0x0080, IGNCR},
	{0x0100, ICRNL},  {0x0200, IXON},   {0x0400, IXOFF},  {0x0800, IXANY},
	{0x2000, IMAXBEL}, {0x4000, IUTF8},
};
/* ONOEOT (0x8, drop ^D on output) has no Linux twin and is dropped. */
static const struct bits oflags[] = {
	{0x0001, OPOST}, {0x0002, ONLCR}, {0x0004, TAB3}, {0x0010, OCRNL},
	{0x0020, ONOCR}, {0x0040, ONLRET},
};
/* CSIZE is a field, converted apart. Linux has one bit for both CTS output and RTS input flow
 * control; CDTR_IFLOW, CDSR_OFLOW, CCAR_OFLOW and CNO_RTSDTR have none and are dropped. */
static const struct bits cflags[] = {
	{0x0400, CSTOPB}, {0x0800, CREAD},   {0x1000, PARENB},  {0x2000, PARODD},
	{0x4000, HUPCL},  {0x8000, CLOCAL},  {0x10000, CRTSCTS}, {0x20000, CRTSCTS},
};
/* ALTWERASE and NOKERNINFO (no VSTATUS on Linux) are dropped. */
static const struct bits lflags[] = {
	{0x00000001, ECHOKE},  {0x00000002, ECHOE},  {0x00000004, ECHOK},  {0x00000008, ECHO},
	{0x00000010, ECHONL},  {0x00000020, ECHOPRT}, {0x00000040, ECHOCTL}, {0x00000080, ISIG},
	{0x00000100, ICANON},  {0x00000400, IEXTEN}, {0x00000800, EXTPROC}, {0x00400000, TOSTOP},
	{0x00800000, FLUSHO},  {0x20000000, PENDIN}, {0x80000000, NOFLSH},
};
#define FB_CIGNORE 0x0001 /* c_cflag: leave the control flags (and speeds) as they are */
#define FB_CSIZE_SHIFT 8  /* CS5..CS8 are 0..3 << 8; Linux's 0..3 << 4 */
#define LX_CSIZE_SHIFT 4

/* c_cc: FreeBSD's index and Linux's. VERASE2, VDSUSP and VSTATUS have no Linux twin. */
static const struct {
	uint8_t guest, host;
} ccs[] = {
	{0, VEOF},     {1, VEOL},    {2, VEOL2},   {3, VERASE}, {4, VWERASE}, {5, VKILL},
	{6, VREPRINT}, {8, VINTR},   {9, VQUIT},   {10, VSUSP}, {12, VSTART}, {13, VSTOP},
	{14, VLNEXT},  {15, VDISCARD}, {16, VMIN}, {17, VTIME},
};
#define FB_VMIN 16
#define FB_VTIME 17
#define FB_POSIX_VDISABLE 0xff /* Linux's is 0 */

/* Linux's speed codes, in order: codes 0..15, then CBAUDEX|1 on. */
static const uint32_t speeds[] = {
	0,      50,      75,      110,     134,     150,     200,     300,
	600,    1200,    1800,    2400,    4800,    9600,    19200,   38400,
	57600,  115200,  230400,  460800,  500000,  576000,  921600,  1000000,
	1152000, 1500000, 2000000, 2500000, 3000000, 3500000, 4000000,
};

static uint32_t speed_code(uint32_t speed)
{
	for (uint32_t i = 0; i < sizeof speeds / sizeof speeds[0]; i++)
		if (speeds[i] == speed)
			return i < 16 ? i : CBAUDEX | (i - 15);
	return LX_BOTHER;
}

static uint32_t xlate(const struct bits *t, size_t n, uint32_t v, int to_host)
{
	uint32_t r = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t from = to_host ? t[i].guest : t[i].host;
		if ((v & from) == from)
			r |= to_host ? t[i].host : t[i].guest;
	}
	return r;
}
#define XLATE(t, v, to_host) xlate(t, sizeof t / sizeof t[0], v, to_host)

static void termios_from_host(struct fb_termios *g, const struct lx_termios2 *h)
{
	memset(g, 0, sizeof *g);
	g->iflag = XLATE(iflags, h->iflag, 0);
	g->oflag = XLATE(oflags, h->oflag, 0);
	g->cflag = XLATE(cflags, h->cflag, 0) |
		   ((h->cflag & CSIZE) >> LX_CSIZE_SHIFT) << FB_CSIZE_SHIFT;
	g->lflag = XLATE(lflags, h->lflag, 0);
	memset(g->cc, FB_POSIX_VDISABLE, sizeof g->cc);
	for (size_t i = 0; i < sizeof ccs / sizeof ccs[0]; i++) {
		uint8_t c = h->cc[ccs[i].host];
		int num = ccs[i].guest == FB_VMIN || ccs[i].guest == FB_VTIME;
		g->cc[ccs[i].guest] = num || c ? c : FB_POSIX_VDISABLE;
	}
	g->ispeed = h->ispeed;
	g->ospeed = h->ospeed;
}

/* cur: the terminal's settings now, for CIGNORE. */
static void termios_to_host(struct lx_termios2 *h, const struct fb_termios *g,
			    const struct lx_termios2 *cur)
{
	memset(h, 0, sizeof *h);
	h->iflag = XLATE(iflags, g->iflag, 1);
	h->oflag = XLATE(oflags, g->oflag, 1);
	h->lflag = XLATE(lflags, g->lflag, 1);
	for (size_t i = 0; i < sizeof ccs / sizeof ccs[0]; i++) {
		uint8_t c = g->cc[ccs[i].guest];
		int num = ccs[i].guest == FB_VMIN || ccs[i].guest == FB_VTIME;
		h->cc[ccs[i].host] = num || c != FB_POSIX_VDISABLE ? c : 0;
	}
	if (g->cflag & FB_CIGNORE) {
		h->cflag = cur->cflag;
		h->ispeed = cur->ispeed;
		h->ospeed = cur->ospeed;
		return;
	}
	/* FreeBSD: an input speed of 0 is the output speed; so is Linux's CIBAUD 0. Speeds with
	 * a code are set by it, so the host's own tools read them as usual. */
	uint32_t ispeed = g->ispeed ? g->ispeed : g->ospeed;
	h->cflag = XLATE(cflags, g->cflag, 1) |
		   ((g->cflag >> FB_CSIZE_SHIFT) & 3) << LX_CSIZE_SHIFT | speed_code(g->ospeed);
	if (ispeed != g->ospeed)
		h->cflag |= speed_code(ispeed) << LX_IBSHIFT;
	h->ispeed = ispeed;
	h->ospeed = g->ospeed;
}

static long tcsets(struct trap *tr, int fd, void *arg, unsigned long req)
{
	struct fb_termios g;
	struct lx_termios2 cur, h;
	if (xabi_copy_safe(&g, arg, sizeof g) < 0)
		return -EFAULT;
	long r = raw3(SYS_ioctl, fd, LX_TCGETS2, &cur);
	if (r < 0)
		return r;
	termios_to_host(&h, &g, &cur);
	/* The drain of TIOCSETAW and TIOCSETAF waits for the output to go. */
	return xabi_syscall_cp(&tr->t->intr, SYS_ioctl, fd, (long)req, (long)&h, 0, 0, 0);
}

/* Say which request is missing: its group, number and parameter length. */
static long unknown(struct trap *tr, uint32_t req)
{
	char buf[96];
	struct fmt f;
	fmt_init(&f, buf, sizeof buf);
	fmt_str(&f, "request group '");
	fmt_char(&f, (char)(req >> 8 & 0xff));
	fmt_str(&f, "' number ");
	fmt_udec(&f, req & 0xff);
	fmt_str(&f, ", parameter length ");
	fmt_udec(&f, req >> 16 & IOCPARM_MASK);
	*f.p = 0;
	diag_not_implemented(tr, buf);
	return -ENOTTY; /* FreeBSD's answer for a request the file does not know */
}

/* ioctl(fd, request, arg): FreeBSD uses the request's low 32 bits only. */
long freebsd_sys_ioctl(struct trap *tr)
{
	int fd = (int)tr->arg[0];
	uint32_t req = (uint32_t)tr->arg[1];
	void *arg = (void *)tr->arg[2];
	int v;
	if (fd_is_xabis(fd))
		return -EBADF;
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
		if (same[i].guest == req)
			return raw3(SYS_ioctl, fd, same[i].host, same[i].noarg ? 0 : arg);
	switch (req) {
	case FB_TIOCGETA: {
		struct lx_termios2 h;
		struct fb_termios g;
		long r = raw3(SYS_ioctl, fd, LX_TCGETS2, &h);
		if (r < 0)
			return r;
		termios_from_host(&g, &h);
		return xabi_copy_safe(arg, &g, sizeof g) < 0 ? -EFAULT : 0;
	}
	case FB_TIOCSETA:
		return tcsets(tr, fd, arg, LX_TCSETS2);
	case FB_TIOCSETAW:
		return tcsets(tr, fd, arg, LX_TCSETSW2);
	case FB_TIOCSETAF:
		return tcsets(tr, fd, arg, LX_TCSETSF2);
	case FB_TIOCDRAIN:
		return xabi_syscall_cp(&tr->t->intr, SYS_ioctl, fd, TCSBRK, 1, 0, 0, 0);
	case FB_TIOCSTART:
		return raw3(SYS_ioctl, fd, TCXONC, TCOON);
	case FB_TIOCSTOP:
		return raw3(SYS_ioctl, fd, TCXONC, TCOOFF);
	case FB_TIOCFLUSH: {
		/* FREAD and FWRITE name the queues; 0 is both. */
		if (xabi_copy_safe(&v, arg, sizeof v) < 0)
			return -EFAULT;
		int q = v ? v & (FB_FREAD | FB_FWRITE) : FB_FREAD | FB_FWRITE;
		if (!q)
			return 0;
		return raw3(SYS_ioctl, fd, TCFLSH,
			    q == (FB_FREAD | FB_FWRITE) ? TCIOFLUSH : q == FB_FREAD ? TCIFLUSH : TCOFLUSH);
	}
	case FB_TIOCSETD: { /* only TTYDISC (0) since FreeBSD 8 (sys/kern/tty.c) */
		int cur;
		if (xabi_copy_safe(&v, arg, sizeof v) < 0)
			return -EFAULT;
		long r = raw3(SYS_ioctl, fd, TIOCGETD, &cur); /* a terminal? */
		return r < 0 ? r : v ? -EINVAL : 0;
	}
	case FB_FIOSETOWN:
		if (xabi_copy_safe(&v, arg, sizeof v) < 0)
			return -EFAULT;
		return raw3(SYS_fcntl, fd, F_SETOWN, v);
	case FB_FIOGETOWN: {
		/* F_GETOWN's negative process group would read as an error. */
		struct f_owner_ex o;
		long r = raw3(SYS_fcntl, fd, F_GETOWN_EX, &o);
		if (r < 0)
			return r;
		v = o.type == F_OWNER_PGRP ? -o.pid : o.pid;
		return xabi_copy_safe(arg, &v, sizeof v) < 0 ? -EFAULT : 0;
	}
	}
	return unknown(tr, req);
}
