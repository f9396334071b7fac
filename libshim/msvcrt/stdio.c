/* FILE streams over host descriptors, with msvcrt's behaviour: text mode (the default, _fmode)
 * writes "\n" as "\r\n"; a stream to a terminal is flushed at each newline, one to a file or pipe
 * when its buffer fills or at exit; stderr is unbuffered. */
#include <errno.h>
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

struct stream {
	int fd;
	int mode; /* _IOFBF, _IOLBF, _IONBF */
	int error;
	char buf[BUFSZ];
	size_t len;
	pthread_mutex_t lock;
};

static FILE_MS iob[NSTD];
static struct stream std_streams[NSTD] = {
	[0] = { .fd = 0 },
	[1] = { .fd = 1 },
	[2] = { .fd = 2, .mode = _IONBF },
};

static struct stream *state(FILE_MS *f)
{
	if (f >= iob && f < iob + NSTD)
		return &std_streams[f - iob];
	return 0;
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
	int text = msvcrt_fd_text(s->fd);
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
	int r = drain(s);
	pthread_mutex_unlock(&s->lock);
	return r;
}

void stream_flush_all(void)
{
	for (int i = 0; i < NSTD; i++)
		if (std_streams[i].len)
			stream_flush(&iob[i]);
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
