/* sockets.c - loopback networking through the syscall layer: TCP echo with a
 * server thread (100 KiB verified), shutdown/EOF, UDP datagrams, AF_UNIX
 * socketpairs (stream/seqpacket/dgram), fd passing with SCM_RIGHTS,
 * SO_PEERCRED, filesystem unix sockets, socket options, ECONNREFUSED,
 * EADDRINUSE, nonblocking connect/accept + poll.  Only 127.0.0.1 and AF_UNIX;
 * ports come from bind(port 0) and are never printed.
 * Exits 0 iff every check passed. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

static int g_fail;

/* a setup step that is not itself a check: reported only if it fails */
#define MUST(cond) do { if (!(cond)) { printf("setup: FAIL (line %d: %s)\n", __LINE__, #cond); g_fail = 1; } } while (0)

static void check(const char *name, int ok, const char *fmt, ...)
{
	if (ok) {
		printf("%s: ok\n", name);
		return;
	}
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	printf("%s: FAIL (%s)\n", name, buf);
	g_fail = 1;
}

static const char *ename(int e)
{
	static char buf[32];
	switch (e) {
	case 0: return "0";
	case EAGAIN: return "EAGAIN";
	case EINPROGRESS: return "EINPROGRESS";
	case ECONNREFUSED: return "ECONNREFUSED";
	case EADDRINUSE: return "EADDRINUSE";
	case ENOTCONN: return "ENOTCONN";
	case EPIPE: return "EPIPE";
	case EINVAL: return "EINVAL";
	case ENOTSOCK: return "ENOTSOCK";
	default: snprintf(buf, sizeof buf, "E%d", e); return buf;
	}
}

