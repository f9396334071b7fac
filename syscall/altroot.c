/* The alternate root: a foreign program's absolute path /p names ROOT/p when that exists, and
 * the host's /p otherwise. This is the lookup of FreeBSD's Linux emulation (kern_alternate_path
 * under /compat/linux) and of qemu-user's -L, done before the host call instead of inside the
 * kernel's lookup. Its limits (README.md, "The alternate root"): only whole paths are redirected,
 * so an absolute symbolic link inside the root and a name created where the root has none resolve
 * on the host; a path that leads to the root itself ("/") names the host's root, so that a guest
 * can reach every file. */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include "../abi/abi.h"
#include "altroot.h"
#include "copy.h"
#include "raw.h"
#include "runtime.h"
#include "trap.h"

/* ROOT + path in out when path is absolute and names something under the root (without following
 * a final symbolic link: the root's own link is what the guest asked for) other than the root
 * itself, which "/", "/." and "/tmp/.." would reach. */
static int redirect(const char *guest, char *out)
{
	char path[ALTROOT_PATH_MAX];
	long n = copy_guest_string(path, sizeof path, guest);
	if (n < 0 || path[0] != '/' || rt.root_len + (size_t)n + 1 > ALTROOT_PATH_MAX)
		return 0;
	memcpy(out, rt.root, rt.root_len);
	memcpy(out + rt.root_len, path, (size_t)n + 1);
	struct stat st;
	return raw4(SYS_newfstatat, AT_FDCWD, out, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       !(st.st_ino == rt.root_ino && st.st_dev == rt.root_dev);
}

void altroot_redirect_args(struct trap *tr, char (*buf)[ALTROOT_PATH_MAX], int nbuf)
{
	int used = 0;
	for (int i = 0; i < tr->row->nargs && used < nbuf; i++)
		if (tr->row->args[i].kind == AK_PATH && tr->arg[i] &&
		    redirect((const char *)tr->arg[i], buf[used]))
			tr->arg[i] = (long)buf[used++];
}

size_t altroot_strip(char *path, size_t len)
{
	/* Strictly inside: the root itself keeps its host name, which leads back to it. */
	if (!rt.root || len <= rt.root_len || memcmp(path, rt.root, rt.root_len) ||
	    path[rt.root_len] != '/')
		return len;
	memmove(path, path + rt.root_len, len - rt.root_len + 1);
	return len - rt.root_len;
}
