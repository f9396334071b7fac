/* What a Linux guest learns about itself: /proc/self/exe names the guest's program, not xabi. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include "../../syscall/copy.h"
#include "../../syscall/runtime.h"
#include "../../syscall/trap.h"
#include "linux.h"

static int names_own_exe(const char *path)
{
	return !strcmp(path, "/proc/self/exe") || !strcmp(path, "/proc/thread-self/exe");
}

/* readlink of the guest's own executable link; other links go to the host. */
static long readlink_at(struct trap *tr, int dirfd, const char *gpath, char *buf, long size)
{
	char path[64];
	long n = copy_guest_string(path, sizeof path, gpath);
	if (n == -EFAULT)
		return n;
	if (n < 0 || !(path[0] == '/' || dirfd == AT_FDCWD) || !names_own_exe(path))
		return trap_forward(tr, tr->nr);
	if (size <= 0)
		return -EINVAL;
	long len = (long)strlen(rt.guest_exe);
	if (len > size)
		len = size;
	return xabi_copy_safe(buf, rt.guest_exe, (size_t)len) < 0 ? -EFAULT : len;
}

long linux_sys_readlink(struct trap *tr)
{
	return readlink_at(tr, AT_FDCWD, (const char *)tr->arg[0], (char *)tr->arg[1], tr->arg[2]);
}

long linux_sys_readlinkat(struct trap *tr)
{
	return readlink_at(tr, (int)tr->arg[0], (const char *)tr->arg[1], (char *)tr->arg[2],
			   tr->arg[3]);
}
