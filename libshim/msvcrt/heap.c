/* The CRT heap: the host's malloc. */
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include "crt.h"
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

/* _set_new_mode(1) would make malloc call the C++ new handler on failure; xabi's CRT has no new
 * handler to call (_set_new_handler is not implemented), so the mode is only kept. */
static int new_mode;

WINAPI int msvcrt__set_new_mode(int mode)
{
	int old = new_mode;
	new_mode = mode;
	return old;
}

WINAPI int msvcrt__query_new_mode(void)
{
	return new_mode;
}

WINAPI size_t msvcrt__msize(void *p)
{
	if (!p) {
		crt_invalid_parameter();
		*msvcrt__errno() = CRT_EINVAL;
		return (size_t)-1;
	}
	return malloc_usable_size(p);
}

WINAPI void *msvcrt__recalloc(void *old, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		*msvcrt__errno() = CRT_ENOMEM;
		return 0;
	}
	size_t before = old ? malloc_usable_size(old) : 0, total = n * size;
	char *p = msvcrt_realloc(old, total);
	if (p && total > before)
		memset(p + before, 0, total - before);
	return p;
}

/* Alignment must be a power of two; the block is freed with _aligned_free (free here). */
WINAPI void *msvcrt__aligned_malloc(size_t n, size_t align)
{
	void *p;
	if (!align || (align & (align - 1))) {
		crt_invalid_parameter();
		*msvcrt__errno() = CRT_EINVAL;
		return 0;
	}
	if (align < sizeof(void *))
		align = sizeof(void *);
	if (posix_memalign(&p, align, n ? n : 1)) {
		*msvcrt__errno() = CRT_ENOMEM;
		return 0;
	}
	return p;
}

WINAPI void msvcrt__aligned_free(void *p)
{
	free(p);
}
