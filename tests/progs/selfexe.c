/* selfexe.c - what a program learns about itself: /proc/self/exe (readlink and readlinkat) names the
 * program, and AT_EXECFN is the path it was started with. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <unistd.h>

int main(void)
{
	char a[4096], b[4096];
	ssize_t n = readlink("/proc/self/exe", a, sizeof a);
	ssize_t m = readlinkat(AT_FDCWD, "/proc/self/exe", b, sizeof b);
	printf("readlink: %.*s\n", (int)n, a);
	printf("readlinkat: %.*s\n", (int)m, b);
	printf("short buffer: %zd\n", readlink("/proc/self/exe", a, 4));
	printf("AT_EXECFN: %s\n", (const char *)getauxval(AT_EXECFN));
	return 0;
}
