/* Windows time zones (timezones.def) and their rules, for the registry's Time Zones keys
 * (registry_tree.c) and kernel32's GetTimeZoneInformation (kernel32/timezone.c), so that both say
 * the same. A zone's rule comes from the host's tzdata: the POSIX TZ string at the end of
 * /usr/share/zoneinfo/ZONE (RFC 8536's footer) turned into Windows' yearly rule (tzrule.c). */
#ifndef XABI_ADVAPI32_ZONES_H
#define XABI_ADVAPI32_ZONES_H

#include <time.h>
#include "../kernel32/systime.h"

/* REG_TZI_FORMAT, a zone's TZI value. A date is a yearly rule: wMonth, wDayOfWeek, wDay the week
 * of the month (5: the last), and the local time of the change; wMonth 0: no daylight time. */
typedef struct {
	LONG Bias, StandardBias, DaylightBias;
	SYSTEMTIME StandardDate, DaylightDate;
} REG_TZI_FORMAT;
_Static_assert(sizeof(REG_TZI_FORMAT) == 44, "REG_TZI_FORMAT");

struct zone {
	const char *key, *std, *dlt, *display;
	const char *iana; /* space-separated; the first gives the rule */
};

extern const struct zone zones[];
extern const unsigned zones_count;

/* The Windows zone an IANA zone name maps to (windowsZones.xml), or NULL. */
const struct zone *zones_by_iana(const char *name);
/* The zone's TZI from the host's tzdata: 0, or -1 when the rule cannot be read or has no Windows
 * form. */
int zones_tzi(const struct zone *z, REG_TZI_FORMAT *tzi);

/* The POSIX TZ string at the end of a tzfile, in buf: 0, or -1 (no file, no footer). */
int tzrule_from_file(const char *path, char *buf, size_t cap);
/* A POSIX TZ string as a TZI, with its abbreviations (std, dlt: 16 bytes each, or NULL): 0, or -1
 * when it is not a rule Windows' form can hold (day-of-year dates). Daylight time behind standard
 * time (Europe/Dublin's winter "GMT") is turned round, as Windows has it. */
int tzrule_parse(const char *rule, REG_TZI_FORMAT *tzi, char *std, char *dlt);
/* Whether daylight time is in effect at t under tzi. */
int tzi_is_daylight(const REG_TZI_FORMAT *tzi, time_t t);

#endif
