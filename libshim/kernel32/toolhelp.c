/* Tool Help snapshots: CreateToolhelp32Snapshot, Process32First/Next(W), Thread32First/Next, over
 * the host's /proc. A snapshot is a memfd behind a file handle (so CloseHandle and DuplicateHandle
 * need nothing new): a header with the two cursors, then the process records, then the thread
 * records, all written when the snapshot is taken. Limits (module and heap lists, names of other
 * xabi guests, priorities): libshim/README.md, "Processes". */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../ntdll/unicode.h"
#include "find.h"
#include "handle.h"
#include "kernel32.h"

WINAPI DWORD kernel32_GetModuleFileNameA(HMODULE h, LPSTR buf, DWORD size);

#define TH32CS_SNAPPROCESS 0x2
#define TH32CS_SNAPTHREAD 0x4
#define TH32CS_INHERIT 0x80000000u

/* The base priority of a normal process's threads (NORMAL_PRIORITY_CLASS, THREAD_PRIORITY_NORMAL). */
#define NORMAL_BASE_PRIORITY 8

typedef struct {
	DWORD dwSize;
	DWORD cntUsage;
	DWORD th32ProcessID;
	ULONG_PTR th32DefaultHeapID;
	DWORD th32ModuleID;
	DWORD cntThreads;
	DWORD th32ParentProcessID;
	LONG pcPriClassBase;
	DWORD dwFlags;
	WCHAR szExeFile[MAX_PATH];
} PROCESSENTRY32W;
_Static_assert(sizeof(PROCESSENTRY32W) == 568, "PROCESSENTRY32W");

typedef struct {
	DWORD dwSize;
	DWORD cntUsage;
	DWORD th32ProcessID;
	ULONG_PTR th32DefaultHeapID;
	DWORD th32ModuleID;
	DWORD cntThreads;
	DWORD th32ParentProcessID;
	LONG pcPriClassBase;
	DWORD dwFlags;
	char szExeFile[MAX_PATH];
} PROCESSENTRY32;
_Static_assert(sizeof(PROCESSENTRY32) == 304, "PROCESSENTRY32");
_Static_assert(offsetof(PROCESSENTRY32, szExeFile) == offsetof(PROCESSENTRY32W, szExeFile), "same head");

typedef struct {
	DWORD dwSize;
	DWORD cntUsage;
	DWORD th32ThreadID;
	DWORD th32OwnerProcessID;
	LONG tpBasePri;
	LONG tpDeltaPri;
	DWORD dwFlags;
} THREADENTRY32;
_Static_assert(sizeof(THREADENTRY32) == 28, "THREADENTRY32");

/* The snapshot file: header, nproc struct proc_rec, nthread struct thread_rec. */
#define SNAP_MAGIC "xabiTH32"
#define SNAP_MEMFD "xabi-toolhelp"
struct snap_header {
	char magic[8];
	DWORD nproc, nthread;
	DWORD proc_next, thread_next; /* the next record Process32Next / Thread32Next gives */
};
struct proc_rec {
	DWORD pid, ppid, threads;
	char exe[MAX_PATH]; /* UTF-8, cut to fit */
};
struct thread_rec {
	DWORD tid, pid;
};

/* The cursors of every snapshot: read and advanced under one lock. */
static pthread_mutex_t cursor_lock = PTHREAD_MUTEX_INITIALIZER;

struct growing {
	void *data;
	size_t n, size, cap;
};

static int append(struct growing *g, const void *rec)
{
	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 256;
		void *p = realloc(g->data, cap * g->size);
		if (!p)
			return -1;
		g->data = p, g->cap = cap;
	}
	memcpy((char *)g->data + g->n++ * g->size, rec, g->size);
	return 0;
}

static int is_number(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* src cut to fit szExeFile. */
static void copy_name(char *dst, const char *src)
{
	size_t n = strnlen(src, MAX_PATH - 1);
	memcpy(dst, src, n);
	dst[n] = 0;
}

/* The executable's file name, as Windows lists it: this process's own is its module's file name
 * (the program, not xabi); another's the host's executable, or its comm when that is unreadable
 * (another user's process, a kernel thread). */
static void exe_name(DWORD pid, const char *comm, char *out)
{
	char buf[4096], path[64];
	if (pid == (DWORD)getpid()) {
		DWORD n = kernel32_GetModuleFileNameA(0, buf, sizeof buf);
		if (n && n < sizeof buf) {
			char *slash = strrchr(buf, '\\');
			copy_name(out, slash ? slash + 1 : buf);
			return;
		}
	}
	snprintf(path, sizeof path, "/proc/%u/exe", (unsigned)pid);
	ssize_t n = readlink(path, buf, sizeof buf - 1);
	if (n > 0) {
		buf[n] = 0;
		char *deleted = strstr(buf, " (deleted)");
		if (deleted && !deleted[10])
			*deleted = 0;
		char *slash = strrchr(buf, '/');
		copy_name(out, slash ? slash + 1 : buf);
		return;
	}
	copy_name(out, comm);
}

/* One process from /proc/PID/stat: "pid (comm) state ppid ..." with num_threads the 20th field.
 * 0, or -1 when it has gone. */
static int read_process(DWORD pid, struct proc_rec *r)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%u/stat", (unsigned)pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	char *open = strchr(buf, '('), *close = strrchr(buf, ')');
	if (!open || !close || close < open)
		return -1;
	*close = 0;
	unsigned ppid;
	long threads;
	/* after ") ": state(3) ppid(4) pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt
	 * utime stime cutime cstime priority nice(19) num_threads(20) */
	if (sscanf(close + 1, " %*c %u %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %ld",
		   &ppid, &threads) != 2)
		return -1;
	memset(r, 0, sizeof *r);
	r->pid = pid, r->ppid = ppid, r->threads = (DWORD)threads;
	exe_name(pid, open + 1, r->exe);
	return 0;
}

