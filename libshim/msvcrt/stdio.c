/* FILE streams over host descriptors, with msvcrt's behaviour: text mode (the default, _fmode)
 * writes "\n" as "\r\n" and reads "\r\n" as "\n" and Ctrl-Z as the end; a stream to a terminal
 * is flushed at each newline, one to a file or pipe when its buffer fills or at exit; stderr is
 * unbuffered. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../windef.h"
#include "../kernel32/path.h"
#include "../ntdll/unicode.h"
#include "files.h"
#include "format.h"
#include "msvcrt.h"
#include "stdio.h"

#define NSTD 20 /* msvcrt's _iob has 20 entries; 0-2 are stdin, stdout, stderr */
#define BUFSZ 4096
#define CTRL_Z 0x1a
#define _IOFBF 0x0000
#define _IOLBF 0x0040
#define _IONBF 0x0004

/* A stream's state. fopen's streams are allocated with their FILE_MS first, so the program's
 * FILE pointer is the stream; the std streams' FILE_MS are msvcrt's _iob array instead. The one
 * buffer holds either unwritten bytes or, when reading, raw bytes read ahead (buf[pos..len)). */
struct stream {
	FILE_MS file;
	int fd;
	int text; /* fopen's streams: 1 text, 0 binary; the std streams follow their descriptor */
	int reading, eof;
	int ungot; /* ungetc's character, or -1 */
	size_t pos;
	struct stream *next; /* fopen's streams, for the flush at exit */
	int mode; /* _IOFBF, _IOLBF, _IONBF */
	int error;
	char buf[BUFSZ];
	size_t len;
	pthread_mutex_t lock;
};

static FILE_MS iob[NSTD];
static struct stream std_streams[NSTD] = {
	[0] = { .fd = 0, .text = -1, .ungot = -1 },
	[1] = { .fd = 1, .text = -1, .ungot = -1 },
	[2] = { .fd = 2, .text = -1, .ungot = -1, .mode = _IONBF },
};

static struct stream *state(FILE_MS *f)
{
	if (!f)
		return 0;
	if (f >= iob && f < iob + NSTD)
		return &std_streams[f - iob];
	return (struct stream *)f;
}

WINAPI int msvcrt__setmode(int fd, int mode);

static int is_text(struct stream *s)
{
	return s->text < 0 ? msvcrt_fd_text(s->fd) : s->text;
}

WINAPI FILE_MS *msvcrt___iob_func(void)
{
	return iob;
}

/* Streams start with the buffering their descriptor calls for: line-buffered to a terminal. */
void msvcrt_process_attach(void)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	for (int i = 0; i < NSTD; i++)
		pthread_mutex_init(&std_streams[i].lock, &a);
	for (int i = 0; i < 3; i++) {
		iob[i]._file = i;
		if (i < 2 && isatty(i))
			std_streams[i].mode = _IOLBF;
	}
}

static int drain(struct stream *s)
{
	size_t done = 0;
	while (done < s->len) {
		ssize_t r = write(s->fd, s->buf + done, s->len - done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			s->error = 1;
			s->len = 0;
			return -1;
		}
		done += (size_t)r;
	}
	s->len = 0;
	return 0;
}

/* Back from reading to writing: the descriptor goes back to the stream's position. */
static void stop_reading(struct stream *s)
{
	if (!s->reading)
		return;
	lseek(s->fd, -(off_t)(s->len - s->pos) - (s->ungot >= 0), SEEK_CUR);
	s->reading = 0;
	s->len = s->pos = 0;
	s->ungot = -1;
}

static int put(struct stream *s, char c)
{
	if (s->len == BUFSZ && drain(s) < 0)
		return -1;
	s->buf[s->len++] = c;
	return 0;
}

size_t stream_write(FILE_MS *f, const char *p, size_t n)
{
	struct stream *s = state(f);
	if (!s) {
		*msvcrt__errno() = EBADF;
		return 0;
	}
	pthread_mutex_lock(&s->lock);
	stop_reading(s);
	int text = is_text(s);
	size_t i = 0;
	int newline = 0;
	for (; i < n; i++) {
		if (p[i] == '\n') {
			newline = 1;
			if (text && put(s, '\r') < 0)
				break;
		}
		if (put(s, p[i]) < 0)
			break;
	}
	if (s->mode == _IONBF || (s->mode == _IOLBF && newline))
		drain(s);
	pthread_mutex_unlock(&s->lock);
	return i;
}

