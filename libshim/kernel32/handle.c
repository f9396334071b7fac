/* Kernel object handles: small multiples of 4, as Windows hands them out, indexing a table of the
 * objects behind them. Files (and pipes, consoles) are host descriptors. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include "handle.h"
#include "kernel32.h"

#define MAX_HANDLES 16384

static struct handle_obj table[MAX_HANDLES];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static HANDLE value(size_t i)
{
	return (HANDLE)(uintptr_t)(4 * (i + 1));
}

HANDLE handle_new(enum handle_type type, int fd, void *obj)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < MAX_HANDLES; i++)
		if (!table[i].type) {
			table[i] = (struct handle_obj){ type, fd, obj };
			pthread_mutex_unlock(&lock);
			return value(i);
		}
	pthread_mutex_unlock(&lock);
	win_set_last_error(ERROR_TOO_MANY_OPEN_FILES);
	return 0;
}

struct handle_obj *handle_get(HANDLE h)
{
	uintptr_t v = (uintptr_t)h;
	if (!v || v % 4 || v / 4 > MAX_HANDLES || !table[v / 4 - 1].type) {
		win_set_last_error(ERROR_INVALID_HANDLE);
		return 0;
	}
	return &table[v / 4 - 1];
}

int kernel32_handle_fd(HANDLE h)
{
	struct handle_obj *o = handle_get(h);
	if (o && o->type == HANDLE_FILE)
		return o->fd;
	if (o)
		win_set_last_error(ERROR_INVALID_HANDLE);
	return -1;
}

int kernel32_init_std_handles(RTL_USER_PROCESS_PARAMETERS *params)
{
	HANDLE *std[] = { &params->StandardInput, &params->StandardOutput, &params->StandardError };
	for (int fd = 0; fd < 3; fd++)
		*std[fd] = fcntl_valid(fd) ? handle_new(HANDLE_FILE, fd, 0) : 0;
	return 0;
}

WINAPI BOOL kernel32_CloseHandle(HANDLE h)
{
	pthread_mutex_lock(&lock);
	struct handle_obj *o = handle_get(h);
	if (!o) {
		pthread_mutex_unlock(&lock);
		return FALSE;
	}
	struct handle_obj old = *o;
	o->type = HANDLE_FREE;
	pthread_mutex_unlock(&lock);
	if (old.type == HANDLE_FILE && old.fd >= 0)
		close(old.fd);
	return TRUE;
}
