/* Cancelable blocking waits (sync_io.h). A thread that must wait registers an eventfd under the
 * handle and polls it with the descriptor; sync_io_cancel writes each registered eventfd, so a
 * cancel that comes before the poll starts is not lost. A pipe that is ready is not waited for:
 * the common case costs one poll. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include "iocp.h"
#include "kernel32.h"
#include "sync_io.h"

struct waiter {
	HANDLE h;
	int efd;
	struct waiter *next;
};

static struct waiter *waiters;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void leave(struct waiter *w)
{
	pthread_mutex_lock(&lock);
	struct waiter **p = &waiters;
	while (*p != w)
		p = &(*p)->next;
	*p = w->next;
	pthread_mutex_unlock(&lock);
	close(w->efd);
}

int sync_io_wait(HANDLE h, int fd, short events)
{
	struct pollfd p[2] = { { fd, events, 0 }, { -1, POLLIN, 0 } };
	if (poll(p, 1, 0) == 1)
		return 0;
	struct waiter w = { h, eventfd(0, EFD_CLOEXEC), 0 };
	if (w.efd < 0) {
		win_set_last_error(win_error_from_errno(errno));
		return -1;
	}
	pthread_mutex_lock(&lock);
	w.next = waiters;
	waiters = &w;
	pthread_mutex_unlock(&lock);
	p[1].fd = w.efd;
	int r;
	while ((r = poll(p, 2, -1)) < 0 && errno == EINTR)
		;
	int e = errno;
	leave(&w);
	if (r < 0 || p[1].revents) {
		win_set_last_error(r < 0 ? win_error_from_errno(e) : ERROR_OPERATION_ABORTED);
		return -1;
	}
	return 0;
}

int sync_io_cancel(HANDLE h)
{
	int n = 0;
	pthread_mutex_lock(&lock);
	for (struct waiter *w = waiters; w; w = w->next)
		if (w->h == h) {
			eventfd_write(w->efd, 1);
			n++;
		}
	pthread_mutex_unlock(&lock);
	return n;
}
