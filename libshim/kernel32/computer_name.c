/* The computer's names (GetComputerName, GetComputerNameEx) from the host's name (uname's
 * nodename): the DNS host name is its first label, the DNS domain the rest (empty for a name
 * without a dot; the resolver's search domains are not consulted), the fully qualified name the
 * whole. The NetBIOS name is the DNS host name upper-cased and cut to MAX_COMPUTERNAME_LENGTH, as
 * Windows derives it. xabi runs no cluster: the Physical kinds are the same names. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include "../ntdll/unicode.h"
#include "kernel32.h"

#define MAX_COMPUTERNAME_LENGTH 15
#define ERROR_BUFFER_OVERFLOW 111
#define ERROR_MORE_DATA 234

enum { NETBIOS, DNS_HOSTNAME, DNS_DOMAIN, DNS_FULLY_QUALIFIED, PHYSICAL = 4, KINDS = 8 };

/* The name of kind k (COMPUTER_NAME_FORMAT) into name (of HOST_NAME_MAX + 1 bytes or more). */
static void computer_name(int k, char *name, size_t n)
{
	struct utsname u;
	if (uname(&u) < 0)
		strcpy(u.nodename, "localhost");
	const char *dot = strchr(u.nodename, '.');
	size_t host = dot ? (size_t)(dot - u.nodename) : strlen(u.nodename);
	switch (k % PHYSICAL) {
	case NETBIOS:
		host = host > MAX_COMPUTERNAME_LENGTH ? MAX_COMPUTERNAME_LENGTH : host;
		for (size_t i = 0; i < host; i++)
			name[i] = (char)toupper((unsigned char)u.nodename[i]);
		name[host] = 0;
		break;
	case DNS_HOSTNAME:
		snprintf(name, n, "%.*s", (int)host, u.nodename);
		break;
	case DNS_DOMAIN:
		snprintf(name, n, "%s", dot ? dot + 1 : "");
		break;
	default:
		snprintf(name, n, "%s", u.nodename);
	}
}

/* Hand name back by the rule of GetComputerName(Ex): when it fits in *size characters with its
 * NUL, copied and *size its length; else *size the room it needs and error, FALSE. */
static BOOL give_a(const char *name, char *buf, DWORD *size, DWORD error)
{
	DWORD need = (DWORD)strlen(name) + 1;
	if (!buf || *size < need) {
		*size = need;
		win_set_last_error(error);
		return FALSE;
	}
	memcpy(buf, name, need);
	*size = need - 1;
	return TRUE;
}

static BOOL give_w(const char *name, WCHAR *buf, DWORD *size, DWORD error)
{
	DWORD need = (DWORD)utf8_to_utf16(name, -1, 0, 0);
	if (!buf || *size < need) {
		*size = need;
		win_set_last_error(error);
		return FALSE;
	}
	utf8_to_utf16(name, -1, buf, need);
	*size = need - 1;
	return TRUE;
}

static int valid(int kind, const DWORD *size)
{
	if (kind < 0 || kind >= KINDS || !size) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	return 1;
}

WINAPI BOOL kernel32_GetComputerNameExA(int kind, LPSTR buf, DWORD *size)
{
	char name[sizeof ((struct utsname *)0)->nodename];
	if (!valid(kind, size))
		return FALSE;
	computer_name(kind, name, sizeof name);
	return give_a(name, buf, size, ERROR_MORE_DATA);
}

WINAPI BOOL kernel32_GetComputerNameExW(int kind, LPWSTR buf, DWORD *size)
{
	char name[sizeof ((struct utsname *)0)->nodename];
	if (!valid(kind, size))
		return FALSE;
	computer_name(kind, name, sizeof name);
	return give_w(name, buf, size, ERROR_MORE_DATA);
}

WINAPI BOOL kernel32_GetComputerNameA(LPSTR buf, DWORD *size)
{
	char name[sizeof ((struct utsname *)0)->nodename];
	if (!valid(NETBIOS, size))
		return FALSE;
	computer_name(NETBIOS, name, sizeof name);
	return give_a(name, buf, size, ERROR_BUFFER_OVERFLOW);
}

WINAPI BOOL kernel32_GetComputerNameW(LPWSTR buf, DWORD *size)
{
	char name[sizeof ((struct utsname *)0)->nodename];
	if (!valid(NETBIOS, size))
		return FALSE;
	computer_name(NETBIOS, name, sizeof name);
	return give_w(name, buf, size, ERROR_BUFFER_OVERFLOW);
}
