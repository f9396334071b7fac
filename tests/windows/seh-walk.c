/* A program walking its own call stack as a debugger or libgcc does: RtlCaptureContext, then for
 * each frame RtlLookupFunctionEntry (the image's exception directory) and RtlVirtualUnwind. The
 * functions found must be, in order, the ones that called each other (their addresses compared
 * with &function) and the establisher frames must grow. RtlCaptureContext's registers must be
 * the caller's. */
#include <stdio.h>
#include <windows.h>

static const char *name_of(DWORD64 begin);
int main(void);

__attribute__((noinline)) static void walk(void)
{
	CONTEXT c;
	RtlCaptureContext(&c);
	DWORD64 last_frame = 0;
	for (int i = 0; i < 5; i++) {
		DWORD64 base = 0, frame = 0;
		void *data = NULL;
		PRUNTIME_FUNCTION f = RtlLookupFunctionEntry(c.Rip, &base, NULL);
		if (!f) {
			printf("frame %d: no function entry\n", i);
			return;
		}
		const char *name = name_of(base + f->BeginAddress);
		RtlVirtualUnwind(UNW_FLAG_NHANDLER, base, c.Rip, f, &c, &data, &frame, NULL);
		printf("frame %d: %s, establisher frame %s\n", i, name,
		       frame > last_frame ? "above the last" : "NOT above the last");
		last_frame = frame;
		if (!name[0] || !strcmp(name, "main"))
			break;
	}
}

__attribute__((noinline)) static DWORD64 level2(DWORD64 x)
{
	DWORD64 a = x * 3, b = x * 5, c = x * 7, d = x * 11, e = x * 13;
	walk();
	return a + b + c + d + e;
}

__attribute__((noinline)) static DWORD64 level1(DWORD64 x)
{
	DWORD64 r = level2(x + 1);
	return r + x;
}

static const char *name_of(DWORD64 begin)
{
	if (begin == (DWORD64)walk)
		return "walk";
	if (begin == (DWORD64)level2)
		return "level2";
	if (begin == (DWORD64)level1)
		return "level1";
	if (begin == (DWORD64)main)
		return "main";
	return "";
}

/* The registers as the caller of RtlCaptureContext has them, compared with the CONTEXT. */
static int same_registers(void)
{
	CONTEXT c;
	DWORD64 r[7];
	__asm__ volatile("mov %%rbx, 0(%0); mov %%rsi, 8(%0); mov %%rdi, 16(%0); mov %%r12, 24(%0);"
			 "mov %%r13, 32(%0); mov %%r14, 40(%0); mov %%r15, 48(%0)"
			 : : "r"(r) : "memory");
	RtlCaptureContext(&c);
	return c.Rbx == r[0] && c.Rsi == r[1] && c.Rdi == r[2] && c.R12 == r[3] && c.R13 == r[4] &&
	       c.R14 == r[5] && c.R15 == r[6] && c.ContextFlags == (CONTEXT_FULL | CONTEXT_SEGMENTS);
}

int main(void)
{
	printf("RtlCaptureContext registers: %s\n", same_registers() ? "match" : "differ");
	printf("result %llu\n", (unsigned long long)level1(1));
	return 0;
}
