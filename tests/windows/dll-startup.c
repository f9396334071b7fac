/* Imports false_value from dll-false.dll, whose DllMain fails: the process must not start. The
 * suite also runs it without dll-false.dll reachable (a DLL not found). */
#include <stdio.h>

__declspec(dllimport) int false_value(void);

int main(void)
{
	printf("main ran: %d\n", false_value());
	return 0;
}
