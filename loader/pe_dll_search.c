/* The DLL search path (pe_dll_search.h). */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "pe_dll_search.h"

#define MINGW_GCC "/usr/lib/gcc/x86_64-w64-mingw32"
#define MINGW_LIB "/usr/x86_64-w64-mingw32/lib"

static char *program_dir;
static const char **user_dirs; /* --dll-path, then XABI_DLL_PATH's */
static size_t nuser, user_from_env = (size_t)-1;
static char **mingw_dirs;
static size_t nmingw;

static void push(const char ***v, size_t *n, const char *s)
{
	const char **w = reallocarray(*v, *n + 1, sizeof *w);
	if (w) {
		w[(*n)++] = s;
		*v = w;
	}
}

void pe_dll_path_add(const char *dir)
{
	push(&user_dirs, &nuser, dir);
}

void pe_dll_set_program(const char *path)
{
	free(program_dir);
	program_dir = strdup(path);
	if (!program_dir)
		return;
	char *slash = strrchr(program_dir, '/');
	if (!slash)
		strcpy(program_dir, ".");
	else
		slash[slash == program_dir] = 0; /* "/prog.exe": "/" */
}

/* XABI_DLL_PATH's directories, appended to user_dirs once. */
static void read_env(void)
{
	if (user_from_env != (size_t)-1)
		return;
	user_from_env = nuser;
	const char *v = getenv("XABI_DLL_PATH");
	char *copy = v ? strdup(v) : 0, *save = 0;
	for (char *d = copy ? strtok_r(copy, ":", &save) : 0; d; d = strtok_r(0, ":", &save))
		push(&user_dirs, &nuser, d);
}

static int newest_first(const void *a, const void *b)
{
	return strverscmp(*(char *const *)b, *(char *const *)a);
}

/* The versioned directories under MINGW_GCC whose name ends in suffix ("" for those ending in
 * neither -win32 nor -posix), newest first, appended to mingw_dirs. */
static void add_gcc_dirs(const char *suffix)
{
	DIR *d = opendir(MINGW_GCC);
	if (!d)
		return;
	char **v = 0;
	size_t n = 0, k = strlen(suffix);
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		int win32 = len > 6 && !strcmp(e->d_name + len - 6, "-win32");
		int posix = len > 6 && !strcmp(e->d_name + len - 6, "-posix");
		if (e->d_name[0] == '.' || (k ? len <= k || strcmp(e->d_name + len - k, suffix)
					   : win32 || posix))
			continue;
		char **w = reallocarray(v, n + 1, sizeof *w);
		if (!w || asprintf(&w[n], "%s/%s", MINGW_GCC, e->d_name) < 0)
			break;
		v = w;
		n++;
	}
	closedir(d);
	qsort(v, n, sizeof *v, newest_first);
	for (size_t i = 0; i < n; i++)
		push((const char ***)&mingw_dirs, &nmingw, v[i]);
	free(v);
}

static void find_mingw_dirs(void)
{
	static int done;
	if (done++)
		return;
	add_gcc_dirs("-win32");
	add_gcc_dirs("-posix");
	push((const char ***)&mingw_dirs, &nmingw, MINGW_LIB);
	add_gcc_dirs("");
}

/* dir/name if it is a file, the name matched in any case; malloc'd, or NULL. */
static char *in_dir(const char *dir, const char *name)
{
	char *path;
	struct stat st;
	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return 0;
	if (!stat(path, &st) && S_ISREG(st.st_mode))
		return path;
	free(path);
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	path = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (strcasecmp(e->d_name, name))
			continue;
		if (asprintf(&path, "%s/%s", dir, e->d_name) < 0)
			path = 0;
		else if (stat(path, &st) || !S_ISREG(st.st_mode)) {
			free(path);
			path = 0;
			continue;
		}
		break;
	}
	closedir(d);
	return path;
}

struct places {
	char *buf;
	size_t n, used;
};

static void note(struct places *p, const char *dir, const char *why)
{
	if (p->used >= p->n)
		return;
	int r = snprintf(p->buf + p->used, p->n - p->used, "%s%s (%s)", p->used ? ", " : "", dir,
			 why);
	if (r > 0)
		p->used += (size_t)r;
}

char *pe_dll_search(const char *name, unsigned flags, const char *dll_dir, char *places,
		    size_t n)
{
	struct places p = { places, n, 0 };
	if (n)
		places[0] = 0;
	read_env();
	find_mingw_dirs();
	if (!(flags & PE_SEARCH_MASK))
		flags = PE_SEARCH_APPLICATION_DIR | PE_SEARCH_USER_DIRS | PE_SEARCH_SYSTEM32;
	if (flags & PE_SEARCH_DEFAULT_DIRS)
		flags |= PE_SEARCH_APPLICATION_DIR | PE_SEARCH_USER_DIRS | PE_SEARCH_SYSTEM32;
	char *path = 0;
	if ((flags & PE_SEARCH_DLL_LOAD_DIR) && dll_dir) {
		if ((path = in_dir(dll_dir, name)))
			return path;
		note(&p, dll_dir, "the loading DLL's directory");
	}
	if ((flags & PE_SEARCH_APPLICATION_DIR) && program_dir) {
		if ((path = in_dir(program_dir, name)))
			return path;
		note(&p, program_dir, "the program's directory");
	}
	if (flags & PE_SEARCH_USER_DIRS)
		for (size_t i = 0; i < nuser; i++) {
			if ((path = in_dir(user_dirs[i], name)))
				return path;
			note(&p, user_dirs[i], i < user_from_env ? "--dll-path" : "XABI_DLL_PATH");
		}
	if (flags & PE_SEARCH_SYSTEM32)
		for (size_t i = 0; i < nmingw; i++) {
			struct stat st;
			if (stat(mingw_dirs[i], &st))
				continue;
			if ((path = in_dir(mingw_dirs[i], name)))
				return path;
			note(&p, mingw_dirs[i], "mingw-w64 runtime");
		}
	if (!p.used)
		note(&p, "nowhere", "no directory to search");
	return 0;
}
