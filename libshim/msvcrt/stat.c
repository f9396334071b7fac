/* _stat64, _fstat64 and _access/_chmod, computed as msvcrt computes them from what Windows
 * reports: st_mode from the attributes (read always; write unless read-only; execute for
 * directories and .exe/.com/.bat/.cmd names), st_dev/st_rdev the drive number (0 = A:), st_ino,
 * st_uid and st_gid 0, st_ctime the creation time. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../kernel32/fileinfo.h"
#include "../kernel32/kernel32.h"
#include "../kernel32/path.h"
#include "../ntdll/unicode.h"
#include "files.h"
#include "msvcrt.h"

struct stat64_ms {
	DWORD st_dev;
	WORD st_ino, st_mode;
	short st_nlink, st_uid, st_gid;
	DWORD st_rdev;
	int64_t st_size, st_atime_, st_mtime_, st_ctime_;
};
_Static_assert(sizeof(struct stat64_ms) == 56, "struct _stat64");

#define ALL(bit) ((bit) | (bit) >> 3 | (bit) >> 6)

static int is_executable_name(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot && (!strcasecmp(dot, ".exe") || !strcasecmp(dot, ".com") ||
		       !strcasecmp(dot, ".bat") || !strcasecmp(dot, ".cmd"));
}

/* Trailing separators are refused except on a root ("Z:\", "\"), and so are wildcards, as
 * msvcrt refuses them. */
static int stat_path(const char *path, struct stat64_ms *buf)
{
	size_t n = strlen(path);
	int root = (n == 3 && path[1] == ':') || n == 1;
	if (!n || strpbrk(path, "*?") || (!root && (path[n - 1] == '\\' || path[n - 1] == '/'))) {
		*msvcrt__errno() = 2;
		return -1;
	}
	char *full = path_full(path), *host = full ? path_to_host(path) : 0;
	struct stat st;
	int r = host ? stat(host, &st) : -1;
	if (r < 0) {
		if (host)
			msvcrt_set_errno(errno);
		else
			msvcrt_set_errno_win(kernel32_GetLastError());
		free(full), free(host);
		return -1;
	}
	memset(buf, 0, sizeof *buf);
	DWORD attrs = file_attributes(&st);
	buf->st_mode = (S_ISDIR(st.st_mode) ? _S_IFDIR | ALL(_S_IEXEC) : _S_IFREG) | ALL(_S_IREAD);
	if (!(attrs & FILE_ATTRIBUTE_READONLY))
		buf->st_mode |= ALL(_S_IWRITE);
	if (is_executable_name(path))
		buf->st_mode |= ALL(_S_IEXEC);
	int drive = full[0] >= 'A' && full[0] <= 'Z' ? full[0] - 'A' : 0;
	buf->st_dev = buf->st_rdev = (DWORD)drive;
	buf->st_nlink = (short)st.st_nlink;
	buf->st_size = S_ISDIR(st.st_mode) ? 0 : st.st_size;
	buf->st_atime_ = st.st_atime;
	buf->st_mtime_ = st.st_mtime;
	buf->st_ctime_ = st.st_ctime;
	free(full), free(host);
	return 0;
}

WINAPI int msvcrt__stat64(const char *path, struct stat64_ms *buf)
{
	return stat_path(path, buf);
}

WINAPI int msvcrt__wstat64(const WCHAR *path, struct stat64_ms *buf)
{
	char *a = utf16_to_utf8_dup(path);
	int r = a ? stat_path(a, buf) : (*msvcrt__errno() = 12, -1);
	free(a);
	return r;
}

/* A descriptor: a disk file is _S_IFREG (read, and write unless read-only) with st_dev 0; a
 * character device is _S_IFCHR and a pipe _S_IFIFO, both with st_dev = st_rdev = fd. */
WINAPI int msvcrt__fstat64(int fd, struct stat64_ms *buf)
{
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0) {
		*msvcrt__errno() = 9;
		return -1;
	}
	memset(buf, 0, sizeof *buf);
	if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) {
		buf->st_mode = S_ISCHR(st.st_mode) ? _S_IFCHR : _S_IFIFO;
		buf->st_dev = buf->st_rdev = (DWORD)fd;
		buf->st_nlink = 1;
		if (S_ISFIFO(st.st_mode))
			buf->st_size = 0;
		return 0;
	}
	buf->st_mode = (S_ISDIR(st.st_mode) ? _S_IFDIR : _S_IFREG) | ALL(_S_IREAD);
	if (!(file_attributes(&st) & FILE_ATTRIBUTE_READONLY))
		buf->st_mode |= ALL(_S_IWRITE);
	buf->st_nlink = (short)st.st_nlink;
	buf->st_size = st.st_size;
	buf->st_atime_ = st.st_atime;
	buf->st_mtime_ = st.st_mtime;
	buf->st_ctime_ = st.st_ctime;
	return 0;
}

/* Every file can be read; write (mode 2 or 6) fails with EACCES on a read-only file. Other modes
 * are EINVAL. */
static int access_path(char *host, int mode)
{
	struct stat st;
	int r = -1;
	if (!host)
		msvcrt_set_errno_win(kernel32_GetLastError());
	else if (mode & ~6)
		*msvcrt__errno() = 22;
	else if (stat(host, &st) < 0)
		msvcrt_set_errno(errno);
	else if ((mode & 2) && (file_attributes(&st) & FILE_ATTRIBUTE_READONLY))
		*msvcrt__errno() = 13;
	else
		r = 0;
	free(host);
	return r;
}

WINAPI int msvcrt__access(const char *path, int mode)
{
	return access_path(path_to_host(path), mode);
}

WINAPI int msvcrt__waccess(const WCHAR *path, int mode)
{
	return access_path(path_to_host_w(path), mode);
}

WINAPI BOOL kernel32_SetFileAttributesA(LPCSTR name, DWORD attrs);

/* Only _S_IWRITE means anything: without it the file becomes read-only. */
WINAPI int msvcrt__chmod(const char *path, int mode)
{
	if (kernel32_SetFileAttributesA(path, mode & _S_IWRITE ? 0 : FILE_ATTRIBUTE_READONLY))
		return 0;
	msvcrt_set_errno_win(kernel32_GetLastError());
	return -1;
}

WINAPI int msvcrt__wchmod(const WCHAR *path, int mode)
{
	char *a = utf16_to_utf8_dup(path);
	int r = a ? msvcrt__chmod(a, mode) : (*msvcrt__errno() = 12, -1);
	free(a);
	return r;
}
