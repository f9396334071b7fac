/* hostname.exe: prints the computer's DNS host name (GetComputerNameEx's
 * ComputerNameDnsHostname: the host's name up to its first dot) and CRLF. It takes no arguments:
 * an option gets a usage line, anything else Windows' refusal to set the name; status 1. */
#include <stdio.h>
#include <sys/utsname.h>
#include "../windef.h"
#include "system32.h"

#define COMPUTER_NAME_DNS_HOSTNAME 1

WINAPI BOOL kernel32_GetComputerNameExA(int kind, LPSTR buf, DWORD *size);

int system32_hostname(int argc, char **argv, const char *intercept)
{
	(void)intercept;
	if (argc > 0) {
		if (argv[0][0] == '-' || argv[0][0] == '/')
			fputs("usage: hostname [-s]\r\n", stderr);
		else
			fputs("sethostname: Use the Network Control Panel Applet to set hostname.\r\n",
			      stderr);
		return 1;
	}
	char name[sizeof ((struct utsname *)0)->nodename];
	DWORD n = sizeof name; /* room enough: the call sets no last error */
	if (!kernel32_GetComputerNameExA(COMPUTER_NAME_DNS_HOSTNAME, name, &n))
		return 1;
	printf("%s\r\n", name);
	return fflush(stdout) ? 1 : 0;
}
