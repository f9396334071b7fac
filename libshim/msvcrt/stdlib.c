/* stdlib's arithmetic, sorting and random numbers with Windows' types (long is 32 bits) and
 * msvcrt's generator. qsort calls the program's comparator with the Windows convention, so it is
 * written here (a heapsort: in place, not stable, as qsort need not be). */
#include <stdlib.h>
#include <string.h>
#include "crt.h"
#include "msvcrt.h"

typedef int WINAPI compare_fn(const void *, const void *);
typedef int WINAPI compare_ctx_fn(void *, const void *, const void *);

struct order {
	compare_fn *cmp;
	compare_ctx_fn *cmp_ctx;
	void *ctx;
};

static int compare(const struct order *o, const void *a, const void *b)
{
	return o->cmp ? o->cmp(a, b) : o->cmp_ctx(o->ctx, a, b);
}

static void swap(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

static void sift_down(char *base, size_t root, size_t n, size_t size, const struct order *o)
{
	for (size_t child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && compare(o, base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (compare(o, base + root * size, base + child * size) >= 0)
			return;
		swap(base + root * size, base + child * size, size);
	}
}

static void heap_sort(void *base, size_t n, size_t size, const struct order *o)
{
	char *b = base;
	if (n < 2 || !size)
		return;
	for (size_t i = n / 2; i-- > 0;)
		sift_down(b, i, n, size, o);
	for (size_t end = n - 1; end > 0; end--) {
		swap(b, b + end * size, size);
		sift_down(b, 0, end, size, o);
	}
}

WINAPI void msvcrt_qsort(void *base, size_t n, size_t size, compare_fn *cmp)
{
	struct order o = { .cmp = cmp };
	heap_sort(base, n, size, &o);
}

WINAPI void msvcrt_qsort_s(void *base, size_t n, size_t size, compare_ctx_fn *cmp, void *ctx)
{
	if (!cmp || (n && (!base || !size))) {
		crt_invalid_parameter();
		*msvcrt__errno() = CRT_EINVAL;
		return;
	}
	struct order o = { .cmp_ctx = cmp, .ctx = ctx };
	heap_sort(base, n, size, &o);
}

WINAPI void *msvcrt_bsearch(const void *key, const void *base, size_t n, size_t size,
			    compare_fn *cmp)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *p = (const char *)base + mid * size;
		int c = cmp(key, p);
		if (!c)
			return (void *)p;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

WINAPI int msvcrt_abs(int v) { return v < 0 ? -(unsigned)v : (unsigned)v; }
WINAPI LONG msvcrt_labs(LONG v) { return v < 0 ? -(uint32_t)v : (uint32_t)v; }
WINAPI int64_t msvcrt__abs64(int64_t v) { return v < 0 ? -(uint64_t)v : (uint64_t)v; }

typedef struct { int quot, rem; } div_ms;
typedef struct { LONG quot, rem; } ldiv_ms;
typedef struct { int64_t quot, rem; } lldiv_ms;

WINAPI div_ms msvcrt_div(int a, int b) { return (div_ms){ a / b, a % b }; }
WINAPI ldiv_ms msvcrt_ldiv(LONG a, LONG b) { return (ldiv_ms){ a / b, a % b }; }
WINAPI lldiv_ms msvcrt_lldiv(int64_t a, int64_t b) { return (lldiv_ms){ a / b, a % b }; }

/* msvcrt's generator, per thread, seed 1 until srand: state = state * 214013 + 2531011, and rand
 * is bits 16-30 of the state (RAND_MAX 32767). */
static __thread uint32_t rand_state = 1;

WINAPI void msvcrt_srand(unsigned seed) { rand_state = seed; }

WINAPI int msvcrt_rand(void)
{
	rand_state = rand_state * 214013u + 2531011u;
	return (rand_state >> 16) & 0x7fff;
}

WINAPI unsigned msvcrt__rotl(unsigned v, int n) { n &= 31; return n ? v << n | v >> (32 - n) : v; }
WINAPI unsigned msvcrt__rotr(unsigned v, int n) { n &= 31; return n ? v >> n | v << (32 - n) : v; }
WINAPI ULONG msvcrt__lrotl(ULONG v, int n) { return msvcrt__rotl(v, n); }
WINAPI ULONG msvcrt__lrotr(ULONG v, int n) { return msvcrt__rotr(v, n); }
WINAPI uint64_t msvcrt__rotl64(uint64_t v, int n) { n &= 63; return n ? v << n | v >> (64 - n) : v; }
WINAPI uint64_t msvcrt__rotr64(uint64_t v, int n) { n &= 63; return n ? v >> n | v << (64 - n) : v; }
