/* stdin read in text mode: lines with fgets ("\r\n" arrives as "\n"), counted and echoed. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	char line[128];
	int n = 0;
	unsigned long bytes = 0;
	while (fgets(line, sizeof line, stdin)) {
		n++;
		bytes += strlen(line);
		fputs(line, stdout);
	}
	printf("%d lines, %lu characters\n", n, bytes);
	return 0;
}
