/* stdin from a pipe: "readfile" reads it with ReadFile until the writer has gone (FALSE with
 * ERROR_BROKEN_PIPE on a pipe; TRUE with 0 bytes from a file); "crt" reads lines with fgets, then
 * the rest with getchar and fread, all in text mode ("\r\n" arrives as "\n"). */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static int upto(const char *s, const char *stops) /* strcspn: not what is tested here */
{
	int n = 0;
	while (s[n] && !strchr(stops, s[n]))
		n++;
	return n;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "readfile")) {
		HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
		char buf[7];
		DWORD got, total = 0;
		BOOL ok;
		while ((ok = ReadFile(in, buf, sizeof buf, &got, NULL)) && got)
			total += got;
		printf("total %lu, last ReadFile %d got %lu error %lu\n", total, ok, got, ok ? 0 : GetLastError());
		return 0;
	}
	char line[64];
	int n = 0;
	while (n < 2 && fgets(line, sizeof line, stdin))
		printf("line %d: %u [%.*s]\n", ++n, (unsigned)strlen(line), upto(line, "\r\n"), line);
	int c = getchar();
	printf("getchar %c\n", c);
	size_t k = fread(line, 1, sizeof line, stdin);
	printf("fread %u [%.*s] eof %d\n", (unsigned)k, upto(line, "\n"), line, feof(stdin) != 0);
	printf("getchar at end %d\n", getchar());
	return 0;
}
