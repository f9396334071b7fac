/* pipes.c - pipes and readiness: pipe/pipe2 flags, nonblocking EAGAIN,
 * capacity, 1 MiB transfers between threads and between processes with a
 * checksum, PIPE_BUF atomicity, packet mode, poll/select/epoll readiness
 * (readable/writable/HUP/ERR, blocking waits), SIGPIPE/EPIPE, dup2 onto
 * stdout + exec, splice/tee, FIFOs.  Exits 0 iff every check passed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
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
	case EPIPE: return "EPIPE";
	case EBADF: return "EBADF";
	case EINVAL: return "EINVAL";
	case EINTR: return "EINTR";
	case ENXIO: return "ENXIO";
	default: snprintf(buf, sizeof buf, "E%d", e); return buf;
	}
}

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static const char *pollstr(short ev)
{
	static char buf[128];
	buf[0] = 0;
	if (ev & POLLIN) strcat(buf, "|IN");
	if (ev & POLLOUT) strcat(buf, "|OUT");
	if (ev & POLLHUP) strcat(buf, "|HUP");
	if (ev & POLLERR) strcat(buf, "|ERR");
	if (ev & POLLNVAL) strcat(buf, "|NVAL");
	return buf[0] ? buf + 1 : "none";
}

/* ---- deterministic data stream + checksum ---- */
#define MIB (1024 * 1024)
static void gen(unsigned char *buf, size_t n, uint32_t *state)
{
	for (size_t i = 0; i < n; i++) {
		*state = *state * 1103515245u + 12345u;
		buf[i] = (unsigned char)(*state >> 16);
	}
}

