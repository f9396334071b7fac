/* errno, per thread, in msvcrt's numbering: 1-34 are the classic Unix values Linux shares; the
 * rest differ (msvcrt's errno.h). */
#include <errno.h>
#include "msvcrt.h"

static __thread int crt_errno;

WINAPI int *msvcrt__errno(void)
{
	return &crt_errno;
}

void msvcrt_set_errno(int e)
{
	switch (e) {
	case EDEADLK: e = 36; break;
	case ENAMETOOLONG: e = 38; break;
	case ENOLCK: e = 39; break;
	case ENOSYS: e = 40; break;
	case ENOTEMPTY: e = 41; break;
	case EILSEQ: e = 42; break;
	case ETXTBSY: e = 13; break; /* EACCES */
	default:
		if (e > 34)
			e = 22; /* EINVAL: no closer msvcrt value */
	}
	crt_errno = e;
}
