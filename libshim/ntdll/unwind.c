/* Finding a function's unwind data and undoing one frame, by Microsoft's x64 exception-handling
 * documentation ("x64 exception handling": UNWIND_INFO, UNWIND_CODE, the unwind procedure):
 * the modules' exception directories, dynamic function tables, RtlVirtualUnwind. */
#include <pthread.h>
#include <stdlib.h>
#include "../../loader/pe_modules.h"
#include "exception.h"

extern char __executable_start[], etext[];

/* A table from RtlAddFunctionTable (entries) or RtlInstallFunctionTableCallback (callback). */
typedef RUNTIME_FUNCTION *WINAPI table_callback(ULONG64 pc, void *context);
struct dynamic_table {
	struct dynamic_table *next;
	RUNTIME_FUNCTION *entries; /* or the callback's TableIdentifier */
	DWORD count;
	ULONG64 base, low, high; /* [low, high) is what it covers */
	table_callback *callback;
	void *context;
};
static struct dynamic_table *tables;
static pthread_mutex_t tables_lock = PTHREAD_MUTEX_INITIALIZER;

static int add_table(struct dynamic_table *t)
{
	struct dynamic_table *n = malloc(sizeof *n);
	if (!n)
		return FALSE;
	*n = *t;
	pthread_mutex_lock(&tables_lock);
	n->next = tables;
	tables = n;
	pthread_mutex_unlock(&tables_lock);
	return TRUE;
}

WINAPI BYTE ntdll_RtlAddFunctionTable(RUNTIME_FUNCTION *entries, DWORD count, ULONG64 base)
{
	struct dynamic_table t = { .entries = entries, .count = count, .base = base };
	t.low = count ? ~0ULL : 0;
	for (DWORD i = 0; i < count; i++) {
		if (base + entries[i].BeginAddress < t.low)
			t.low = base + entries[i].BeginAddress;
		if (base + entries[i].EndAddress > t.high)
			t.high = base + entries[i].EndAddress;
	}
	return (BYTE)add_table(&t);
}

/* The identifier's two low bits are 3: how Windows tells it from a table's address. */
WINAPI BYTE ntdll_RtlInstallFunctionTableCallback(ULONG64 id, ULONG64 base, DWORD length,
						  table_callback *callback, void *context,
						  const WCHAR *dll)
{
	(void)dll;
	if ((id & 3) != 3)
		return FALSE;
	struct dynamic_table t = { .entries = (RUNTIME_FUNCTION *)id, .base = base, .low = base,
				   .high = base + length, .callback = callback, .context = context };
	return (BYTE)add_table(&t);
}

WINAPI BYTE ntdll_RtlDeleteFunctionTable(RUNTIME_FUNCTION *entries)
{
	pthread_mutex_lock(&tables_lock);
	struct dynamic_table **p = &tables;
	while (*p && (*p)->entries != entries)
		p = &(*p)->next;
	struct dynamic_table *t = *p;
	if (t)
		*p = t->next;
	pthread_mutex_unlock(&tables_lock);
	free(t);
	return t != 0;
}

/* An entry whose UnwindData has bit 0 set refers to another entry (chained .pdata). */
static RUNTIME_FUNCTION *follow(RUNTIME_FUNCTION *f, ULONG64 base)
{
	while (f && (f->UnwindData & 1))
		f = (RUNTIME_FUNCTION *)(base + (f->UnwindData & ~1u));
	return f;
}

static RUNTIME_FUNCTION *search(RUNTIME_FUNCTION *v, size_t n, DWORD rva)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rva < v[mid].BeginAddress)
			hi = mid;
		else if (rva >= v[mid].EndAddress)
			lo = mid + 1;
		else
			return &v[mid];
	}
	return 0;
}

static RUNTIME_FUNCTION *lookup_dynamic(ULONG64 pc, ULONG64 *base)
{
	RUNTIME_FUNCTION *found = 0;
	struct dynamic_table t = { 0 };
	pthread_mutex_lock(&tables_lock);
	for (struct dynamic_table *d = tables; d; d = d->next) {
		if (pc < d->low || pc >= d->high)
			continue;
		t = *d;
		if (d->callback)
			break;
		for (DWORD i = 0; i < d->count && !found; i++)
			if (pc - d->base >= d->entries[i].BeginAddress &&
			    pc - d->base < d->entries[i].EndAddress)
				found = &d->entries[i];
		if (found)
			break;
	}
	pthread_mutex_unlock(&tables_lock);
	if (t.callback) /* called without the lock: it may add tables itself */
		found = t.callback(pc, t.context);
	if (found)
		*base = t.base;
	return found;
}

