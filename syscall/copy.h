/* Access to guest memory that may be unmapped: a fault returns -EFAULT instead of killing xabi.
 * copy.S; the fault handler in signals.c moves the pc to the fixup. */
#ifndef XABI_COPY_H
#define XABI_COPY_H

#include <stddef.h>

long xabi_copy_safe(void *dst, const void *src, size_t n); /* 0 or -EFAULT */
long xabi_strnlen_safe(const char *s, size_t max);         /* length (max if no NUL) or -EFAULT */

extern const char xabi_safe_begin[], xabi_safe_end[], xabi_safe_fixup[];

/* Copy a guest string into buf (always NUL-terminated). Returns its length, -EFAULT, or
 * -ENAMETOOLONG when it does not fit. */
long copy_guest_string(char *buf, size_t size, const char *guest);

#endif
