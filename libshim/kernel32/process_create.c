/* CreateProcess and process handles. A child program is run as xabi itself (/proc/self/exe) on
 * the program file, which xabi then runs by its format (Windows, Linux, FreeBSD), with the
 * interception mode and tracing of this process. Its argv is the command line split by the
 * C runtime's rules (argv[0] passed with --argv0), its environment this process's host
 * environment or lpEnvironment, its std descriptors STARTUPINFO's std handles
 * (STARTF_USESTDHANDLES) or this process's. Inherited file handles reach it as descriptors from
 * 3 up, which a Windows child puts back at their handle values (inherit.h). A host thread per
 * child waits for it and signals the process handle. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../../abi/windows/windows.h"
#include "../../loader/status.h"
#include "../../syscall/runtime.h"
#include "../ntdll/cmdline.h"
#include "../ntdll/process.h"
#include "../ntdll/unicode.h"
#include "env.h"
#include "fileinfo.h"
#include "inherit.h"
#include "kernel32.h"
#include "path.h"
#include "object.h"
#include "proc_attr.h"

extern char **environ;

#define DEBUG_PROCESS 0x1
#define DEBUG_ONLY_THIS_PROCESS 0x2
#define CREATE_SUSPENDED 0x4
#define CREATE_UNICODE_ENVIRONMENT 0x400
#define EXTENDED_STARTUPINFO_PRESENT 0x00080000
#define STARTF_USESTDHANDLES 0x100

typedef struct {
	DWORD cb;
	void *lpReserved, *lpDesktop, *lpTitle; /* LPSTR or LPWSTR: unused */
	DWORD dwX, dwY, dwXSize, dwYSize, dwXCountChars, dwYCountChars, dwFillAttribute, dwFlags;
	WORD wShowWindow, cbReserved2;
	BYTE *lpReserved2;
	HANDLE hStdInput, hStdOutput, hStdError;
} STARTUPINFO;
_Static_assert(sizeof(STARTUPINFO) == 104, "STARTUPINFO");

typedef struct {
	STARTUPINFO StartupInfo;
	void *lpAttributeList;
} STARTUPINFOEX;

typedef struct {
	HANDLE hProcess, hThread;
	DWORD dwProcessId, dwThreadId;
} PROCESS_INFORMATION;

static struct process_obj *self_obj;
static pthread_mutex_t self_lock = PTHREAD_MUTEX_INITIALIZER;

struct process_obj *process_current(void)
{
	pthread_mutex_lock(&self_lock);
	if (!self_obj && (self_obj = kobj_new(HANDLE_PROCESS, sizeof *self_obj))) {
		self_obj->pid = getpid();
		self_obj->exit_code = STILL_ACTIVE;
	}
	pthread_mutex_unlock(&self_lock);
	if (!self_obj) {
		fprintf(stderr, "xabi: kernel32: out of memory\n");
		exit(XABI_STATUS_SETUP);
	}
	kobj_ref(&self_obj->k);
	return self_obj;
}

WINAPI HANDLE kernel32_GetCurrentProcess(void)
{
	return CURRENT_PROCESS;
}

/* A Windows path with a directory or drive as the host path it names (path.h, in place); a bare
 * name stays as it is, for the search. */
static void host_path(char *s, size_t size)
{
	if (!strpbrk(s, "\\/:"))
		return;
	char *host = path_to_host(s);
	if (host)
		snprintf(s, size, "%s", host);
	free(host);
}

static int is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* dir/name, or name with ".exe" appended when its last component has no extension, if that is a
 * file: into out. */
static int try_file(char *out, size_t size, const char *dir, const char *name, int add_exe)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	const char *ext = add_exe && !strchr(base, '.') ? ".exe" : "";
	int n = dir ? snprintf(out, size, "%s/%s%s", dir, name, ext) : snprintf(out, size, "%s%s", name, ext);
	return n > 0 && (size_t)n < size && is_file(out);
}

/* Windows' search for a program named on a command line: a name with a directory as it is; a
 * bare name in the program's directory, the current directory, then PATH. */
