/* WSACreateEvent: winsock's event objects are kernel32's manual-reset events (the other WSA*Event
 * functions are bound to kernel32's in ws2_32.spec). */
#include "ws2.h"

WINAPI HANDLE kernel32_CreateEventW(void *sa, BOOL manual, BOOL initial, const WCHAR *name);

WINAPI HANDLE ws2_32_WSACreateEvent(void)
{
	return kernel32_CreateEventW(0, TRUE, FALSE, 0);
}