static uint64_t fnv(uint64_t h, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static uint64_t expected_sum;

static void write_stream(int fd)
{
	static unsigned char buf[8192];
	uint32_t st = 1;
	size_t left = MIB, k = 0;
	while (left) {
		size_t chunk = 1 + (k++ * 2654435761u) % 8191;
		if (chunk > left)
			chunk = left;
		gen(buf, chunk, &st);
		size_t off = 0;
		while (off < chunk) {
			ssize_t w = write(fd, buf + off, chunk - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return;
			off += (size_t)w;
		}
		left -= chunk;
	}
}

static uint64_t read_stream(int fd, size_t *total)
{
	unsigned char buf[3000];
	uint64_t h = 1469598103934665603ULL;
	*total = 0;
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		h = fnv(h, buf, (size_t)r);
		*total += (size_t)r;
	}
	return h;
}

static void *writer_thread(void *arg)
{
	int fd = (int)(intptr_t)arg;
	write_stream(fd);
	close(fd);
	return NULL;
}

static void test_basic(void)
{
	int p[2];
	int rc = pipe(p);
	char buf[16] = {0};
	ssize_t w = write(p[1], "abc", 3);
	ssize_t r = read(p[0], buf, sizeof buf);
	check("pipe_basic", rc == 0 && w == 3 && r == 3 && !memcmp(buf, "abc", 3), "rc=%d w=%zd r=%zd", rc, w, r);
	check("pipe_default_flags", fcntl(p[0], F_GETFD) == 0 && !(fcntl(p[0], F_GETFL) & O_NONBLOCK) && (fcntl(p[0], F_GETFL) & O_ACCMODE) == O_RDONLY && (fcntl(p[1], F_GETFL) & O_ACCMODE) == O_WRONLY, "");
	errno = 0;
	w = write(p[0], "x", 1);
	check("write_read_end_EBADF", w == -1 && errno == EBADF, "w=%zd errno=%s", w, ename(errno));
	struct iovec iov[3] = { { "one ", 4 }, { "two ", 4 }, { "three", 5 } };
	w = writev(p[1], iov, 3);
	char a[6] = {0}, b[8] = {0};
	struct iovec riov[2] = { { a, 5 }, { b, 8 } };
	r = readv(p[0], riov, 2);
	check("pipe_writev_readv", w == 13 && r == 13 && !memcmp(a, "one t", 5) && !memcmp(b, "wo three", 8), "w=%zd r=%zd", w, r);
	close(p[0]);
	close(p[1]);

	rc = pipe2(p, O_CLOEXEC | O_NONBLOCK);
	check("pipe2_cloexec_nonblock", rc == 0 && fcntl(p[0], F_GETFD) == FD_CLOEXEC && fcntl(p[1], F_GETFD) == FD_CLOEXEC &&
	      (fcntl(p[0], F_GETFL) & O_NONBLOCK) && (fcntl(p[1], F_GETFL) & O_NONBLOCK), "rc=%d", rc);
	errno = 0;
	r = read(p[0], buf, sizeof buf);
	check("nonblock_empty_read_EAGAIN", r == -1 && errno == EAGAIN, "r=%zd errno=%s", r, ename(errno));

	/* fill to capacity */
	int cap = fcntl(p[1], F_GETPIPE_SZ);
	static char chunk[4096];
	memset(chunk, 'z', sizeof chunk);
	long total = 0;
	for (int i = 0; i < 1000; i++) {
		w = write(p[1], chunk, sizeof chunk);
		if (w < 0)
			break;
		total += w;
	}
	int e = errno;
	check("nonblock_fill_to_capacity_EAGAIN", cap > 0 && total == cap && e == EAGAIN, "total=%ld cap=%d errno=%s", total, cap, ename(e));
	int avail = -1;
	ioctl(p[0], FIONREAD, &avail);
	check("FIONREAD", avail == cap, "avail=%d cap=%d", avail, cap);
	close(p[0]);
	close(p[1]);

	rc = pipe(p);
	int ns = fcntl(p[1], F_SETPIPE_SZ, 16384);
	check("F_SETPIPE_SZ", ns == 16384 && fcntl(p[0], F_GETPIPE_SZ) == 16384, "ns=%d", ns);
	close(p[0]);
	close(p[1]);

	/* EOF after writer closes */
	rc = pipe(p);
	MUST(write(p[1], "q", 1) == 1);
	close(p[1]);
	r = read(p[0], buf, sizeof buf);
	ssize_t r2 = read(p[0], buf, sizeof buf);
	check("eof_after_writer_close", r == 1 && r2 == 0, "r=%zd r2=%zd", r, r2);
	close(p[0]);
}

static void test_transfer(void)
{
	/* expected checksum computed locally */
	{
		unsigned char *all = malloc(MIB);
		uint32_t st = 1;
		size_t left = MIB, k = 0, off = 0;
		while (left) {
			size_t chunk = 1 + (k++ * 2654435761u) % 8191;
			if (chunk > left)
				chunk = left;
			gen(all + off, chunk, &st);
			off += chunk;
			left -= chunk;
		}
		expected_sum = fnv(1469598103934665603ULL, all, MIB);
		free(all);
	}
	printf("1MiB stream checksum: %016llx\n", (unsigned long long)expected_sum);

	int p[2];
	if (pipe(p)) {
		check("pipe", 0, "");
		return;
	}
	pthread_t t;
	pthread_create(&t, NULL, writer_thread, (void *)(intptr_t)p[1]);
	size_t total = 0;
	uint64_t h = read_stream(p[0], &total);
	pthread_join(t, NULL);
	close(p[0]);
	check("1MiB_between_threads", total == MIB && h == expected_sum, "total=%zu sum=%016llx", total, (unsigned long long)h);

	if (pipe(p)) {
		check("pipe", 0, "");
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		write_stream(p[1]);
		_exit(0);
	}
	close(p[1]);
	h = read_stream(p[0], &total);
	close(p[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	check("1MiB_between_processes", total == MIB && h == expected_sum && WIFEXITED(status) && WEXITSTATUS(status) == 0, "total=%zu", total);
}

static void test_atomicity(void)
{
	int p[2];
	if (pipe(p)) {
		check("pipe", 0, "");
		return;
	}
	enum { REC = 512, NREC = 200 };
	pid_t kids[2];
	for (int k = 0; k < 2; k++) {
		kids[k] = fork();
		if (kids[k] == 0) {
			close(p[0]);
			char rec[REC];
			memset(rec, 'A' + k, sizeof rec);
			for (int i = 0; i < NREC; i++)
				if (write(p[1], rec, sizeof rec) != REC)
					_exit(1);
			_exit(0);
		}
	}
	close(p[1]);
	static char all[2 * REC * NREC + 1];
	size_t n = 0;
	for (;;) {
		ssize_t r = read(p[0], all + n, sizeof all - n);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(p[0]);
	int st0, st1;
	waitpid(kids[0], &st0, 0);
	waitpid(kids[1], &st1, 0);
	int ok = n == 2 * REC * NREC, ca = 0, cb = 0;
	for (size_t r = 0; ok && r < n / REC; r++) {
		char c = all[r * REC];
		for (int i = 1; i < REC; i++)
			ok &= all[r * REC + i] == c;
		ca += c == 'A';
		cb += c == 'B';
	}
	check("PIPE_BUF_writes_atomic", ok && ca == NREC && cb == NREC && st0 == 0 && st1 == 0, "n=%zu ca=%d cb=%d", n, ca, cb);

	/* packet mode */
	if (pipe2(p, O_DIRECT) == 0) {
		MUST(write(p[1], "first", 5) == 5);
		MUST(write(p[1], "second", 6) == 6);
		char buf[64] = {0};
		ssize_t r1 = read(p[0], buf, sizeof buf);
		ssize_t r2 = read(p[0], buf + 10, sizeof buf - 10);
		check("pipe2_O_DIRECT_packets", r1 == 5 && r2 == 6 && !memcmp(buf, "first", 5) && !memcmp(buf + 10, "second", 6), "r1=%zd r2=%zd", r1, r2);
		close(p[0]);
		close(p[1]);
	} else {
		check("pipe2_O_DIRECT_packets", 0, "errno=%s", ename(errno));
	}
}

static int delayed_fd;
static void *delayed_writer(void *arg)
{
	(void)arg;
	msleep(20);
	if (write(delayed_fd, "D", 1) != 1)
		return (void *)1;
	return NULL;
}

static void test_poll(void)
{
	int p[2];
	if (pipe(p)) {
		check("pipe", 0, "");
		return;
	}
	struct pollfd fds[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
	int n = poll(fds, 2, 0);
	printf("poll empty: read=%s write=%s\n", pollstr(fds[0].revents), pollstr(fds[1].revents));
	check("poll_empty_pipe", n == 1 && fds[0].revents == 0 && fds[1].revents == POLLOUT, "n=%d", n);
	MUST(write(p[1], "x", 1) == 1);
	n = poll(fds, 1, 0);
	printf("poll with data: read=%s\n", pollstr(fds[0].revents));
	check("poll_readable", n == 1 && fds[0].revents == POLLIN, "n=%d", n);
	close(p[1]);
	n = poll(fds, 1, 0);
	printf("poll data+writer closed: read=%s\n", pollstr(fds[0].revents));
	check("poll_readable_and_hup", n == 1 && (fds[0].revents & POLLIN) && (fds[0].revents & POLLHUP), "n=%d", n);
	char c;
	MUST(read(p[0], &c, 1) >= 0);
	n = poll(fds, 1, 0);
	printf("poll drained+writer closed: read=%s\n", pollstr(fds[0].revents));
	check("poll_hup", n == 1 && (fds[0].revents & POLLHUP), "n=%d", n);
	close(p[0]);

	MUST(pipe(p) == 0);
	close(p[0]);
	struct pollfd wf = { p[1], POLLOUT, 0 };
	n = poll(&wf, 1, 0);
	printf("poll reader closed: write=%s\n", pollstr(wf.revents));
	check("poll_writer_err", n == 1 && (wf.revents & POLLERR), "n=%d", n);
	close(p[1]);

	struct pollfd bad = { 1000, POLLIN, 0 };
	n = poll(&bad, 1, 0);
	check("poll_POLLNVAL", n == 1 && bad.revents == POLLNVAL, "n=%d rev=%s", n, pollstr(bad.revents));

	/* blocking poll woken by another thread */
	MUST(pipe(p) == 0);
	delayed_fd = p[1];
	pthread_t t;
	pthread_create(&t, NULL, delayed_writer, NULL);
	struct pollfd rf = { p[0], POLLIN, 0 };
	n = poll(&rf, 1, 5000);
	pthread_join(t, NULL);
	check("poll_blocking_wakeup", n == 1 && rf.revents == POLLIN, "n=%d", n);
	MUST(read(p[0], &c, 1) >= 0);
	n = poll(&rf, 1, 15);
	check("poll_timeout", n == 0, "n=%d", n);

	/* ppoll with timespec */
	struct timespec ts = { 0, 5000000 };
	n = ppoll(&rf, 1, &ts, NULL);
	check("ppoll_timeout", n == 0, "n=%d", n);
	close(p[0]);
	close(p[1]);
}

static void test_select(void)
{
	int p[2];
	if (pipe(p)) {
		check("pipe", 0, "");
		return;
	}
	fd_set r, w;
	struct timeval tv = { 0, 0 };
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	FD_SET(p[1], &w);
	int n = select(p[1] + 1, &r, &w, NULL, &tv);
	check("select_empty", n == 1 && !FD_ISSET(p[0], &r) && FD_ISSET(p[1], &w), "n=%d", n);
	MUST(write(p[1], "y", 1) == 1);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	tv.tv_sec = 0;
	tv.tv_usec = 0;
	n = select(p[0] + 1, &r, NULL, NULL, &tv);
	check("select_readable", n == 1 && FD_ISSET(p[0], &r), "n=%d", n);
	char c;
	MUST(read(p[0], &c, 1) >= 0);

	delayed_fd = p[1];
	pthread_t t;
	pthread_create(&t, NULL, delayed_writer, NULL);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	tv.tv_sec = 5;
	tv.tv_usec = 0;
	n = select(p[0] + 1, &r, NULL, NULL, &tv);
	pthread_join(t, NULL);
	check("select_blocking_wakeup", n == 1 && FD_ISSET(p[0], &r), "n=%d", n);
	MUST(read(p[0], &c, 1) >= 0);

	FD_ZERO(&r);
	FD_SET(p[0], &r);
	tv.tv_sec = 0;
	tv.tv_usec = 15000;
	n = select(p[0] + 1, &r, NULL, NULL, &tv);
	check("select_timeout", n == 0 && !FD_ISSET(p[0], &r), "n=%d", n);

	close(p[1]);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	tv.tv_sec = 0;
	tv.tv_usec = 0;
	n = select(p[0] + 1, &r, NULL, NULL, &tv);
	check("select_eof_readable", n == 1 && FD_ISSET(p[0], &r), "n=%d", n);

	struct timespec ts = { 0, 0 };
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	n = pselect(p[0] + 1, &r, NULL, NULL, &ts, NULL);
	check("pselect", n == 1, "n=%d", n);
	close(p[0]);
}

static void test_epoll(void)
{
	int p[2];
	if (pipe(p)) {
		check("pipe", 0, "");
		return;
	}
	int ep = epoll_create1(EPOLL_CLOEXEC);
	check("epoll_create1_cloexec", ep >= 0 && fcntl(ep, F_GETFD) == FD_CLOEXEC, "ep=%d", ep);
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ULL };
	int rc = epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	errno = 0;
	int rc2 = epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	check("epoll_ctl_add_twice_EEXIST", rc == 0 && rc2 == -1 && errno == EEXIST, "rc=%d rc2=%d", rc, rc2);
	struct epoll_event out[4];
	int n = epoll_wait(ep, out, 4, 0);
	check("epoll_empty", n == 0, "n=%d", n);
	MUST(write(p[1], "e", 1) == 1);
	memset(out, 0, sizeof out);
	n = epoll_wait(ep, out, 4, 0);
	check("epoll_readable", n == 1 && out[0].events == EPOLLIN && out[0].data.u64 == 0x1122334455667788ULL, "n=%d ev=%#x", n, n > 0 ? out[0].events : 0);
	n = epoll_wait(ep, out, 4, 0);
	check("epoll_level_triggered_repeats", n == 1, "n=%d", n);

	/* edge triggered */
	ev.events = EPOLLIN | EPOLLET;
	rc = epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
	n = epoll_wait(ep, out, 4, 0);
	int n2 = epoll_wait(ep, out, 4, 0);
	MUST(write(p[1], "f", 1) == 1);
	int n3 = epoll_wait(ep, out, 4, 0);
	check("epoll_edge_triggered", rc == 0 && n == 1 && n2 == 0 && n3 == 1, "n=%d n2=%d n3=%d", n, n2, n3);
	char buf[8];
	MUST(read(p[0], buf, sizeof buf) >= 0);

	/* blocking wait woken by a thread */
	ev.events = EPOLLIN;
	epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
	delayed_fd = p[1];
	pthread_t t;
	pthread_create(&t, NULL, delayed_writer, NULL);
	n = epoll_wait(ep, out, 4, 5000);
	pthread_join(t, NULL);
	check("epoll_blocking_wakeup", n == 1 && out[0].events == EPOLLIN, "n=%d", n);
	MUST(read(p[0], buf, sizeof buf) >= 0);
	n = epoll_wait(ep, out, 4, 15);
	check("epoll_timeout", n == 0, "n=%d", n);
	sigset_t none;
	sigemptyset(&none);
	n = epoll_pwait(ep, out, 4, 0, &none);
	check("epoll_pwait", n == 0, "n=%d", n);

	/* writer side + HUP */
	struct epoll_event wev = { .events = EPOLLOUT, .data.u32 = 2 };
	epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &wev);
	n = epoll_wait(ep, out, 4, 0);
	check("epoll_writable", n == 1 && out[0].events == EPOLLOUT && out[0].data.u32 == 2, "n=%d", n);
	epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL);
	close(p[1]);
	n = epoll_wait(ep, out, 4, 0);
	check("epoll_hup", n == 1 && (out[0].events & EPOLLHUP), "n=%d ev=%#x", n, n > 0 ? out[0].events : 0);
	rc = epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL);
	n = epoll_wait(ep, out, 4, 0);
	check("epoll_ctl_del", rc == 0 && n == 0, "rc=%d n=%d", rc, n);
	close(p[0]);
	close(ep);
}

static volatile int sigpipe_count;
static void h_pipe(int sig)
{
	(void)sig;
	sigpipe_count++;
}

static void test_sigpipe(void)
{
	int p[2];
	if (pipe(p)) {
		check("pipe", 0, "");
		return;
	}
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	errno = 0;
	ssize_t w = write(p[1], "x", 1);
	check("sigpipe_ignored_write_EPIPE", w == -1 && errno == EPIPE, "w=%zd errno=%s", w, ename(errno));
	signal(SIGPIPE, h_pipe);
	sigpipe_count = 0;
	errno = 0;
	w = write(p[1], "x", 1);
	check("sigpipe_handler_runs_and_EPIPE", w == -1 && errno == EPIPE && sigpipe_count == 1, "w=%zd errno=%s count=%d", w, ename(errno), sigpipe_count);
	signal(SIGPIPE, SIG_DFL);
	close(p[1]);

	pid_t pid = fork();
	if (pid == 0) {
		int q[2];
		if (pipe(q))
			_exit(2);
		close(q[0]);
		if (write(q[1], "x", 1) < 0)
			_exit(3);
		_exit(4);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	printf("child writing to closed pipe: %s\n", WIFSIGNALED(st) ? (WTERMSIG(st) == SIGPIPE ? "killed by SIGPIPE" : "killed by other signal") : "exited");
	check("sigpipe_default_kills_child", WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE, "st=%#x", st);
}

static void test_dup2_exec(void)
{
	int p[2];
	if (pipe(p)) {
		check("pipe", 0, "");
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		if (dup2(p[1], STDOUT_FILENO) != STDOUT_FILENO)
			_exit(120);
		close(p[1]);
		char *args[] = { "echo", "through", "the", "pipe", NULL };
		char *env[] = { NULL };
		execve("/bin/echo", args, env);
		_exit(127);
	}
	close(p[1]);
	char buf[128];
	size_t n = 0;
	for (;;) {
		ssize_t r = read(p[0], buf + n, sizeof buf - 1 - n);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	buf[n] = 0;
	close(p[0]);
	int st;
	waitpid(pid, &st, 0);
	printf("echo via dup2'd stdout: %s", buf);
	check("dup2_stdout_exec_echo", !strcmp(buf, "through the pipe\n") && WIFEXITED(st) && WEXITSTATUS(st) == 0, "st=%#x", st);
}

static void test_splice(void)
{
	int a[2], b[2], c[2];
	if (pipe(a) || pipe(b) || pipe(c)) {
		check("pipe", 0, "");
		return;
	}
	MUST(write(a[1], "spliced data", 12) == 12);
	ssize_t t = tee(a[0], c[1], 64, 0);
	ssize_t s = splice(a[0], NULL, b[1], NULL, 64, 0);
	char buf[32] = {0}, buf2[32] = {0};
	ssize_t r = read(b[0], buf, sizeof buf);
	ssize_t r2 = read(c[0], buf2, sizeof buf2);
	check("tee", t == 12 && r2 == 12 && !memcmp(buf2, "spliced data", 12), "t=%zd r2=%zd", t, r2);
	check("splice", s == 12 && r == 12 && !memcmp(buf, "spliced data", 12), "s=%zd r=%zd", s, r);
	struct iovec iov = { "vmspliced", 9 };
	ssize_t v = vmsplice(b[1], &iov, 1, 0);
	memset(buf, 0, sizeof buf);
	r = read(b[0], buf, sizeof buf);
	check("vmsplice", v == 9 && r == 9 && !memcmp(buf, "vmspliced", 9), "v=%zd r=%zd", v, r);
	close(a[0]); close(a[1]); close(b[0]); close(b[1]); close(c[0]); close(c[1]);
}

static void test_fifo(void)
{
	char dir[PATH_MAX], path[PATH_MAX + 16];
	const char *base = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/xabi-pipes-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(dir)) {
		check("fifo_mkdtemp", 0, "errno=%s", ename(errno));
		return;
	}
	snprintf(path, sizeof path, "%s/fifo", dir);
	int rc = mkfifo(path, 0600);
	struct stat st;
	stat(path, &st);
	check("mkfifo", rc == 0 && S_ISFIFO(st.st_mode), "rc=%d", rc);
	errno = 0;
	int wfd0 = open(path, O_WRONLY | O_NONBLOCK);
	check("fifo_open_writer_no_reader_ENXIO", wfd0 == -1 && errno == ENXIO, "fd=%d errno=%s", wfd0, ename(errno));
	int rfd = open(path, O_RDONLY | O_NONBLOCK);
	int wfd = open(path, O_WRONLY);
	ssize_t w = write(wfd, "fifo!", 5);
	char buf[16] = {0};
	ssize_t r = read(rfd, buf, sizeof buf);
	check("fifo_transfer", rfd >= 0 && wfd >= 0 && w == 5 && r == 5 && !memcmp(buf, "fifo!", 5), "w=%zd r=%zd", w, r);
	close(wfd);
	close(rfd);
	unlink(path);
	check("fifo_cleanup", rmdir(dir) == 0, "errno=%s", ename(errno));
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	test_basic();
	test_transfer();
	test_atomicity();
	test_poll();
	test_select();
	test_epoll();
	test_sigpipe();
	test_dup2_exec();
	test_splice();
	test_fifo();
	printf("pipes: %s\n", g_fail ? "FAILED" : "all ok");
	return g_fail;
}
