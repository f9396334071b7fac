/* Process and thread attribute lists (proc_attr.c), read by CreateProcess. */
#ifndef XABI_KERNEL32_PROC_ATTR_H
#define XABI_KERNEL32_PROC_ATTR_H

#include "../windef.h"

#define PROC_THREAD_ATTRIBUTE_PARENT_PROCESS 0x00020000u
#define PROC_THREAD_ATTRIBUTE_HANDLE_LIST 0x00020002u

/* The value and size attr was given in list; 0, or -1 when it was not given. */
int proc_attr_find(const void *list, DWORD_PTR attr, void **value, SIZE_T *size);

#endif