int stream_flush(FILE_MS *f)
{
	struct stream *s = state(f);
	if (!s)
		return -1;
	pthread_mutex_lock(&s->lock);
	int r = s->reading ? 0 : drain(s);
	pthread_mutex_unlock(&s->lock);
	return r;
}

static struct stream *opened; /* fopen's streams, newest first */
static pthread_mutex_t opened_lock = PTHREAD_MUTEX_INITIALIZER;

void stream_flush_all(void)
{
	for (int i = 0; i < NSTD; i++)
		if (std_streams[i].len)
			stream_flush(&iob[i]);
	pthread_mutex_lock(&opened_lock);
	for (struct stream *s = opened; s; s = s->next)
		stream_flush(&s->file);
	pthread_mutex_unlock(&opened_lock);
}

static int sink_stream(struct sink *k, const char *s, size_t n)
{
	return stream_write(k->ctx, s, n) == n ? 0 : -1;
}

WINAPI int msvcrt_fflush(FILE_MS *f)
{
	if (!f) {
		stream_flush_all();
		return 0;
	}
	return stream_flush(f) < 0 ? -1 : 0;
}

WINAPI int msvcrt_fputc(int c, FILE_MS *f)
{
	char ch = (char)c;
	return stream_write(f, &ch, 1) == 1 ? (unsigned char)c : -1;
}

WINAPI int msvcrt_putc(int c, FILE_MS *f)
{
	return msvcrt_fputc(c, f);
}

WINAPI int msvcrt_putchar(int c)
{
	return msvcrt_fputc(c, &iob[1]);
}

WINAPI int msvcrt_fputs(const char *s, FILE_MS *f)
{
	size_t n = strlen(s);
	return stream_write(f, s, n) == n ? 0 : -1;
}

WINAPI int msvcrt_puts(const char *s)
{
	return msvcrt_fputs(s, &iob[1]) < 0 || msvcrt_fputc('\n', &iob[1]) < 0 ? -1 : 0;
}

WINAPI size_t msvcrt_fwrite(const void *p, size_t size, size_t count, FILE_MS *f)
{
	if (!size || !count)
		return 0;
	return stream_write(f, p, size * count) / size;
}

WINAPI int msvcrt_setvbuf(FILE_MS *f, char *buf, int mode, size_t size)
{
	(void)buf, (void)size; /* xabi keeps its own buffer */
	struct stream *s = state(f);
	if (!s || (mode != _IOFBF && mode != _IOLBF && mode != _IONBF))
		return -1;
	stream_flush(f);
	s->mode = mode;
	return 0;
}

WINAPI int msvcrt_vfprintf(FILE_MS *f, const char *fmt, const uint64_t *args)
{
	struct sink k = { .write = sink_stream, .ctx = f };
	size_t n = format_ms(&k, fmt, args);
	return k.error ? -1 : (int)n;
}

