/* FindFirstFile/FindNextFile: a directory's entries matching a wildcard, by Windows' rules ("*"
 * any run, "?" one character, "*.*" everything; names compared without regard to case). The
 * matching names are read at once and sorted as NTFS returns them (upper-cased order, "." and
 * ".." first; a drive's root has neither). A search handle is its own allocation, not a kernel
 * object handle (FindClose, not CloseHandle, ends it). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wctype.h>
#include "../ntdll/unicode.h"
#include "fileinfo.h"
#include "find.h"
#include "kernel32.h"
#include "path.h"
#include "reparse.h"

#define FIND_FIRST_EX_CASE_SENSITIVE 1

struct find_entry {
	const char *name; /* valid until the next find_next or find_close */
	DWORD attributes, tag; /* tag: the reparse tag of a symbolic link (dwReserved0) */
	FILETIME created, accessed, written;
	uint64_t size;
};

struct search {
	struct search *next; /* every open search, so a stale handle is recognised */
	char **names;
	size_t n, at;
	int dirfd;
};

static struct search *searches;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Compare one UTF-16 unit each without regard to case (Unicode simple upper-casing). */
static int fold(WCHAR c)
{
	return (int)towupper(c);
}

/* Does name match pattern? "?" also matches nothing at the end of the name, and a "." in the
 * pattern matches the end of a name without one, so "*.*" matches "a" and "a?" matches "a"
 * (the DOS_QM and DOS_DOT of Windows' matcher, simplified: "?" matches a "." too). */
static int match(const WCHAR *p, const WCHAR *s, int exact)
{
	for (; *p; p++) {
		if (*p == '*') {
			while (p[1] == '*')
				p++;
			if (!p[1])
				return 1;
			for (; *s; s++)
				if (match(p + 1, s, exact))
					return 1;
			return match(p + 1, s, exact);
		}
		if (*p == '?') {
			if (*s)
				s++;
			continue;
		}
		if (*p == '.' && !*s)
			continue;
		if (!*s || (exact ? *p != *s : fold(*p) != fold(*s)))
			return 0;
		s++;
	}
	return !*s;
}

static int order(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int dx = !strcmp(x, ".") ? 0 : !strcmp(x, "..") ? 1 : 2;
	int dy = !strcmp(y, ".") ? 0 : !strcmp(y, "..") ? 1 : 2;
	if (dx != dy || dx < 2)
		return dx - dy;
	WCHAR wx[MAX_PATH * 2], wy[MAX_PATH * 2];
	utf8_to_utf16(x, -1, wx, MAX_PATH * 2);
	utf8_to_utf16(y, -1, wy, MAX_PATH * 2);
	wx[MAX_PATH * 2 - 1] = wy[MAX_PATH * 2 - 1] = 0;
	size_t i = 0;
	while (wx[i] && fold(wx[i]) == fold(wy[i]))
		i++;
	return fold(wx[i]) - fold(wy[i]);
}

static void search_free(struct search *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->names[i]);
	free(s->names);
	if (s->dirfd >= 0)
		close(s->dirfd);
	free(s);
}

/* A search for spec ("dir\\*.txt"); NULL with the last error set (ERROR_FILE_NOT_FOUND: nothing
 * matches, ERROR_PATH_NOT_FOUND: no such directory). */
