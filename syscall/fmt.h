/* Formatting into a fixed buffer, for the trap path (no stdio there: README.md). */
#ifndef XABI_FMT_H
#define XABI_FMT_H

#include <stddef.h>
#include <stdint.h>

struct fmt {
	char *p, *end; /* end is one before the buffer's end: room for the final newline */
	char *start;
};

static inline void fmt_init(struct fmt *f, char *buf, size_t size)
{
	f->start = f->p = buf;
	f->end = buf + size - 1;
}

void fmt_char(struct fmt *f, char c);
void fmt_str(struct fmt *f, const char *s);
void fmt_dec(struct fmt *f, long v);
void fmt_udec(struct fmt *f, unsigned long v);
void fmt_hex(struct fmt *f, unsigned long v); /* 0x... */
void fmt_oct(struct fmt *f, unsigned long v); /* 0... */
/* A quoted, escaped copy of n bytes (C-style escapes, like strace). */
void fmt_quoted(struct fmt *f, const char *s, size_t n);
/* Write what was formatted, plus a newline, to fd. */
void fmt_flush_line(struct fmt *f, int fd);

#endif
