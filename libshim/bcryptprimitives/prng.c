/* ProcessPrng: fill a buffer from the system's cryptographic random number generator. Windows
 * documents that it always succeeds (returns TRUE); the host's getrandom blocks only until the
 * kernel pool is first seeded. */
#include <errno.h>
#include <sys/random.h>
#include "../windef.h"

WINAPI BOOL bcryptprimitives_ProcessPrng(unsigned char *buf, SIZE_T len)
{
	while (len) {
		ssize_t n = getrandom(buf, len, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return FALSE;
		}
		buf += n;
		len -= (size_t)n;
	}
	return TRUE;
}