WINAPI int msvcrt_fprintf(FILE_MS *f, const char *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = msvcrt_vfprintf(f, fmt, (const uint64_t *)ap);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt_vprintf(const char *fmt, const uint64_t *args)
{
	return msvcrt_vfprintf(&iob[1], fmt, args);
}

WINAPI int msvcrt_printf(const char *fmt, ...)
{
	__builtin_ms_va_list ap;
	__builtin_ms_va_start(ap, fmt);
	int r = msvcrt_vfprintf(&iob[1], fmt, (const uint64_t *)ap);
	__builtin_ms_va_end(ap);
	return r;
}

WINAPI int msvcrt_fileno(FILE_MS *f)
{
	struct stream *s = state(f);
	return s ? s->fd : -1;
}

/* The next raw byte, refilling the buffer; -1 at the end of the file or on an error. */
static int raw_byte(struct stream *s)
{
	if (!s->reading) {
		if (drain(s) < 0)
			return -1;
		s->reading = 1;
		s->len = s->pos = 0;
	}
	if (s->pos == s->len) {
		ssize_t r;
		do
			r = read(s->fd, s->buf, BUFSZ);
		while (r < 0 && errno == EINTR);
		s->pos = s->len = 0;
		if (r <= 0) {
			if (r < 0)
				s->error = 1;
			else
				s->eof = 1;
			return -1;
		}
		s->len = (size_t)r;
	}
	return (unsigned char)s->buf[s->pos++];
}

/* The next character as the program sees it: in text mode "\r\n" is "\n". */
static int get(struct stream *s)
{
	if (s->ungot >= 0) {
		int c = s->ungot;
		s->ungot = -1;
		return c;
	}
	int c = raw_byte(s);
	if (c == CTRL_Z && is_text(s)) { /* text mode: the end of the data; it stays unread */
		s->pos--;
		s->eof = 1;
		return -1;
	}
	if (c != '\r' || !is_text(s))
		return c;
	int next = raw_byte(s);
	if (next == '\n')
		return next;
	if (next >= 0)
		s->pos--; /* raw_byte just read it into the buffer, so it is still there */
	return c;
}

WINAPI int msvcrt_fgetc(FILE_MS *f)
{
	struct stream *s = state(f);
	pthread_mutex_lock(&s->lock);
	int c = get(s);
	pthread_mutex_unlock(&s->lock);
	return c;
}

WINAPI int msvcrt_getc(FILE_MS *f)
{
	return msvcrt_fgetc(f);
}

WINAPI int msvcrt_ungetc(int c, FILE_MS *f)
{
	struct stream *s = state(f);
	if (c < 0 || s->ungot >= 0)
		return -1;
	pthread_mutex_lock(&s->lock);
	if (!s->reading)
		drain(s), s->reading = 1, s->len = s->pos = 0;
	s->ungot = (unsigned char)c;
	s->eof = 0;
	pthread_mutex_unlock(&s->lock);
	return (unsigned char)c;
}

WINAPI char *msvcrt_fgets(char *buf, int n, FILE_MS *f)
{
	struct stream *s = state(f);
	int i = 0, c = 0;
	pthread_mutex_lock(&s->lock);
	while (i < n - 1 && c != '\n' && (c = get(s)) >= 0)
		buf[i++] = (char)c;
	pthread_mutex_unlock(&s->lock);
	if (n > 0)
		buf[i] = 0;
	return i ? buf : 0;
}

WINAPI size_t msvcrt_fread(void *p, size_t size, size_t count, FILE_MS *f)
{
	struct stream *s = state(f);
	size_t n = size * count, i = 0;
	int c;
	if (!n)
		return 0;
	pthread_mutex_lock(&s->lock);
	while (i < n && (c = get(s)) >= 0)
		((char *)p)[i++] = (char)c;
	pthread_mutex_unlock(&s->lock);
	return i / size;
}

WINAPI int msvcrt_feof(FILE_MS *f)
{
	return state(f)->eof;
}

WINAPI int msvcrt_ferror(FILE_MS *f)
{
	return state(f)->error;
}

/* The position in the file: its descriptor's, less what is read ahead, plus what is unwritten. */
WINAPI LONGLONG msvcrt__ftelli64(FILE_MS *f)
{
	struct stream *s = state(f);
	pthread_mutex_lock(&s->lock);
	off_t at = lseek(s->fd, 0, SEEK_CUR);
	if (at >= 0 && s->reading)
		at -= (off_t)(s->len - s->pos) + (s->ungot >= 0);
	else if (at >= 0)
		at += (off_t)s->len;
	pthread_mutex_unlock(&s->lock);
	if (at < 0)
		msvcrt_set_errno(errno);
	return at < 0 ? -1 : at;
}

/* LONG, 32 bits on Windows: a position past 2 GiB - 1 is EINVAL. */
WINAPI LONG msvcrt_ftell(FILE_MS *f)
{
	LONGLONG at = msvcrt__ftelli64(f);
	if (at > 0x7fffffff) {
		*msvcrt__errno() = 22;
		return -1;
	}
	return (LONG)at;
}

WINAPI int msvcrt__fseeki64(FILE_MS *f, LONGLONG off, int whence)
{
	struct stream *s = state(f);
	if (whence < SEEK_SET || whence > SEEK_END) {
		*msvcrt__errno() = 22;
		return -1;
	}
	pthread_mutex_lock(&s->lock);
	int r = 0;
	if (whence == SEEK_CUR)
		off += msvcrt__ftelli64(f);
	if (s->reading)
		s->reading = 0, s->len = s->pos = 0, s->ungot = -1;
	else
		r = drain(s);
	if (r == 0 && lseek(s->fd, off, whence == SEEK_CUR ? SEEK_SET : whence) < 0) {
		msvcrt_set_errno(errno);
		r = -1;
	}
	if (r == 0)
		s->eof = 0;
	pthread_mutex_unlock(&s->lock);
	return r;
}

WINAPI int msvcrt_fseek(FILE_MS *f, LONG off, int whence)
{
	return msvcrt__fseeki64(f, off, whence);
}

/* fpos_t is a 64-bit file position. */
WINAPI int msvcrt_fgetpos(FILE_MS *f, int64_t *pos)
{
	LONGLONG at = msvcrt__ftelli64(f);
	if (at < 0)
		return -1;
	*pos = at;
	return 0;
}

WINAPI int msvcrt_fsetpos(FILE_MS *f, const int64_t *pos)
{
	return msvcrt__fseeki64(f, *pos, SEEK_SET);
}

WINAPI void msvcrt_rewind(FILE_MS *f)
{
	msvcrt_fseek(f, 0, SEEK_SET);
	state(f)->error = 0;
}

/* fopen's mode: r, w or a, then any of +, b, t (and msvcrt's other letters, ignored). */
static int open_flags(const char *mode, int *text)
{
	static const int base[] = { ['r'] = O_RDONLY, ['w'] = O_WRONLY | O_CREAT | O_TRUNC,
				    ['a'] = O_WRONLY | O_CREAT | O_APPEND };
	if (*mode != 'r' && *mode != 'w' && *mode != 'a')
		return -1;
	int flags = base[(unsigned char)*mode];
	*text = -1;
	for (const char *m = mode + 1; *m; m++) {
		if (*m == '+')
			flags = (flags & ~(O_RDONLY | O_WRONLY)) | O_RDWR;
		else if (*m == 'b')
			*text = 0;
		else if (*m == 't')
			*text = 1;
	}
	return flags | O_CLOEXEC;
}

/* A stream over descriptor fd (text: 1, 0, or -1 for the descriptor's mode); NULL (ENOMEM). */
static FILE_MS *stream_new(int fd, int text)
{
	struct stream *s = calloc(1, sizeof *s);
	if (!s) {
		*msvcrt__errno() = ENOMEM;
		return 0;
	}
	s->fd = fd;
	s->text = text >= 0 ? text : msvcrt_fd_text(fd);
	s->ungot = -1;
	s->file._file = fd;
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&s->lock, &a);
	pthread_mutex_lock(&opened_lock);
	s->next = opened;
	opened = s;
	pthread_mutex_unlock(&opened_lock);
	return &s->file;
}