static struct sockaddr_in loopback(uint16_t port_be)
{
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = port_be;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static int bound_socket(int type, struct sockaddr_in *out)
{
	int s = socket(AF_INET, type, 0);
	if (s < 0)
		return -1;
	struct sockaddr_in a = loopback(0);
	if (bind(s, (struct sockaddr *)&a, sizeof a) != 0) {
		close(s);
		return -1;
	}
	socklen_t len = sizeof *out;
	getsockname(s, (struct sockaddr *)out, &len);
	return s;
}

static int same_addr(const struct sockaddr_in *a, const struct sockaddr_in *b)
{
	return a->sin_family == b->sin_family && a->sin_port == b->sin_port && a->sin_addr.s_addr == b->sin_addr.s_addr;
}

/* ================= TCP echo ================= */
#define TCP_BYTES (100 * 1024)
static int listen_fd;
static struct {
	int accepted_cloexec, peer_ok, saw_eof;
	long echoed;
} srv;
static struct sockaddr_in client_local;

static void *server_thread(void *arg)
{
	(void)arg;
	struct sockaddr_in peer;
	socklen_t len = sizeof peer;
	int c = accept4(listen_fd, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
	if (c < 0)
		return NULL;
	srv.accepted_cloexec = fcntl(c, F_GETFD) == FD_CLOEXEC;
	struct sockaddr_in gp;
	socklen_t gl = sizeof gp;
	getpeername(c, (struct sockaddr *)&gp, &gl);
	srv.peer_ok = peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK) && same_addr(&gp, &peer);
	char buf[7000];
	for (;;) {
		ssize_t r = read(c, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0) {
			srv.saw_eof = 1;
			break;
		}
		if (r < 0)
			break;
		ssize_t off = 0;
		while (off < r) {
			ssize_t w = write(c, buf + off, (size_t)(r - off));
			if (w <= 0)
				goto out;
			off += w;
		}
		srv.echoed += r;
	}
out:
	close(c);
	return NULL;
}

static unsigned char tcp_out[TCP_BYTES], tcp_in[TCP_BYTES];

static void *client_writer(void *arg)
{
	int s = (int)(intptr_t)arg;
	size_t off = 0, k = 0;
	while (off < TCP_BYTES) {
		size_t chunk = 1 + (k++ * 7919) % 4096;
		if (chunk > TCP_BYTES - off)
			chunk = TCP_BYTES - off;
		ssize_t w = send(s, tcp_out + off, chunk, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	shutdown(s, SHUT_WR);
	return (void *)(intptr_t)(off == TCP_BYTES);
}

static void test_tcp(void)
{
	struct sockaddr_in saddr;
	listen_fd = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	int rc = setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	int val = 0;
	socklen_t vl = sizeof val;
	int rc2 = getsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &val, &vl);
	check("SO_REUSEADDR_reads_back_1", rc == 0 && rc2 == 0 && val == 1 && vl == sizeof val, "rc=%d rc2=%d val=%d", rc, rc2, val);
	struct sockaddr_in a = loopback(0);
	rc = bind(listen_fd, (struct sockaddr *)&a, sizeof a);
	socklen_t sl = sizeof saddr;
	getsockname(listen_fd, (struct sockaddr *)&saddr, &sl);
	rc2 = listen(listen_fd, 8);
	check("tcp_bind_listen_port0", rc == 0 && rc2 == 0 && saddr.sin_port != 0 && saddr.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "rc=%d rc2=%d", rc, rc2);

	/* a second socket cannot bind the same port */
	int dup_s = socket(AF_INET, SOCK_STREAM, 0);
	errno = 0;
	rc = bind(dup_s, (struct sockaddr *)&saddr, sizeof saddr);
	check("bind_same_port_EADDRINUSE", rc == -1 && errno == EADDRINUSE, "rc=%d errno=%s", rc, ename(errno));
	close(dup_s);

	pthread_t st;
	pthread_create(&st, NULL, server_thread, NULL);

	int c = socket(AF_INET, SOCK_STREAM, 0);
	rc = connect(c, (struct sockaddr *)&saddr, sizeof saddr);
	check("tcp_connect", rc == 0, "errno=%s", ename(errno));
	struct sockaddr_in pn;
	socklen_t pl = sizeof pn;
	getpeername(c, (struct sockaddr *)&pn, &pl);
	check("getpeername_is_server", same_addr(&pn, &saddr), "");
	sl = sizeof client_local;
	getsockname(c, (struct sockaddr *)&client_local, &sl);

	int nd = 1, ndv = 0;
	socklen_t ndl = sizeof ndv;
	rc = setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &nd, sizeof nd);
	rc2 = getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &ndv, &ndl);
	check("TCP_NODELAY", rc == 0 && rc2 == 0 && ndv != 0, "rc=%d rc2=%d", rc, rc2);
	int type = 0;
	socklen_t tl = sizeof type;
	rc = getsockopt(c, SOL_SOCKET, SO_TYPE, &type, &tl);
	check("SO_TYPE_stream", rc == 0 && type == SOCK_STREAM, "type=%d", type);
	int rcvbuf = 65536, got = 0;
	socklen_t gl = sizeof got;
	rc = setsockopt(c, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
	rc2 = getsockopt(c, SOL_SOCKET, SO_RCVBUF, &got, &gl);
	check("SO_RCVBUF_set_get", rc == 0 && rc2 == 0 && got > 0, "rc=%d rc2=%d", rc, rc2);

	uint32_t x = 12345;
	for (int i = 0; i < TCP_BYTES; i++) {
		x = x * 1664525u + 1013904223u;
		tcp_out[i] = (unsigned char)(x >> 24);
	}
	pthread_t wt;
	pthread_create(&wt, NULL, client_writer, (void *)(intptr_t)c);
	size_t n = 0;
	for (;;) {
		ssize_t r = recv(c, tcp_in + n, TCP_BYTES - n, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
		if (n == TCP_BYTES) {
			char extra;
			r = recv(c, &extra, 1, 0); /* EOF expected */
			if (r != 0)
				n++;
			break;
		}
	}
	void *wok = NULL;
	pthread_join(wt, &wok);
	pthread_join(st, NULL);
	check("tcp_echo_100KiB", n == TCP_BYTES && !memcmp(tcp_in, tcp_out, TCP_BYTES) && wok == (void *)1 && srv.echoed == TCP_BYTES, "n=%zu echoed=%ld", n, srv.echoed);
	check("shutdown_SHUT_WR_gives_peer_EOF", srv.saw_eof, "");
	check("server_sees_eof_then_client_eof", n == TCP_BYTES, "");
	check("accept4_SOCK_CLOEXEC", srv.accepted_cloexec, "");
	check("accept_peer_address", srv.peer_ok, "");
	errno = 0;
	ssize_t w = send(c, "x", 1, MSG_NOSIGNAL);
	int e = errno;
	/* after our SHUT_WR, sending fails with EPIPE */
	check("send_after_shutdown_EPIPE", w == -1 && e == EPIPE, "w=%zd errno=%s", w, ename(e));
	close(c);

	/* sendmsg/recvmsg with iovecs over TCP, poll readiness, POLLRDHUP */
	pthread_t st2;
	memset(&srv, 0, sizeof srv);
	pthread_create(&st2, NULL, server_thread, NULL);
	c = socket(AF_INET, SOCK_STREAM, 0);
	connect(c, (struct sockaddr *)&saddr, sizeof saddr);
	struct iovec iov[2] = { { "scatter-", 8 }, { "gather", 6 } };
	struct msghdr mh;
	memset(&mh, 0, sizeof mh);
	mh.msg_iov = iov;
	mh.msg_iovlen = 2;
	w = sendmsg(c, &mh, 0);
	struct pollfd pf = { c, POLLIN, 0 };
	int pn2 = poll(&pf, 1, 2000);
	char b1[8] = {0}, b2[16] = {0};
	struct iovec riov[2] = { { b1, 8 }, { b2, 6 } };
	memset(&mh, 0, sizeof mh);
	mh.msg_iov = riov;
	mh.msg_iovlen = 2;
	ssize_t r = recvmsg(c, &mh, MSG_WAITALL);
	check("tcp_sendmsg_recvmsg_iov", w == 14 && r == 14 && !memcmp(b1, "scatter-", 8) && !memcmp(b2, "gather", 6) && pn2 == 1 && (pf.revents & POLLIN), "w=%zd r=%zd", w, r);
	errno = 0;
	r = recv(c, b1, 1, MSG_DONTWAIT);
	check("recv_MSG_DONTWAIT_EAGAIN", r == -1 && errno == EAGAIN, "r=%zd errno=%s", r, ename(errno));
	shutdown(c, SHUT_WR);
	pf.events = POLLIN | POLLRDHUP;
	pn2 = poll(&pf, 1, 2000); /* server closes after seeing EOF */
	check("poll_POLLRDHUP_after_peer_close", pn2 == 1 && (pf.revents & POLLRDHUP), "n=%d rev=%#x", pn2, pf.revents);
	pthread_join(st2, NULL);
	close(c);

	/* nonblocking connect + poll (connection queued in backlog, never accepted) */
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	errno = 0;
	rc = connect(c, (struct sockaddr *)&saddr, sizeof saddr);
	e = errno;
	pf.fd = c;
	pf.events = POLLOUT;
	pf.revents = 0;
	pn2 = poll(&pf, 1, 2000);
	int soerr = -1;
	socklen_t el = sizeof soerr;
	getsockopt(c, SOL_SOCKET, SO_ERROR, &soerr, &el);
	check("nonblocking_connect_poll", (rc == 0 || e == EINPROGRESS) && pn2 == 1 && (pf.revents & POLLOUT) && soerr == 0, "rc=%d errno=%s n=%d soerr=%s", rc, ename(e), pn2, ename(soerr));
	close(c);

	/* nonblocking accept: take the queued connection (if any) then EAGAIN */
	int fl = fcntl(listen_fd, F_GETFL);
	fcntl(listen_fd, F_SETFL, fl | O_NONBLOCK);
	for (int i = 0; i < 4; i++) {
		int a2 = accept(listen_fd, NULL, NULL);
		if (a2 < 0)
			break;
		close(a2);
	}
	errno = 0;
	int a3 = accept(listen_fd, NULL, NULL);
	check("nonblocking_accept_EAGAIN", a3 == -1 && errno == EAGAIN, "a=%d errno=%s", a3, ename(errno));
	close(listen_fd);
}

static void test_refused(void)
{
	struct sockaddr_in addr;
	/* a bound but non-listening TCP port refuses connections */
	int holder = bound_socket(SOCK_STREAM, &addr);
	int c = socket(AF_INET, SOCK_STREAM, 0);
	errno = 0;
	int rc = connect(c, (struct sockaddr *)&addr, sizeof addr);
	check("connect_closed_port_ECONNREFUSED", holder >= 0 && rc == -1 && errno == ECONNREFUSED, "rc=%d errno=%s", rc, ename(errno));
	close(c);

	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	errno = 0;
	rc = connect(c, (struct sockaddr *)&addr, sizeof addr);
	int e = errno;
	struct pollfd pf = { c, POLLOUT, 0 };
	int n = poll(&pf, 1, 2000);
	int soerr = 0;
	socklen_t el = sizeof soerr;
	getsockopt(c, SOL_SOCKET, SO_ERROR, &soerr, &el);
	check("nonblocking_connect_refused_SO_ERROR", (rc == -1 && (e == EINPROGRESS || e == ECONNREFUSED)) && n == 1 && (e == ECONNREFUSED || soerr == ECONNREFUSED), "rc=%d errno=%s soerr=%s", rc, ename(e), ename(soerr));
	close(c);
	close(holder);

	c = socket(AF_INET, SOCK_STREAM, 0);
	errno = 0;
	char buf[4];
	ssize_t r = recv(c, buf, sizeof buf, 0);
	check("recv_unconnected_ENOTCONN", r == -1 && errno == ENOTCONN, "r=%zd errno=%s", r, ename(errno));
	close(c);
	int p[2];
	if (pipe(p) == 0) {
		errno = 0;
		rc = listen(p[0], 1);
		check("listen_on_pipe_ENOTSOCK", rc == -1 && errno == ENOTSOCK, "rc=%d errno=%s", rc, ename(errno));
		close(p[0]);
		close(p[1]);
	}
}

static void test_udp(void)
{
	struct sockaddr_in aa, ba;
	int a = bound_socket(SOCK_DGRAM, &aa);
	int b = bound_socket(SOCK_DGRAM, &ba);
	if (a < 0 || b < 0) {
		check("udp_sockets", 0, "errno=%s", ename(errno));
		return;
	}
	static char big[1000];
	memset(big, 'u', sizeof big);
	const size_t sizes[3] = { 10, 1000, 1 };
	int ok = 1;
	for (int i = 0; i < 3; i++)
		ok &= sendto(a, big, sizes[i], 0, (struct sockaddr *)&ba, sizeof ba) == (ssize_t)sizes[i];
	check("udp_sendto", ok, "");
	int okr = 1, src_ok = 1;
	for (int i = 0; i < 3; i++) {
		char buf[2000];
		struct sockaddr_in from;
		socklen_t fl = sizeof from;
		ssize_t r = recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl);
		okr &= r == (ssize_t)sizes[i];
		src_ok &= same_addr(&from, &aa);
	}
	check("udp_recvfrom_datagram_boundaries", okr, "");
	check("udp_recvfrom_source_address", src_ok, "");

	/* connected UDP + truncation */
	connect(a, (struct sockaddr *)&ba, sizeof ba);
	ssize_t w = send(a, "truncate-me", 11, 0);
	char small[4];
	struct iovec iov = { small, sizeof small };
	struct msghdr mh;
	memset(&mh, 0, sizeof mh);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	ssize_t r = recvmsg(b, &mh, MSG_TRUNC);
	check("udp_MSG_TRUNC", w == 11 && r == 11 && (mh.msg_flags & MSG_TRUNC) && !memcmp(small, "trun", 4), "w=%zd r=%zd flags=%#x", w, r, mh.msg_flags);
	errno = 0;
	r = recv(b, small, sizeof small, MSG_DONTWAIT);
	check("udp_empty_EAGAIN", r == -1 && errno == EAGAIN, "r=%zd errno=%s", r, ename(errno));

	/* MSG_PEEK */
	send(a, "peek", 4, 0);
	char pb[8] = {0}, pb2[8] = {0};
	ssize_t r1 = recv(b, pb, sizeof pb, MSG_PEEK);
	ssize_t r2 = recv(b, pb2, sizeof pb2, 0);
	check("udp_MSG_PEEK", r1 == 4 && r2 == 4 && !memcmp(pb, "peek", 4) && !memcmp(pb2, "peek", 4), "r1=%zd r2=%zd", r1, r2);
	close(a);
	close(b);
}

static void test_unix_pair(void)
{
	int sv[2];
	int rc = socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	check("socketpair_stream", rc == 0, "errno=%s", ename(errno));
	if (rc)
		return;
	ssize_t w = write(sv[0], "ping", 4);
	char buf[16] = {0};
	ssize_t r = read(sv[1], buf, sizeof buf);
	ssize_t w2 = write(sv[1], "pong", 4);
	char buf2[16] = {0};
	ssize_t r2 = read(sv[0], buf2, sizeof buf2);
	check("socketpair_bidirectional", w == 4 && r == 4 && w2 == 4 && r2 == 4 && !memcmp(buf, "ping", 4) && !memcmp(buf2, "pong", 4), "");

	struct ucred cred;
	socklen_t cl = sizeof cred;
	rc = getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cred, &cl);
	check("SO_PEERCRED", rc == 0 && cred.pid == getpid() && cred.uid == getuid() && cred.gid == getgid(), "rc=%d", rc);