WINAPI RUNTIME_FUNCTION *ntdll_RtlLookupFunctionEntry(ULONG64 pc, ULONG64 *base,
							 UNWIND_HISTORY_TABLE *history)
{
	(void)history; /* only a cache */
	struct pe_module *m = pe_module_from_pc(pc);
	if (m) {
		const struct pe_datadir *d = &m->img.pf.opt.dir[PE_DIR_EXCEPTION];
		*base = (ULONG64)m->img.base;
		if (!d->size || !pe_in_image(&m->img, d->rva, d->size))
			return 0;
		RUNTIME_FUNCTION *v = (RUNTIME_FUNCTION *)(m->img.base + d->rva);
		return follow(search(v, d->size / sizeof *v, (DWORD)(pc - *base)), *base);
	}
	RUNTIME_FUNCTION *f = lookup_dynamic(pc, base);
	return f ? follow(f, *base) : 0;
}

/* UNWIND_INFO and its codes. */
enum {
	UWOP_PUSH_NONVOL, UWOP_ALLOC_LARGE, UWOP_ALLOC_SMALL, UWOP_SET_FPREG, UWOP_SAVE_NONVOL,
	UWOP_SAVE_NONVOL_FAR, UWOP_EPILOG, UWOP_SPARE_CODE, UWOP_SAVE_XMM128, UWOP_SAVE_XMM128_FAR,
	UWOP_PUSH_MACHFRAME
};
typedef union {
	struct {
		BYTE offset; /* in the prolog, of the instruction after the one described */
		BYTE op : 4, info : 4;
	};
	WORD slot;
} UNWIND_CODE;
typedef struct {
	BYTE version : 3, flags : 5;
	BYTE prolog_size, count;
	BYTE frame_reg : 4, frame_offset : 4;
	UNWIND_CODE code[]; /* count, rounded up to even; then the handler or the chained entry */
} UNWIND_INFO;

static unsigned code_slots(UNWIND_CODE c)
{
	switch (c.op) {
	case UWOP_ALLOC_LARGE: return c.info ? 3 : 2;
	case UWOP_SAVE_NONVOL: case UWOP_SAVE_XMM128: case UWOP_EPILOG: return 2;
	case UWOP_SAVE_NONVOL_FAR: case UWOP_SAVE_XMM128_FAR: case UWOP_SPARE_CODE: return 3;
	}
	return 1;
}

static DWORD code_dword(const UNWIND_CODE *c)
{
	return c[1].slot | (DWORD)c[2].slot << 16;
}

static void set_reg(CONTEXT *ctx, KNONVOLATILE_CONTEXT_POINTERS *ptrs, unsigned r, ULONG64 *at)
{
	*context_reg(ctx, r) = *at;
	if (ptrs)
		ptrs->IntegerContext[r] = at;
}

static void set_xmm(CONTEXT *ctx, KNONVOLATILE_CONTEXT_POINTERS *ptrs, unsigned r, M128A *at)
{
	__builtin_memcpy(&ctx->Xmm[r], at, sizeof *at);
	if (ptrs)
		ptrs->FloatingContext[r] = at;
}

static int in_function(const BYTE *p, ULONG64 base, const RUNTIME_FUNCTION *fn)
{
	return (ULONG64)p - base >= fn->BeginAddress && (ULONG64)p - base < fn->EndAddress;
}

/* A jmp that ends an epilog: to outside the function, or indirect through a RIP-relative slot
 * (FF /4, mod 00, r/m 101). Returns its length, or 0. */
static int epilog_jump(const BYTE *p, ULONG64 base, const RUNTIME_FUNCTION *fn)
{
	int rex = (*p & 0xf0) == 0x40;
	const BYTE *q = p + rex;
	if (q[0] == 0xe9 && !in_function(q + 5 + *(const int32_t *)(q + 1), base, fn))
		return 1;
	if (q[0] == 0xeb && !in_function(q + 2 + (signed char)q[1], base, fn))
		return 1;
	if (q[0] == 0xff && q[1] == 0x25)
		return 1;
	return 0;
}

/* Is pc in an epilog: [add $n, %rsp | lea n(%frame), %rsp] pop* (ret | jmp)? The documented forms
 * only, so that code which merely looks like one part is not taken for it. */