/* fopen's mode as _open's flags (the descriptor's text mode follows "t"/"b", else _fmode). */
static int open_oflag(const char *mode)
{
	int text, flags = open_flags(mode, &text);
	if (flags < 0)
		return -1;
	int acc = (flags & O_ACCMODE) == O_RDWR ? _O_RDWR : (flags & O_ACCMODE) == O_WRONLY ? _O_WRONLY : 0;
	return acc | (flags & O_CREAT ? _O_CREAT : 0) | (flags & O_TRUNC ? _O_TRUNC : 0) |
	       (flags & O_APPEND ? _O_APPEND : 0) | _O_NOINHERIT |
	       (text == 0 ? _O_BINARY : text == 1 ? _O_TEXT : 0);
}

WINAPI FILE_MS *msvcrt_fopen(const char *name, const char *mode)
{
	int oflag = open_oflag(mode);
	if (oflag < 0) {
		*msvcrt__errno() = EINVAL;
		return 0;
	}
	int fd = msvcrt_open(name, oflag, _S_IREAD | _S_IWRITE);
	if (fd < 0)
		return 0;
	FILE_MS *f = stream_new(fd, -1);
	if (!f)
		close(fd);
	return f;
}

WINAPI FILE_MS *msvcrt__wfopen(const WCHAR *name, const WCHAR *mode)
{
	char *n = utf16_to_utf8_dup(name), *m = utf16_to_utf8_dup(mode);
	FILE_MS *f = n && m ? msvcrt_fopen(n, m) : (*msvcrt__errno() = ENOMEM, (FILE_MS *)0);
	free(n), free(m);
	return f;
}

