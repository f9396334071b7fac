/* Low-level I/O (_open, _read, _write, ...): a CRT descriptor is the host descriptor. In text
 * mode (_O_TEXT, or _fmode's default) _write turns "\n" into "\r\n" and _read turns "\r\n" into
 * "\n" and stops at Ctrl-Z, as msvcrt does; _setmode (startup.c) switches modes. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../kernel32/handle.h"
#include "../kernel32/kernel32.h"
#include "../kernel32/path.h"
#include "../ntdll/process.h"
#include "../ntdll/unicode.h"
#include "files.h"
#include "msvcrt.h"

#define MAXFD 4096
#define CTRL_Z 0x1a

WINAPI int msvcrt__setmode(int fd, int mode);
extern int msvcrt__fmode;

/* Per descriptor: Ctrl-Z seen (reads return 0 until a seek), a byte read ahead of a pipe, and the
 * OS handle that owns the descriptor (_open_osfhandle, _get_osfhandle). */
static struct {
	char eof;
	short peek; /* the byte + 1; 0: none */
	HANDLE osf;
} fds[MAXFD];

static int bad(int fd)
{
	if (fd < 0 || fd >= MAXFD || !fcntl_valid(fd)) {
		*msvcrt__errno() = 9; /* EBADF */
		return 1;
	}
	return 0;
}

void msvcrt_fd_forget(int fd)
{
	if (fd >= 0 && fd < MAXFD) {
		fds[fd].eof = 0;
		fds[fd].peek = 0;
		fds[fd].osf = 0;
	}
}

static int peeked(int fd)
{
	return fds[fd].peek ? fds[fd].peek - 1 : -1;
}

/* The mode for a new descriptor: _O_BINARY/_O_TEXT in oflag, else _fmode's. */
static void set_mode(int fd, int oflag)
{
	msvcrt_fd_forget(fd);
	int mode = oflag & _O_BINARY ? _O_BINARY : oflag & _O_TEXT ? _O_TEXT
		  : msvcrt__fmode & _O_BINARY ? _O_BINARY : _O_TEXT;
	msvcrt__setmode(fd, mode);
}

/* A file created without _S_IWRITE is read-only; sharing (_sopen's shflag) is not enforced. */
int msvcrt_open(const char *path, int oflag, int pmode)
{
	if (oflag & (_O_WTEXT | _O_U16TEXT | _O_U8TEXT)) {
		*msvcrt__errno() = 22; /* Unicode text modes: not supported, so refused */
		return -1;
	}
	char *host = path_to_host(path);
	if (!host) {
		msvcrt_set_errno_win(kernel32_GetLastError());
		return -1;
	}
	static const int acc[] = { O_RDONLY, O_WRONLY, O_RDWR, O_RDWR };
	int flags = acc[oflag & 3] | (oflag & _O_APPEND ? O_APPEND : 0) | (oflag & _O_CREAT ? O_CREAT : 0) |
		    (oflag & _O_TRUNC ? O_TRUNC : 0) | (oflag & _O_EXCL ? O_EXCL : 0) |
		    (oflag & _O_NOINHERIT ? O_CLOEXEC : 0);
	int fd = open(host, flags, pmode & _S_IWRITE ? 0666 : 0444);
	struct stat st;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		fd = -1;
		errno = EACCES; /* msvcrt cannot open a directory */
	}
	if (fd >= 0 && fd >= MAXFD) {
		close(fd);
		fd = -1;
		errno = EMFILE;
	}
	if (fd < 0) {
		msvcrt_set_errno(errno);
	} else {
		if (oflag & _O_TEMPORARY)
			unlink(host); /* deleted at once rather than at the last close */
		set_mode(fd, oflag);
	}
	free(host);
	return fd;
}

WINAPI int msvcrt__open(const char *path, int oflag, int pmode)
{
	return msvcrt_open(path, oflag, pmode);
}

WINAPI int msvcrt__sopen(const char *path, int oflag, int shflag, int pmode)
{
	(void)shflag;
	return msvcrt_open(path, oflag, pmode);
}

WINAPI int msvcrt__creat(const char *path, int pmode)
{
	return msvcrt_open(path, _O_CREAT | _O_TRUNC | _O_RDWR, pmode);
}

static int open_w(const WCHAR *path, int oflag, int pmode)
{
	char *a = utf16_to_utf8_dup(path);
	int fd = a ? msvcrt_open(a, oflag, pmode) : (*msvcrt__errno() = 12, -1);
	free(a);
	return fd;
}