static int search(char *out, size_t size, const char *name)
{
	if (strchr(name, '/'))
		return try_file(out, size, 0, name, 1) || try_file(out, size, 0, name, 0);
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", rt.guest_exe ? rt.guest_exe : ".");
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	if (slash && try_file(out, size, dir, name, 1))
		return 1;
	if (try_file(out, size, ".", name, 1))
		return 1;
	const char *env = getenv("PATH");
	char *host = env && path_env_is_windows(env) ? path_env_to_host(env, 0) : 0;
	const char *path = host ? host : env;
	while (path && *path) {
		size_t n = strcspn(path, ":");
		snprintf(dir, sizeof dir, "%.*s", (int)n, path);
		if (n && try_file(out, size, dir, name, 1)) {
			free(host);
			return 1;
		}
		path += n + !!path[n];
	}
	free(host);
	return 0;
}

/* The program a command line starts: its first argument, quoted or not; unquoted, each prefix
 * ending before a space is tried in turn ("c:\program files\a b.exe"), as Windows does. */
static int find_program(char *out, size_t size, const char *cmdline)
{
	char name[4096];
	cmdline += strspn(cmdline, " \t");
	if (*cmdline == '"') {
		size_t n = strcspn(cmdline + 1, "\"");
		snprintf(name, sizeof name, "%.*s", (int)n, cmdline + 1);
		host_path(name, sizeof name);
		return search(out, size, name);
	}
	size_t end = strcspn(cmdline, " \t");
	for (;;) {
		snprintf(name, sizeof name, "%.*s", (int)end, cmdline);
		host_path(name, sizeof name);
		if (search(out, size, name))
			return 1;
		if (!cmdline[end])
			return 0;
		end += 1 + strcspn(cmdline + end + 1, " \t");
	}
}

/* lpEnvironment ("A=1\0B=2\0\0", ANSI or UTF-16) as a NULL-terminated array in one block. */
static char **env_array(const void *block, int wide)
{
	size_t n = 0, bytes = 0;
	const WCHAR *w = block;
	const char *a = block;
	if (wide)
		for (const WCHAR *p = w; *p; p += utf16_len(p) + 1, n++)
			bytes += utf16_to_utf8(p, -1, 0, 0);
	else
		for (const char *p = a; *p; p += strlen(p) + 1, n++)
			bytes += strlen(p) + 1;
	char **env = malloc((n + 1) * sizeof *env + bytes), *s = (char *)(env + n + 1);
	if (!env)
		return 0;
	for (size_t i = 0; i < n; i++) {
		env[i] = s;
		if (wide) {
			s += utf16_to_utf8(w, -1, s, bytes);
			w += utf16_len(w) + 1;
		} else {
			s = stpcpy(s, a) + 1;
			a += strlen(a) + 1;
		}
	}
	env[n] = 0;
	return env;
}

/* xabi's argv for the child: the options this process runs under, then the program and its
 * arguments (argv[0] by --argv0). One malloc'd block. */
static char **xabi_argv(const char *path, char **args, int argc, char *tracefd)
{
	char **v = calloc((size_t)argc + 10, sizeof *v);
	if (!v)
		return 0;
	int k = 0;
	v[k++] = (char *)rt.self_exe;
	v[k++] = rt.mode == INTERCEPT_SECCOMP ? "--intercept=seccomp" : "--intercept=sud";
	if (rt.trace_fd >= 0) {
		snprintf(tracefd, 32, "--trace-fd=%d", rt.trace_fd);
		v[k++] = tracefd;
	} else if (rt.follow_exec) {
		v[k++] = "--follow-exec";
	}
	v[k++] = "--argv0";
	v[k++] = argc ? args[0] : (char *)path;
	v[k++] = "--";
	v[k++] = (char *)path;
	for (int i = 1; i < argc; i++)
		v[k++] = args[i];
	return v;
}

