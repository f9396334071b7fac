/* Where DLLs are found (tests/suites/windows-dll.sh runs it from a directory of its own, its DLLs
 * elsewhere, under names in other cases): dll-b.dll imported, dll-c.dll by LoadLibrary. */
#include <stdio.h>
#include <windows.h>

__declspec(dllimport) int b_add(int, int);

int main(void)
{
	printf("b_add(2, 3) = %d\n", b_add(2, 3));
	HMODULE c = LoadLibraryA("dll-c");
	if (!c) {
		printf("LoadLibrary(dll-c) = NULL, error %lu\n", GetLastError());
		return 0;
	}
	int (*triple)(int) = (int (*)(int))GetProcAddress(c, "c_triple");
	printf("c_triple(5) = %d\n", triple ? triple(5) : -1);
	return 0;
}
