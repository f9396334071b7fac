/* Handle inheritance across CreateProcess (inherit.h): the parent's plan, the child's adoption.
 * Only file handles (host descriptors) can be passed; kernel objects (events, processes...)
 * live in one process (libshim/README.md). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../loader/status.h"
#include "handle.h"
#include "inherit.h"
#include "kernel32.h"
#include "object.h"

extern char **environ;

static int find(const struct inherit *in, HANDLE h)
{
	for (int i = 0; i < in->n; i++)
		if (in->value[i] == h)
			return i;
	return -1;
}

static int add(struct inherit *in, HANDLE h, int fd)
{
	if (find(in, h) >= 0)
		return 0;
	if (in->n == INHERIT_MAX) {
		win_set_last_error(ERROR_TOO_MANY_OPEN_FILES);
		return -1;
	}
	in->value[in->n] = h;
	in->src[in->n] = fd;
	in->dst[in->n++] = -1;
	return 0;
}

static void add_inheritable(HANDLE h, const struct handle_obj *o, void *in)
{
	if (o->type == HANDLE_FILE && (o->flags & HANDLE_FLAG_INHERIT))
		add(in, h, o->fd);
}

static int avoided(int fd, const int *avoid, int n)
{
	for (int i = 0; i < n; i++)
		if (avoid[i] == fd)
			return 1;
	return 0;
}

static int is_std(HANDLE h, const HANDLE std[3])
{
	return h && (h == std[0] || h == std[1] || h == std[2]);
}

int inherit_plan(struct inherit *in, const HANDLE *list, size_t n, const HANDLE std[3],
		 const int *avoid, int n_avoid)
{
	in->n = 0;
	if (list) {
		for (size_t i = 0; i < n; i++) {
			struct handle_obj o;
			if (handle_lookup(list[i], &o) < 0) {
				win_set_last_error(ERROR_INVALID_PARAMETER);
				return -1;
			}
			if (handle_is_kobj(o.type))
				kobj_put(o.obj);
			/* A kernel object stays in its process: as a standard handle (Go passes a
			 * process handle for a nil File) the child has none there, so its I/O fails
			 * as it would on such a handle; anywhere else it would be missed. */
			if (o.type != HANDLE_FILE && is_std(list[i], std))
				continue;
			if (o.type != HANDLE_FILE) {
				fprintf(stderr, "xabi: kernel32!CreateProcess: inheriting a handle that is not "
						"a file, pipe or console is not implemented\n");
				exit(XABI_STATUS_MISSING_IMPORT);
			}
			if (add(in, list[i], o.fd) < 0)
				return -1;
		}
	} else {
		handle_each(add_inheritable, in);
	}
	for (int s = 0; s < 3; s++) {
		int i = std[s] ? find(in, std[s]) : -1;
		in->std[s] = i >= 0 ? std[s] : 0;
		if (i >= 0 && in->dst[i] < 0)
			in->dst[i] = s;
	}
	int next = 3, len = snprintf(in->env, sizeof in->env, "%s=%lx,%lx,%lx;", INHERIT_ENV,
				     (unsigned long)(uintptr_t)in->std[0], (unsigned long)(uintptr_t)in->std[1],
				     (unsigned long)(uintptr_t)in->std[2]);
	for (int i = 0; i < in->n; i++) {
		if (in->dst[i] < 0) {
			while (avoided(next, avoid, n_avoid))
				next++;
			in->dst[i] = next++;
		}
		len += snprintf(in->env + len, sizeof in->env - (size_t)len, "%lx=%d,",
				(unsigned long)(uintptr_t)in->value[i], in->dst[i]);
	}
	return 0;
}

/* The variable's text, removed from environ (in place, as env.c removes names). */
static char *take_env(void)
{
	size_t k = strlen(INHERIT_ENV);
	for (char **e = environ; e && *e; e++)
		if (!strncmp(*e, INHERIT_ENV, k) && (*e)[k] == '=') {
			char *v = *e + k + 1;
			do
				e[0] = e[1];
			while (*e++);
			return v;
		}
	return 0;
}

void inherit_adopt(HANDLE std[3])
{
	char *v = take_env(), *end;
	unsigned long s[3];
	if (!v || sscanf(v, "%lx,%lx,%lx;", &s[0], &s[1], &s[2]) != 3 || !(v = strchr(v, ';')))
		return;
	for (v++; *v; v = end + (*end == ',')) {
		unsigned long h = strtoul(v, &end, 16);
		if (*end != '=')
			return;
		int fd = (int)strtol(end + 1, &end, 10);
		if (!fcntl_valid(fd))
			continue;
		if (fd > 2)
			fcntl(fd, F_SETFD, FD_CLOEXEC); /* reaches a grandchild only if inherited again */
		if (!handle_add_at((HANDLE)(uintptr_t)h,
				   &(struct handle_obj){ .type = HANDLE_FILE, .fd = fd,
						 .flags = HANDLE_FLAG_INHERIT }))
			continue;
		for (int i = 0; i < 3; i++)
			if (s[i] == h)
				std[i] = (HANDLE)(uintptr_t)h;
	}
}
