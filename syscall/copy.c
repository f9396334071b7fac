#include <errno.h>
#include <string.h>
#include "copy.h"

long copy_guest_string(char *buf, size_t size, const char *guest)
{
	long n = xabi_strnlen_safe(guest, size);
	if (n < 0)
		return n;
	if ((size_t)n == size)
		return -ENAMETOOLONG;
	if (xabi_copy_safe(buf, guest, (size_t)n + 1) < 0)
		return -EFAULT;
	return n;
}
