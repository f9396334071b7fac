/* CreateFile: a host open() of the mapped path, with Windows' dispositions and last errors.
 * Share modes are accepted and not enforced (a host file can always be opened again). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../ntdll/unicode.h"
#include "fileinfo.h"
#include "handle.h"
#include "kernel32.h"
#include "path.h"
#include "reparse.h"

#define GENERIC_READ 0x80000000u
#define GENERIC_WRITE 0x40000000u
#define GENERIC_ALL 0x10000000u
#define FILE_READ_DATA 0x1
#define FILE_WRITE_DATA 0x2
#define FILE_APPEND_DATA 0x4

#define CREATE_NEW 1
#define CREATE_ALWAYS 2
#define OPEN_EXISTING 3
#define OPEN_ALWAYS 4
#define TRUNCATE_EXISTING 5

#define FILE_FLAG_OVERLAPPED 0x40000000u
#define FILE_FLAG_BACKUP_SEMANTICS 0x02000000u
#define FILE_FLAG_DELETE_ON_CLOSE 0x04000000u

typedef struct {
	DWORD nLength;
	void *lpSecurityDescriptor;
	BOOL bInheritHandle;
} SECURITY_ATTRIBUTES;

static HANDLE fail(DWORD e)
{
	win_set_last_error(e);
	return INVALID_HANDLE_VALUE;
}

/* The host open() flags for a desired access: FILE_APPEND_DATA without FILE_WRITE_DATA writes
 * only at the end. Access 0 (attributes only) opens for reading. */
static int access_flags(DWORD access)
{
	int rd = !!(access & (GENERIC_READ | GENERIC_ALL | FILE_READ_DATA));
	int wr = !!(access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA | FILE_APPEND_DATA));
	int append = (access & FILE_APPEND_DATA) && !(access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA));
	return (wr ? (rd ? O_RDWR : O_WRONLY) : O_RDONLY) | (append ? O_APPEND : 0);
}

static HANDLE create(const char *host, DWORD access, const SECURITY_ATTRIBUTES *sa,
		     DWORD disposition, DWORD flags)
{
	if (disposition < CREATE_NEW || disposition > TRUNCATE_EXISTING ||
	    (disposition == TRUNCATE_EXISTING && !(access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA))))
		return fail(ERROR_INVALID_PARAMETER);
	int base = access_flags(access) | (sa && sa->bInheritHandle ? 0 : O_CLOEXEC);
	mode_t mode = flags & FILE_ATTRIBUTE_READONLY ? 0444 : 0666;
	struct stat st;
	int existed = 0, fd, isdir = stat(host, &st) == 0 && S_ISDIR(st.st_mode);
	if ((flags & FILE_FLAG_OPEN_REPARSE_POINT) && lstat(host, &st) == 0 && S_ISLNK(st.st_mode)) {
		/* The link itself: its attributes, times and reparse data, not its target's. */
		if (disposition != OPEN_EXISTING && disposition != OPEN_ALWAYS)
			return fail(disposition == CREATE_NEW ? ERROR_FILE_EXISTS : ERROR_ACCESS_DENIED);
		fd = open(host, O_PATH | O_NOFOLLOW | (base & O_CLOEXEC));
		existed = 1;
		isdir = 0;
	} else if (isdir) {
		/* A directory opens only with FILE_FLAG_BACKUP_SEMANTICS, for its attributes/times. */
		if (!(flags & FILE_FLAG_BACKUP_SEMANTICS) || disposition == CREATE_NEW ||
		    disposition == CREATE_ALWAYS || disposition == TRUNCATE_EXISTING)
			return fail(disposition == CREATE_NEW ? ERROR_FILE_EXISTS : ERROR_ACCESS_DENIED);
		fd = open(host, O_RDONLY | O_DIRECTORY | (base & O_CLOEXEC));
		existed = 1;
	} else if ((base & (O_WRONLY | O_RDWR)) && !isdir && stat(host, &st) == 0 &&
		   !(st.st_mode & S_IWUSR) && disposition != CREATE_NEW) {
		/* FILE_ATTRIBUTE_READONLY refuses writers even to a privileged host user. */
		return fail(ERROR_ACCESS_DENIED);
	} else if (disposition == CREATE_NEW) {
		fd = open(host, base | O_CREAT | O_EXCL, mode);
	} else if (disposition == OPEN_EXISTING || disposition == TRUNCATE_EXISTING) {
		fd = open(host, base | (disposition == TRUNCATE_EXISTING ? O_TRUNC : 0));
		existed = 1;
	} else { /* CREATE_ALWAYS, OPEN_ALWAYS: create, or open what is there */
		fd = open(host, base | O_CREAT | O_EXCL, mode);
		if (fd < 0 && errno == EEXIST) {
			existed = 1;
			fd = open(host, base | (disposition == CREATE_ALWAYS ? O_TRUNC : 0));
		}
	}
	if (fd < 0 && errno == EACCES && !(base & (O_WRONLY | O_RDWR)) && !(access & ~0x100000u))
		fd = open(host, O_PATH | (base & O_CLOEXEC)); /* access 0: attributes only */
	if (fd < 0)
		return fail(errno == EEXIST ? ERROR_FILE_EXISTS : path_error(host, errno));
	HANDLE h = handle_add(&(struct handle_obj){ .type = HANDLE_FILE, .fd = fd,
		.flags = sa && sa->bInheritHandle ? HANDLE_FLAG_INHERIT : 0,
		.io = flags & FILE_FLAG_OVERLAPPED ? IO_OVERLAPPED : 0 });
	if (!h) {
		close(fd);
		return INVALID_HANDLE_VALUE;
	}
	/* The name goes at once rather than at the last close (README: limits). */
	if (flags & FILE_FLAG_DELETE_ON_CLOSE)
		isdir ? rmdir(host) : unlink(host);
	win_set_last_error(existed && (disposition == CREATE_ALWAYS || disposition == OPEN_ALWAYS)
				   ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS);
	return h;
}

WINAPI HANDLE kernel32_CreateFileA(LPCSTR name, DWORD access, DWORD share, SECURITY_ATTRIBUTES *sa,
				   DWORD disposition, DWORD flags, HANDLE tmpl)
{
	(void)share, (void)tmpl;
	char *host = path_to_host(name);
	if (!host)
		return INVALID_HANDLE_VALUE;
	HANDLE h = create(host, access, sa, disposition, flags);
	free(host);
	return h;
}

WINAPI HANDLE kernel32_CreateFileW(LPCWSTR name, DWORD access, DWORD share, SECURITY_ATTRIBUTES *sa,
				   DWORD disposition, DWORD flags, HANDLE tmpl)
{
	(void)share, (void)tmpl;
	char *host = path_to_host_w(name);
	if (!host)
		return INVALID_HANDLE_VALUE;
	HANDLE h = create(host, access, sa, disposition, flags);
	free(host);
	return h;
}
