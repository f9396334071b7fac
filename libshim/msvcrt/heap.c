/* The CRT heap: the host's malloc. */
#include <errno.h>
#include <stdlib.h>
#include "msvcrt.h"

WINAPI void *msvcrt_malloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		msvcrt_set_errno(ENOMEM);
	return p;
}

WINAPI void *msvcrt_calloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (!p)
		msvcrt_set_errno(ENOMEM);
	return p;
}

WINAPI void *msvcrt_realloc(void *old, size_t n)
{
	void *p = realloc(old, n);
	if (!p && n)
		msvcrt_set_errno(ENOMEM);
	return p;
}

WINAPI void msvcrt_free(void *p)
{
	free(p);
}
