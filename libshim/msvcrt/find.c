/* _findfirst64/_findnext64/_findclose (and the wide forms) over FindFirstFile, as msvcrt does
 * them: attrib is the Windows attributes (0 for FILE_ATTRIBUTE_NORMAL), times are time_t (-1 for
 * an unknown one), and a search that finds nothing more fails with ENOENT. */
#include <string.h>
#include "../kernel32/find.h"
#include "../kernel32/fileinfo.h"
#include "../kernel32/kernel32.h"
#include "files.h"
#include "msvcrt.h"

struct finddata64 {
	unsigned attrib;
	int64_t time_create, time_access, time_write;
	int64_t size;
	char name[260];
};
_Static_assert(sizeof(struct finddata64) == 304, "struct __finddata64_t");

struct wfinddata64 {
	unsigned attrib;
	int64_t time_create, time_access, time_write;
	int64_t size;
	WCHAR name[260];
};
_Static_assert(sizeof(struct wfinddata64) == 560, "struct _wfinddata64_t");

static int64_t seconds(FILETIME f)
{
	uint64_t v = filetime_value(&f);
	return v ? timespec_from_filetime(v).tv_sec : -1;
}

/* The fields both forms share, from either form of WIN32_FIND_DATA (same layout up to the name). */
#define FILL(d, f)                                                                              \
	do {                                                                                    \
		(d)->attrib = (f)->dwFileAttributes == FILE_ATTRIBUTE_NORMAL ? 0 : (f)->dwFileAttributes; \
		(d)->time_create = seconds((f)->ftCreationTime);                                \
		(d)->time_access = seconds((f)->ftLastAccessTime);                              \
		(d)->time_write = seconds((f)->ftLastWriteTime);                                \
		(d)->size = (int64_t)((uint64_t)(f)->nFileSizeHigh << 32 | (f)->nFileSizeLow);  \
		memcpy((d)->name, (f)->cFileName, sizeof (d)->name);                            \
	} while (0)

static intptr_t failed(void)
{
	DWORD e = kernel32_GetLastError();
	msvcrt_set_errno_win(e == ERROR_NO_MORE_FILES ? ERROR_FILE_NOT_FOUND : e);
	return -1;
}

WINAPI intptr_t msvcrt__findfirst64(const char *spec, struct finddata64 *d)
{
	WIN32_FIND_DATAA f;
	HANDLE h = kernel32_FindFirstFileA(spec, &f);
	if (h == INVALID_HANDLE_VALUE)
		return failed();
	FILL(d, &f);
	return (intptr_t)h;
}

WINAPI int msvcrt__findnext64(intptr_t h, struct finddata64 *d)
{
	WIN32_FIND_DATAA f;
	if (!kernel32_FindNextFileA((HANDLE)h, &f))
		return (int)failed();
	FILL(d, &f);
	return 0;
}

WINAPI intptr_t msvcrt__wfindfirst64(const WCHAR *spec, struct wfinddata64 *d)
{
	WIN32_FIND_DATAW f;
	HANDLE h = kernel32_FindFirstFileW(spec, &f);
	if (h == INVALID_HANDLE_VALUE)
		return failed();
	FILL(d, &f);
	return (intptr_t)h;
}

WINAPI int msvcrt__wfindnext64(intptr_t h, struct wfinddata64 *d)
{
	WIN32_FIND_DATAW f;
	if (!kernel32_FindNextFileW((HANDLE)h, &f))
		return (int)failed();
	FILL(d, &f);
	return 0;
}

WINAPI int msvcrt__findclose(intptr_t h)
{
	if (kernel32_FindClose((HANDLE)h))
		return 0;
	*msvcrt__errno() = 2; /* ENOENT, as documented */
	return -1;
}
