/* msvcrt's FILE streams on files: text mode (the default, and "t") writes "\n" as "\r\n" and
 * reads it back as "\n"; binary mode ("b") leaves bytes alone; ftell counts the file's bytes.
 * Prints what it sees; files.expected holds msvcrt's documented results. */
#include <stdio.h>
#include <string.h>

static long size_of(const char *name)
{
	FILE *f = fopen(name, "rb");
	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fclose(f);
	return n;
}

int main(void)
{
	FILE *f = fopen("text.txt", "w");
	fputs("one\ntwo\n", f);
	fprintf(f, "%d\n", 3);
	printf("text ftell %ld\n", ftell(f));
	fclose(f);
	f = fopen("bin.dat", "wb");
	fwrite("one\ntwo\n3\n", 1, 10, f);
	printf("binary ftell %ld\n", ftell(f));
	fclose(f);
	printf("sizes %ld %ld\n", size_of("text.txt"), size_of("bin.dat"));

	char line[32];
	f = fopen("text.txt", "r");
	while (fgets(line, sizeof line, f))
		printf("line %u [%.*s]\n", (unsigned)strlen(line), (int)strlen(line) - 1, line);
	printf("eof %d error %d\n", feof(f) != 0, ferror(f) != 0);
	rewind(f);
	int c = fgetc(f);
	ungetc('X', f);
	int c1 = getc(f), c2 = getc(f);
	printf("fgetc %c then %c %c\n", c, c1, c2);
	char all[32];
	rewind(f);
	printf("fread text %u\n", (unsigned)fread(all, 1, sizeof all, f));
	fclose(f);
	f = fopen("text.txt", "rb");
	size_t n = fread(all, 1, sizeof all, f);
	printf("fread binary %u cr %d\n", (unsigned)n, memchr(all, '\r', n) != NULL);
	fclose(f);

	f = fopen("text.txt", "a");
	fputs("four\n", f);
	fclose(f);
	f = fopen("bin.dat", "r+b");
	fseek(f, 4, SEEK_SET);
	fputc('T', f);
	fseek(f, 0, SEEK_SET);
	n = fread(all, 1, 5, f);
	printf("r+ %u [%c%c] sizes %ld %ld\n", (unsigned)n, all[0], all[4], size_of("text.txt"),
	       size_of("bin.dat"));
	f = fopen("wt.txt", "wt");
	fputs("a\n", f);
	fclose(f);
	printf("wt %ld missing %d\n", size_of("wt.txt"), fopen("nonexistent", "r") == NULL);
	return 0;
}
