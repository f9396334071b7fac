/* The handle table (handle.c). */
#ifndef XABI_KERNEL32_HANDLE_H
#define XABI_KERNEL32_HANDLE_H

#include <fcntl.h>
#include "../windef.h"

enum handle_type { HANDLE_FREE, HANDLE_FILE };

struct handle_obj {
	enum handle_type type;
	int fd;    /* HANDLE_FILE: the host descriptor */
	void *obj; /* per type */
};

/* A new handle for an object; NULL (last error set) when the table is full. */
HANDLE handle_new(enum handle_type type, int fd, void *obj);
/* The object behind h; NULL (last error ERROR_INVALID_HANDLE) if there is none. */
struct handle_obj *handle_get(HANDLE h);

static inline int fcntl_valid(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

#endif
