/* GetTimeZoneInformation and GetDynamicTimeZoneInformation: the host's zone (TZ, else
 * /etc/localtime) as the Windows zone windowsZones.xml maps it to (advapi32/zones.h), with the
 * names and the rule that zone's registry key has, so that a program matching the two (Go's
 * time.Local) finds it. A host zone with no Windows zone, or whose rule today differs from its
 * Windows zone's (the host's tzdata is newer than Windows' zones), is the first Windows zone with
 * the same rule (Asia/Bishkek, +06 since 2024: "Bangladesh Standard Time"), else its own rule and
 * abbreviations (no registry key has it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../advapi32/zones.h"
#include "../ntdll/unicode.h"
#include "kernel32.h"

typedef struct {
	LONG Bias;
	WCHAR StandardName[32];
	SYSTEMTIME StandardDate;
	LONG StandardBias;
	WCHAR DaylightName[32];
	SYSTEMTIME DaylightDate;
	LONG DaylightBias;
} TIME_ZONE_INFORMATION;
_Static_assert(sizeof(TIME_ZONE_INFORMATION) == 172, "TIME_ZONE_INFORMATION");

typedef struct {
	TIME_ZONE_INFORMATION tzi;
	WCHAR TimeZoneKeyName[128];
	BOOLEAN DynamicDaylightTimeDisabled;
} DYNAMIC_TIME_ZONE_INFORMATION;
_Static_assert(sizeof(DYNAMIC_TIME_ZONE_INFORMATION) == 432, "DYNAMIC_TIME_ZONE_INFORMATION");

#define TIME_ZONE_ID_UNKNOWN 0
#define TIME_ZONE_ID_STANDARD 1
#define TIME_ZONE_ID_DAYLIGHT 2

#define ZONEINFO "/usr/share/zoneinfo/"

struct host_zone {
	const struct zone *zone; /* NULL: none fits */
	REG_TZI_FORMAT tzi;
	char std[16], dlt[16];
};

/* The IANA name of /etc/localtime: its link's target below a zoneinfo directory, else Debian's
 * /etc/timezone. */
static int localtime_name(char *name, size_t cap)
{
	char target[256];
	ssize_t n = readlink("/etc/localtime", target, sizeof target - 1);
	if (n > 0) {
		target[n] = 0;
		const char *z = strstr(target, "zoneinfo/");
		if (!z || strlen(z + 9) >= cap)
			return -1;
		strcpy(name, z + 9);
		return 0;
	}
	FILE *f = fopen("/etc/timezone", "re");
	if (!f)
		return -1;
	int ok = fgets(name, (int)cap, f) != NULL;
	fclose(f);
	name[strcspn(name, "\n")] = 0;
	return ok && *name ? 0 : -1;
}

static int same_rule(const struct zone *z, const REG_TZI_FORMAT *tzi)
{
	REG_TZI_FORMAT windows;
	return z && zones_tzi(z, &windows) == 0 && memcmp(&windows, tzi, sizeof windows) == 0;
}

/* The host's zone as the host's C library reads it: TZ (":NAME", "NAME", "/path" or a POSIX TZ
 * string; empty is UTC), else /etc/localtime, else UTC. */
static void host_zone(struct host_zone *hz)
{
	char name[128] = "", path[256] = "", rule[128];
	const char *tz = getenv("TZ");
	memset(hz, 0, sizeof *hz);
	if (tz && *tz == ':')
		tz++;
	if (!tz) {
		strcpy(path, "/etc/localtime");
		localtime_name(name, sizeof name);
	} else if (*tz == '/') {
		snprintf(path, sizeof path, "%s", tz);
		const char *z = strstr(tz, "zoneinfo/");
		if (z)
			snprintf(name, sizeof name, "%s", z + 9);
	} else if (*tz && !strstr(tz, "..") && strlen(tz) < sizeof name) {
		strcpy(name, tz);
		snprintf(path, sizeof path, ZONEINFO "%s", tz);
	}
	if (!(*path && tzrule_from_file(path, rule, sizeof rule) == 0 &&
	      tzrule_parse(rule, &hz->tzi, hz->std, hz->dlt) == 0) &&
	    !(tz && *tz && tzrule_parse(tz, &hz->tzi, hz->std, hz->dlt) == 0)) {
		tzrule_parse("UTC0", &hz->tzi, hz->std, hz->dlt);
		strcpy(name, "UTC");
	}
	hz->zone = zones_by_iana(name);
	if (same_rule(hz->zone, &hz->tzi))
		return;
	hz->zone = NULL;
	for (unsigned i = 0; i < zones_count && !hz->zone; i++)
		if (same_rule(&zones[i], &hz->tzi))
			hz->zone = &zones[i];
}

static DWORD fill(TIME_ZONE_INFORMATION *tz, const struct host_zone *hz)
{
	memset(tz, 0, sizeof *tz);
	tz->Bias = hz->tzi.Bias;
	tz->StandardBias = hz->tzi.StandardBias;
	tz->DaylightBias = hz->tzi.DaylightBias;
	tz->StandardDate = hz->tzi.StandardDate;
	tz->DaylightDate = hz->tzi.DaylightDate;
	utf8_to_utf16(hz->zone ? hz->zone->std : hz->std, -1, tz->StandardName, 31);
	utf8_to_utf16(hz->zone ? hz->zone->dlt : hz->dlt, -1, tz->DaylightName, 31);
	if (!tz->StandardDate.wMonth)
		return TIME_ZONE_ID_UNKNOWN;
	return tzi_is_daylight(&hz->tzi, time(0)) ? TIME_ZONE_ID_DAYLIGHT : TIME_ZONE_ID_STANDARD;
}

WINAPI DWORD kernel32_GetTimeZoneInformation(TIME_ZONE_INFORMATION *tz)
{
	struct host_zone hz;
	host_zone(&hz);
	return fill(tz, &hz);
}

WINAPI DWORD kernel32_GetDynamicTimeZoneInformation(DYNAMIC_TIME_ZONE_INFORMATION *d)
{
	struct host_zone hz;
	host_zone(&hz);
	memset(d, 0, sizeof *d);
	utf8_to_utf16(hz.zone ? hz.zone->key : "", -1, d->TimeZoneKeyName, 127);
	return fill(&d->tzi, &hz);
}