static struct search *find_open(const char *spec, int case_sensitive)
{
	/* The directory is everything up to the last separator; the pattern is the rest. */
	const char *slash = strrchr(spec, '\\'), *fwd = strrchr(spec, '/');
	if (fwd > slash)
		slash = fwd;
	const char *pattern = slash ? slash + 1 : spec;
	if (!*pattern && (!slash || spec[0])) {
		win_set_last_error(ERROR_FILE_NOT_FOUND);
		return 0;
	}
	if (!slash && spec[0] && spec[1] == ':')
		pattern = spec + 2;
	char *dir = strndup(spec, (size_t)(pattern - spec));
	char *host = dir ? path_to_host(*dir ? dir : ".") : 0;
	char *full = dir ? path_full(*dir ? dir : ".") : 0;
	WCHAR *wpat = utf8_to_utf16_dup(pattern);
	struct search *s = calloc(1, sizeof *s);
	DIR *d = 0;
	if (!dir || !wpat || !s) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	} else if (host && full && !(d = opendir(host))) {
		win_set_last_error(errno == ENOENT || errno == ENOTDIR ? ERROR_PATH_NOT_FOUND
								  : win_error_from_errno(errno));
	}
	int root = full && strlen(full) == 3; /* "Z:\": no "." and ".." */
	free(dir), free(host), free(full);
	if (!d) {
		free(wpat), free(s);
		return 0;
	}
	s->dirfd = dup(dirfd(d));
	struct dirent *e;
	size_t cap = 0;
	while ((e = readdir(d))) {
		if (root && (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")))
			continue;
		WCHAR *wname = utf8_to_utf16_dup(e->d_name);
		int ok = wname && match(wpat, wname, case_sensitive);
		free(wname);
		if (!ok)
			continue;
		if (s->n == cap) {
			char **names = realloc(s->names, (cap = cap ? 2 * cap : 16) * sizeof *names);
			if (!names)
				break;
			s->names = names;
		}
		if (!(s->names[s->n] = strdup(e->d_name)))
			break;
		s->n++;
	}
	closedir(d);
	free(wpat);
	if (!s->n) {
		search_free(s);
		win_set_last_error(ERROR_FILE_NOT_FOUND);
		return 0;
	}
	qsort(s->names, s->n, sizeof *s->names, order);
	pthread_mutex_lock(&lock);
	s->next = searches;
	searches = s;
	pthread_mutex_unlock(&lock);
	return s;
}

static struct search *valid(HANDLE h)
{
	pthread_mutex_lock(&lock);
	struct search *s = searches;
	while (s && s != (struct search *)h)
		s = s->next;
	pthread_mutex_unlock(&lock);
	if (!s)
		win_set_last_error(ERROR_INVALID_HANDLE);
	return s;
}

static int find_next(struct search *s, struct find_entry *out)
{
	while (s->at < s->n) {
		const char *name = s->names[s->at++];
		struct stat st;
		if (fstatat(s->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue; /* gone since the search started */
		out->name = name;
		out->attributes = entry_attributes(&st, link_to_dir_at(s->dirfd, name, &st));
		out->tag = S_ISLNK(st.st_mode) ? IO_REPARSE_TAG_SYMLINK : 0;
		out->created = filetime_from_timespec(st.st_ctim);
		out->accessed = filetime_from_timespec(st.st_atim);
		out->written = filetime_from_timespec(st.st_mtim);
		out->size = entry_size(&st);
		return 1;
	}
	win_set_last_error(ERROR_NO_MORE_FILES);
	return 0;
}

static void find_close(struct search *s)
{
	pthread_mutex_lock(&lock);
	struct search **p = &searches;
	while (*p != s)
		p = &(*p)->next;
	*p = s->next;
	pthread_mutex_unlock(&lock);
	search_free(s);
}

static void fill_a(const struct find_entry *e, WIN32_FIND_DATAA *d)
{
	memset(d, 0, sizeof *d);
	d->dwFileAttributes = e->attributes;
	d->ftCreationTime = e->created;
	d->ftLastAccessTime = e->accessed;
	d->ftLastWriteTime = e->written;
	d->nFileSizeHigh = (DWORD)(e->size >> 32);
	d->nFileSizeLow = (DWORD)e->size;
	d->dwReserved0 = e->tag;
	strncpy(d->cFileName, e->name, MAX_PATH - 1);
}

static void fill_w(const struct find_entry *e, WIN32_FIND_DATAW *d)
{
	memset(d, 0, sizeof *d);
	d->dwFileAttributes = e->attributes;
	d->ftCreationTime = e->created;
	d->ftLastAccessTime = e->accessed;
	d->ftLastWriteTime = e->written;
	d->nFileSizeHigh = (DWORD)(e->size >> 32);
	d->nFileSizeLow = (DWORD)e->size;
	d->dwReserved0 = e->tag;
	utf8_to_utf16(e->name, -1, d->cFileName, MAX_PATH - 1);
}

/* The first entry, or INVALID_HANDLE_VALUE (ERROR_FILE_NOT_FOUND: nothing matches). */
static HANDLE first(const char *spec, int case_sensitive, struct find_entry *e)
{
	struct search *s = spec ? find_open(spec, case_sensitive) : 0;
	if (!s)
		return INVALID_HANDLE_VALUE;
	if (!find_next(s, e)) {
		find_close(s);
		win_set_last_error(ERROR_FILE_NOT_FOUND);
		return INVALID_HANDLE_VALUE;
	}
	return s;
}

WINAPI HANDLE kernel32_FindFirstFileA(LPCSTR spec, WIN32_FIND_DATAA *d)
{
	struct find_entry e;
	HANDLE h = first(spec, 0, &e);
	if (h != INVALID_HANDLE_VALUE)
		fill_a(&e, d);
	return h;
}

WINAPI HANDLE kernel32_FindFirstFileW(LPCWSTR spec, WIN32_FIND_DATAW *d)
{
	char *a = utf16_to_utf8_dup(spec);
	struct find_entry e;
	HANDLE h = first(a, 0, &e);
	free(a);
	if (h != INVALID_HANDLE_VALUE)
		fill_w(&e, d);
	return h;
}

/* Info levels FindExInfoStandard (0) and FindExInfoBasic (1: no short name, which xabi never has)
 * and search operations FindExSearchNameMatch (0) and FindExSearchLimitToDirectories (1: only
 * advice, files may come too) are supported. */
static int ex_valid(int level, int op, void *filter)
{
	if (level > 1 || op > 1 || filter) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	return 1;
}

WINAPI HANDLE kernel32_FindFirstFileExA(LPCSTR spec, int level, WIN32_FIND_DATAA *d, int op,
					void *filter, DWORD flags)
{
	struct find_entry e;
	if (!ex_valid(level, op, filter))
		return INVALID_HANDLE_VALUE;
	HANDLE h = first(spec, flags & FIND_FIRST_EX_CASE_SENSITIVE, &e);
	if (h != INVALID_HANDLE_VALUE)
		fill_a(&e, d);
	return h;
}

WINAPI HANDLE kernel32_FindFirstFileExW(LPCWSTR spec, int level, WIN32_FIND_DATAW *d, int op,
					void *filter, DWORD flags)
{
	if (!ex_valid(level, op, filter))
		return INVALID_HANDLE_VALUE;
	char *a = utf16_to_utf8_dup(spec);
	struct find_entry e;
	HANDLE h = first(a, flags & FIND_FIRST_EX_CASE_SENSITIVE, &e);
	free(a);
	if (h != INVALID_HANDLE_VALUE)
		fill_w(&e, d);
	return h;
}

WINAPI BOOL kernel32_FindNextFileA(HANDLE h, WIN32_FIND_DATAA *d)
{
	struct search *s = valid(h);
	struct find_entry e;
	if (!s || !find_next(s, &e))
		return FALSE;
	fill_a(&e, d);
	return TRUE;
}

WINAPI BOOL kernel32_FindNextFileW(HANDLE h, WIN32_FIND_DATAW *d)
{
	struct search *s = valid(h);
	struct find_entry e;
	if (!s || !find_next(s, &e))
		return FALSE;
	fill_w(&e, d);
	return TRUE;
}

WINAPI BOOL kernel32_FindClose(HANDLE h)
{
	struct search *s = valid(h);
	if (s)
		find_close(s);
	return s != 0;
}
