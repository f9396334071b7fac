/* advapi32's registry functions over xabi's read-only registry (registry.h). They return a Win32
 * error code and leave the last error alone, as Windows' do. Key handles are advapi32's own
 * (not kernel32 handles); the predefined roots are always open. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "../kernel32/kernel32.h"
#include "../ntdll/unicode.h"
#include "registry.h"

#define ERROR_MORE_DATA 234
#define ERROR_NO_MORE_ITEMS 259
#define ERROR_BAD_PATHNAME 161
#define ERROR_UNSUPPORTED_TYPE 1630

typedef HANDLE HKEY;

/* Access rights (winnt.h). */
#define KEY_QUERY_VALUE 0x0001
#define KEY_SET_VALUE 0x0002
#define KEY_CREATE_SUB_KEY 0x0004
#define KEY_ENUMERATE_SUB_KEYS 0x0008
#define KEY_NOTIFY 0x0010
#define KEY_CREATE_LINK 0x0020
#define KEY_READ 0x20019
#define DELETE 0x10000
#define WRITE_DAC 0x40000
#define WRITE_OWNER 0x80000
#define MAXIMUM_ALLOWED 0x02000000
#define GENERIC_ALL 0x10000000
#define GENERIC_WRITE 0x40000000
#define GENERIC_READ 0x80000000u
#define WRITE_RIGHTS (KEY_SET_VALUE | KEY_CREATE_SUB_KEY | KEY_CREATE_LINK | DELETE | WRITE_DAC | \
		      WRITE_OWNER | GENERIC_ALL | GENERIC_WRITE)

/* Open keys: a handle is KEY_HANDLE_BASE + 4 * slot. */
#define KEY_HANDLE_BASE 0x20000000u
#define MAX_OPEN_KEYS 4096
static struct open_key {
	const struct reg_key *key;
	DWORD access;
} open_keys[MAX_OPEN_KEYS];
static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;

/* The key behind h, when h is open with every right in need: ERROR_SUCCESS, ERROR_INVALID_HANDLE
 * or ERROR_ACCESS_DENIED. The predefined roots have read access. */
static LONG key_of(HKEY h, DWORD need, const struct reg_key **k)
{
	uint64_t v = (uint64_t)(uintptr_t)h;
	DWORD access = KEY_READ;
	*k = NULL;
	if ((v >> 32 == 0 || v >> 32 == 0xffffffffu) && (DWORD)v >= 0x80000000u) {
		*k = regtree_root((DWORD)v - 0x80000000u); /* sign-extended as winreg.h has them, or not */
	} else if (v >= KEY_HANDLE_BASE && v < KEY_HANDLE_BASE + 4 * MAX_OPEN_KEYS && v % 4 == 0) {
		pthread_mutex_lock(&open_lock);
		*k = open_keys[(v - KEY_HANDLE_BASE) / 4].key;
		access = open_keys[(v - KEY_HANDLE_BASE) / 4].access;
		pthread_mutex_unlock(&open_lock);
	}
	if (!*k)
		return ERROR_INVALID_HANDLE;
	return (access & need) == need ? ERROR_SUCCESS : ERROR_ACCESS_DENIED;
}

static LONG new_handle(const struct reg_key *k, DWORD access, HKEY *out)
{
	pthread_mutex_lock(&open_lock);
	for (unsigned i = 0; i < MAX_OPEN_KEYS; i++)
		if (!open_keys[i].key) {
			open_keys[i] = (struct open_key){ k, access };
			pthread_mutex_unlock(&open_lock);
			*out = (HKEY)(uintptr_t)(KEY_HANDLE_BASE + 4 * i);
			return ERROR_SUCCESS;
		}
	pthread_mutex_unlock(&open_lock);
	return ERROR_TOO_MANY_OPEN_FILES;
}

/* The key at path (UTF-8, components separated by '\') under k. A leading '\' is
 * ERROR_BAD_PATHNAME; empty components ("a\\\\b", a trailing '\') are skipped, as Wine 8 does. */
static LONG walk(const struct reg_key *k, const char *path, const struct reg_key **out)
{
	if (*path == '\\')
		return ERROR_BAD_PATHNAME;
	char name[256];
	for (; *path; path += *path == '\\') {
		size_t n = strcspn(path, "\\");
		if (n == 0)
			continue;
		if (n >= sizeof name)
			return ERROR_FILE_NOT_FOUND; /* longer than any key name can be */
		memcpy(name, path, n);
		name[n] = 0;
		if (!(k = regtree_sub(k, name)))
			return ERROR_FILE_NOT_FOUND;
		path += n;
	}
	*out = k;
	return ERROR_SUCCESS;
}

