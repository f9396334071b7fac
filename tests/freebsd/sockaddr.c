/* Socket addresses in FreeBSD's form: a length byte before the family (sin_len, sin6_len,
 * sun_len; netinet/in.h, netinet6/in6.h, sys/un.h). The kernel takes the length from the call's
 * addrlen (getsockaddr() in sys/kern/uipc_syscalls.c overwrites sa_len), answers with sa_len
 * set, and truncates to the caller's buffer, reporting the truncated length (kern_getsockname,
 * kern_accept4: *alen = min(*alen, sa_len)). AF_INET6 is 28, SOCK_NONBLOCK 0x20000000.
 * Usage: sockaddr DIR (a directory for a unix socket). */
#include "rt/fb.h"

static uint16_t htons(uint16_t v)
{
	return (uint16_t)(v << 8 | v >> 8);
}

static const uint8_t loopback4[4] = { 127, 0, 0, 1 };
static const uint8_t loopback6[16] = { [15] = 1 };

/* getsockname or getpeername into a buffer of size bytes, filled first with 0xa5 */
static long sockname(int nr, long fd, void *sa, size_t size, uint32_t *len)
{
	memset(sa, 0xa5, size);
	return SC3(nr, fd, sa, len);
}

static int is_lo4(const struct fb_sockaddr_in *sin, uint32_t len, uint16_t port)
{
	return len == 16 && sin->sin_len == 16 && sin->sin_family == FB_AF_INET &&
	       !memcmp(sin->sin_addr, loopback4, 4) && (port ? sin->sin_port == port :
							       sin->sin_port != 0);
}

#define SHOW4(s, l) "len %u sin_len %u family %u port %u addr %u.%u.%u.%u", (l), (s).sin_len, \
	(s).sin_family, htons((s).sin_port), (s).sin_addr[0], (s).sin_addr[1], (s).sin_addr[2],  \
	(s).sin_addr[3]

