/* forkexec.c - process creation and replacement: fork/waitpid status
 * encoding, death by signal, vfork (+_exit, +execve), execve of /bin/echo
 * with output captured, re-exec of this binary (argv, envp, fd inheritance,
 * close-on-exec, signal dispositions/mask/pending across exec), exec from a
 * non-main thread, posix_spawn, system(), wait4/waitid, getppid, exec errors.
 * Exits 0 iff every check passed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static int g_fail;

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
	case ENOENT: return "ENOENT";
	case EACCES: return "EACCES";
	case ECHILD: return "ECHILD";
	case ENOEXEC: return "ENOEXEC";
	case EBADF: return "EBADF";
	default: snprintf(buf, sizeof buf, "E%d", e); return buf;
	}
}

static const char *self_path;
static char self_buf[4096];

/* argv[0] as given; if it has no '/', it was found through $PATH */
static void resolve_self(const char *argv0)
{
	self_path = argv0;
	if (strchr(argv0, '/'))
		return;
	const char *path = getenv("PATH");
	while (path && *path) {
		const char *end = strchr(path, ':');
		size_t len = end ? (size_t)(end - path) : strlen(path);
		snprintf(self_buf, sizeof self_buf, "%.*s/%s", (int)len, path, argv0);
		if (access(self_buf, X_OK) == 0) {
			self_path = self_buf;
			return;
		}
		path = end ? end + 1 : NULL;
	}
}

static void do_exec_self(char *const args[])
{
	execv(self_path, args);
}

static void no_core(void)
{
	struct rlimit rl = { 0, 0 };
	setrlimit(RLIMIT_CORE, &rl);
}

