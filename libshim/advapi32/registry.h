/* xabi's registry: a read-only tree built once from registry.def and timezones.def
 * (registry_tree.c), read through advapi32's Reg* functions (registry.c). */
#ifndef XABI_ADVAPI32_REGISTRY_H
#define XABI_ADVAPI32_REGISTRY_H

#include "../windef.h"

#define REG_NONE 0
#define REG_SZ 1
#define REG_EXPAND_SZ 2
#define REG_BINARY 3
#define REG_DWORD 4
#define REG_MULTI_SZ 7
#define REG_QWORD 11

struct reg_value {
	const char *name;
	DWORD type;
	const BYTE *data; /* strings as UTF-16 with their NUL, as Windows stores them */
	DWORD size;
};

struct reg_key {
	const char *name;
	struct reg_key **sub; /* in the registry's order: by name, case folded to upper case */
	unsigned nsub;
	struct reg_value *val; /* in the order they were added */
	unsigned nval;
};

/* The predefined root 0x80000000 + i (HKEY_CLASSES_ROOT...), or NULL for one xabi does not have
 * (HKEY_PERFORMANCE_DATA, HKEY_DYN_DATA). */
struct reg_key *regtree_root(unsigned i);
/* A subkey or value by name, without regard to case; NULL if there is none. */
struct reg_key *regtree_sub(const struct reg_key *k, const char *name);
const struct reg_value *regtree_value(const struct reg_key *k, const char *name);

#endif