	/* pass a pipe's read end with SCM_RIGHTS */
	int p[2];
	if (pipe(p)) {
		check("pipe", 0, "");
		return;
	}
	struct stat pst;
	fstat(p[0], &pst);
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	memset(&u, 0, sizeof u);
	struct iovec iov = { "F", 1 };
	struct msghdr mh;
	memset(&mh, 0, sizeof mh);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = u.buf;
	mh.msg_controllen = sizeof u.buf;
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &p[0], sizeof(int));
	w = sendmsg(sv[0], &mh, 0);
	close(p[0]); /* the in-flight reference keeps it alive */

	char data;
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} ru;
	memset(&ru, 0, sizeof ru);
	struct iovec riov = { &data, 1 };
	struct msghdr rmh;
	memset(&rmh, 0, sizeof rmh);
	rmh.msg_iov = &riov;
	rmh.msg_iovlen = 1;
	rmh.msg_control = ru.buf;
	rmh.msg_controllen = sizeof ru.buf;
	r = recvmsg(sv[1], &rmh, MSG_CMSG_CLOEXEC);
	int newfd = -1;
	struct cmsghdr *rc_m = CMSG_FIRSTHDR(&rmh);
	if (rc_m && rc_m->cmsg_level == SOL_SOCKET && rc_m->cmsg_type == SCM_RIGHTS)
		memcpy(&newfd, CMSG_DATA(rc_m), sizeof(int));
	struct stat nst;
	int same = newfd >= 0 && fstat(newfd, &nst) == 0 && nst.st_ino == pst.st_ino && nst.st_dev == pst.st_dev;
	check("SCM_RIGHTS_received", w == 1 && r == 1 && data == 'F' && newfd >= 0 && same, "w=%zd r=%zd newfd_valid=%d", w, r, newfd >= 0);
	check("MSG_CMSG_CLOEXEC", newfd >= 0 && fcntl(newfd, F_GETFD) == FD_CLOEXEC, "");
	ssize_t pw = write(p[1], "via passed fd", 13);
	char pbuf[32] = {0};
	ssize_t pr = newfd >= 0 ? read(newfd, pbuf, sizeof pbuf) : -1;
	check("read_through_passed_fd", pw == 13 && pr == 13 && !memcmp(pbuf, "via passed fd", 13), "pr=%zd", pr);
	close(p[1]);
	if (newfd >= 0)
		close(newfd);

	shutdown(sv[0], SHUT_WR);
	r = read(sv[1], buf, sizeof buf);
	check("socketpair_shutdown_EOF", r == 0, "r=%zd", r);
	close(sv[0]);
	close(sv[1]);

	/* SOCK_SEQPACKET keeps boundaries */
	rc = socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv);
	MUST(write(sv[0], "abc", 3) == 3);
	MUST(write(sv[0], "defgh", 5) == 5);
	memset(buf, 0, sizeof buf);
	r = read(sv[1], buf, sizeof buf);
	r2 = read(sv[1], buf2, sizeof buf2);
	check("seqpacket_boundaries", rc == 0 && r == 3 && r2 == 5, "r=%zd r2=%zd", r, r2);
	close(sv[0]);
	close(sv[1]);

	rc = socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv);
	send(sv[0], "d1", 2, 0);
	send(sv[0], "d22", 3, 0);
	r = recv(sv[1], buf, sizeof buf, 0);
	r2 = recv(sv[1], buf2, sizeof buf2, 0);
	check("unix_dgram_pair", rc == 0 && r == 2 && r2 == 3 && fcntl(sv[0], F_GETFD) == FD_CLOEXEC, "r=%zd r2=%zd", r, r2);
	close(sv[0]);
	close(sv[1]);
}