static LONG open_key(HKEY h, const char *path, DWORD access, HKEY *result)
{
	const struct reg_key *k;
	if (!result)
		return ERROR_INVALID_PARAMETER;
	*result = NULL;
	LONG e = key_of(h, 0, &k);
	if (e)
		return e;
	if (access & GENERIC_READ)
		access |= KEY_READ;
	if (access & MAXIMUM_ALLOWED)
		access |= KEY_READ;
	if (access & WRITE_RIGHTS)
		return ERROR_ACCESS_DENIED; /* the registry is read-only */
	if (path && (e = walk(k, path, &k)))
		return e;
	return new_handle(k, access, result);
}

WINAPI LONG advapi32_RegOpenKeyExW(HKEY h, LPCWSTR sub, DWORD options, DWORD access, HKEY *result)
{
	(void)options; /* REG_OPTION_OPEN_LINK: there are no symbolic links */
	char *path = sub ? utf16_to_utf8_dup(sub) : NULL;
	if (sub && !path)
		return ERROR_NOT_ENOUGH_MEMORY;
	LONG e = open_key(h, path, access, result);
	free(path);
	return e;
}

WINAPI LONG advapi32_RegOpenKeyExA(HKEY h, LPCSTR sub, DWORD options, DWORD access, HKEY *result)
{
	(void)options;
	return open_key(h, sub, access, result);
}

WINAPI LONG advapi32_RegCloseKey(HKEY h)
{
	const struct reg_key *k;
	uint64_t v = (uint64_t)(uintptr_t)h;
	LONG e = key_of(h, 0, &k);
	if (e || v < KEY_HANDLE_BASE || v >= KEY_HANDLE_BASE + 4 * MAX_OPEN_KEYS)
		return e; /* closing a predefined root succeeds and changes nothing */
	pthread_mutex_lock(&open_lock);
	open_keys[(v - KEY_HANDLE_BASE) / 4].key = NULL;
	pthread_mutex_unlock(&open_lock);
	return ERROR_SUCCESS;
}

/* A value of an open key: h must allow KEY_QUERY_VALUE; name NULL or "" is the default value
 * (no key here has one). */
static LONG find_value(HKEY h, const char *name, const struct reg_value **out)
{
	const struct reg_key *k;
	LONG e = key_of(h, KEY_QUERY_VALUE, &k);
	if (e)
		return e;
	*out = regtree_value(k, name ? name : "");
	return *out ? ERROR_SUCCESS : ERROR_FILE_NOT_FOUND;
}

/* Hand data back as RegQueryValueEx does: the type, then the size alone (data NULL), the data, or
 * ERROR_MORE_DATA with the size it needs. */
static LONG give(DWORD type, const void *src, DWORD size, DWORD *type_out, BYTE *data, DWORD *cb)
{
	if (data && !cb)
		return ERROR_INVALID_PARAMETER;
	if (type_out)
		*type_out = type;
	if (!cb)
		return ERROR_SUCCESS;
	if (data && *cb < size) {
		*cb = size;
		return ERROR_MORE_DATA;
	}
	if (data)
		memcpy(data, src, size);
	*cb = size;
	return ERROR_SUCCESS;
}

static int is_string(DWORD type)
{
	return type == REG_SZ || type == REG_EXPAND_SZ || type == REG_MULTI_SZ;
}

WINAPI LONG advapi32_RegQueryValueExW(HKEY h, LPCWSTR name, DWORD *reserved, DWORD *type,
				      BYTE *data, DWORD *cb)
{
	if (reserved)
		return ERROR_INVALID_PARAMETER;
	char *n = name ? utf16_to_utf8_dup(name) : NULL;
	const struct reg_value *v;
	LONG e = find_value(h, n, &v);
	free(n);
	return e ? e : give(v->type, v->data, v->size, type, data, cb);
}

/* The A form: strings in the ANSI code page (UTF-8 here), NULs kept. */
WINAPI LONG advapi32_RegQueryValueExA(HKEY h, LPCSTR name, DWORD *reserved, DWORD *type,
				      BYTE *data, DWORD *cb)
{
	const struct reg_value *v;
	LONG e = reserved ? ERROR_INVALID_PARAMETER : find_value(h, name, &v);
	if (e)
		return e;
	if (!is_string(v->type))
		return give(v->type, v->data, v->size, type, data, cb);
	const WCHAR *w = (const WCHAR *)v->data;
	size_t n = utf16_to_utf8(w, v->size / 2, NULL, 0);
	char *s = malloc(n ? n : 1);
	if (!s)
		return ERROR_NOT_ENOUGH_MEMORY;
	utf16_to_utf8(w, v->size / 2, s, n);
	e = give(v->type, s, (DWORD)n, type, data, cb);
	free(s);
	return e;
}