struct spawn {
	const char *path;
	char **argv, **envp;
	int std[3]; /* the child's descriptors 0-2, -1 for none */
	const char *cwd;
	const struct inherit *in; /* inherited handles: descriptors in->src become in->dst */
};

static int kept(const struct spawn *s, int fd, int report)
{
	if (fd == report || fd == rt.trace_fd)
		return 1;
	for (int i = 0; i < s->in->n; i++)
		if (s->in->dst[i] == fd)
			return 1;
	return 0;
}

/* In the child between fork and exec: only async-signal-safe calls. Every source descriptor is
 * first copied above every target, so that no target overwrites a source still needed. */
static _Noreturn void child(const struct spawn *s, int report)
{
	int tmp[3 + INHERIT_MAX], top = 3, n = s->in->n;
	for (int i = 0; i < n; i++)
		top = s->in->dst[i] >= top ? s->in->dst[i] + 1 : top;
	for (int i = 0; i < 3; i++)
		tmp[i] = s->std[i] >= 0 ? fcntl(s->std[i], F_DUPFD_CLOEXEC, top) : -1;
	for (int i = 0; i < n; i++)
		if ((tmp[3 + i] = fcntl(s->in->src[i], F_DUPFD_CLOEXEC, top)) < 0)
			goto fail;
	for (int i = 0; i < 3; i++)
		if (tmp[i] < 0)
			close(i);
		else if (dup2(tmp[i], i) < 0)
			goto fail;
	for (int i = 0; i < n; i++)
		if (s->in->dst[i] > 2 && dup2(tmp[3 + i], s->in->dst[i]) < 0)
			goto fail;
	int last = report > rt.trace_fd ? report : rt.trace_fd; /* everything else is closed */
	last = top - 1 > last ? top - 1 : last;
	for (int fd = 3; fd <= last; fd++)
		if (!kept(s, fd, report))
			close(fd);
	syscall(SYS_close_range, last + 1, ~0U, 0);
	if (rt.trace_fd >= 0)
		fcntl(rt.trace_fd, F_SETFD, 0);
	if (s->cwd && chdir(s->cwd) < 0)
		goto fail;
	windows_sigpipe_restore();
	execve(rt.self_exe, s->argv, s->envp);
fail:;
	int e = errno;
	write(report, &e, sizeof e);
	_exit(127);
}

static uint64_t filetime_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	FILETIME f = filetime_from_timespec(ts);
	return filetime_value(&f);
}

static uint64_t timeval_100ns(struct timeval tv)
{
	return (uint64_t)tv.tv_sec * 10000000 + (uint64_t)tv.tv_usec * 10;
}

static void *reap(void *arg)
{
	struct process_obj *p = arg;
	/* Wait without reaping, so that the pid stays the child's until done is set under the lock
	 * TerminateProcess takes before it kills. */
	siginfo_t info;
	int st = 0;
	struct rusage ru = { 0 };
	while (waitid(P_PID, (id_t)p->pid, &info, WEXITED | WNOWAIT) < 0 && errno == EINTR)
		;
	pthread_mutex_lock(&sync_lock);
	wait4(p->pid, &st, 0, &ru);
	p->exited = filetime_now();
	p->user = timeval_100ns(ru.ru_utime);
	p->kernel = timeval_100ns(ru.ru_stime);
	/* A host exit status has 8 bits: a Windows child's larger exit codes arrive truncated. */
	p->exit_code = p->terminated ? p->term_code
		       : WIFEXITED(st) ? (DWORD)WEXITSTATUS(st) : 128 + (DWORD)WTERMSIG(st);
	p->done = 1;
	p->thread->exit_code = p->exit_code;
	p->thread->done = 1;
	sync_changed();
	pthread_mutex_unlock(&sync_lock);
	kobj_put(&p->thread->k);
	kobj_put(&p->k);
	return 0;
}

/* Start the waiter thread with every signal blocked: it never runs guest code and has no
 * xthread block for xabi's handlers. */
