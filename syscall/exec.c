/* execve on a guest's behalf: natively, or by running xabi again on the program (README.md).
 * Trap-path code. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include "../loader/detect.h"
#include "copy.h"
#include "fmt.h"
#include "process.h"
#include "raw.h"
#include "runtime.h"
#include "trap.h"
#include "xthread.h"

#define MAX_ARGS (1 << 20)

/* Does the program at path need xabi (rather than the host kernel) to run it? A file xabi cannot
 * read is left to the kernel, whose execve then gives the guest the right error. */
static int needs_xabi(int dirfd, const char *path, int flags)
{
	long fd = raw4(SYS_openat, dirfd, path, O_RDONLY | O_CLOEXEC |
			   ((flags & AT_SYMLINK_NOFOLLOW) ? O_NOFOLLOW : 0), 0);
	if (fd < 0)
		return 0;
	unsigned char buf[DETECT_PREFIX];
	long n = raw3(SYS_read, fd, buf, sizeof buf);
	raw1(SYS_close, fd);
	if (n < 0)
		return 0;
	struct detection d;
	detect(buf, (size_t)n, &d);
	if (d.format == FMT_SCRIPT)
		return rt.mode == INTERCEPT_SECCOMP || rt.follow_exec;
	if (d.format != FMT_ELF || !d.abi || strcmp(d.abi, "linux"))
		return 1; /* foreign, or unknown: xabi says what it is */
	return rt.mode == INTERCEPT_SECCOMP || rt.follow_exec;
}

/* A path the new xabi process can open: relative names are resolved against dirfd now, since
 * dirfd may not survive the exec. */
static long absolute_path(char *out, size_t size, int dirfd, const char *path, int flags)
{
	if (path[0] == '/' || (dirfd == AT_FDCWD && path[0])) {
		if (strlen(path) >= size)
			return -ENAMETOOLONG;
		strcpy(out, path);
		return 0;
	}
	char link[32];
	struct fmt f;
	fmt_init(&f, link, sizeof link);
	fmt_str(&f, "/proc/self/fd/");
	fmt_dec(&f, dirfd);
	*f.p = 0;
	long n = raw3(SYS_readlink, link, out, size - 1);
	if (n < 0)
		return n;
	out[n] = 0;
	if (!path[0] && (flags & AT_EMPTY_PATH))
		return 0;
	if ((size_t)n + 1 + strlen(path) >= size)
		return -ENAMETOOLONG;
	out[n] = '/';
	strcpy(out + n + 1, path);
	return 0;
}

static long exec_under_xabi(int dirfd, const char *path, char *const *argv, char *const *envp,
			    int flags)
{
	char abspath[4096];
	long r = absolute_path(abspath, sizeof abspath, dirfd, path, flags);
	if (r < 0)
		return r;
	long argc = 0;
	char *arg0 = 0;
	for (; argv; argc++) {
		char *p;
		if (argc == MAX_ARGS)
			return -E2BIG;
		if (xabi_copy_safe(&p, argv + argc, sizeof p) < 0)
			return -EFAULT;
		if (!p)
			break;
		if (!argc)
			arg0 = p;
	}
	char tracefd[32] = "--trace-fd=";
	struct fmt f;
	fmt_init(&f, tracefd + 11, sizeof tracefd - 11);
	fmt_dec(&f, rt.trace_fd);
	*f.p = 0;
	const char *head[10];
	int h = 0;
	head[h++] = rt.self_exe;
	head[h++] = rt.mode == INTERCEPT_SECCOMP ? "--intercept=seccomp" : "--intercept=sud";
	if (rt.trace_fd >= 0)
		head[h++] = tracefd;
	else if (rt.follow_exec)
		head[h++] = "--follow-exec";
	if (rt.root) {
		head[h++] = "--root";
		head[h++] = rt.root;
	}
	if (argc > 0) {
		head[h++] = "--argv0";
		head[h++] = arg0;
	}
	head[h++] = "--";
	head[h++] = abspath;

	size_t bytes = (size_t)(h + argc + 1) * sizeof(char *);
	long m = raw6(SYS_mmap, 0, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m < 0)
		return m;
	const char **nargv = (const char **)m;
	memcpy(nargv, head, (size_t)h * sizeof(char *));
	for (long i = 1; i < argc; i++)
		nargv[h + i - 1] = argv[i];
	nargv[h + (argc > 0 ? argc - 1 : 0)] = 0;

	if (rt.trace_fd >= 0)
		raw3(SYS_fcntl, rt.trace_fd, F_SETFD, 0);
	r = raw3(SYS_execve, rt.self_exe, nargv, envp);
	if (rt.trace_fd >= 0)
		raw3(SYS_fcntl, rt.trace_fd, F_SETFD, FD_CLOEXEC);
	raw2(SYS_munmap, m, bytes);
	return r;
}

long process_execve(struct trap *tr, int dirfd, const char *gpath, char *const *argv,
		    char *const *envp, int flags)
{
	char path[4096];
	long r = copy_guest_string(path, sizeof path, gpath);
	if (r < 0)
		return r;
	int wrap = needs_xabi(dirfd, path, flags);
	if (wrap) {
		r = raw3(SYS_faccessat, dirfd, path, X_OK);
		if (r < 0)
			return r;
	}
	/* A task sharing memory with others (a vfork child) frees its block when the exec succeeds. */
	struct xthread *t = tr->t;
	xthread_release_at_exec(t);
	if (wrap)
		r = exec_under_xabi(dirfd, path, argv, envp, flags);
	else
		r = raw5(SYS_execveat, dirfd, path, argv, envp, flags);
	t->alive = t->tid;
	raw1(SYS_set_tid_address, t->guest_ctid);
	return r;
}