WINAPI int msvcrt__wopen(const WCHAR *path, int oflag, int pmode)
{
	return open_w(path, oflag, pmode);
}

WINAPI int msvcrt__wsopen(const WCHAR *path, int oflag, int shflag, int pmode)
{
	(void)shflag;
	return open_w(path, oflag, pmode);
}

static ssize_t raw_read(int fd, void *buf, size_t n)
{
	ssize_t r;
	while ((r = read(fd, buf, n)) < 0 && errno == EINTR)
		;
	return r;
}

/* Text mode: "\r\n" becomes "\n", Ctrl-Z ends the data. A "\r" at the end of what was read is
 * decided by the next byte, which a file gives back by seeking and a pipe keeps for later. */
static int text_read(int fd, char *buf, unsigned n, ssize_t got)
{
	size_t k = 0;
	for (ssize_t i = 0; i < got; i++) {
		char c = buf[i];
		if (c == CTRL_Z) {
			fds[fd].eof = 1;
			lseek(fd, i - got, SEEK_CUR); /* a pipe cannot: what follows is dropped */
			break;
		}
		if (c == '\r' && i + 1 < got && buf[i + 1] == '\n')
			continue;
		if (c == '\r' && i + 1 == got) {
			char next;
			ssize_t r = raw_read(fd, &next, 1);
			if (r == 1 && next == '\n') {
				c = '\n';
			} else if (r == 1 && lseek(fd, -1, SEEK_CUR) < 0) {
				fds[fd].peek = (short)((unsigned char)next + 1);
			}
		}
		buf[k++] = c;
	}
	(void)n;
	return (int)k;
}

WINAPI int msvcrt__read(int fd, void *buf, unsigned n)
{
	if (bad(fd))
		return -1;
	if (n > 0x7fffffff) {
		*msvcrt__errno() = 22;
		return -1;
	}
	if (!n || fds[fd].eof)
		return 0;
	char *p = buf;
	unsigned k = 0;
	int pk = peeked(fd);
	if (pk >= 0) {
		p[k++] = (char)pk;
		fds[fd].peek = 0;
	}
	ssize_t got = k < n ? raw_read(fd, p + k, n - k) : 0;
	if (got < 0) {
		if (errno == EISDIR || errno == EBADF) /* not open for reading */
			*msvcrt__errno() = 9;
		else
			msvcrt_set_errno(errno);
		return k ? (int)k : -1;
	}
	got += k;
	if (!msvcrt_fd_text(fd))
		return (int)got;
	return text_read(fd, p, n, got);
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			msvcrt_set_errno(errno);
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The count of the caller's bytes written (text mode adds a "\r" per "\n", not counted). */
WINAPI int msvcrt__write(int fd, const void *buf, unsigned n)
{
	if (bad(fd))
		return -1;
	const char *p = buf;
	if (!msvcrt_fd_text(fd))
		return write_all(fd, p, n) < 0 ? -1 : (int)n;
	char out[4096];
	size_t k = 0;
	for (unsigned i = 0; i < n; i++) {
		if (k + 2 > sizeof out) {
			if (write_all(fd, out, k) < 0)
				return -1;
			k = 0;
		}
		if (p[i] == '\n')
			out[k++] = '\r';
		out[k++] = p[i];
	}
	return write_all(fd, out, k) < 0 ? -1 : (int)n;
}

WINAPI int msvcrt__close(int fd)
{
	if (bad(fd))
		return -1;
	HANDLE h = fds[fd].osf;
	msvcrt_fd_forget(fd);
	if (h)
		return kernel32_CloseHandle(h) ? 0 : (*msvcrt__errno() = 9, -1);
	if (close(fd) < 0) {
		msvcrt_set_errno(errno);
		return -1;
	}
	return 0;
}

WINAPI LONGLONG msvcrt__lseeki64(int fd, LONGLONG off, int whence)
{
	if (bad(fd))
		return -1;
	if (whence < 0 || whence > 2) {
		*msvcrt__errno() = 22;
		return -1;
	}
	off_t r = lseek(fd, off, whence);
	if (r < 0) {
		msvcrt_set_errno(errno == ESPIPE ? EBADF : errno);
		return -1;
	}
	fds[fd].eof = 0;
	fds[fd].peek = 0;
	return r;
}

/* The 32-bit form fails (EINVAL) for a position beyond 2 GiB - 1. */
WINAPI LONG msvcrt__lseek(int fd, LONG off, int whence)
{
	if (bad(fd))
		return -1;
	off_t cur = lseek(fd, 0, SEEK_CUR);
	LONGLONG r = msvcrt__lseeki64(fd, off, whence);
	if (r > 0x7fffffff) {
		lseek(fd, cur, SEEK_SET);
		*msvcrt__errno() = 22;
		return -1;
	}
	return (LONG)r;
}

WINAPI LONG msvcrt__tell(int fd)
{
	return msvcrt__lseek(fd, 0, SEEK_CUR);
}

WINAPI LONGLONG msvcrt__telli64(int fd)
{
	return msvcrt__lseeki64(fd, 0, SEEK_CUR);
}

/* 1 at the end of the file, 0 before it, -1 (EBADF) when it cannot be told. */
WINAPI int msvcrt__eof(int fd)
{
	if (bad(fd))
		return -1;
	off_t cur = lseek(fd, 0, SEEK_CUR), end = lseek(fd, 0, SEEK_END);
	if (cur < 0 || end < 0) {
		*msvcrt__errno() = 9;
		return -1;
	}
	lseek(fd, cur, SEEK_SET);
	return cur >= end;
}

WINAPI LONGLONG msvcrt__filelengthi64(int fd)
{
	struct stat st;
	if (bad(fd))
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		*msvcrt__errno() = 9;
		return -1;
	}
	return st.st_size;
}

