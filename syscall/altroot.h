/* The alternate root of a foreign ABI (--root): where the guest's absolute paths are looked up
 * first. Trap-path code (README.md). */
#ifndef XABI_ALTROOT_H
#define XABI_ALTROOT_H

#include <stddef.h>

struct trap;

#define ALTROOT_PATH_MAX 4096 /* the host's PATH_MAX: no longer name can be looked up */

/* Point the row's path arguments (kind AK_PATH) that name something under the root at
 * root+path, copied into buf. The caller restores tr->arg afterwards. */
void altroot_redirect_args(struct trap *tr, char (*buf)[ALTROOT_PATH_MAX], int nbuf);

/* A host path the guest is about to see (getcwd, realpath): with the root's prefix removed when
 * it lies strictly inside the root. Returns its new length (without the NUL). */
size_t altroot_strip(char *path, size_t len);

#endif
