#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include "stack.h"

#define MIN_STACK (128UL << 10)
#define MAX_STACK (256UL << 20)
#define DEFAULT_STACK (8UL << 20)

static size_t stack_size(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_STACK, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY)
		return DEFAULT_STACK;
	size_t s = rl.rlim_cur;
	return s < MIN_STACK ? MIN_STACK : s > MAX_STACK ? MAX_STACK : (s + 4095) & ~4095UL;
}

static int count(char *const v[])
{
	int n = 0;
	while (v && v[n])
		n++;
	return n;
}

uintptr_t stack_build(int argc, char *const argv[], char *const envp[], struct auxent *aux,
		      int naux)
{
	size_t size = stack_size();
	char *lo = mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK,
			-1, 0);
	if (lo == MAP_FAILED)
		return 0;
	char *sp = lo + size;
	int envc = count(envp);
	/* Everything must fit in a quarter of the stack, like the kernel's limit for exec. */
	char *floor = lo + size - size / 4;

#define PUSH_BYTES(src, n)                    \
	do {                                  \
		if (sp - (n) < floor)         \
			return 0;             \
		sp -= (n);                    \
		memcpy(sp, (src), (n));       \
	} while (0)

	for (int i = 0; i < naux; i++)
		if (aux[i].data) {
			PUSH_BYTES(aux[i].data, aux[i].len);
			aux[i].value = (unsigned long)sp;
		}
	char **strs = (char **)floor; /* scratch for the string addresses, below the final frame */
	for (int i = envc - 1; i >= 0; i--) {
		PUSH_BYTES(envp[i], strlen(envp[i]) + 1);
		strs[argc + i] = sp;
	}
	for (int i = argc - 1; i >= 0; i--) {
		PUSH_BYTES(argv[i], strlen(argv[i]) + 1);
		strs[i] = sp;
	}
	size_t words = 1 + (size_t)argc + 1 + (size_t)envc + 1 + 2 * ((size_t)naux + 1);
	uintptr_t top = ((uintptr_t)sp & ~(uintptr_t)15) - ((words & 1) ? 8 : 0);
	unsigned long *w = (unsigned long *)(top - words * 8);
	if ((char *)w < floor + (size_t)(argc + envc) * sizeof(char *))
		return 0;
	unsigned long *out = w;
	*out++ = (unsigned long)argc;
	for (int i = 0; i < argc; i++)
		*out++ = (unsigned long)strs[i];
	*out++ = 0;
	for (int i = 0; i < envc; i++)
		*out++ = (unsigned long)strs[argc + i];
	*out++ = 0;
	for (int i = 0; i < naux; i++) {
		*out++ = aux[i].type;
		*out++ = aux[i].ref == AUXREF_ARGV   ? (unsigned long)(w + 1)
			 : aux[i].ref == AUXREF_ENVP ? (unsigned long)(w + 1 + argc + 1)
						     : aux[i].value;
	}
	*out++ = 0; /* AT_NULL */
	*out++ = 0;
	memset(floor, 0, (size_t)(argc + envc) * sizeof(char *));
	return (uintptr_t)w;
}