static void inet4(void)
{
	long lfd = SC3(FB_SYS_socket, FB_AF_INET, FB_SOCK_STREAM, 0);
	if (!fb_check(lfd >= 0, "socket AF_INET", "%s", fb_errname(lfd)))
		return;
	struct fb_sockaddr_in sin = { .sin_len = 16, .sin_family = FB_AF_INET };
	memcpy(sin.sin_addr, loopback4, 4);
	long r = SC3(FB_SYS_bind, lfd, &sin, 16);
	fb_check(r == 0, "bind 127.0.0.1:0 with sin_len 16", "%s", fb_errname(r));
	struct fb_sockaddr_in got;
	uint32_t len = sizeof got;
	r = sockname(FB_SYS_getsockname, lfd, &got, sizeof got, &len);
	fb_check(r == 0 && is_lo4(&got, len, 0), "getsockname: sin_len 16, AF_INET 2, a port",
		 SHOW4(got, len));
	uint16_t port = got.sin_port;
	len = 8;
	r = sockname(FB_SYS_getsockname, lfd, &got, sizeof got, &len);
	fb_check(r == 0 && len == 8 && got.sin_len == 16 && got.sin_family == FB_AF_INET &&
			 got.sin_port == port && got.sin_zero[0] == (char)0xa5,
		 "getsockname into 8 bytes: truncated, length 8 reported", SHOW4(got, len));
	r = SC2(FB_SYS_listen, lfd, 8);
	fb_check(r == 0, "listen", "%s", fb_errname(r));

	/* The kernel takes the length from addrlen, whatever sin_len says. */
	long cfd = SC3(FB_SYS_socket, FB_AF_INET, FB_SOCK_STREAM | FB_SOCK_CLOEXEC, 0);
	struct fb_sockaddr_in to = { .sin_len = 0xaa, .sin_family = FB_AF_INET, .sin_port = port };
	memcpy(to.sin_addr, loopback4, 4);
	r = SC3(FB_SYS_connect, cfd, &to, 16);
	fb_check(r == 0, "connect, sin_len 0xaa with addrlen 16", "%s", fb_errname(r));
	struct fb_sockaddr_in local, peer;
	len = sizeof local;
	r = sockname(FB_SYS_getsockname, cfd, &local, sizeof local, &len);
	fb_check(r == 0 && is_lo4(&local, len, 0), "getsockname of the connected socket",
		 SHOW4(local, len));
	len = sizeof peer;
	r = sockname(FB_SYS_getpeername, cfd, &peer, sizeof peer, &len);
	fb_check(r == 0 && is_lo4(&peer, len, port), "getpeername: the listener's address",
		 SHOW4(peer, len));

	len = sizeof peer;
	memset(&peer, 0xa5, sizeof peer);
	long afd = SC3(FB_SYS_accept, lfd, &peer, &len);
	fb_check(afd >= 0 && is_lo4(&peer, len, local.sin_port),
		 "accept: the peer's address, sin_len 16, its port", SHOW4(peer, len));
	len = sizeof got;
	r = sockname(FB_SYS_getsockname, afd, &got, sizeof got, &len);
	fb_check(r == 0 && is_lo4(&got, len, port), "getsockname of the accepted socket",
		 SHOW4(got, len));

	long cfd2 = SC3(FB_SYS_socket, FB_AF_INET, FB_SOCK_STREAM, 0);
	SC3(FB_SYS_connect, cfd2, &to, 16);
	len = 8;
	memset(&peer, 0xa5, sizeof peer);
	long afd2 = SC3(FB_SYS_accept, lfd, &peer, &len);
	fb_check(afd2 >= 0 && len == 8 && peer.sin_len == 16 && peer.sin_family == FB_AF_INET &&
			 !memcmp(peer.sin_addr, loopback4, 4) && peer.sin_zero[0] == (char)0xa5,
		 "accept into 8 bytes: truncated, length 8 reported", SHOW4(peer, len));

	/* Errors in FreeBSD's numbering */
	long ufd = SC3(FB_SYS_socket, FB_AF_INET, FB_SOCK_STREAM, 0);
	sin.sin_port = port;
	r = SC3(FB_SYS_bind, ufd, &sin, 16);
	fb_check(r == -FB_EADDRINUSE, "bind to a port in use: EADDRINUSE is 48", "%ld (%s)", r,
		 fb_errname(r));
	long nfd = SC3(FB_SYS_socket, FB_AF_INET, FB_SOCK_STREAM | FB_SOCK_NONBLOCK, 0);
	sin.sin_port = 0;
	SC3(FB_SYS_bind, nfd, &sin, 16);
	SC2(FB_SYS_listen, nfd, 1);
	len = sizeof peer;
	r = SC3(FB_SYS_accept, nfd, &peer, &len);
	fb_check(r == -FB_EAGAIN, "SOCK_NONBLOCK (0x20000000): accept with none waiting: EAGAIN",
		 "%ld (%s)", r, fb_errname(r));
	long bfd = SC3(FB_SYS_socket, FB_AF_INET, FB_SOCK_STREAM, 0);
	sin.sin_port = 0;
	SC3(FB_SYS_bind, bfd, &sin, 16);
	len = sizeof got;
	sockname(FB_SYS_getsockname, bfd, &got, sizeof got, &len);
	to.sin_port = got.sin_port; /* bound, not listening */
	long xfd = SC3(FB_SYS_socket, FB_AF_INET, FB_SOCK_STREAM, 0);
	r = SC3(FB_SYS_connect, xfd, &to, 16);
	fb_check(r == -FB_ECONNREFUSED, "connect to a closed port: ECONNREFUSED is 61", "%ld (%s)",
		 r, fb_errname(r));
	long efd = SC3(FB_SYS_socket, FB_AF_INET, FB_SOCK_STREAM, 0);
	r = SC3(FB_SYS_bind, efd, &sin, 8);
	fb_check(r == -FB_EINVAL, "bind with addrlen 8: EINVAL", "%ld (%s)", r, fb_errname(r));
	long fds[] = { lfd, cfd, afd, cfd2, afd2, ufd, nfd, bfd, xfd, efd };
	for (unsigned i = 0; i < sizeof fds / sizeof fds[0]; i++)
		SC1(FB_SYS_close, fds[i]);
}

