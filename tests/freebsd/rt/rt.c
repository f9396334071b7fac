/* The freestanding runtime's C half: program start, exit, memory and string helpers the compiler
 * may call, a printf subset writing to fd 1, and the check/report helpers. */
#include "fb.h"

char **fb_environ;
uint64_t *fb_auxv;
int fb_failures;

__attribute__((noreturn)) void fb_exit(int status)
{
	fb_flush();
	for (;;) {
		SC1(FB_SYS_exit, status);
		__builtin_trap(); /* _exit returned: nothing sensible is left to do */
	}
}

__attribute__((noreturn, used)) void fb_start_c(uint64_t *argcp)
{
	int argc = (int)argcp[0];
	char **argv = (char **)(argcp + 1);
	fb_environ = argv + argc + 1;
	char **e = fb_environ;
	while (*e)
		e++;
	fb_auxv = (uint64_t *)(e + 1);
	fb_exit(main(argc, argv));
}

void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;
	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *p = d;
	const unsigned char *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

const char *fb_getenv(const char *name)
{
	size_t n = strlen(name);
	for (char **e = fb_environ; *e; e++)
		if (!memcmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return 0;
}

long fb_atol(const char *s)
{
	long v = 0, sign = 1;
	if (*s == '-')
		sign = -1, s++;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return sign * v;
}

/* Formatting */
struct out {
	char *buf;
	size_t size, len; /* len may pass size: the text was cut */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_num(struct out *o, unsigned long long v, unsigned base, int neg, int width,
		    char pad)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		tmp[n++] = '-';
	while (width-- > n)
		put(o, pad);
	while (n)
		put(o, tmp[--n]);
}

static void format(struct out *o, const char *f, va_list ap)
{
	for (; *f; f++) {
		if (*f != '%') {
			put(o, *f);
			continue;
		}
		f++;
		char pad = ' ';
		int width = 0, lng = 0;
		if (*f == '0')
			pad = '0', f++;
		while (*f >= '0' && *f <= '9')
			width = width * 10 + (*f++ - '0');
		while (*f == 'l')
			lng++, f++;
		unsigned long long u;
		long long s;
		switch (*f) {
		case 'd':
		case 'i':
			s = lng ? va_arg(ap, long) : va_arg(ap, int);
			put_num(o, s < 0 ? -(unsigned long long)s : (unsigned long long)s, 10, s < 0,
				width, pad);
			break;
		case 'u':
		case 'x':
		case 'o':
			u = lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			put_num(o, u, *f == 'u' ? 10 : *f == 'x' ? 16 : 8, 0, width, pad);
			break;
		case 'p':
			put(o, '0');
			put(o, 'x');
			put_num(o, (uintptr_t)va_arg(ap, void *), 16, 0, width, pad);
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			if (!str)
				str = "(null)";
			for (int n = (int)strlen(str); width-- > n;)
				put(o, ' ');
			while (*str)
				put(o, *str++);
			break;
		}
		case 'c':
			put(o, (char)va_arg(ap, int));
			break;
		case '%':
			put(o, '%');
			break;
		default: /* not a conversion: keep it as written */
			put(o, '%');
			if (*f)
				put(o, *f);
			else
				f--;
		}
	}
	if (o->size)
		o->buf[o->len < o->size ? o->len : o->size - 1] = 0;
}

int fb_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	struct out o = { buf, n, 0 };
	format(&o, fmt, ap);
	return (int)o.len;
}

int fb_snprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = fb_vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

static char line[4096];
static size_t line_len;

void fb_flush(void)
{
	size_t off = 0;
	while (off < line_len) {
		long r = SC3(FB_SYS_write, 1, line + off, line_len - off);
		if (r <= 0)
			break;
		off += (size_t)r;
	}
	line_len = 0;
}

void fb_printf(const char *fmt, ...)
{
	char buf[2048];
	struct out o = { buf, sizeof buf, 0 };
	va_list ap;
	va_start(ap, fmt);
	format(&o, fmt, ap);
	va_end(ap);
	for (const char *p = buf; *p; p++) {
		if (line_len == sizeof line)
			fb_flush();
		line[line_len++] = *p;
		if (*p == '\n')
			fb_flush();
	}
}

int fb_check(int ok, const char *name, const char *why_fmt, ...)
{
	if (ok) {
		fb_printf("%s: ok\n", name);
		return 1;
	}
	char why[512];
	struct out o = { why, sizeof why, 0 };
	va_list ap;
	va_start(ap, why_fmt);
	format(&o, why_fmt, ap);
	va_end(ap);
	fb_printf("%s: FAIL (%s)\n", name, why);
	fb_failures++;
	return 0;
}

__attribute__((noreturn)) void fb_finish(void)
{
	fb_printf("done: %d failed\n", fb_failures);
	fb_exit(fb_failures ? 1 : 0);
}

const char *fb_errname(long e)
{
	static const struct {
		int nr;
		const char *name;
	} names[] = {
		{ 0, "success" }, { FB_EPERM, "EPERM" }, { FB_ENOENT, "ENOENT" },
		{ FB_ESRCH, "ESRCH" }, { FB_EINTR, "EINTR" }, { FB_EBADF, "EBADF" },
		{ FB_ECHILD, "ECHILD" }, { FB_EFAULT, "EFAULT" }, { FB_EEXIST, "EEXIST" },
		{ FB_ENOTDIR, "ENOTDIR" }, { FB_EISDIR, "EISDIR" }, { FB_EINVAL, "EINVAL" },
		{ FB_ESPIPE, "ESPIPE" }, { FB_EMLINK, "EMLINK" }, { FB_EPIPE, "EPIPE" },
		{ FB_EAGAIN, "EAGAIN" }, { FB_EAFNOSUPPORT, "EAFNOSUPPORT" },
		{ FB_EADDRINUSE, "EADDRINUSE" }, { FB_EADDRNOTAVAIL, "EADDRNOTAVAIL" },
		{ FB_ECONNREFUSED, "ECONNREFUSED" }, { FB_ELOOP, "ELOOP" },
		{ FB_ENAMETOOLONG, "ENAMETOOLONG" }, { FB_ENOTEMPTY, "ENOTEMPTY" },
		{ FB_ENOSYS, "ENOSYS" },
	};
	if (e < 0)
		e = -e;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].nr == e)
			return names[i].name;
	return "E?";
}
