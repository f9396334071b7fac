/* kqueue (362) and kevent (560) as kqueue(2) and sys/kern/kern_event.c, sys_pipe.c describe
 * them: EVFILT_READ on a pipe (data = bytes ready, EV_EOF when the writer is gone), EVFILT_WRITE,
 * EVFILT_USER with NOTE_TRIGGER and EV_CLEAR, EV_ONESHOT, EV_DELETE, EV_RECEIPT, and a failed
 * change reported in the event list as EV_ERROR with the errno in data. Usage: kevent. */
#include "rt/fb.h"

static const struct fb_timespec zero;

static long kev(long kq, const struct fb_kevent *ch, int nch, struct fb_kevent *ev, int nev,
		const struct fb_timespec *ts)
{
	if (ev)
		memset(ev, 0xa5, (size_t)nev * sizeof *ev);
	return SC6(FB_SYS_kevent, kq, ch, nch, ev, nev, ts);
}

static struct fb_kevent change(uint64_t ident, int filter, unsigned flags, unsigned fflags,
			       uint64_t udata)
{
	return (struct fb_kevent){ .ident = ident, .filter = (int16_t)filter,
				   .flags = (uint16_t)flags, .fflags = fflags, .udata = udata };
}

#define EVFMT "%ld events; ident %lu filter %d flags 0x%x fflags 0x%x data %ld udata 0x%lx"
#define EVARGS(n, e) (n), (e).ident, (e).filter, (e).flags, (e).fflags, (e).data, (e).udata