WINAPI LONG msvcrt__filelength(int fd)
{
	LONGLONG n = msvcrt__filelengthi64(fd);
	return n > 0x7fffffff ? (*msvcrt__errno() = 22, -1) : (LONG)n;
}

WINAPI int msvcrt__dup(int fd)
{
	if (bad(fd))
		return -1;
	int text = msvcrt_fd_text(fd);
	int n = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	if (n < 0 || n >= MAXFD) {
		if (n >= 0)
			close(n);
		*msvcrt__errno() = 24; /* EMFILE */
		return -1;
	}
	set_mode(n, text ? _O_TEXT : _O_BINARY);
	return n;
}

/* 0 on success (not the new descriptor, unlike POSIX dup2). */
WINAPI int msvcrt__dup2(int fd, int to)
{
	if (bad(fd) || to < 0 || to >= MAXFD) {
		*msvcrt__errno() = 9;
		return -1;
	}
	int text = msvcrt_fd_text(fd);
	if (fd != to && dup2(fd, to) < 0) {
		msvcrt_set_errno(errno);
		return -1;
	}
	if (fd != to)
		set_mode(to, text ? _O_TEXT : _O_BINARY);
	return 0;
}

/* Nonzero for a character device (a terminal, NUL), as msvcrt's FDEV flag. */
WINAPI int msvcrt__isatty(int fd)
{
	struct stat st;
	return fd >= 0 && fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) ? 0x40 : 0;
}

WINAPI intptr_t msvcrt__get_osfhandle(int fd)
{
	if (bad(fd))
		return -1;
	if (!fds[fd].osf && fd < 3) {
		RTL_USER_PROCESS_PARAMETERS *p = win_process.peb->ProcessParameters;
		HANDLE std[] = { p->StandardInput, p->StandardOutput, p->StandardError };
		if (kernel32_handle_fd(std[fd]) == fd)
			return (intptr_t)std[fd];
	}
	if (!fds[fd].osf && !(fds[fd].osf = handle_new(HANDLE_FILE, fd, 0))) {
		*msvcrt__errno() = 24;
		return -1;
	}
	return (intptr_t)fds[fd].osf;
}

/* The descriptor takes the handle over: _close closes it. */
WINAPI int msvcrt__open_osfhandle(intptr_t h, int flags)
{
	int fd = kernel32_handle_fd((HANDLE)h);
	if (fd < 0 || fd >= MAXFD) {
		*msvcrt__errno() = 9;
		return -1;
	}
	set_mode(fd, flags);
	fds[fd].osf = (HANDLE)h;
	return fd;
}

WINAPI int msvcrt__commit(int fd)
{
	if (bad(fd))
		return -1;
	if (fsync(fd) < 0 && errno != EINVAL && errno != EROFS) {
		msvcrt_set_errno(errno);
		return -1;
	}
	return 0;
}

WINAPI int msvcrt__chsize_s(int fd, LONGLONG size)
{
	if (bad(fd))
		return 9;
	if (size < 0)
		return *msvcrt__errno() = 22;
	if (ftruncate(fd, size) < 0) {
		msvcrt_set_errno(errno == EINVAL ? EACCES : errno);
		return *msvcrt__errno();
	}
	return 0;
}

WINAPI int msvcrt__chsize(int fd, LONG size)
{
	return msvcrt__chsize_s(fd, size) ? -1 : 0;
}
