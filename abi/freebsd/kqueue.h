/* Internal to abi/freebsd: what other calls must tell the kqueue emulation (kqueue.c). */
#ifndef XABI_ABI_FREEBSD_KQUEUE_H
#define XABI_ABI_FREEBSD_KQUEUE_H

/* A guest descriptor is about to be closed or replaced (close, dup2 onto it, close_range,
 * closefrom, F_DUP2FD): drop its registrations from every kqueue, as FreeBSD's knote_fdclose does,
 * and when it is a kqueue, the kqueue. Call it before the host call, while fd is still open. */
void freebsd_kqueue_fd_closing(int fd);

/* Is fd one of the host descriptors a kqueue keeps for itself (its timers' timerfds, its wake-up
 * eventfd)? The guest may not close or replace them (EBADF), like xabi's own. */
int freebsd_kqueue_fd_is_internal(int fd);

/* In the child of a fork (not a vfork): FreeBSD does not pass kqueues to a child, so their
 * descriptors are closed and their state forgotten. Without this call the same happens at the
 * child's first kqueue or kevent call. */
void freebsd_kqueue_forked(void);

#endif
