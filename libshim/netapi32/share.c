/* Network shares. Sharing a directory needs Windows' Server service (LanmanServer), which xabi
 * does not run, so the answer is Windows' own for a machine where it is stopped:
 * NERR_ServerNotStarted. Programs (Go's tests among them) take that as "no sharing here". */
#include "../windef.h"

#define NERR_ServerNotStarted 2114

WINAPI DWORD netapi32_NetShareAdd(const WCHAR *server, DWORD level, BYTE *buf, DWORD *parm_err)
{
	(void)server, (void)level, (void)buf, (void)parm_err;
	return NERR_ServerNotStarted;
}

WINAPI DWORD netapi32_NetShareDel(const WCHAR *server, const WCHAR *name, DWORD reserved)
{
	(void)server, (void)name, (void)reserved;
	return NERR_ServerNotStarted;
}
