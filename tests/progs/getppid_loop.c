/* getppid_loop.c - benchmark guest: argv[1] = N raw `syscall` instructions
 * doing getppid (no libc wrapper, no caching).  Silent unless argv[2] is -v.
 * Exits 1 if any call returned a different value than the first. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

static inline long raw_getppid(void)
{
	long r;
	__asm__ volatile("syscall" : "=a"(r) : "a"((long)SYS_getppid) : "rcx", "r11", "memory");
	return r;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: getppid_loop N [-v]\n");
		return 2;
	}
	long n = strtol(argv[1], NULL, 10), bad = 0;
	long first = raw_getppid();
	for (long i = 0; i < n; i++)
		bad += raw_getppid() != first;
	if (argc > 2 && !strcmp(argv[2], "-v"))
		printf("getppid_loop: %ld calls, %s\n", n, bad || first <= 0 ? "FAIL" : "ok");
	return bad || first <= 0;
}
