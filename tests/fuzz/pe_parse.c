/* Fuzz harness for pe_parse (loader/pe_parse.c): deterministic mutations of a seed file (byte
 * flips, random 32-bit values at header offsets, truncations), each parsed; when one parses, every
 * section's raw data must lie inside the buffer. Built with -fsanitize=address,undefined so that
 * any out-of-bounds read or undefined behaviour aborts.
 *
 *   gcc -std=c11 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
 *       -o pe_parse_fuzz tests/fuzz/pe_parse.c loader/pe_parse.c
 *   ./pe_parse_fuzz SEED.exe ITERATIONS [PRNG-SEED]
 *
 * tests/suites/pe.sh runs 200000 executions on a mingw hello program (about 3 s; about 60% of
 * the mutants parse). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../loader/pe.h"

static uint64_t rng_state;

/* splitmix64: a fixed sequence for a given seed, so a failure can be replayed. */
static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint8_t *read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	uint8_t *buf = 0;
	size_t cap = 0, len = 0, got;
	do {
		if (len == cap && !(buf = realloc(buf, cap = cap ? 2 * cap : 65536)))
			break;
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got);
	fclose(f);
	*n = len;
	return buf;
}

/* A random 32-bit value where the headers are: the DOS header, COFF and optional headers and
 * the section table, all in the first 1 KiB of a small program. */
static void poke_header(uint8_t *d, size_t n)
{
	static const uint32_t special[] = { 0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffff0 };
	size_t lim = n < 1024 ? n : 1024;
	if (lim < 4)
		return;
	uint32_t v = rng() & 1 ? special[rng() % 6] : (uint32_t)rng();
	memcpy(d + rng() % (lim - 3), &v, 4);
}

static size_t mutate(uint8_t *d, size_t n)
{
	unsigned k = 1 + rng() % 4;
	for (unsigned i = 0; i < k; i++) {
		switch (rng() % 3) {
		case 0:
			d[rng() % n] ^= (uint8_t)(1 + rng() % 255);
			break;
		case 1:
			poke_header(d, n);
			break;
		default:
			if (rng() % 4 == 0) /* truncations: rarer, they end the other mutations' effect */
				n = rng() % (n + 1);
		}
		if (!n)
			break;
	}
	return n;
}

/* What pe_parse promises: every section's raw data inside the file. */
static void check(const struct pe_file *pf, size_t n)
{
	for (unsigned i = 0; i < pf->coff.nsections; i++) {
		struct pe_section s;
		memcpy(&s, pf->sections + i, sizeof s);
		if (s.raw_size && (uint64_t)s.raw_offset + s.raw_size > n) {
			fprintf(stderr, "section %u's raw data (0x%x+0x%x) is past the end (0x%zx)\n", i,
				s.raw_offset, s.raw_size, n);
			abort();
		}
	}
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s SEED-FILE ITERATIONS [PRNG-SEED]\n", argv[0]);
		return 2;
	}
	size_t size;
	uint8_t *seed = read_file(argv[1], &size);
	long iterations = atol(argv[2]);
	rng_state = argc > 3 ? strtoull(argv[3], 0, 0) : 1;
	if (!seed || !size) {
		fprintf(stderr, "%s: cannot read\n", argv[1]);
		return 2;
	}
	/* One exact-size buffer; a truncated input is moved to its end, so that ASan catches a read
	 * one byte past any input. */
	uint8_t *buf = malloc(size);
	long parsed = 0;
	for (long i = 0; buf && i < iterations; i++) {
		memcpy(buf, seed, size);
		size_t n = mutate(buf, size);
		uint8_t *d = memmove(buf + size - n, buf, n);
		struct pe_file pf;
		const char *why;
		if (pe_parse(d, n, &pf, &why) == 0) {
			check(&pf, n);
			parsed++;
		}
	}
	int ok = buf != 0;
	printf("%ld executions, %ld parsed\n", ok ? iterations : 0, parsed);
	free(buf);
	free(seed);
	return ok ? 0 : 1;
}