int main(int argc, char **argv)
{
	(void)argc, (void)argv;
	long kq = SC0(FB_SYS_kqueue);
	if (!fb_check(kq >= 0, "kqueue", "%s", fb_errname(kq)))
		fb_finish();
	struct fb_kevent ev[4];
	long r;

	int p[2] = { -1, -1 };
	r = SC2(FB_SYS_pipe2, p, 0);
	if (fb_check(r == 0, "pipe2", "%s", fb_errname(r))) {
		struct fb_kevent c = change((uint64_t)p[0], FB_EVFILT_READ, FB_EV_ADD, 0, 0xfeed);
		r = kev(kq, &c, 1, 0, 0, 0);
		fb_check(r == 0, "EVFILT_READ: EV_ADD on the read end", "%ld (%s)", r,
			 fb_errname(r));
		r = kev(kq, 0, 0, ev, 4, &zero);
		fb_check(r == 0, "EVFILT_READ: nothing ready on an empty pipe (zero timeout)",
			 "%ld (%s)", r, fb_errname(r));
		SC3(FB_SYS_write, p[1], "x", 1);
		r = kev(kq, 0, 0, ev, 4, &zero);
		fb_check(r == 1 && ev[0].ident == (uint64_t)p[0] && ev[0].filter == FB_EVFILT_READ &&
				 ev[0].data == 1 && ev[0].udata == 0xfeed && !(ev[0].flags & FB_EV_EOF),
			 "EVFILT_READ: one byte written: ident, filter -1, data 1, udata",
			 EVFMT, EVARGS(r, ev[0]));
		SC3(FB_SYS_write, p[1], "yyyy", 4);
		r = kev(kq, 0, 0, ev, 4, &zero);
		fb_check(r == 1 && ev[0].data == 5, "EVFILT_READ: level-triggered, data 5 after 4 more",
			 EVFMT, EVARGS(r, ev[0]));
		SC1(FB_SYS_close, p[1]);
		r = kev(kq, 0, 0, ev, 4, &zero);
		fb_check(r == 1 && (ev[0].flags & FB_EV_EOF) && ev[0].data == 5,
			 "EVFILT_READ: EV_EOF once the writer is closed", EVFMT, EVARGS(r, ev[0]));
		c = change((uint64_t)p[0], FB_EVFILT_READ, FB_EV_DELETE, 0, 0);
		r = kev(kq, &c, 1, 0, 0, 0);
		fb_check(r == 0, "EV_DELETE", "%ld (%s)", r, fb_errname(r));
		r = kev(kq, &c, 1, 0, 0, 0);
		fb_check(r == -FB_ENOENT, "EV_DELETE of a filter not there: ENOENT", "%ld (%s)", r,
			 fb_errname(r));
		SC1(FB_SYS_close, p[0]);
	}

	r = SC2(FB_SYS_pipe2, p, 0);
	if (r == 0) {
		struct fb_kevent c = change((uint64_t)p[1], FB_EVFILT_WRITE, FB_EV_ADD | FB_EV_ONESHOT,
					    0, 7);
		r = kev(kq, &c, 1, ev, 4, &zero);
		fb_check(r == 1 && ev[0].ident == (uint64_t)p[1] && ev[0].filter == FB_EVFILT_WRITE &&
				 ev[0].data > 0 && ev[0].udata == 7,
			 "EVFILT_WRITE: an empty pipe is writable (filter -2, data > 0)",
			 EVFMT, EVARGS(r, ev[0]));
		r = kev(kq, 0, 0, ev, 4, &zero);
		fb_check(r == 0, "EV_ONESHOT: gone after one event", "%ld events", r);
		SC1(FB_SYS_close, p[0]);
		SC1(FB_SYS_close, p[1]);
	}

	struct fb_kevent u = change(42, FB_EVFILT_USER, FB_EV_ADD | FB_EV_CLEAR, 0, 0x42);
	r = kev(kq, &u, 1, ev, 4, &zero);
	fb_check(r == 0, "EVFILT_USER: EV_ADD, nothing until triggered", "%ld (%s)", r,
		 fb_errname(r));
	/* kqueue_register: a change to an existing knote replaces its udata. */
	u = change(42, FB_EVFILT_USER, 0, FB_NOTE_TRIGGER, 0x4242);
	r = kev(kq, &u, 1, ev, 4, &zero);
	fb_check(r == 1 && ev[0].ident == 42 && ev[0].filter == FB_EVFILT_USER &&
			 ev[0].udata == 0x4242 && (ev[0].flags & FB_EV_CLEAR),
		 "EVFILT_USER: NOTE_TRIGGER fires it (ident 42, filter -11, the trigger's udata)",
		 EVFMT, EVARGS(r, ev[0]));
	r = kev(kq, 0, 0, ev, 4, &zero);
	fb_check(r == 0, "EVFILT_USER: EV_CLEAR resets it", "%ld events", r);

	/* A failed change with room for events: an EV_ERROR event carrying the errno. */
	struct fb_kevent bad = change(999, FB_EVFILT_READ, FB_EV_ADD, 0, 0);
	r = kev(kq, &bad, 1, ev, 4, &zero);
	fb_check(r == 1 && ev[0].ident == 999 && (ev[0].flags & FB_EV_ERROR) &&
			 ev[0].data == FB_EBADF,
		 "a bad descriptor with room for events: EV_ERROR, data EBADF (9)",
		 EVFMT, EVARGS(r, ev[0]));
	r = kev(kq, &bad, 1, 0, 0, &zero);
	fb_check(r == -FB_EBADF, "a bad descriptor without room: the call fails with EBADF",
		 "%ld (%s)", r, fb_errname(r));
	/* EV_RECEIPT: every change answers with EV_ERROR, data 0 when it worked. */
	u = change(43, FB_EVFILT_USER, FB_EV_ADD | FB_EV_RECEIPT, 0, 0);
	r = kev(kq, &u, 1, ev, 4, &zero);
	fb_check(r == 1 && ev[0].ident == 43 && (ev[0].flags & FB_EV_ERROR) && ev[0].data == 0,
		 "EV_RECEIPT: EV_ERROR with data 0", EVFMT, EVARGS(r, ev[0]));

	r = kev(kq, 0, 0, ev, 4, (const struct fb_timespec *)8);
	fb_check(r == -FB_EFAULT, "a bad timeout pointer: EFAULT", "%ld (%s)", r, fb_errname(r));
	r = kev(-1, 0, 0, ev, 4, &zero);
	fb_check(r == -FB_EBADF, "kevent on fd -1: EBADF", "%ld (%s)", r, fb_errname(r));
	struct fb_timespec ts = { 0, 20 * 1000 * 1000 };
	r = kev(kq, 0, 0, ev, 4, &ts);
	fb_check(r == 0, "a 20 ms timeout with nothing ready: 0", "%ld (%s)", r, fb_errname(r));
	SC1(FB_SYS_close, kq);
	fb_finish();
}
