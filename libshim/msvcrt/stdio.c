/* FILE streams over host descriptors, with msvcrt's behaviour: text mode (the default, _fmode)
 * writes "\n" as "\r\n" and reads "\r\n" as "\n"; a stream to a terminal is flushed at each newline, one to a file or pipe
 * when its buffer fills or at exit; stderr is unbuffered. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../windef.h"
#include "format.h"
#include "msvcrt.h"
#include "stdio.h"

#define NSTD 20 /* msvcrt's _iob has 20 entries; 0-2 are stdin, stdout, stderr */
#define BUFSZ 4096
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
WINAPI long msvcrt_ftell(FILE_MS *f)
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
	return at < 0 ? -1 : (long)at;
}

WINAPI int msvcrt_fseek(FILE_MS *f, long off, int whence)
{
	struct stream *s = state(f);
	pthread_mutex_lock(&s->lock);
	int r = 0;
	if (whence == SEEK_CUR)
		off += msvcrt_ftell(f);
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

WINAPI FILE_MS *msvcrt_fopen(const char *name, const char *mode)
{
	int text, flags = open_flags(mode, &text);
	if (flags < 0) {
		*msvcrt__errno() = EINVAL;
		return 0;
	}
	struct stream *s = calloc(1, sizeof *s);
	if (!s) {
		*msvcrt__errno() = ENOMEM;
		return 0;
	}
	s->fd = open(name, flags, 0666);
	if (s->fd < 0) {
		msvcrt_set_errno(errno);
		free(s);
		return 0;
	}
	s->text = text >= 0 ? text : msvcrt_fd_text(s->fd);
	s->ungot = -1;
	s->file._file = s->fd;
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

WINAPI int msvcrt_fclose(FILE_MS *f)
{
	struct stream *s = state(f);
	int r = stream_flush(f);
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