/* read everything from fd into buf (NUL-terminated) */
static size_t read_all(int fd, char *buf, size_t sz)
{
	size_t n = 0;
	for (;;) {
		ssize_t r = read(fd, buf + n, sz - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
		if (n == sz - 1)
			break;
	}
	buf[n] = 0;
	return n;
}

/* ---------- modes used when this binary is re-executed ---------- */
static int child_mode(int argc, char **argv)
{
	int ok = 1;
	int argv_ok = argc == 6 && !strcmp(argv[4], "a b") && !strcmp(argv[5], "") && argv[6] == NULL;
	printf("  child-mode: argv %s\n", argv_ok ? "ok" : "FAIL");
	ok &= argv_ok;
	int nenv = 0;
	for (char **e = environ; *e; e++)
		nenv++;
	const char *v = getenv("XABI_FE_VAR");
	int env_ok = nenv == 2 && v && !strcmp(v, "from parent") && getenv("XABI_FE_PPID");
	printf("  child-mode: envp %s\n", env_ok ? "ok" : "FAIL");
	ok &= env_ok;
	int ppid_ok = env_ok && atoi(getenv("XABI_FE_PPID")) == getppid();
	printf("  child-mode: getppid is parent %s\n", ppid_ok ? "ok" : "FAIL");
	ok &= ppid_ok;
	if (argc < 4)
		return 6;
	int inh = atoi(argv[2]), cx = atoi(argv[3]);
	int inh_ok = fcntl(inh, F_GETFD) == 0 && write(inh, "x", 1) == 1;
	printf("  child-mode: inherited fd %s\n", inh_ok ? "ok" : "FAIL");
	ok &= inh_ok;
	errno = 0;
	int cx_ok = fcntl(cx, F_GETFD) == -1 && errno == EBADF;
	printf("  child-mode: cloexec fd closed %s\n", cx_ok ? "ok" : "FAIL");
	ok &= cx_ok;
	struct sigaction sa1, sa2;
	sigaction(SIGUSR1, NULL, &sa1);
	sigaction(SIGUSR2, NULL, &sa2);
	int disp_ok = sa1.sa_handler == SIG_DFL && sa2.sa_handler == SIG_IGN;
	printf("  child-mode: handler reset, SIG_IGN kept %s\n", disp_ok ? "ok" : "FAIL");
	ok &= disp_ok;
	sigset_t cur, pend;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	sigpending(&pend);
	int mask_ok = sigismember(&cur, SIGPROF) == 1 && sigismember(&cur, SIGUSR1) == 0 && sigismember(&pend, SIGPROF) == 1;
	printf("  child-mode: blocked mask and pending signal kept %s\n", mask_ok ? "ok" : "FAIL");
	ok &= mask_ok;
	return ok ? 5 : 6;
}

static int child_simple(int argc, char **argv)
{
	int ok = argc == 3 && atoi(argv[2]) == getpid();
	printf("  child-simple: pid unchanged by exec from thread %s\n", ok ? "ok" : "FAIL");
	return ok ? 0 : 1;
}

/* ---------- tests ---------- */
static void atexit_fn(void)
{
	printf("  atexit handler in child ran\n");
}

static void test_fork_wait(void)
{
	int st = 0;
	pid_t pid = fork();
	if (pid == 0)
		_exit(42);
	pid_t w = waitpid(pid, &st, 0);
	check("fork_waitpid_exit_status", pid > 0 && w == pid && WIFEXITED(st) && WEXITSTATUS(st) == 42 && !WIFSIGNALED(st), "st=%#x", st);

	pid = fork();
	if (pid == 0)
		_exit(256 + 3);
	waitpid(pid, &st, 0);
	check("exit_status_truncated_to_8_bits", WIFEXITED(st) && WEXITSTATUS(st) == 3, "st=%#x", st);

	pid = fork();
	if (pid == 0) {
		atexit(atexit_fn);
		exit(4);
	}
	waitpid(pid, &st, 0);
	check("exit_runs_atexit", WIFEXITED(st) && WEXITSTATUS(st) == 4, "st=%#x", st);

	pid_t parent = getpid();
	pid = fork();
	if (pid == 0)
		_exit(getppid() == parent ? 0 : 1);
	waitpid(pid, &st, 0);
	printf("child_getppid_equals_parent_getpid: %s\n", WIFEXITED(st) && WEXITSTATUS(st) == 0 ? "true" : "false");
	check("child_getppid", WIFEXITED(st) && WEXITSTATUS(st) == 0, "st=%#x", st);

	pid = fork();
	if (pid == 0)
		_exit(getpid() != parent ? 0 : 1);
	waitpid(pid, &st, 0);
	check("child_pid_differs", WIFEXITED(st) && WEXITSTATUS(st) == 0, "st=%#x", st);
}

static void test_signaled(void)
{
	int sigs[] = { SIGKILL, SIGTERM };
	const char *names[] = { "child_killed_SIGKILL", "child_killed_SIGTERM" };
	for (int i = 0; i < 2; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			for (;;)
				pause();
		}
		kill(pid, sigs[i]);
		int st = 0;
		pid_t w = waitpid(pid, &st, 0);
		check(names[i], w == pid && WIFSIGNALED(st) && WTERMSIG(st) == sigs[i] && !WIFEXITED(st), "st=%#x", st);
	}
	pid_t pid = fork();
	if (pid == 0) {
		no_core();
		abort();
	}
	int st = 0;
	waitpid(pid, &st, 0);
	check("child_abort_SIGABRT", WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT, "st=%#x", st);

	pid = fork();
	if (pid == 0) {
		raise(SIGTERM);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	check("child_raise_SIGTERM", WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "st=%#x", st);
}

static void test_wait_variants(void)
{
	int p[2];
	if (pipe(p)) {
		check("pipe", 0, "");
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(p[1]);
		char c;
		ssize_t r = read(p[0], &c, 1); /* blocks until parent closes */
		_exit(r == 0 ? 9 : 8);
	}
	close(p[0]);
	int st = 0;
	pid_t w = waitpid(pid, &st, WNOHANG);
	check("waitpid_WNOHANG_running_child", w == 0, "w=%d", (int)(w == pid ? 1 : w));
	close(p[1]);
	siginfo_t si;
	memset(&si, 0, sizeof si);
	int rc = waitid(P_PID, (id_t)pid, &si, WEXITED);
	check("waitid_CLD_EXITED", rc == 0 && si.si_pid == pid && si.si_code == CLD_EXITED && si.si_status == 9 && si.si_signo == SIGCHLD, "rc=%d code=%d status=%d", rc, si.si_code, si.si_status);

	pid = fork();
	if (pid == 0)
		_exit(11);
	struct rusage ru;
	memset(&ru, 0, sizeof ru);
	w = wait4(pid, &st, 0, &ru);
	check("wait4_rusage", w == pid && WIFEXITED(st) && WEXITSTATUS(st) == 11, "st=%#x", st);

	/* waitid WNOWAIT leaves the child waitable */
	pid = fork();
	if (pid == 0)
		_exit(12);
	memset(&si, 0, sizeof si);
	rc = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT);
	w = waitpid(pid, &st, 0);
	check("waitid_WNOWAIT", rc == 0 && si.si_status == 12 && w == pid && WEXITSTATUS(st) == 12, "rc=%d", rc);

	/* wait(-1) collects several children */
	pid_t kids[3];
	for (int i = 0; i < 3; i++) {
		kids[i] = fork();
		if (kids[i] == 0)
			_exit(20 + i);
	}
	int seen = 0;
	for (int i = 0; i < 3; i++) {
		w = wait(&st);
		for (int j = 0; j < 3; j++)
			if (w == kids[j] && WEXITSTATUS(st) == 20 + j)
				seen |= 1 << j;
	}
	check("wait_any_collects_all", seen == 7, "seen=%#x", seen);
}

