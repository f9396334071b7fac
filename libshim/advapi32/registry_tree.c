/* The registry's contents (registry.h): registry.def's keys and values, and a key under
 * HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Time Zones for each of timezones.def's zones
 * with its Display, Dlt, Std and TZI values, built on first use and never changed. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "../kernel32/windir.h"
#include "../ntdll/unicode.h"
#include "registry.h"
#include "zones.h"

static const struct entry {
	char kind; /* K: a key (name is its path), S: a REG_SZ value, D: a REG_DWORD value,
		    * W: a REG_SZ value that is the Windows directory (kernel32/windir.c) */
	const char *name, *str;
	DWORD num;
} entries[] = {
#define KEY(path) { 'K', path, NULL, 0 },
#define SZ(name, s) { 'S', name, s, 0 },
#define DWORD(name, n) { 'D', name, NULL, n },
#define SZ_WINDOWS_DIRECTORY(name) { 'W', name, NULL, 0 },
#include "registry.def"
#undef SZ_WINDOWS_DIRECTORY
#undef KEY
#undef SZ
#undef DWORD
};

#define TIME_ZONES "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Time Zones"

static const char *const root_names[] = {
	"HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE", "HKEY_USERS",
	NULL /* HKEY_PERFORMANCE_DATA */, "HKEY_CURRENT_CONFIG", NULL /* HKEY_DYN_DATA */,
};
#define NROOTS (sizeof root_names / sizeof root_names[0])
static struct reg_key roots[NROOTS];
static pthread_once_t built = PTHREAD_ONCE_INIT;

/* Names compare as Windows orders them: each character folded to upper case (ASCII: every name
 * xabi has is ASCII). */
static int name_cmp(const char *a, size_t na, const char *b)
{
	for (size_t i = 0;; i++) {
		int x = i < na ? (unsigned char)a[i] : 0, y = (unsigned char)b[i];
		if (x >= 'a' && x <= 'z')
			x -= 32;
		if (y >= 'a' && y <= 'z')
			y -= 32;
		if (x != y || !x)
			return x - y;
	}
}

static void *grow(void *p, unsigned n, size_t size)
{
	p = realloc(p, (n + 1) * size);
	if (!p)
		abort(); /* at start-up of the registry: out of memory before the program runs far */
	return p;
}

/* The subkey named by the n bytes at name, made when missing. */
static struct reg_key *child(struct reg_key *k, const char *name, size_t n)
{
	unsigned i = 0;
	int c = 1;
	while (i < k->nsub && (c = name_cmp(name, n, k->sub[i]->name)) > 0)
		i++;
	if (i < k->nsub && c == 0)
		return k->sub[i];
	struct reg_key *s = calloc(1, sizeof *s);
	if (!s || !(s->name = strndup(name, n)))
		abort();
	k->sub = grow(k->sub, k->nsub, sizeof *k->sub);
	memmove(k->sub + i + 1, k->sub + i, (k->nsub - i) * sizeof *k->sub);
	k->sub[i] = s;
	k->nsub++;
	return s;
}

/* The key at a full path ("HKEY_LOCAL_MACHINE\\..."), made with its parents. */
static struct reg_key *key_at(const char *path)
{
	size_t n = strcspn(path, "\\");
	struct reg_key *k = NULL;
	for (unsigned i = 0; i < NROOTS; i++)
		if (root_names[i] && strlen(root_names[i]) == n && !memcmp(path, root_names[i], n))
			k = &roots[i];
	if (!k)
		abort(); /* registry.def names a root that does not exist */
	for (path += n; *path == '\\'; path += n) {
		n = strcspn(++path, "\\");
		k = child(k, path, n);
	}
	return k;
}

static void add_value(struct reg_key *k, const char *name, DWORD type, const void *data, DWORD size)
{
	k->val = grow(k->val, k->nval, sizeof *k->val);
	k->val[k->nval++] = (struct reg_value){ name, type, data, size };
}

static void add_sz(struct reg_key *k, const char *name, const char *s)
{
	WCHAR *w = utf8_to_utf16_dup(s);
	if (!w)
		abort();
	add_value(k, name, REG_SZ, w, (DWORD)((utf16_len(w) + 1) * sizeof *w));
}

static void add_zone(struct reg_key *zones_key, const struct zone *z)
{
	struct reg_key *k = child(zones_key, z->key, strlen(z->key));
	add_sz(k, "Display", z->display);
	add_sz(k, "Dlt", z->dlt);
	add_sz(k, "Std", z->std);
	REG_TZI_FORMAT *tzi = malloc(sizeof *tzi);
	if (!tzi)
		abort();
	if (zones_tzi(z, tzi) == 0) /* no TZI when the host has no tzdata for the zone */
		add_value(k, "TZI", REG_BINARY, tzi, sizeof *tzi);
	else
		free(tzi);
}

static void build(void)
{
	for (unsigned i = 0; i < NROOTS; i++)
		roots[i].name = root_names[i];
	struct reg_key *k = NULL;
	for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++) {
		const struct entry *e = &entries[i];
		if (e->kind == 'K')
			k = key_at(e->name);
		else if (e->kind == 'S')
			add_sz(k, e->name, e->str);
		else if (e->kind == 'W')
			add_sz(k, e->name, windows_directory());
		else
			add_value(k, e->name, REG_DWORD, &e->num, sizeof e->num);
	}
	struct reg_key *tz = key_at(TIME_ZONES);
	for (unsigned i = 0; i < zones_count; i++)
		add_zone(tz, &zones[i]);
}

struct reg_key *regtree_root(unsigned i)
{
	pthread_once(&built, build);
	return i < NROOTS && root_names[i] ? &roots[i] : NULL;
}

struct reg_key *regtree_sub(const struct reg_key *k, const char *name)
{
	for (unsigned i = 0; i < k->nsub; i++)
		if (name_cmp(name, strlen(name), k->sub[i]->name) == 0)
			return k->sub[i];
	return NULL;
}

const struct reg_value *regtree_value(const struct reg_key *k, const char *name)
{
	for (unsigned i = 0; i < k->nval; i++)
		if (name_cmp(name, strlen(name), k->val[i].name) == 0)
			return &k->val[i];
	return NULL;
}
