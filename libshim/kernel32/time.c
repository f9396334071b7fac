/* Time: the system time as FILETIME/SYSTEMTIME, local time through the host's time zone (TZ,
 * /etc/localtime), the performance counter (CLOCK_MONOTONIC in 100 ns ticks: 10 MHz, as current
 * Windows reports) and the tick count (milliseconds since boot, CLOCK_BOOTTIME). */
#include <string.h>
#include <time.h>
#include "../ntdll/unicode.h"
#include "fileinfo.h"
#include "kernel32.h"
#include "systime.h"

static struct timespec now(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return ts;
}

WINAPI void kernel32_GetSystemTimeAsFileTime(FILETIME *ft)
{
	*ft = filetime_from_timespec(now(CLOCK_REALTIME));
}

WINAPI void kernel32_GetSystemTimePreciseAsFileTime(FILETIME *ft)
{
	*ft = filetime_from_timespec(now(CLOCK_REALTIME));
}

/* Days since 1601-01-01 <-> a civil date (proleptic Gregorian; 1601 starts a 400-year cycle). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468 + 134774; /* 134774: days from 1601 to 1970 */
}

static void civil_from_days(int64_t z, SYSTEMTIME *st)
{
	st->wDayOfWeek = (WORD)((z + 1) % 7); /* 1601-01-01 was a Monday */
	z += 719468 - 134774;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	st->wDay = (WORD)(doy - (153 * mp + 2) / 5 + 1);
	st->wMonth = (WORD)(mp < 10 ? mp + 3 : mp - 9);
	st->wYear = (WORD)(yoe + era * 400 + (st->wMonth <= 2));
}

void systime_from_filetime(uint64_t v, SYSTEMTIME *st)
{
	uint64_t ms = v / 10000, day = ms / 86400000, in = ms % 86400000;
	civil_from_days((int64_t)day, st);
	st->wHour = (WORD)(in / 3600000);
	st->wMinute = (WORD)(in / 60000 % 60);
	st->wSecond = (WORD)(in / 1000 % 60);
	st->wMilliseconds = (WORD)(in % 1000);
}

int systime_to_filetime(const SYSTEMTIME *st, uint64_t *v)
{
	static const unsigned char mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	unsigned y = st->wYear, m = st->wMonth;
	if (y < 1601 || y > 30827 || m < 1 || m > 12 || st->wHour > 23 || st->wMinute > 59 ||
	    st->wSecond > 59 || st->wMilliseconds > 999 || st->wDay < 1)
		return -1;
	unsigned leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (st->wDay > mdays[m - 1] + (m == 2 && leap))
		return -1;
	int64_t days = days_from_civil(y, m, st->wDay);
	*v = (uint64_t)((((days * 24 + st->wHour) * 60 + st->wMinute) * 60 + st->wSecond) * 1000 +
			st->wMilliseconds) * 10000;
	return 0;
}

WINAPI void kernel32_GetSystemTime(SYSTEMTIME *st)
{
	FILETIME ft;
	kernel32_GetSystemTimeAsFileTime(&ft);
	systime_from_filetime(filetime_value(&ft), st);
}

/* The host's offset from UTC now (seconds east), as Windows applies the current bias. */
static long local_offset(time_t t)
{
	struct tm tm;
	localtime_r(&t, &tm);
	return tm.tm_gmtoff;
}

WINAPI void kernel32_GetLocalTime(SYSTEMTIME *st)
{
	FILETIME ft;
	kernel32_GetSystemTimeAsFileTime(&ft);
	systime_from_filetime(filetime_value(&ft) + (uint64_t)(local_offset(time(0)) * 10000000LL), st);
}

WINAPI BOOL kernel32_SystemTimeToFileTime(const SYSTEMTIME *st, FILETIME *ft)
{
	uint64_t v;
	if (systime_to_filetime(st, &v) < 0) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	*ft = filetime_make(v);
	return TRUE;
}

WINAPI BOOL kernel32_FileTimeToSystemTime(const FILETIME *ft, SYSTEMTIME *st)
{
	uint64_t v = filetime_value(ft);
	if (v >= 0x8000000000000000ULL) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	systime_from_filetime(v, st);
	return TRUE;
}

WINAPI BOOL kernel32_FileTimeToLocalFileTime(const FILETIME *ft, FILETIME *local)
{
	*local = filetime_make(filetime_value(ft) + (uint64_t)(local_offset(time(0)) * 10000000LL));
	return TRUE;
}

WINAPI BOOL kernel32_LocalFileTimeToFileTime(const FILETIME *local, FILETIME *ft)
{
	*ft = filetime_make(filetime_value(local) - (uint64_t)(local_offset(time(0)) * 10000000LL));
	return TRUE;
}

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

