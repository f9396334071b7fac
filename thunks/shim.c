/* Looking up the shim's generated export tables (thunks/shim.h). */
#include <string.h>
#include <strings.h>
#include "shim.h"

/* A path in the system directory: the DLL name in it, else NULL (libshim/kernel32/sysdir.c). */
const char *system_directory_dll(const char *name);

/* The DLL an API set stands for, by Windows' API-set schema: every api-ms-win-crt-*.dll (the
 * UCRT's contracts) is ucrtbase.dll; of the api-ms-win-core-*.dll contracts, rtlsupport is
 * ntdll.dll and the rest kernelbase.dll. Other names are themselves. */
static const char *api_set_host(const char *name)
{
	if (!strncasecmp(name, "api-ms-win-crt-", 15))
		return "ucrtbase.dll";
	if (!strncasecmp(name, "api-ms-win-core-rtlsupport-", 27))
		return "ntdll.dll";
	if (!strncasecmp(name, "api-ms-win-core-", 16))
		return "kernelbase.dll";
	return name;
}

const struct shim_dll *shim_find_dll(const char *name)
{
	const char *in_sysdir = strpbrk(name, "\\/") ? system_directory_dll(name) : 0;
	name = api_set_host(in_sysdir ? in_sysdir : name);
	size_t n = strlen(name);
	if (n > 4 && !strcasecmp(name + n - 4, ".dll"))
		n -= 4;
	for (unsigned i = 0; i < shim_ndlls; i++) {
		const char *s = shim_dlls[i].name;
		if (strlen(s) == n + 4 && !strncasecmp(s, name, n))
			return &shim_dlls[i];
	}
	return 0;
}

static const struct shim_export *find_by_name(const struct shim_dll *dll, const char *name)
{
	unsigned lo = 0, hi = dll->nexports;
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		int c = strcmp(name, dll->exports[mid].name);
		if (!c)
			return &dll->exports[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

const struct shim_export *shim_find_export(const struct shim_dll *dll, const char *name,
					   unsigned ordinal)
{
	if (!name) {
		for (unsigned i = 0; i < dll->nexports; i++)
			if (dll->exports[i].ordinal && dll->exports[i].ordinal == ordinal)
				return &dll->exports[i];
		return 0;
	}
	const struct shim_export *e = find_by_name(dll, name);
	/* kernelbase.dll has most of kernel32's functions (kernel32 forwards them there), so a
	 * name kernelbase's own spec lacks is looked for in kernel32's. */
	if (!e && !strcasecmp(dll->name, "kernelbase.dll"))
		e = find_by_name(shim_find_dll("kernel32.dll"), name);
	return e;
}
