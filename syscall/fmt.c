#include "fmt.h"
#include "raw.h"

void fmt_char(struct fmt *f, char c)
{
	if (f->p < f->end)
		*f->p++ = c;
}

void fmt_str(struct fmt *f, const char *s)
{
	while (*s)
		fmt_char(f, *s++);
}

static void fmt_base(struct fmt *f, unsigned long v, unsigned base)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		fmt_char(f, tmp[--n]);
}

void fmt_dec(struct fmt *f, long v)
{
	if (v < 0) {
		fmt_char(f, '-');
		fmt_base(f, -(unsigned long)v, 10);
	} else {
		fmt_base(f, (unsigned long)v, 10);
	}
}

void fmt_udec(struct fmt *f, unsigned long v)
{
	fmt_base(f, v, 10);
}

void fmt_hex(struct fmt *f, unsigned long v)
{
	fmt_str(f, "0x");
	fmt_base(f, v, 16);
}

void fmt_oct(struct fmt *f, unsigned long v)
{
	fmt_char(f, '0');
	if (v)
		fmt_base(f, v, 8);
}

void fmt_quoted(struct fmt *f, const char *s, size_t n)
{
	fmt_char(f, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '\n': fmt_str(f, "\\n"); break;
		case '\t': fmt_str(f, "\\t"); break;
		case '\r': fmt_str(f, "\\r"); break;
		case '"': fmt_str(f, "\\\""); break;
		case '\\': fmt_str(f, "\\\\"); break;
		default:
			if (c >= 0x20 && c < 0x7f) {
				fmt_char(f, (char)c);
			} else {
				fmt_str(f, "\\x");
				fmt_char(f, "0123456789abcdef"[c >> 4]);
				fmt_char(f, "0123456789abcdef"[c & 15]);
			}
		}
	}
	fmt_char(f, '"');
}

void fmt_flush_line(struct fmt *f, int fd)
{
	*f->p++ = '\n';
	const char *s = f->start;
	while (s < f->p) {
		long w = raw3(SYS_write, fd, s, f->p - s);
		if (w == -4 /* EINTR */)
			continue;
		if (w <= 0)
			break;
		s += w;
	}
	f->p = f->start;
}