static int in_epilog(const BYTE *p, ULONG64 base, const RUNTIME_FUNCTION *fn, const UNWIND_INFO *ui)
{
	if (p[0] == 0x48 && p[1] == 0x83 && p[2] == 0xc4)
		p += 4;
	else if (p[0] == 0x48 && p[1] == 0x81 && p[2] == 0xc4)
		p += 7;
	else if ((p[0] & 0xfe) == 0x48 && p[1] == 0x8d && ui->frame_reg &&
		 ((p[2] >> 3) & 7) == 4 && (p[2] & 7) == (ui->frame_reg & 7) && (p[2] & 7) != 4 &&
		 (p[0] & 1) == (ui->frame_reg >> 3)) {
		if ((p[2] >> 6) != 1 && (p[2] >> 6) != 2)
			return 0;
		p += (p[2] >> 6) == 1 ? 4 : 7;
	}
	for (;;) {
		if ((p[0] & 0xf8) == 0x58) { /* pop */
			p++;
		} else if ((p[0] & 0xfe) == 0x40 && (p[1] & 0xf8) == 0x58) { /* pop with REX(.B) */
			p += 2;
		} else {
			return p[0] == 0xc3 || p[0] == 0xc2 || (p[0] == 0xf3 && p[1] == 0xc3) ||
			       epilog_jump(p, base, fn);
		}
	}
}

/* Carry out the rest of the epilog at p. */
static void run_epilog(const BYTE *p, CONTEXT *ctx, KNONVOLATILE_CONTEXT_POINTERS *ptrs)
{
	if (p[1] == 0x83 && p[0] == 0x48) {
		ctx->Rsp += (signed char)p[3];
		p += 4;
	} else if (p[1] == 0x81 && p[0] == 0x48) {
		ctx->Rsp += *(const int32_t *)(p + 3);
		p += 7;
	} else if (p[1] == 0x8d && (p[0] & 0xfe) == 0x48) {
		ULONG64 reg = *context_reg(ctx, (p[2] & 7) + (p[0] & 1) * 8);
		int mod = p[2] >> 6;
		ctx->Rsp = reg + (mod == 1 ? (signed char)p[3] : *(const int32_t *)(p + 3));
		p += mod == 1 ? 4 : 7;
	}
	for (;;) {
		unsigned high = 0;
		if ((p[0] & 0xf0) == 0x40) {
			high = (p[0] & 1) * 8;
			p++;
		}
		if ((p[0] & 0xf8) != 0x58)
			break;
		set_reg(ctx, ptrs, (p[0] & 7) + high, (ULONG64 *)ctx->Rsp);
		ctx->Rsp += 8;
		p++;
	}
	/* ret, ret $n or a tail jump: the return address is on top either way. */
	ctx->Rip = *(ULONG64 *)ctx->Rsp;
	ctx->Rsp += 8 + (p[0] == 0xc2 ? *(const WORD *)(p + 1) : 0);
}