/* A stream over an open descriptor; "t"/"b" in mode set the descriptor's mode too. */
WINAPI FILE_MS *msvcrt__fdopen(int fd, const char *mode)
{
	int text;
	if (open_flags(mode, &text) < 0 || fd < 0 || fcntl(fd, F_GETFD) < 0) {
		*msvcrt__errno() = fd < 0 || fcntl(fd, F_GETFD) < 0 ? EBADF : EINVAL;
		return 0;
	}
	if (text >= 0)
		msvcrt__setmode(fd, text ? _O_TEXT : _O_BINARY);
	return stream_new(fd, -1);
}

/* The stream f now reads or writes name: its old file is closed and the new one takes its
 * descriptor number, so a reopened stdout stays descriptor 1. */
WINAPI FILE_MS *msvcrt_freopen(const char *name, const char *mode, FILE_MS *f)
{
	struct stream *s = state(f);
	int oflag = open_oflag(mode);
	if (!s || oflag < 0) {
		*msvcrt__errno() = EINVAL;
		return 0;
	}
	pthread_mutex_lock(&s->lock);
	if (!s->reading)
		drain(s);
	int fd = msvcrt_open(name, oflag, _S_IREAD | _S_IWRITE);
	if (fd >= 0 && fd != s->fd) {
		int mode_text = msvcrt_fd_text(fd);
		if (dup2(fd, s->fd) < 0) {
			msvcrt_set_errno(errno);
			close(fd);
			fd = -1;
		} else {
			close(fd);
			msvcrt_fd_forget(s->fd);
			msvcrt__setmode(s->fd, mode_text ? _O_TEXT : _O_BINARY);
			fd = s->fd;
		}
	}
	if (fd >= 0) {
		if (s->text >= 0) /* the std streams (-1) keep following their descriptor's mode */
			s->text = msvcrt_fd_text(fd);
		s->reading = s->eof = s->error = 0;
		s->len = s->pos = 0;
		s->ungot = -1;
	}
	pthread_mutex_unlock(&s->lock);
	return fd < 0 ? 0 : f;
}

WINAPI FILE_MS *msvcrt__wfreopen(const WCHAR *name, const WCHAR *mode, FILE_MS *f)
{
	char *n = utf16_to_utf8_dup(name), *m = utf16_to_utf8_dup(mode);
	FILE_MS *r = n && m ? msvcrt_freopen(n, m, f) : (*msvcrt__errno() = ENOMEM, (FILE_MS *)0);
	free(n), free(m);
	return r;
}

/* A binary read/write file in the temporary directory (GetTempPath), deleted when closed. */
WINAPI FILE_MS *msvcrt_tmpfile(void)
{
	const char *dir = getenv("TMP");
	if (!dir || !*dir)
		dir = getenv("TEMP");
	char *host = dir && *dir ? path_to_host(dir) : 0;
	const char *where = host ? host : "/tmp";
	int fd = open(where, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EOPNOTSUPP) { /* a file system without O_TMPFILE */
		static const char tail[] = "/xabi-tmpfile.XXXXXX";
		char name[4096];
		size_t n = strlen(where);
		memcpy(name, where, n < sizeof name - sizeof tail ? n : 0);
		memcpy(name + (n < sizeof name - sizeof tail ? n : 0), tail, sizeof tail);
		if ((fd = mkostemp(name, O_CLOEXEC)) >= 0)
			unlink(name);
	}
	free(host);
	if (fd < 0) {
		msvcrt_set_errno(errno);
		return 0;
	}
	msvcrt__setmode(fd, _O_BINARY);
	FILE_MS *f = stream_new(fd, 0);
	if (!f)
		close(fd);
	return f;
}

WINAPI int msvcrt_getchar(void)
{
	return msvcrt_fgetc(&iob[0]);
}

WINAPI int msvcrt_fclose(FILE_MS *f)
{
	struct stream *s = state(f);
	int r = stream_flush(f);
	msvcrt_fd_forget(s->fd);
	if (close(s->fd) < 0)
		r = -1;
	if (f >= iob && f < iob + NSTD)
		return r;
	pthread_mutex_lock(&opened_lock);
	struct stream **p = &opened;
	while (*p != s)
		p = &(*p)->next;
	*p = s->next;
	pthread_mutex_unlock(&opened_lock);
	free(s);
	return r;
}
