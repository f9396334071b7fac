/* getppid_loop.c - benchmark guest, the FreeBSD twin of tests/progs/getppid_loop.c: argv[1] = N
 * getppid system calls through the raw stub. Exits 1 if any call answered differently. */
#include "rt/fb.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fb_printf("usage: getppid_loop N\n");
		return 2;
	}
	long n = fb_atol(argv[1]), bad = 0;
	long first = SC0(FB_SYS_getppid);
	for (long i = 0; i < n; i++)
		bad += SC0(FB_SYS_getppid) != first;
	return bad || first <= 0;
}
