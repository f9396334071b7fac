/* dll-r1.dll and dll-r2.dll (built from this with -DNAME): both prefer the same base, so one of
 * them is relocated; reloc_value reads through a pointer the relocations must fix. */
#include <windows.h>

extern IMAGE_DOS_HEADER __ImageBase;
static int value = NAME_VALUE;
static int *pointer = &value;

__declspec(dllexport) int reloc_value(void)
{
	return *pointer;
}

__declspec(dllexport) void *reloc_base(void)
{
	return &__ImageBase;
}
