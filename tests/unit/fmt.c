/* syscall/fmt.c, the trap path's formatting, against snprintf as the independent reference:
 * decimal, unsigned, hex and octal over edge and pseudo-random values; fmt_quoted's escapes for every
 * byte; truncation at the buffer's end; fmt_flush_line through a pipe. Prints PASS/FAIL lines. */
#define _GNU_SOURCE
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "../../syscall/fmt.h"

static int failures;

static void report(int ok, const char *name, const char *fmt, ...)
{
	if (ok) {
		printf("PASS unit/fmt/%s\n", name);
		return;
	}
	failures++;
	printf("FAIL unit/fmt/%s: ", name);
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* What was formatted, as a C string (fmt keeps one byte free for the newline; we use it for 0). */
static const char *text(struct fmt *f)
{
	*f->p = 0;
	return f->start;
}

static unsigned long values[4096];
static size_t nvalues;

static void add(unsigned long v)
{
	if (nvalues < sizeof values / sizeof values[0])
		values[nvalues++] = v;
}

static void make_values(void)
{
	const unsigned long edges[] = {
		0, 1, 2, 7, 8, 9, 10, 15, 16, 17, 99, 100, 255, 256, 511, 512, 4095, 4096,
		(unsigned long)INT_MAX, (unsigned long)INT_MAX + 1, (unsigned long)UINT_MAX,
		(unsigned long)UINT_MAX + 1, (unsigned long)LONG_MAX, (unsigned long)LONG_MIN,
		(unsigned long)LONG_MIN + 1, ULONG_MAX, ULONG_MAX - 1, (unsigned long)-2,
		(unsigned long)(long)INT_MIN, 0x8000000000000000UL, 0x7fffffffffffffffUL,
		0xdeadbeefUL, 0x0123456789abcdefUL, 0xfedcba9876543210UL, 01234567012345670123UL,
		9999999999999999999UL, 10000000000000000000UL, 1000000000000000000UL,
	};
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
		add(edges[i]);
	/* Powers of 2, 8, 10 and 16, each +-1. */
	for (int b = 0; b < 64; b++) {
		add(1UL << b);
		add((1UL << b) - 1);
		add((1UL << b) + 1);
	}
	for (unsigned long p = 10;; p *= 10) {
		add(p - 1);
		add(p);
		add(p + 1);
		if (p > ULONG_MAX / 10)
			break;
	}
	/* Pseudo-random values of every bit length (xorshift64). */
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	for (int i = 0; i < 2000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		int bits = i % 64 + 1;
		add(bits == 64 ? x : x & ((1UL << bits) - 1));
	}
}

typedef void (*fmt_fn)(struct fmt *, unsigned long);
static void f_dec(struct fmt *f, unsigned long v) { fmt_dec(f, (long)v); }
static void f_udec(struct fmt *f, unsigned long v) { fmt_udec(f, v); }
static void f_hex(struct fmt *f, unsigned long v) { fmt_hex(f, v); }
static void f_oct(struct fmt *f, unsigned long v) { fmt_oct(f, v); }

/* fn(v) must print what snprintf(format, v) prints, with text before and after it intact. */
static void compare(const char *name, fmt_fn fn, const char *format, int is_signed)
{
	int bad = 0;
	char first[320] = "";
	for (size_t i = 0; i < nvalues; i++) {
		char buf[128], want[128];
		struct fmt f;
		fmt_init(&f, buf, sizeof buf);
		fmt_char(&f, '<');
		fn(&f, values[i]);
		fmt_char(&f, '>');
		char ref[100];
		if (is_signed)
			snprintf(ref, sizeof ref, format, (long)values[i]);
		else
			snprintf(ref, sizeof ref, format, values[i]);
		snprintf(want, sizeof want, "<%s>", ref);
		if (strcmp(text(&f), want) && !bad++)
			snprintf(first, sizeof first, "value 0x%lx: got %s, snprintf %s", values[i], buf,
				 want);
	}
	report(!bad, name, "%d of %zu values differ from snprintf(\"%s\"); first: %s", bad, nvalues,
	       format, first);
}

/* The reference escaping, written independently from fmt_quoted: strace's C-style escapes. */
static void ref_quoted(char *out, size_t size, const unsigned char *s, size_t n)
{
	size_t o = 0;
	out[o++] = '"';
	for (size_t i = 0; i < n && o + 8 < size; i++) {
		const char *esc = s[i] == '\n' ? "\\n" : s[i] == '\t' ? "\\t" : s[i] == '\r' ? "\\r"
				  : s[i] == '"' ? "\\\"" : s[i] == '\\' ? "\\\\" : 0;
		if (esc)
			o += (size_t)snprintf(out + o, size - o, "%s", esc);
		else if (s[i] >= ' ' && s[i] <= '~')
			out[o++] = (char)s[i];
		else
			o += (size_t)snprintf(out + o, size - o, "\\x%02x", s[i]);
	}
	out[o++] = '"';
	out[o] = 0;
}

static void test_quoted(void)
{
	int bad = 0;
	char first[200] = "";
	for (int c = 0; c < 256; c++) {
		unsigned char s[3] = { 'a', (unsigned char)c, 'z' };
		char buf[64], want[64];
		struct fmt f;
		fmt_init(&f, buf, sizeof buf);
		fmt_quoted(&f, (const char *)s, sizeof s);
		ref_quoted(want, sizeof want, s, sizeof s);
		if (strcmp(text(&f), want) && !bad++)
			snprintf(first, sizeof first, "byte 0x%02x: got %s, expected %s", c, buf, want);
	}
	report(!bad, "quoted-every-byte", "%d of 256 bytes escaped wrongly; first: %s", bad, first);

	static const struct {
		const char *name, *in;
		size_t n;
		const char *want;
	} cases[] = {
		{ "quoted-empty", "", 0, "\"\"" },
		{ "quoted-plain", "hello, world", 12, "\"hello, world\"" },
		{ "quoted-escapes", "a\"b\\c\n\t\r", 8, "\"a\\\"b\\\\c\\n\\t\\r\"" },
		{ "quoted-embedded-nul", "ab\0cd", 5, "\"ab\\x00cd\"" },
		{ "quoted-n-not-strlen", "abcdef", 3, "\"abc\"" },
		{ "quoted-high-bytes", "\x7f\x80\xff\x1b", 4, "\"\\x7f\\x80\\xff\\x1b\"" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[128];
		struct fmt f;
		fmt_init(&f, buf, sizeof buf);
		fmt_quoted(&f, cases[i].in, cases[i].n);
		report(!strcmp(text(&f), cases[i].want), cases[i].name, "got %s, expected %s", buf,
		       cases[i].want);
	}
}

/* Output stops at the buffer's last byte but one; nothing past the buffer is written. */
static void test_truncation(void)
{
	struct {
		char buf[8];
		char after[8];
	} s;
	memset(&s, '#', sizeof s);
	struct fmt f;
	fmt_init(&f, s.buf, sizeof s.buf);
	fmt_str(&f, "0123456789");
	fmt_dec(&f, LONG_MIN);
	fmt_hex(&f, ULONG_MAX);
	fmt_quoted(&f, "\n\n\n\n", 4);
	report(f.p - s.buf == 7 && !memcmp(s.buf, "0123456", 7) && !memcmp(s.after, "########", 8),
	       "truncates-at-end", "wrote %td bytes \"%.7s\", after the buffer \"%.8s\"", f.p - s.buf,
	       s.buf, s.after);

	/* A number cut in the middle keeps its leading digits. */
	char small[6];
	fmt_init(&f, small, sizeof small);
	fmt_dec(&f, -1234567);
	report(f.p - small == 5 && !memcmp(small, "-1234", 5), "truncated-number-prefix",
	       "got \"%.*s\"", (int)(f.p - small), small);
}

static void test_flush(void)
{
	int fds[2];
	if (pipe(fds) < 0) {
		report(0, "flush-line", "pipe failed");
		return;
	}
	char buf[64], got[128];
	struct fmt f;
	fmt_init(&f, buf, sizeof buf);
	fmt_str(&f, "pid ");
	fmt_dec(&f, -42);
	fmt_char(&f, ' ');
	fmt_hex(&f, 0);
	fmt_char(&f, ' ');
	fmt_oct(&f, 0);
	fmt_char(&f, ' ');
	fmt_oct(&f, 0755);
	fmt_flush_line(&f, fds[1]);
	int reset = f.p == f.start;
	/* A full buffer still gets its newline (the byte fmt_init kept free). */
	char tiny[5];
	fmt_init(&f, tiny, sizeof tiny);
	fmt_str(&f, "abcdefgh");
	fmt_flush_line(&f, fds[1]);
	close(fds[1]);
	ssize_t n = read(fds[0], got, sizeof got - 1);
	close(fds[0]);
	got[n > 0 ? n : 0] = 0;
	const char *want = "pid -42 0x0 0 0755\nabcd\n";
	report(reset && !strcmp(got, want), "flush-line",
	       "pipe got \"%s\", expected \"%s\"; position reset: %d", got, want, reset);
}

int main(void)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	make_values();
	compare("dec-vs-snprintf", f_dec, "%ld", 1);
	compare("udec-vs-snprintf", f_udec, "%lu", 0);
	compare("hex-vs-snprintf", f_hex, "0x%lx", 0);
	compare("oct-vs-snprintf", f_oct, "%#lo", 0);
	/* The edges spelled out, in case snprintf and fmt agree on something wrong. */
	static const struct {
		long v;
		const char *want;
	} dec[] = { { LONG_MIN, "-9223372036854775808" }, { 0, "0" }, { -1, "-1" },
		    { LONG_MAX, "9223372036854775807" } };
	for (size_t i = 0; i < sizeof dec / sizeof dec[0]; i++) {
		char buf[32], name[32];
		struct fmt f;
		fmt_init(&f, buf, sizeof buf);
		fmt_dec(&f, dec[i].v);
		snprintf(name, sizeof name, "dec-literal-%zu", i);
		report(!strcmp(text(&f), dec[i].want), name, "got %s, expected %s", buf, dec[i].want);
	}
	char buf[32];
	struct fmt f;
	fmt_init(&f, buf, sizeof buf);
	fmt_udec(&f, ULONG_MAX);
	report(!strcmp(text(&f), "18446744073709551615"), "udec-literal-ulong-max", "got %s", buf);
	fmt_init(&f, buf, sizeof buf);
	fmt_oct(&f, ULONG_MAX);
	report(!strcmp(text(&f), "01777777777777777777777"), "oct-literal-ulong-max", "got %s", buf);
	test_quoted();
	test_truncation();
	test_flush();
	return failures ? 1 : 0;
}