#define TIME_ZONE_ID_UNKNOWN 0
#define TIME_ZONE_ID_STANDARD 1
#define TIME_ZONE_ID_DAYLIGHT 2

/* The first moment after t (within a year) when daylight saving starts or ends, or -1. */
static time_t next_change(time_t t)
{
	struct tm a, b;
	localtime_r(&t, &a);
	time_t lo = t, hi = t;
	for (int days = 1; days <= 366; days++) {
		hi = t + days * 86400;
		localtime_r(&hi, &b);
		if (b.tm_isdst != a.tm_isdst)
			break;
		lo = hi;
	}
	if (b.tm_isdst == a.tm_isdst)
		return -1;
	while (hi - lo > 1) {
		time_t mid = lo + (hi - lo) / 2;
		localtime_r(&mid, &b);
		if (b.tm_isdst == a.tm_isdst)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

/* A change as Windows' rule form: month, weekday, its week in the month (5: the last), and the
 * local time it happens at (by the clock before the change). */
static SYSTEMTIME rule(time_t change)
{
	time_t before = change - 1;
	struct tm tm;
	localtime_r(&before, &tm);
	tm.tm_sec++; /* the wall time the change happens at */
	SYSTEMTIME st = { 0 };
	st.wMonth = (WORD)(tm.tm_mon + 1);
	st.wDayOfWeek = (WORD)tm.tm_wday;
	st.wDay = (WORD)(tm.tm_mday + 7 > 31 || (tm.tm_mday + 7 > 28 && tm.tm_mon == 1) ? 5
			 : (tm.tm_mday - 1) / 7 + 1);
	if (tm.tm_sec == 60)
		tm.tm_sec = 0, tm.tm_min++;
	if (tm.tm_min == 60)
		tm.tm_min = 0, tm.tm_hour++;
	st.wHour = (WORD)tm.tm_hour;
	st.wMinute = (WORD)tm.tm_min;
	return st;
}

WINAPI DWORD kernel32_GetTimeZoneInformation(TIME_ZONE_INFORMATION *tz)
{
	memset(tz, 0, sizeof *tz);
	time_t t = time(0);
	tzset();
	struct tm tm;
	localtime_r(&t, &tm);
	time_t c1 = next_change(t), c2 = c1 < 0 ? -1 : next_change(c1 + 1);
	long std_off = tm.tm_gmtoff, dst_off = tm.tm_gmtoff;
	if (c1 >= 0) {
		struct tm other;
		localtime_r(&c1, &other);
		if (tm.tm_isdst)
			std_off = other.tm_gmtoff;
		else
			dst_off = other.tm_gmtoff;
	}
	tz->Bias = (LONG)(-std_off / 60);
	utf8_to_utf16(tzname[0], -1, tz->StandardName, 31);
	utf8_to_utf16(tzname[1] ? tzname[1] : tzname[0], -1, tz->DaylightName, 31);
	if (c2 < 0)
		return TIME_ZONE_ID_UNKNOWN;
	tz->DaylightBias = (LONG)(-(dst_off - std_off) / 60);
	/* c1 starts whatever is not in effect now; c2 switches back. */
	tz->DaylightDate = rule(tm.tm_isdst ? c2 : c1);
	tz->StandardDate = rule(tm.tm_isdst ? c1 : c2);
	return tm.tm_isdst ? TIME_ZONE_ID_DAYLIGHT : TIME_ZONE_ID_STANDARD;
}

WINAPI BOOL kernel32_QueryPerformanceCounter(LARGE_INTEGER *c)
{
	struct timespec ts = now(CLOCK_MONOTONIC);
	c->QuadPart = (LONGLONG)ts.tv_sec * 10000000 + ts.tv_nsec / 100;
	return TRUE;
}

WINAPI BOOL kernel32_QueryPerformanceFrequency(LARGE_INTEGER *f)
{
	f->QuadPart = 10000000;
	return TRUE;
}

WINAPI ULONGLONG kernel32_GetTickCount64(void)
{
	struct timespec ts = now(CLOCK_BOOTTIME);
	return (ULONGLONG)ts.tv_sec * 1000 + (ULONGLONG)ts.tv_nsec / 1000000;
}

WINAPI DWORD kernel32_GetTickCount(void)
{
	return (DWORD)kernel32_GetTickCount64();
}

WINAPI LONG kernel32_CompareFileTime(const FILETIME *a, const FILETIME *b)
{
	uint64_t x = filetime_value(a), y = filetime_value(b);
	return x < y ? -1 : x > y;
}
