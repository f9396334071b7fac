/* The environment a Windows program sees: getenv, GetEnvironmentVariable (names without regard
 * to case), a variable set and removed. */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

int main(void)
{
	char buf[64];
	printf("XABI_ONE=[%s]\n", getenv("XABI_ONE"));
	printf("xabi_two=[%s]\n", getenv("xabi_two"));
	DWORD n = GetEnvironmentVariableA("Xabi_Two", buf, sizeof buf);
	printf("GetEnvironmentVariable %lu [%s]\n", n, buf);
	SetEnvironmentVariableA("XABI_NEW", "new");
	n = GetEnvironmentVariableA("XABI_NEW", buf, sizeof buf);
	printf("set %lu [%s]\n", n, buf);
	_putenv("XABI_PUT=put");
	printf("_putenv [%s]\n", getenv("XABI_PUT"));
	SetEnvironmentVariableA("XABI_ONE", NULL);
	SetLastError(0);
	n = GetEnvironmentVariableA("XABI_ONE", buf, sizeof buf);
	printf("then %lu error %lu\n", n, GetLastError());
	return 0;
}