/* RegGetValue's RRF_RT_* bit for a type (0: a type it cannot ask for). */
static DWORD rrf_type(DWORD type)
{
	switch (type) {
	case REG_NONE: return 0x1;
	case REG_SZ: return 0x2;
	case REG_EXPAND_SZ: return 0x4;
	case REG_BINARY: return 0x8;
	case REG_DWORD: return 0x10;
	case REG_MULTI_SZ: return 0x20;
	case REG_QWORD: return 0x40;
	}
	return 0;
}
#define RRF_RT_REG_EXPAND_SZ 0x4
#define RRF_NOEXPAND 0x10000000
#define RRF_ZEROONFAILURE 0x20000000

/* No value here is REG_EXPAND_SZ (registry.def). Flags that allow no type allow no value. */
WINAPI LONG advapi32_RegGetValueW(HKEY h, LPCWSTR sub, LPCWSTR name, DWORD flags, DWORD *type,
				  void *data, DWORD *cb)
{
	HKEY k = h;
	const struct reg_value *v;
	DWORD size = cb ? *cb : 0;
	if ((data && !cb) || ((flags & RRF_RT_REG_EXPAND_SZ) && !(flags & RRF_NOEXPAND)))
		return ERROR_INVALID_PARAMETER; /* expanding is asked for: there is nothing to expand */
	LONG e = sub && *sub ? advapi32_RegOpenKeyExW(h, sub, 0, KEY_QUERY_VALUE, &k) : 0;
	if (e)
		return e;
	char *n = name ? utf16_to_utf8_dup(name) : NULL;
	e = find_value(k, n, &v);
	free(n);
	if (k != h)
		advapi32_RegCloseKey(k);
	if (!e && !(rrf_type(v->type) & flags))
		e = ERROR_UNSUPPORTED_TYPE;
	if (!e)
		e = give(v->type, v->data, v->size, type, data, cb);
	if (e && data && (flags & RRF_ZEROONFAILURE))
		memset(data, 0, size);
	return e;
}

/* A name into a caller's buffer of *len characters: ERROR_MORE_DATA when it and its NUL do not fit
 * (*len unchanged), else *len is its length without the NUL. */
static LONG give_name(const char *name, LPWSTR buf, DWORD *len)
{
	if (!buf || !len)
		return ERROR_INVALID_PARAMETER;
	size_t n = utf8_to_utf16(name, -1, NULL, 0);
	if (n > *len)
		return ERROR_MORE_DATA;
	utf8_to_utf16(name, -1, buf, n);
	*len = (DWORD)n - 1;
	return ERROR_SUCCESS;
}

/* Keys have no class and no recorded write time: the class is "" and the time 0 (1601). */
static LONG give_class(LPWSTR cls, DWORD *cls_len, FILETIME *written)
{
	if (cls && cls_len) {
		if (*cls_len < 1)
			return ERROR_MORE_DATA;
		cls[0] = 0;
	}
	if (cls_len)
		*cls_len = 0;
	if (written)
		memset(written, 0, sizeof *written);
	return ERROR_SUCCESS;
}

WINAPI LONG advapi32_RegEnumKeyExW(HKEY h, DWORD index, LPWSTR name, DWORD *name_len,
				   DWORD *reserved, LPWSTR cls, DWORD *cls_len, FILETIME *written)
{
	const struct reg_key *k;
	LONG e = reserved ? ERROR_INVALID_PARAMETER : key_of(h, KEY_ENUMERATE_SUB_KEYS, &k);
	if (e)
		return e;
	if (index >= k->nsub)
		return ERROR_NO_MORE_ITEMS;
	if ((e = give_name(k->sub[index]->name, name, name_len)))
		return e;
	return give_class(cls, cls_len, written);
}

WINAPI LONG advapi32_RegEnumValueW(HKEY h, DWORD index, LPWSTR name, DWORD *name_len,
				   DWORD *reserved, DWORD *type, BYTE *data, DWORD *cb)
{
	const struct reg_key *k;
	LONG e = reserved ? ERROR_INVALID_PARAMETER : key_of(h, KEY_QUERY_VALUE, &k);
	if (e)
		return e;
	if (index >= k->nval)
		return ERROR_NO_MORE_ITEMS;
	const struct reg_value *v = &k->val[index];
	if ((e = give_name(v->name, name, name_len)))
		return e;
	return give(v->type, v->data, v->size, type, data, cb);
}

static DWORD name_units(const char *s)
{
	return (DWORD)utf8_to_utf16(s, -1, NULL, 0) - 1;
}