static volatile int vfork_flag;

static void test_vfork(void)
{
	int st = 0;
	vfork_flag = 0;
	pid_t pid = vfork();
	if (pid == 0) {
		vfork_flag = 1; /* Linux vfork shares memory with the parent */
		_exit(3);
	}
	pid_t w = waitpid(pid, &st, 0);
	check("vfork_exit", w == pid && WIFEXITED(st) && WEXITSTATUS(st) == 3, "st=%#x", st);
	check("vfork_shares_memory", vfork_flag == 1, "flag=%d", vfork_flag);

	char *targv[] = { "true", NULL };
	char *tenv[] = { NULL };
	pid = vfork();
	if (pid == 0) {
		execve("/bin/true", targv, tenv);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	check("vfork_execve_true", WIFEXITED(st) && WEXITSTATUS(st) == 0, "st=%#x", st);

	pid = vfork();
	if (pid == 0) {
		execve("/nonexistent/xabi-no-such-prog", targv, tenv);
		_exit(errno == ENOENT ? 10 : 11);
	}
	waitpid(pid, &st, 0);
	check("vfork_execve_ENOENT", WIFEXITED(st) && WEXITSTATUS(st) == 10, "st=%#x", st);
}

static void test_exec_echo(void)
{
	int p[2];
	if (pipe(p)) {
		check("pipe", 0, "");
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		char *args[] = { "echo", "hello", "from", "echo", NULL };
		char *env[] = { "PATH=/bin:/usr/bin", NULL };
		execve("/bin/echo", args, env);
		_exit(127);
	}
	close(p[1]);
	char buf[256];
	read_all(p[0], buf, sizeof buf);
	close(p[0]);
	int st = 0;
	waitpid(pid, &st, 0);
	printf("echo output: %s", buf);
	check("execve_echo_output", !strcmp(buf, "hello from echo\n") && WIFEXITED(st) && WEXITSTATUS(st) == 0, "st=%#x", st);
}

static void h_usr1(int sig)
{
	(void)sig;
}

static void test_reexec(void)
{
	int inh[2], cx[2];
	if (pipe(inh) || pipe2(cx, O_CLOEXEC)) {
		check("pipe", 0, "");
		return;
	}
	char fd1[16], fd2[16], ppid_env[64];
	snprintf(fd1, sizeof fd1, "%d", inh[1]);
	snprintf(fd2, sizeof fd2, "%d", cx[1]);
	pid_t pid = fork();
	if (pid == 0) {
		close(inh[0]);
		snprintf(ppid_env, sizeof ppid_env, "XABI_FE_PPID=%d", (int)getppid());
		signal(SIGUSR1, h_usr1);
		signal(SIGUSR2, SIG_IGN);
		sigset_t s;
		sigemptyset(&s);
		sigaddset(&s, SIGPROF);
		sigprocmask(SIG_BLOCK, &s, NULL);
		raise(SIGPROF); /* stays pending across exec */
		char *args[] = { (char *)self_path, "child-mode", fd1, fd2, "a b", "", NULL };
		char *env[] = { "XABI_FE_VAR=from parent", ppid_env, NULL };
		environ = env;
		do_exec_self(args);
		_exit(126);
	}
	close(inh[1]);
	close(cx[1]);
	char buf[16];
	size_t n = read_all(inh[0], buf, sizeof buf);
	close(inh[0]);
	char b2[4];
	size_t n2 = read_all(cx[0], b2, sizeof b2);
	close(cx[0]);
	int st = 0;
	waitpid(pid, &st, 0);
	check("reexec_self_status", WIFEXITED(st) && WEXITSTATUS(st) == 5, "st=%#x", st);
	check("reexec_inherited_pipe_data", n == 1 && buf[0] == 'x' && n2 == 0, "n=%zu n2=%zu", n, n2);
}

static void *exec_thread(void *arg)
{
	char pidbuf[16];
	snprintf(pidbuf, sizeof pidbuf, "%d", (int)getpid());
	char *args[] = { (char *)self_path, "child-simple", pidbuf, NULL };
	(void)arg;
	do_exec_self(args);
	_exit(126);
}

static int blocker_pipe[2];
static void *blocker_thread(void *arg)
{
	char c;
	(void)arg;
	if (read(blocker_pipe[0], &c, 1) < 0)
		return NULL;
	return NULL;
}

static void test_exec_from_thread(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (pipe(blocker_pipe))
			_exit(125);
		pthread_t b, t;
		pthread_create(&b, NULL, blocker_thread, NULL);
		pthread_create(&t, NULL, exec_thread, NULL);
		pthread_join(b, NULL); /* never returns: exec replaces us */
		_exit(124);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	check("exec_from_non_main_thread", WIFEXITED(st) && WEXITSTATUS(st) == 0, "st=%#x", st);
}

static void *free_thread(void *m)
{
	free(m);
	return NULL;
}

static void test_fork_threaded(void)
{
	if (pipe(blocker_pipe)) {
		check("pipe", 0, "");
		return;
	}
	pthread_t b;
	pthread_create(&b, NULL, blocker_thread, NULL);
	pid_t pid = fork();
	if (pid == 0) {
		/* only the forking thread exists here; libc must still work */
		void *m = malloc(100000);
		pthread_t t;
		int ok = m != NULL && pthread_create(&t, NULL, free_thread, m) == 0 && pthread_join(t, NULL) == 0;
		_exit(ok ? 0 : 1);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	check("fork_in_multithreaded_process", WIFEXITED(st) && WEXITSTATUS(st) == 0, "st=%#x", st);
	if (write(blocker_pipe[1], "q", 1) != 1)
		check("blocker_write", 0, "");
	pthread_join(b, NULL);
	close(blocker_pipe[0]);
	close(blocker_pipe[1]);
}

static void test_posix_spawn(void)
{
	pid_t pid = 0;
	char *args[] = { "true", NULL };
	int rc = posix_spawn(&pid, "/bin/true", NULL, NULL, args, environ);
	int st = -1;
	if (rc == 0)
		waitpid(pid, &st, 0);
	check("posix_spawn_true", rc == 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "rc=%d st=%#x", rc, st);

	pid = 0;
	st = -1;
	rc = posix_spawn(&pid, "/nonexistent/xabi-no-such-prog", NULL, NULL, args, environ);
	if (rc == 0)
		waitpid(pid, &st, 0);
	/* modern glibc and musl return ENOENT; older ones report exit 127 */
	check("posix_spawn_nonexistent", rc == ENOENT || (rc == 0 && WIFEXITED(st) && WEXITSTATUS(st) == 127), "rc=%s st=%#x", ename(rc), st);

	int p[2];
	if (pipe(p)) {
		check("pipe", 0, "");
		return;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_addclose(&fa, p[0]);
	posix_spawn_file_actions_addclose(&fa, p[1]);
	char *eargs[] = { "echo", "spawned", "echo", NULL };
	rc = posix_spawn(&pid, "/bin/echo", &fa, NULL, eargs, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	char buf[128];
	read_all(p[0], buf, sizeof buf);
	close(p[0]);
	st = -1;
	if (rc == 0)
		waitpid(pid, &st, 0);
	printf("posix_spawn echo output: %s", buf);
	check("posix_spawn_file_actions", rc == 0 && !strcmp(buf, "spawned echo\n") && WIFEXITED(st) && WEXITSTATUS(st) == 0, "rc=%d", rc);

	/* spawn attributes: reset SIGUSR1 to default, set the child's mask */
	posix_spawnattr_t at;
	posix_spawnattr_init(&at);
	sigset_t def, mask;
	sigemptyset(&def);
	sigaddset(&def, SIGUSR2);
	sigemptyset(&mask);
	posix_spawnattr_setsigdefault(&at, &def);
	posix_spawnattr_setsigmask(&at, &mask);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
	signal(SIGUSR2, SIG_IGN);
	char *shargs[] = { "sh", "-c", "kill -USR2 $$; exit 0", NULL };
	rc = posix_spawn(&pid, "/bin/sh", NULL, &at, shargs, environ);
	posix_spawnattr_destroy(&at);
	signal(SIGUSR2, SIG_DFL);
	st = -1;
	if (rc == 0)
		waitpid(pid, &st, 0);
	check("posix_spawn_setsigdef", rc == 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR2, "rc=%d st=%#x", rc, st);
}

static void test_system(void)
{
	int st = system("exit 3");
	check("system_exit_3", st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 3, "st=%#x", st);
	st = system("echo '  output from system()'");
	check("system_echo", WIFEXITED(st) && WEXITSTATUS(st) == 0, "st=%#x", st);
	st = system("kill -TERM $$");
	check("system_child_signaled", WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "st=%#x", st);
}

static void test_exec_errors(void)
{
	const char *paths[] = { "/nonexistent/xabi-no-such-prog", "/", "/etc/passwd" };
	const int want[] = { ENOENT, EACCES, EACCES };
	const char *names[] = { "exec_nonexistent_ENOENT", "exec_directory_EACCES", "exec_non_executable_EACCES" };
	for (int i = 0; i < 3; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			char *args[] = { "x", NULL };
			execv(paths[i], args);
			_exit(errno == want[i] ? 0 : 1);
		}
		int st = 0;
		waitpid(pid, &st, 0);
		check(names[i], WIFEXITED(st) && WEXITSTATUS(st) == 0, "st=%#x", st);
	}
	/* errno is also visible to the caller of execve when it fails in-process */
	char *args[] = { "x", NULL };
	errno = 0;
	int rc = execv("/nonexistent/xabi-no-such-prog", args);
	check("execv_returns_ENOENT_in_process", rc == -1 && errno == ENOENT, "rc=%d errno=%s", rc, ename(errno));
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	resolve_self(argv[0]);
	if (argc >= 2 && !strcmp(argv[1], "child-mode"))
		return child_mode(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "child-simple"))
		return child_simple(argc, argv);

	test_fork_wait();
	test_signaled();
	test_wait_variants();
	test_vfork();
	test_exec_echo();
	test_reexec();
	test_exec_from_thread();
	test_fork_threaded();
	test_posix_spawn();
	test_system();
	test_exec_errors();

	errno = 0;
	pid_t w = waitpid(-1, NULL, WNOHANG);
	check("all_children_reaped", w == -1 && errno == ECHILD, "w=%d errno=%s", (int)w, ename(errno));
	printf("forkexec: %s\n", g_fail ? "FAILED" : "all ok");
	return g_fail;
}
