/* InitializeProcThreadAttributeList and friends. The list is opaque to programs (they ask its
 * size first); here it records each attribute's value pointer and size, which, as on Windows,
 * must stay valid until CreateProcess. Only the attributes CreateProcess honours are accepted
 * (the parent process, the handle list); another ends the process as a missing import does,
 * rather than be silently ignored. */
#include <stdio.h>
#include <stdlib.h>
#include "../../loader/status.h"
#include "kernel32.h"
#include "proc_attr.h"

struct attr_list {
	DWORD count, used;
	struct {
		DWORD_PTR attr;
		void *value;
		SIZE_T size;
	} e[];
};

WINAPI BOOL kernel32_InitializeProcThreadAttributeList(struct attr_list *list, DWORD count, DWORD flags,
						       SIZE_T *size)
{
	SIZE_T need = sizeof *list + count * sizeof list->e[0];
	if (flags) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!list || *size < need) {
		*size = need;
		win_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return FALSE;
	}
	list->count = count;
	list->used = 0;
	return TRUE;
}

WINAPI BOOL kernel32_UpdateProcThreadAttribute(struct attr_list *list, DWORD flags, DWORD_PTR attr,
					       void *value, SIZE_T size, void *prev, SIZE_T *ret_size)
{
	(void)prev, (void)ret_size;
	if (attr != PROC_THREAD_ATTRIBUTE_PARENT_PROCESS && attr != PROC_THREAD_ATTRIBUTE_HANDLE_LIST) {
		fprintf(stderr, "xabi: kernel32!UpdateProcThreadAttribute(0x%llx) called but not implemented\n",
			(unsigned long long)attr);
		exit(XABI_STATUS_MISSING_IMPORT);
	}
	void *old;
	SIZE_T old_size;
	if (flags || !value || list->used == list->count || proc_attr_find(list, attr, &old, &old_size) == 0) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (attr == PROC_THREAD_ATTRIBUTE_PARENT_PROCESS ? size != sizeof(HANDLE)
							 : !size || size % sizeof(HANDLE)) {
		win_set_last_error(ERROR_BAD_LENGTH);
		return FALSE;
	}
	list->e[list->used].attr = attr;
	list->e[list->used].value = value;
	list->e[list->used++].size = size;
	return TRUE;
}

WINAPI void kernel32_DeleteProcThreadAttributeList(struct attr_list *list)
{
	(void)list; /* nothing was allocated */
}

int proc_attr_find(const void *l, DWORD_PTR attr, void **value, SIZE_T *size)
{
	const struct attr_list *list = l;
	for (DWORD i = 0; list && i < list->used; i++)
		if (list->e[i].attr == attr) {
			*value = list->e[i].value;
			*size = list->e[i].size;
			return 0;
		}
	return -1;
}