static void inet6(void)
{
	long fd = SC3(FB_SYS_socket, FB_AF_INET6, FB_SOCK_STREAM, 0);
	if (fd == -FB_EAFNOSUPPORT) {
		fb_printf("SKIP AF_INET6: no IPv6 on this host\n");
		return;
	}
	if (!fb_check(fd >= 0, "socket AF_INET6 (28)", "%s", fb_errname(fd)))
		return;
	struct fb_sockaddr_in6 sin6 = { .sin6_len = 28, .sin6_family = FB_AF_INET6 };
	memcpy(sin6.sin6_addr, loopback6, 16);
	long r = SC3(FB_SYS_bind, fd, &sin6, 28);
	if (r == -FB_EADDRNOTAVAIL) {
		fb_printf("SKIP AF_INET6: ::1 is not configured\n");
		SC1(FB_SYS_close, fd);
		return;
	}
	fb_check(r == 0, "bind [::1]:0 with sin6_len 28", "%s", fb_errname(r));
	struct fb_sockaddr_in6 got;
	uint32_t len = sizeof got;
	r = sockname(FB_SYS_getsockname, fd, &got, sizeof got, &len);
	fb_check(r == 0 && len == 28 && got.sin6_len == 28 && got.sin6_family == FB_AF_INET6 &&
			 got.sin6_port != 0 && !memcmp(got.sin6_addr, loopback6, 16) &&
			 got.sin6_flowinfo == 0 && got.sin6_scope_id == 0,
		 "getsockname: sin6_len 28, AF_INET6 28, ::1, a port",
		 "len %u sin6_len %u family %u port %u", len, got.sin6_len, got.sin6_family,
		 htons(got.sin6_port));
	SC1(FB_SYS_close, fd);
}

static void unix_sockets(const char *dir)
{
	/* Bound with FreeBSD's SUN_LEN (no NUL counted) and with Go's length (NUL counted): the
	 * kernel keeps the address as bound, sun_len the bind's addrlen (uipc_bindat). */
	for (int nul = 0; nul < 2; nul++) {
		long fd = SC3(FB_SYS_socket, FB_AF_UNIX, FB_SOCK_STREAM, 0);
		if (!fb_check(fd >= 0, "socket AF_UNIX", "%s", fb_errname(fd)))
			return;
		struct fb_sockaddr_un sun = { .sun_family = FB_AF_UNIX };
		fb_snprintf(sun.sun_path, sizeof sun.sun_path, "%s/sock%d", dir, nul);
		size_t plen = strlen(sun.sun_path);
		uint32_t alen = (uint32_t)(2 + plen + (size_t)nul);
		sun.sun_len = (uint8_t)alen;
		char name[96];
		fb_snprintf(name, sizeof name, "bind AF_UNIX, addrlen %s", nul ? "counting the NUL" :
			    "SUN_LEN");
		long r = SC3(FB_SYS_bind, fd, &sun, alen);
		fb_check(r == 0, name, "%s (path %lu bytes)", fb_errname(r), (unsigned long)plen);
		struct fb_sockaddr_un got;
		uint32_t len = sizeof got;
		r = sockname(FB_SYS_getsockname, fd, &got, sizeof got, &len);
		fb_snprintf(name, sizeof name, "getsockname AF_UNIX (%s): sun_len, family 1, the path",
			    nul ? "NUL counted" : "SUN_LEN");
		fb_check(r == 0 && len == alen && got.sun_len == alen && got.sun_family == FB_AF_UNIX &&
				 !memcmp(got.sun_path, sun.sun_path, plen),
			 name, "%s len %u sun_len %u (bound with %u) family %u", fb_errname(r), len,
			 got.sun_len, alen, got.sun_family);
		SC1(FB_SYS_close, fd);
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fb_printf("usage: sockaddr DIR\n");
		return 2;
	}
	inet4();
	inet6();
	unix_sockets(argv[1]);
	fb_finish();
}