/* Every thread of pid (/proc/PID/task). */
static int add_threads(DWORD pid, struct growing *threads)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%u/task", (unsigned)pid);
	DIR *d = opendir(path);
	if (!d)
		return 0; /* gone meanwhile */
	struct dirent *e;
	int rc = 0;
	while (!rc && (e = readdir(d)))
		if (is_number(e->d_name))
			rc = append(threads, &(struct thread_rec){ (DWORD)strtoul(e->d_name, 0, 10), pid });
	closedir(d);
	return rc;
}

/* The lists the flags ask for, from /proc. 0, or -1 with the last error set. */
static int take(DWORD flags, struct growing *procs, struct growing *threads)
{
	DIR *d = opendir("/proc");
	if (!d) {
		win_set_last_error(win_error_from_errno(errno));
		return -1;
	}
	struct dirent *e;
	int rc = 0;
	while (!rc && (e = readdir(d))) {
		if (!is_number(e->d_name))
			continue;
		DWORD pid = (DWORD)strtoul(e->d_name, 0, 10);
		struct proc_rec r;
		if ((flags & TH32CS_SNAPPROCESS) && read_process(pid, &r) == 0)
			rc = append(procs, &r);
		if (!rc && (flags & TH32CS_SNAPTHREAD))
			rc = add_threads(pid, threads);
	}
	closedir(d);
	if (rc)
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	return rc;
}

static int write_all(int fd, const void *p, size_t n)
{
	for (const char *c = p; n;) {
		ssize_t w = write(fd, c, n);
		if (w <= 0)
			return -1;
		c += w, n -= (size_t)w;
	}
	return 0;
}

/* Module (TH32CS_SNAPMODULE/MODULE32) and heap (TH32CS_SNAPHEAPLIST) lists are not taken:
 * Module32First and Heap32ListFirst are not exported, so a program reading them ends as a missing
 * import does. th32ProcessID only matters to those lists. */
WINAPI HANDLE kernel32_CreateToolhelp32Snapshot(DWORD flags, DWORD pid)
{
	(void)pid;
	struct growing procs = { .size = sizeof(struct proc_rec) };
	struct growing threads = { .size = sizeof(struct thread_rec) };
	HANDLE h = INVALID_HANDLE_VALUE;
	int fd = -1;
	if (take(flags, &procs, &threads) < 0)
		goto out;
	struct snap_header hd = { .nproc = (DWORD)procs.n, .nthread = (DWORD)threads.n };
	memcpy(hd.magic, SNAP_MAGIC, sizeof hd.magic);
	fd = memfd_create(SNAP_MEMFD, MFD_CLOEXEC);
	if (fd < 0 || write_all(fd, &hd, sizeof hd) < 0 ||
	    write_all(fd, procs.data, procs.n * procs.size) < 0 ||
	    write_all(fd, threads.data, threads.n * threads.size) < 0) {
		win_set_last_error(win_error_from_errno(errno));
		goto out;
	}
	HANDLE got = handle_add(&(struct handle_obj){ .type = HANDLE_FILE, .fd = fd,
						      .flags = flags & TH32CS_INHERIT ? HANDLE_FLAG_INHERIT : 0 });
	if (got)
		h = got, fd = -1;
out:
	if (fd >= 0)
		close(fd);
	free(procs.data);
	free(threads.data);
	return h;
}

/* The snapshot behind h, its header read into hd: the descriptor, or -1 (ERROR_INVALID_HANDLE)
 * when h is not a snapshot. */
