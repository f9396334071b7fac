/* Each missing import becomes a libffi closure, so one handler serves any number of names and
 * learns which one was called from its user data. The handler runs on a guest thread in guest
 * context: it follows the trap-path rule (syscall/README.md). */
#include <ffi.h>
#include <stdlib.h>
#include "../loader/status.h"
#include "../syscall/fmt.h"
#include "../syscall/raw.h"
#include "missing.h"

struct missing {
	const char *dll, *name;
};

static ffi_cif no_arguments;

static void called(ffi_cif *cif, void *ret, void **args, void *data)
{
	(void)cif, (void)ret, (void)args;
	const struct missing *m = data;
	char buf[512];
	struct fmt f;
	fmt_init(&f, buf, sizeof buf);
	fmt_str(&f, "xabi: ");
	fmt_str(&f, m->dll);
	fmt_char(&f, '!');
	fmt_str(&f, m->name);
	fmt_str(&f, " called but not implemented");
	fmt_flush_line(&f, 2);
	raw1(SYS_exit_group, XABI_STATUS_MISSING_IMPORT);
}

void *thunk_missing(const char *dll, const char *name)
{
	/* The arguments are never read, so one signature with none fits every import. */
	if (!no_arguments.abi &&
	    ffi_prep_cif(&no_arguments, FFI_WIN64, 0, &ffi_type_uint64, 0) != FFI_OK)
		return 0;
	void *code;
	ffi_closure *c = ffi_closure_alloc(sizeof *c, &code);
	struct missing *m = c ? malloc(sizeof *m) : 0;
	if (!m) {
		if (c)
			ffi_closure_free(c);
		return 0;
	}
	*m = (struct missing){ dll, name };
	if (ffi_prep_closure_loc(c, &no_arguments, called, m, code) != FFI_OK) {
		ffi_closure_free(c);
		free(m);
		return 0;
	}
	return code;
}