WINAPI exception_routine *ntdll_RtlVirtualUnwind(DWORD type, ULONG64 base, ULONG64 pc,
						 RUNTIME_FUNCTION *fn, CONTEXT *ctx, void **data,
						 ULONG64 *frame_out, KNONVOLATILE_CONTEXT_POINTERS *ptrs)
{
	const UNWIND_INFO *primary = (const UNWIND_INFO *)(base + fn->UnwindData);
	ULONG64 frame = ctx->Rsp;
	int in_prolog_primary = 0, machine_frame = 0;
	*frame_out = frame;
	for (int chained = 0;; chained = 1) {
		const UNWIND_INFO *ui = (const UNWIND_INFO *)(base + fn->UnwindData);
		ULONG64 offset = pc - base - fn->BeginAddress;
		int in_prolog = offset < ui->prolog_size;
		if (!chained) {
			in_prolog_primary = in_prolog;
			if (!in_prolog && in_epilog((const BYTE *)pc, base, fn, ui)) {
				/* The frame register is still the establisher's until the epilog's lea. */
				if (ui->frame_reg)
					*frame_out = *context_reg(ctx, ui->frame_reg) - ui->frame_offset * 16u;
				run_epilog((const BYTE *)pc, ctx, ptrs);
				return 0;
			}
		}
		/* In the body (or a chained part), every code applies; in the prolog, those of the
		 * instructions already executed. */
		if (!in_prolog)
			offset = ~0ULL;
		if (ui->frame_reg) {
			int set = 1;
			for (unsigned i = 0; i < ui->count; i += code_slots(ui->code[i]))
				if (ui->code[i].op == UWOP_SET_FPREG && ui->code[i].offset > offset)
					set = 0;
			if (set)
				frame = *context_reg(ctx, ui->frame_reg) - ui->frame_offset * 16u;
		}
		for (unsigned i = 0; i < ui->count; i += code_slots(ui->code[i])) {
			const UNWIND_CODE *c = &ui->code[i];
			if (c->offset > offset)
				continue;
			switch (c->op) {
			case UWOP_PUSH_NONVOL:
				set_reg(ctx, ptrs, c->info, (ULONG64 *)ctx->Rsp);
				ctx->Rsp += 8;
				break;
			case UWOP_ALLOC_LARGE:
				ctx->Rsp += c->info ? code_dword(c) : c[1].slot * 8u;
				break;
			case UWOP_ALLOC_SMALL:
				ctx->Rsp += c->info * 8u + 8;
				break;
			case UWOP_SET_FPREG:
				ctx->Rsp = frame;
				break;
			case UWOP_SAVE_NONVOL:
				set_reg(ctx, ptrs, c->info, (ULONG64 *)(frame + c[1].slot * 8u));
				break;
			case UWOP_SAVE_NONVOL_FAR:
				set_reg(ctx, ptrs, c->info, (ULONG64 *)(frame + code_dword(c)));
				break;
			case UWOP_SAVE_XMM128:
				set_xmm(ctx, ptrs, c->info, (M128A *)(frame + c[1].slot * 16u));
				break;
			case UWOP_SAVE_XMM128_FAR:
				set_xmm(ctx, ptrs, c->info, (M128A *)(frame + code_dword(c)));
				break;
			case UWOP_PUSH_MACHFRAME: /* the CPU's interrupt frame, after an error code */
				if (c->info)
					ctx->Rsp += 8;
				ctx->Rip = *(ULONG64 *)ctx->Rsp;
				ctx->Rsp = *(ULONG64 *)(ctx->Rsp + 24);
				machine_frame = 1;
				break;
			default: /* UWOP_EPILOG and the spare code (version 2) describe nothing to undo */
				break;
			}
		}
		if (!(ui->flags & UNW_FLAG_CHAININFO))
			break;
		fn = (RUNTIME_FUNCTION *)&ui->code[(ui->count + 1) & ~1];
	}
	if (!machine_frame) {
		ctx->Rip = *(ULONG64 *)ctx->Rsp;
		ctx->Rsp += 8;
	}
	*frame_out = frame;
	/* The handler is the primary entry's, and only for a pc past its prolog. */
	if (in_prolog_primary || !(primary->flags & type & (UNW_FLAG_EHANDLER | UNW_FLAG_UHANDLER)))
		return 0;
	const DWORD *handler = (const DWORD *)&primary->code[(primary->count + 1) & ~1];
	*data = (void *)(handler + 1);
	return (exception_routine *)(base + *handler);
}

int stack_contains(ULONG64 rsp)
{
	TEB *teb = NtCurrentTeb();
	if (!teb->StackBase)
		return 1; /* a thread whose stack nobody recorded: no check */
	ULONG64 low = *(ULONG64 *)((char *)teb + TEB_DEALLOCATION_STACK);
	if (!low)
		low = (ULONG64)teb->StackLimit;
	return rsp >= low && rsp <= (ULONG64)teb->StackBase;
}

int unwind_frame(DWORD type, CONTEXT *ctx, DISPATCHER_CONTEXT *dc)
{
	ULONG64 pc = ctx->Rip, base = 0;
	dc->ControlPc = pc;
	dc->LanguageHandler = 0;
	dc->HandlerData = 0;
	RUNTIME_FUNCTION *fn = ntdll_RtlLookupFunctionEntry(pc, &base, 0);
	dc->ImageBase = base;
	dc->FunctionEntry = fn;
	if (fn) {
		dc->LanguageHandler = ntdll_RtlVirtualUnwind(type, base, pc, fn, ctx, &dc->HandlerData,
							     &dc->EstablisherFrame, 0);
		return 0;
	}
	if (pc >= (ULONG64)__executable_start && pc < (ULONG64)etext)
		return -1; /* xabi's own code: no unwind data the program's rules could read */
	/* A leaf function: nothing pushed, the return address on top. */
	dc->EstablisherFrame = ctx->Rsp;
	ctx->Rip = *(ULONG64 *)ctx->Rsp;
	ctx->Rsp += 8;
	return 0;
}