static void *unix_server(void *arg)
{
	int l = (int)(intptr_t)arg;
	int c = accept(l, NULL, NULL);
	if (c < 0)
		return NULL;
	char buf[32];
	ssize_t r = read(c, buf, sizeof buf);
	if (r > 0)
		MUST(write(c, buf, (size_t)r) == (ssize_t)((size_t)r));
	close(c);
	return NULL;
}

static void test_unix_path(void)
{
	char dir[PATH_MAX];
	const char *base = getenv("TMPDIR");
	if (!base || !*base || strlen(base) > 80) /* sun_path holds only 108 bytes */
		base = "/tmp";
	snprintf(dir, sizeof dir, "%s/xabi-sock-XXXXXX", base);
	if (!mkdtemp(dir)) {
		check("unix_path_mkdtemp", 0, "errno=%s", ename(errno));
		return;
	}
	struct sockaddr_un sa;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	int plen = snprintf(sa.sun_path, sizeof sa.sun_path, "%s/s", dir);
	if (plen >= (int)sizeof sa.sun_path) {
		rmdir(dir);
		check("unix_path_socket", 0, "path too long");
		return;
	}
	int l = socket(AF_UNIX, SOCK_STREAM, 0);
	int rc = bind(l, (struct sockaddr *)&sa, sizeof sa);
	int rc2 = listen(l, 4);
	struct stat st;
	stat(sa.sun_path, &st);
	check("unix_bind_creates_socket_file", rc == 0 && rc2 == 0 && S_ISSOCK(st.st_mode), "rc=%d rc2=%d", rc, rc2);
	pthread_t t;
	pthread_create(&t, NULL, unix_server, (void *)(intptr_t)l);
	int c = socket(AF_UNIX, SOCK_STREAM, 0);
	rc = connect(c, (struct sockaddr *)&sa, sizeof sa);
	ssize_t w = write(c, "unix echo", 9);
	char buf[32] = {0};
	ssize_t r = read(c, buf, sizeof buf);
	pthread_join(t, NULL);
	check("unix_path_echo", rc == 0 && w == 9 && r == 9 && !memcmp(buf, "unix echo", 9), "rc=%d r=%zd", rc, r);
	close(c);
	close(l);
	int u = unlink(sa.sun_path);
	int d = rmdir(dir);
	check("unix_path_cleanup", u == 0 && d == 0, "");
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	signal(SIGPIPE, SIG_IGN);
	test_tcp();
	test_refused();
	test_udp();
	test_unix_pair();
	test_unix_path();
	printf("sockets: %s\n", g_fail ? "FAILED" : "all ok");
	return g_fail;
}
