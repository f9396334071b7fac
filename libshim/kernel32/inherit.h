/* Handles a CreateProcess child inherits (inherit.c). Windows gives the child the same handle
 * values; here each inherited file handle's descriptor is passed to the child, and the child's
 * xabi, told which value each descriptor had (the environment variable INHERIT_ENV, removed
 * before the program sees its environment), puts them at those values. */
#ifndef XABI_KERNEL32_INHERIT_H
#define XABI_KERNEL32_INHERIT_H

#include "../windef.h"

#define INHERIT_ENV "XABI_WIN_HANDLES"
#define INHERIT_MAX 256

struct inherit {
	int n;
	HANDLE value[INHERIT_MAX];
	int src[INHERIT_MAX]; /* this process's descriptor */
	int dst[INHERIT_MAX]; /* the child's: 0-2 for a std handle, else from 3 up */
	HANDLE std[3];        /* a std handle that is also inherited keeps its value; else 0 */
	char env[sizeof INHERIT_ENV + 3 * 20 + INHERIT_MAX * 32]; /* INHERIT_ENV=... */
};

/* Plan what a child inherits: the handles of list (PROC_THREAD_ATTRIBUTE_HANDLE_LIST, n of
 * them), or with no list every file handle marked HANDLE_FLAG_INHERIT; std are the child's std
 * handles. Child descriptors from 3 up skip the ones in avoid (n_avoid of them). 0, or -1 with
 * the last error set. */
int inherit_plan(struct inherit *in, const HANDLE *list, size_t n, const HANDLE std[3],
		 const int *avoid, int n_avoid);
/* In a child at start-up: put the handles the parent passed at their values; std[i] is the
 * value of std handle i when the parent passed one, else left 0. */
void inherit_adopt(HANDLE std[3]);

#endif
