/* The table of Windows time zones (timezones.def) and the rule of each (zones.h). */
#include <stdio.h>
#include <string.h>
#include "zones.h"

const struct zone zones[] = {
#define ZONE(key, std, dlt, display, iana) { key, std, dlt, display, iana },
#include "timezones.def"
#undef ZONE
};
const unsigned zones_count = sizeof zones / sizeof zones[0];

/* Whether name is one of the space-separated words of list. */
static int listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; *p;) {
		size_t w = strcspn(p, " ");
		if (w == n && memcmp(p, name, n) == 0)
			return 1;
		p += w;
		p += *p == ' ';
	}
	return 0;
}

const struct zone *zones_by_iana(const char *name)
{
	for (unsigned i = 0; i < zones_count; i++)
		if (listed(zones[i].iana, name))
			return &zones[i];
	return NULL;
}

int zones_tzi(const struct zone *z, REG_TZI_FORMAT *tzi)
{
	char path[128], rule[128];
	int n = (int)strcspn(z->iana, " ");
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%.*s", n, z->iana);
	if (tzrule_from_file(path, rule, sizeof rule) < 0)
		return -1;
	return tzrule_parse(rule, tzi, NULL, NULL);
}
