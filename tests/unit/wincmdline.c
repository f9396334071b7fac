/* libshim/ntdll/cmdline.c and unicode.c. Splitting is checked against the examples of Microsoft's
 * documentation of how the C runtime parses a command line ("Parsing C++ command-line arguments"),
 * building by splitting what was built (random argv of quotes, backslashes and blanks), and the
 * UTF-16 conversions against code points worked out by hand from the Unicode standard. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../libshim/ntdll/cmdline.h"
#include "../../libshim/ntdll/unicode.h"

static int failures;

static void report(int ok, const char *name, const char *fmt, ...)
{
	if (ok) {
		printf("PASS unit/wincmdline/%s\n", name);
		return;
	}
	failures++;
	printf("FAIL unit/wincmdline/%s: ", name);
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void split_case(const char *name, const char *line, int n, const char *const *want)
{
	int argc;
	char **argv = win_cmdline_split(line, &argc);
	int ok = argv && argc == n;
	for (int i = 0; ok && i < n; i++)
		ok = !strcmp(argv[i], want[i]);
	report(ok, name, "[%s] gave %d arguments, first differing: %s", line, argv ? argc : -1,
	       argv && argc ? argv[argc - 1] : "");
	free(argv);
}

static void documented(void)
{
	split_case("doc-quoted", "prog \"abc\" d e", 4, (const char *const[]){ "prog", "abc", "d", "e" });
	split_case("doc-backslashes", "prog a\\\\\\b d\"e f\"g h", 4,
		   (const char *const[]){ "prog", "a\\\\\\b", "de fg", "h" });
	split_case("doc-escaped-quote", "prog a\\\\\\\"b c d", 4,
		   (const char *const[]){ "prog", "a\\\"b", "c", "d" });
	split_case("doc-even-backslashes", "prog a\\\\\\\\\"b c\" d e", 4,
		   (const char *const[]){ "prog", "a\\\\b c", "d", "e" });
	split_case("doc-double-quote", "prog a\"b\"\" c d", 2,
		   (const char *const[]){ "prog", "ab\" c d" });
	split_case("program-name-quoted", "\"C:\\Program Files\\x.exe\" a", 2,
		   (const char *const[]){ "C:\\Program Files\\x.exe", "a" });
	split_case("blanks", "  prog \t a  ", 2, (const char *const[]){ "prog", "a" });
}

static void round_trip(void)
{
	static const char alphabet[] = "ab \t\"\\\\\"x";
	unsigned seed = 12345;
	int bad = 0;
	for (int t = 0; t < 2000 && !bad; t++) {
		char store[8][12], *argv[8];
		int argc = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 7;
		strcpy(store[0], "prog");
		argv[0] = store[0];
		for (int i = 1; i < argc; i++) {
			int len = (int)((seed = seed * 1103515245 + 12345) >> 16) % 11;
			for (int j = 0; j < len; j++)
				store[i][j] = alphabet[((seed = seed * 1103515245 + 12345) >> 16) % 9];
			store[i][len] = 0;
			argv[i] = store[i];
		}
		char *line = win_cmdline_build(argc, argv);
		int n;
		char **back = line ? win_cmdline_split(line, &n) : 0;
		int ok = back && n == argc;
		for (int i = 0; ok && i < argc; i++)
			ok = !strcmp(back[i], argv[i]);
		if (!ok) {
			bad = 1;
			report(0, "round-trip", "[%s] did not split back into its %d arguments", line, argc);
		}
		free(line);
		free(back);
	}
	if (!bad)
		report(1, "round-trip", "");
}

static void unicode(void)
{
	WCHAR w[8];
	size_t n = utf8_to_utf16("a\xc3\xa9\xf0\x9f\x98\x80", -1, w, 8);
	report(n == 5 && w[0] == 'a' && w[1] == 0xe9 && w[2] == 0xd83d && w[3] == 0xde00 && !w[4],
	       "utf8-to-utf16", "%zu units", n);
	n = utf8_to_utf16("\xff\xc0\x80" "b", 4, w, 8);
	report(n == 4 && w[0] == 0xfffd && w[1] == 0xfffd && w[2] == 0xfffd && w[3] == 'b',
	       "utf8-invalid", "%zu units %x %x %x", n, w[0], w[1], w[2]);
	char s[16];
	const WCHAR in[] = { 'a', 0xe9, 0xd83d, 0xde00, 0xdc00, 0 };
	n = utf16_to_utf8(in, -1, s, sizeof s);
	report(n == 11 && !memcmp(s, "a\xc3\xa9\xf0\x9f\x98\x80\xef\xbf\xbd", 11),
	       "utf16-to-utf8", "%zu bytes", n);
}

int main(void)
{
	documented();
	round_trip();
	unicode();
	return failures != 0;
}
