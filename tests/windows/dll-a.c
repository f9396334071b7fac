/* dll-a.dll: imported by dll-main.exe by name and by ordinal (a_ordinal_only is NONAME @5 in
 * dll-a.def); imports dll-b.dll; forwards a_fwd_shim to kernel32 (a shim DLL), a_fwd_b to
 * dll-b.b_add and a_fwd_ord to dll-b.#7 (the suite patches the forwarder string, which ld's .def
 * syntax cannot write). */
#include "dll-trace.h"

DLL_TRACE("dll-a", TRUE)

int b_add(int x, int y);
extern ULONG _tls_index; /* mingw's TLS directory names it: the index the loader wrote */

int a_twice(int x)
{
	return b_add(x, x);
}

int a_ordinal_only(void)
{
	return 5;
}

ULONG a_tls_index(void)
{
	return _tls_index;
}
