/* Directory listings through GetFileInformationByHandleEx (dir_info.c). */
#ifndef XABI_KERNEL32_DIR_INFO_H
#define XABI_KERNEL32_DIR_INFO_H

#include "../windef.h"

/* 1 if cls is one of the directory classes dir_info answers. */
int dir_info_class(int cls);
/* The next records of directory handle h in class cls (FILE_FULL_DIR_INFO, FILE_ID_BOTH_DIR_INFO,
 * FILE_ID_EXTD_DIR_INFO; the Restart classes start again from the first entry). */
BOOL dir_info(HANDLE h, int cls, void *buf, DWORD size);

#endif
