/* Kernel objects' lifetime and the process's object namespace. Names are the process's own: two
 * xabi processes never share an object (cross-process naming is not supported). "Local\" names
 * the same namespace as no prefix; "Global\" names are kept apart from it. Names are compared
 * case-sensitively, as Windows does. */
#include <stdlib.h>
#include <string.h>
#include "kernel32.h"
#include "object.h"

static struct kobj *named; /* under sync_lock */

void *kobj_new(enum handle_type type, size_t size)
{
	struct kobj *k = calloc(1, size);
	if (!k) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	k->type = type;
	atomic_init(&k->refs, 1);
	return k;
}

void kobj_ref(struct kobj *k)
{
	atomic_fetch_add(&k->refs, 1);
}

static void unlink_name(struct kobj *k)
{
	for (struct kobj **p = &named; *p; p = &(*p)->next_named)
		if (*p == k) {
			*p = k->next_named;
			return;
		}
}

void kobj_put(struct kobj *k)
{
	/* The last reference goes under sync_lock, so a lookup by name (also under it) never finds
	 * an object on its way out. */
	pthread_mutex_lock(&sync_lock);
	int last = atomic_fetch_sub(&k->refs, 1) == 1;
	if (last) {
		if (k->name)
			unlink_name(k);
		if (k->type == HANDLE_MUTEX) {
			struct mutex *m = (struct mutex *)k;
			if (m->prev)
				m->prev->next = m->next;
			if (m->next)
				m->next->prev = m->prev;
		}
	}
	pthread_mutex_unlock(&sync_lock);
	if (last) {
		free(k->name);
		free(k);
	}
}

static const char *canonical(const char *name)
{
	return strncmp(name, "Local\\", 6) ? name : name + 6;
}

static struct kobj *find(const char *name)
{
	for (struct kobj *k = named; k; k = k->next_named)
		if (!strcmp(k->name, name))
			return k;
	return 0;
}

static HANDLE handle_for(struct kobj *k, BOOL inherit)
{
	HANDLE h = handle_add(&(struct handle_obj){ .type = k->type, .fd = -1, .obj = k, .flags = inherit ? HANDLE_FLAG_INHERIT : 0 });
	if (!h)
		kobj_put(k);
	return h;
}

HANDLE kobj_publish(struct kobj *fresh, const char *name, BOOL inherit)
{
	if (name && *name && !(fresh->name = strdup(canonical(name)))) {
		free(fresh);
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	struct kobj *k = fresh;
	DWORD err = ERROR_SUCCESS;
	pthread_mutex_lock(&sync_lock);
	struct kobj *old = fresh->name ? find(fresh->name) : 0;
	if (old) {
		k = old->type == fresh->type ? old : 0;
		err = k ? ERROR_ALREADY_EXISTS : ERROR_INVALID_HANDLE;
		if (k)
			kobj_ref(k);
	} else {
		if (fresh->name) {
			fresh->next_named = named;
			named = fresh;
		}
		if (fresh->type == HANDLE_MUTEX) {
			struct mutex *m = (struct mutex *)fresh;
			m->prev = &mutex_list;
			m->next = mutex_list.next;
			if (m->next)
				m->next->prev = m;
			mutex_list.next = m;
		}
	}
	pthread_mutex_unlock(&sync_lock);
	if (k != fresh) {
		free(fresh->name);
		free(fresh);
	}
	if (!k) {
		win_set_last_error(err);
		return 0;
	}
	HANDLE h = handle_for(k, inherit);
	if (h)
		win_set_last_error(err);
	return h;
}

HANDLE kobj_open(enum handle_type type, const char *name, BOOL inherit)
{
	if (!name) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	pthread_mutex_lock(&sync_lock);
	struct kobj *k = find(canonical(name));
	DWORD err = !k ? ERROR_FILE_NOT_FOUND : k->type != type ? ERROR_INVALID_HANDLE : 0;
	if (!err)
		kobj_ref(k);
	pthread_mutex_unlock(&sync_lock);
	if (err) {
		win_set_last_error(err);
		return 0;
	}
	return handle_for(k, inherit);
}

void *kobj_from_handle(HANDLE h, enum handle_type type)
{
	struct handle_obj o;
	if (handle_lookup(h, &o) < 0)
		return 0;
	if (o.type != type) {
		if (handle_is_kobj(o.type))
			kobj_put(o.obj);
		win_set_last_error(ERROR_INVALID_HANDLE);
		return 0;
	}
	return o.obj;
}