WINAPI LONG advapi32_RegQueryInfoKeyW(HKEY h, LPWSTR cls, DWORD *cls_len, DWORD *reserved,
				      DWORD *nsub, DWORD *max_sub, DWORD *max_cls, DWORD *nval,
				      DWORD *max_name, DWORD *max_data, DWORD *sd_size,
				      FILETIME *written)
{
	const struct reg_key *k;
	LONG e = reserved ? ERROR_INVALID_PARAMETER : key_of(h, KEY_QUERY_VALUE, &k);
	if (e || (e = give_class(cls, cls_len, written)))
		return e;
	DWORD ms = 0, mn = 0, md = 0;
	for (unsigned i = 0; i < k->nsub; i++)
		if (name_units(k->sub[i]->name) > ms)
			ms = name_units(k->sub[i]->name);
	for (unsigned i = 0; i < k->nval; i++) {
		if (name_units(k->val[i].name) > mn)
			mn = name_units(k->val[i].name);
		if (k->val[i].size > md)
			md = k->val[i].size;
	}
	if (nsub)
		*nsub = k->nsub;
	if (max_sub)
		*max_sub = ms;
	if (max_cls)
		*max_cls = 0;
	if (nval)
		*nval = k->nval;
	if (max_name)
		*max_name = mn;
	if (max_data)
		*max_data = md;
	if (sd_size)
		*sd_size = 0; /* keys have no security descriptors here */
	return ERROR_SUCCESS;
}

/* No value here is an "@file,-id" resource reference (registry.def keeps no MUI_ values), so there
 * is nothing to load: a missing value is ERROR_FILE_NOT_FOUND, a plain string ERROR_INVALID_DATA
 * (as Wine 8 answers for one), and the caller falls back to the plain value (Go's time does). */
#define REG_MUI_STRING_TRUNCATE 1
WINAPI LONG advapi32_RegLoadMUIStringW(HKEY h, LPCWSTR name, LPWSTR buf, DWORD buf_size,
				       DWORD *copied, DWORD flags, LPCWSTR dir)
{
	(void)copied, (void)dir;
	const struct reg_value *v;
	if ((flags & ~REG_MUI_STRING_TRUNCATE) || (!buf && buf_size))
		return ERROR_INVALID_PARAMETER;
	char *n = name ? utf16_to_utf8_dup(name) : NULL;
	LONG e = find_value(h, n, &v);
	free(n);
	return e ? e : ERROR_INVALID_DATA;
}

/* Writing: the registry is read-only. A valid key gives ERROR_ACCESS_DENIED, as a key the caller
 * may not write does on Windows. */
static LONG refuse(HKEY h)
{
	const struct reg_key *k;
	LONG e = key_of(h, 0, &k);
	return e ? e : ERROR_ACCESS_DENIED;
}

WINAPI LONG advapi32_RegCreateKeyExW(HKEY h, LPCWSTR sub, DWORD reserved, LPWSTR cls, DWORD options,
				     DWORD access, void *sa, HKEY *result, DWORD *disposition)
{
	(void)sub, (void)reserved, (void)cls, (void)options, (void)access, (void)sa, (void)disposition;
	if (result)
		*result = NULL;
	return refuse(h);
}

WINAPI LONG advapi32_RegCreateKeyExA(HKEY h, LPCSTR sub, DWORD reserved, LPSTR cls, DWORD options,
				     DWORD access, void *sa, HKEY *result, DWORD *disposition)
{
	(void)sub, (void)reserved, (void)cls, (void)options, (void)access, (void)sa, (void)disposition;
	if (result)
		*result = NULL;
	return refuse(h);
}

WINAPI LONG advapi32_RegSetValueExW(HKEY h, LPCWSTR name, DWORD reserved, DWORD type,
				    const BYTE *data, DWORD size)
{
	(void)name, (void)reserved, (void)type, (void)data, (void)size;
	return refuse(h);
}

WINAPI LONG advapi32_RegSetValueExA(HKEY h, LPCSTR name, DWORD reserved, DWORD type,
				    const BYTE *data, DWORD size)
{
	(void)name, (void)reserved, (void)type, (void)data, (void)size;
	return refuse(h);
}

WINAPI LONG advapi32_RegDeleteKeyW(HKEY h, LPCWSTR sub)
{
	(void)sub;
	return refuse(h);
}

WINAPI LONG advapi32_RegDeleteKeyA(HKEY h, LPCSTR sub)
{
	(void)sub;
	return refuse(h);
}

WINAPI LONG advapi32_RegDeleteValueW(HKEY h, LPCWSTR name)
{
	(void)name;
	return refuse(h);
}

WINAPI LONG advapi32_RegDeleteValueA(HKEY h, LPCSTR name)
{
	(void)name;
	return refuse(h);
}
