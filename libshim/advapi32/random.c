/* SystemFunction036 (RtlGenRandom): random bytes from the system's generator, the same as
 * bcryptprimitives' ProcessPrng. Returns TRUE on success (a one-byte BOOLEAN). */
#include "../windef.h"

WINAPI BOOL bcryptprimitives_ProcessPrng(unsigned char *buf, SIZE_T len);

WINAPI BYTE advapi32_SystemFunction036(void *buf, ULONG len)
{
	return (BYTE)bcryptprimitives_ProcessPrng(buf, len);
}