static int start_reaper(struct process_obj *p)
{
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&a, 64 << 10);
	pthread_t t;
	int err = pthread_create(&t, &a, reap, p);
	pthread_attr_destroy(&a);
	pthread_sigmask(SIG_SETMASK, &old, 0);
	return err ? -1 : 0;
}

static int std_fd(HANDLE h)
{
	struct handle_obj o;
	if (!h || handle_lookup(h, &o) < 0)
		return -1;
	if (handle_is_kobj(o.type))
		kobj_put(o.obj);
	return o.type == HANDLE_FILE ? o.fd : -1;
}

/* 1 if path is a PE file ("MZ"): a child that will read the inherited handles' values. */
static int is_pe(const char *path)
{
	char mz[2];
	int fd = open(path, O_RDONLY | O_CLOEXEC), pe = fd >= 0 && read(fd, mz, 2) == 2 && !memcmp(mz, "MZ", 2);
	if (fd >= 0)
		close(fd);
	return pe;
}

/* envp with one more string (malloc'd array, the strings shared); NULL when out of memory. */
static char **env_with(char **envp, char *more)
{
	size_t n = 0;
	while (envp[n])
		n++;
	char **e = malloc((n + 2) * sizeof *e);
	if (e) {
		memcpy(e, envp, n * sizeof *e);
		e[n] = more;
		e[n + 1] = 0;
	}
	return e;
}

/* envp for a host program: a PATH in Windows form back in host form, without the Windows
 * directory (env.h), in a malloc'd array with that one string malloc'd after it; NULL when PATH
 * needs no change or out of memory. */
static char **env_host_path(char **envp)
{
	size_t n = 0, at = (size_t)-1;
	for (; envp[n]; n++)
		if (!strncasecmp(envp[n], "PATH=", 5))
			at = n;
	if (at == (size_t)-1 || !path_env_is_windows(envp[at] + 5))
		return 0;
	char *host = path_env_to_host(envp[at] + 5, 1);
	char **e = host ? malloc((n + 1) * sizeof *e + strlen(host) + 6) : 0;
	if (e) {
		char *s = (char *)(e + n + 1);
		memcpy(e, envp, (n + 1) * sizeof *e);
		sprintf(s, "PATH=%s", host);
		e[at] = s;
	}
	free(host);
	return e;
}

/* What the child inherits (bInheritHandles): with STARTUPINFOEX's PROC_THREAD_ATTRIBUTE_HANDLE_LIST
 * the handles listed, else every inheritable file handle. A parent process other than this one
 * cannot be honoured. 0, or -1 with the last error set. */
static int inheritance(struct inherit *in, BOOL inherit, DWORD flags, const STARTUPINFO *si,
		       const HANDLE std[3], const int avoid[2])
{
	void *attrs = flags & EXTENDED_STARTUPINFO_PRESENT && si && si->cb >= sizeof(STARTUPINFOEX)
			      ? ((const STARTUPINFOEX *)si)->lpAttributeList : 0;
	void *value;
	SIZE_T size;
	if (proc_attr_find(attrs, PROC_THREAD_ATTRIBUTE_PARENT_PROCESS, &value, &size) == 0) {
		HANDLE parent = *(HANDLE *)value;
		struct process_obj *p = parent == CURRENT_PROCESS ? 0 : kobj_from_handle(parent, HANDLE_PROCESS);
		int self = parent == CURRENT_PROCESS || (p && p->pid == getpid());
		if (p)
			kobj_put(&p->k);
		if (!self) {
			fprintf(stderr, "xabi: kernel32!CreateProcess with another process as "
					"PROC_THREAD_ATTRIBUTE_PARENT_PROCESS is not implemented\n");
			exit(XABI_STATUS_MISSING_IMPORT);
		}
	}
	in->n = 0;
	if (!inherit)
		return 0;
	int listed = proc_attr_find(attrs, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, &value, &size) == 0;
	return inherit_plan(in, listed ? value : 0, listed ? size / sizeof(HANDLE) : 0, std, avoid, 2);
}

