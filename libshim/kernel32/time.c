/* Time: the system time as FILETIME/SYSTEMTIME, local time through the host's time zone (TZ,
 * /etc/localtime; the zone as Windows describes it is timezone.c's), the performance counter
 * (CLOCK_MONOTONIC in 100 ns ticks: 10 MHz, as current Windows reports) and the tick count
 * (milliseconds since boot, CLOCK_BOOTTIME). */
#include <time.h>
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