static int snapshot_fd(HANDLE h, struct snap_header *hd)
{
	struct handle_obj *o = handle_get(h);
	if (!o || o->type != HANDLE_FILE) {
		win_set_last_error(ERROR_INVALID_HANDLE);
		return -1;
	}
	char path[64], target[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", o->fd);
	ssize_t n = readlink(path, target, sizeof target - 1);
	target[n > 0 ? n : 0] = 0;
	if (strncmp(target, "/memfd:" SNAP_MEMFD, strlen("/memfd:" SNAP_MEMFD)) ||
	    pread(o->fd, hd, sizeof *hd, 0) != sizeof *hd || memcmp(hd->magic, SNAP_MAGIC, sizeof hd->magic)) {
		win_set_last_error(ERROR_INVALID_HANDLE);
		return -1;
	}
	return o->fd;
}

/* Read a list's next record (first: its first) into rec and move the list's cursor past it; thread
 * picks the thread list, else the process list. FALSE with ERROR_NO_MORE_FILES at the end. */
static BOOL next_record(HANDLE h, int first, int thread, void *rec, size_t size)
{
	struct snap_header hd;
	pthread_mutex_lock(&cursor_lock);
	int fd = snapshot_fd(h, &hd);
	BOOL ok = FALSE;
	if (fd < 0)
		goto out;
	DWORD *next = thread ? &hd.thread_next : &hd.proc_next;
	DWORD count = thread ? hd.nthread : hd.nproc;
	off_t base = sizeof hd + (thread ? (off_t)hd.nproc * sizeof(struct proc_rec) : 0);
	if (first)
		*next = 0;
	if (*next >= count) {
		win_set_last_error(ERROR_NO_MORE_FILES);
	} else if (pread(fd, rec, size, base + (off_t)*next * size) != (ssize_t)size) {
		win_set_last_error(win_error_from_errno(errno));
	} else {
		++*next;
		ok = pwrite(fd, &hd, sizeof hd, 0) == sizeof hd;
		if (!ok)
			win_set_last_error(win_error_from_errno(errno));
	}
out:
	pthread_mutex_unlock(&cursor_lock);
	return ok;
}

/* The fields both PROCESSENTRY32 forms share, up to szExeFile (dwSize is the caller's). */
static void fill_process(PROCESSENTRY32W *pe, const struct proc_rec *r)
{
	pe->cntUsage = 0;
	pe->th32ProcessID = r->pid;
	pe->th32DefaultHeapID = 0;
	pe->th32ModuleID = 0;
	pe->cntThreads = r->threads;
	pe->th32ParentProcessID = r->ppid;
	pe->pcPriClassBase = NORMAL_BASE_PRIORITY;
	pe->dwFlags = 0;
}

/* Windows checks dwSize before anything else. */
static BOOL size_ok(DWORD size, size_t want)
{
	if (size < want) {
		win_set_last_error(ERROR_BAD_LENGTH);
		return FALSE;
	}
	return TRUE;
}

static BOOL process_w(HANDLE h, PROCESSENTRY32W *pe, int first)
{
	struct proc_rec r;
	if (!size_ok(pe->dwSize, sizeof *pe) || !next_record(h, first, 0, &r, sizeof r))
		return FALSE;
	fill_process(pe, &r);
	utf8_to_utf16(r.exe, -1, pe->szExeFile, MAX_PATH);
	pe->szExeFile[MAX_PATH - 1] = 0;
	return TRUE;
}

static BOOL process_a(HANDLE h, PROCESSENTRY32 *pe, int first)
{
	struct proc_rec r;
	if (!size_ok(pe->dwSize, sizeof *pe) || !next_record(h, first, 0, &r, sizeof r))
		return FALSE;
	PROCESSENTRY32W w = { .dwSize = pe->dwSize };
	fill_process(&w, &r);
	memcpy(pe, &w, offsetof(PROCESSENTRY32, szExeFile));
	memcpy(pe->szExeFile, r.exe, MAX_PATH); /* the ANSI code page is UTF-8 */
	return TRUE;
}

WINAPI BOOL kernel32_Process32FirstW(HANDLE h, PROCESSENTRY32W *pe)
{
	return process_w(h, pe, 1);
}

WINAPI BOOL kernel32_Process32NextW(HANDLE h, PROCESSENTRY32W *pe)
{
	return process_w(h, pe, 0);
}

WINAPI BOOL kernel32_Process32First(HANDLE h, PROCESSENTRY32 *pe)
{
	return process_a(h, pe, 1);
}

WINAPI BOOL kernel32_Process32Next(HANDLE h, PROCESSENTRY32 *pe)
{
	return process_a(h, pe, 0);
}

static BOOL thread_entry(HANDLE h, THREADENTRY32 *te, int first)
{
	struct thread_rec r;
	if (!size_ok(te->dwSize, sizeof *te) || !next_record(h, first, 1, &r, sizeof r))
		return FALSE;
	te->cntUsage = 0;
	te->th32ThreadID = r.tid;
	te->th32OwnerProcessID = r.pid;
	te->tpBasePri = NORMAL_BASE_PRIORITY;
	te->tpDeltaPri = 0;
	te->dwFlags = 0;
	return TRUE;
}

WINAPI BOOL kernel32_Thread32First(HANDLE h, THREADENTRY32 *te)
{
	return thread_entry(h, te, 1);
}

WINAPI BOOL kernel32_Thread32Next(HANDLE h, THREADENTRY32 *te)
{
	return thread_entry(h, te, 0);
}