/* The work of CreateProcessA/W, with UTF-8 strings. */
static BOOL create(const char *app, const char *cmdline, SECURITY_ATTRIBUTES *psa,
		   SECURITY_ATTRIBUTES *tsa, BOOL inherit, DWORD flags, char **envp, const char *cwd,
		   const STARTUPINFO *si, PROCESS_INFORMATION *pi)
{
	if (flags & (DEBUG_PROCESS | DEBUG_ONLY_THIS_PROCESS | CREATE_SUSPENDED)) {
		fprintf(stderr, "xabi: kernel32!CreateProcess with DEBUG_PROCESS or CREATE_SUSPENDED "
				"is not implemented\n");
		exit(XABI_STATUS_MISSING_IMPORT);
	}
	if (!app && !cmdline) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	char path[4096];
	if (app) {
		snprintf(path, sizeof path, "%s", app); /* used as given: no search, no ".exe" */
		host_path(path, sizeof path);
		if (!is_file(path)) {
			win_set_last_error(ERROR_FILE_NOT_FOUND);
			return FALSE;
		}
	} else if (!find_program(path, sizeof path, cmdline)) {
		win_set_last_error(ERROR_FILE_NOT_FOUND);
		return FALSE;
	}
	int argc;
	char **args = win_cmdline_split(cmdline ? cmdline : app, &argc), tracefd[32];
	char **argv = args ? xabi_argv(path, args, argc, tracefd) : 0;
	char cwd_host[4096];
	if (cwd) {
		snprintf(cwd_host, sizeof cwd_host, "%s", cwd);
		host_path(cwd_host, sizeof cwd_host);
	}
	RTL_USER_PROCESS_PARAMETERS *pp = win_process.peb->ProcessParameters;
	struct spawn s = { path, argv, envp, { -1, -1, -1 }, cwd ? cwd_host : 0, 0 };
	HANDLE std[3] = { pp->StandardInput, pp->StandardOutput, pp->StandardError };
	if (si && (si->dwFlags & STARTF_USESTDHANDLES)) {
		std[0] = si->hStdInput;
		std[1] = si->hStdOutput;
		std[2] = si->hStdError;
	}
	for (int i = 0; i < 3; i++)
		s.std[i] = std_fd(std[i]);
	struct process_obj *p = argv ? kobj_new(HANDLE_PROCESS, sizeof *p) : 0;
	struct thread_obj *t = p ? kobj_new(HANDLE_THREAD, sizeof *t) : 0;
	struct inherit *in = malloc(sizeof *in);
	char **child_env = 0;
	int report[2] = { -1, -1 };
	BOOL ok = FALSE;
	if (!t || !in || pipe2(report, O_CLOEXEC) < 0) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		goto out;
	}
	s.in = in;
	int planned = inheritance(in, inherit, flags, si, std, (int[2]){ report[1], rt.trace_fd }) == 0;
	int pe = is_pe(path);
	if (planned && !pe && (child_env = env_host_path(envp)))
		s.envp = child_env; /* a host program reads PATH with ':' */
	if (planned && in->n && pe && !(s.envp = child_env = env_with(envp, in->env))) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		planned = 0;
	}
	if (!planned) {
		close(report[0]);
		close(report[1]);
		goto out;
	}
	p->created = filetime_now();
	pid_t pid = fork();
	if (pid == 0)
		child(&s, report[1]);
	close(report[1]);
	int e = 0;
	if (pid < 0)
		e = errno;
	else if (read(report[0], &e, sizeof e) == sizeof e) /* exec failed */
		waitpid(pid, 0, 0);
	else
		e = 0;
	close(report[0]);
	if (e) {
		win_set_last_error(e == ENOENT ? ERROR_FILE_NOT_FOUND : win_error_from_errno(e));
		goto out;
	}
	p->pid = pid;
	p->exit_code = t->exit_code = STILL_ACTIVE;
	p->thread = t;
	t->tid = (DWORD)pid; /* the child's first thread has the process's id */
	t->started = 1;
	kobj_ref(&p->k); /* the reaper's */
	kobj_ref(&t->k);
	if (start_reaper(p) < 0) {
		fprintf(stderr, "xabi: kernel32: cannot start a thread to wait for a child\n");
		exit(XABI_STATUS_SETUP);
	}
	pi->dwProcessId = pi->dwThreadId = (DWORD)pid;
	pi->hProcess = handle_add(&(struct handle_obj){ .type = HANDLE_PROCESS, .fd = -1, .obj = p,
							.flags = sa_inherit(psa) ? HANDLE_FLAG_INHERIT : 0 });
	pi->hThread = handle_add(&(struct handle_obj){ .type = HANDLE_THREAD, .fd = -1, .obj = t,
						       .flags = sa_inherit(tsa) ? HANDLE_FLAG_INHERIT : 0 });
	p = 0;
	t = 0;
	ok = pi->hProcess && pi->hThread;
out:
	free(in);
	free(child_env);
	if (t)
		kobj_put(&t->k);
	if (p)
		kobj_put(&p->k);
	free(argv);
	free(args);
	return ok;
}

WINAPI BOOL kernel32_CreateProcessA(LPCSTR app, LPSTR cmdline, SECURITY_ATTRIBUTES *psa,
				    SECURITY_ATTRIBUTES *tsa, BOOL inherit, DWORD flags, void *env,
				    LPCSTR cwd, STARTUPINFO *si, PROCESS_INFORMATION *pi)
{
	char **envp = env ? env_array(env, !!(flags & CREATE_UNICODE_ENVIRONMENT)) : environ;
	if (!envp) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	BOOL r = create(app, cmdline, psa, tsa, inherit, flags, envp, cwd, si, pi);
	if (env)
		free(envp);
	return r;
}

WINAPI BOOL kernel32_CreateProcessW(LPCWSTR app, LPWSTR cmdline, SECURITY_ATTRIBUTES *psa,
				    SECURITY_ATTRIBUTES *tsa, BOOL inherit, DWORD flags, void *env,
				    LPCWSTR cwd, STARTUPINFO *si, PROCESS_INFORMATION *pi)
{
	char *a = app ? utf16_to_utf8_dup(app) : 0, *c = cmdline ? utf16_to_utf8_dup(cmdline) : 0;
	char *d = cwd ? utf16_to_utf8_dup(cwd) : 0;
	BOOL r = FALSE;
	if ((app && !a) || (cmdline && !c) || (cwd && !d))
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	else
		r = kernel32_CreateProcessA(a, c, psa, tsa, inherit, flags, env, d, si, pi);
	free(a);
	free(c);
	free(d);
	return r;
}

WINAPI BOOL kernel32_GetExitCodeProcess(HANDLE h, DWORD *code)
{
	struct process_obj *p = kobj_from_handle(h, HANDLE_PROCESS);
	if (!p)
		return FALSE;
	pthread_mutex_lock(&sync_lock);
	*code = p->done ? p->exit_code : STILL_ACTIVE;
	pthread_mutex_unlock(&sync_lock);
	kobj_put(&p->k);
	return TRUE;
}

WINAPI DWORD kernel32_GetProcessId(HANDLE h)
{
	struct process_obj *p = kobj_from_handle(h, HANDLE_PROCESS);
	if (!p)
		return 0;
	DWORD id = (DWORD)p->pid;
	kobj_put(&p->k);
	return id;
}

WINAPI BOOL kernel32_TerminateProcess(HANDLE h, UINT code)
{
	struct process_obj *p = kobj_from_handle(h, HANDLE_PROCESS);
	if (!p)
		return FALSE;
	if (p->pid == getpid())
		kernel32_ExitProcess(code);
	pthread_mutex_lock(&sync_lock);
	int done = p->done;
	if (!done) {
		p->terminated = 1;
		p->term_code = code;
		kill(p->pid, SIGKILL); /* not yet reaped: the pid is still this child's */
	}
	pthread_mutex_unlock(&sync_lock);
	kobj_put(&p->k);
	if (done)
		win_set_last_error(ERROR_ACCESS_DENIED);
	return !done;
}
