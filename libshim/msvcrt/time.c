/* msvcrt's time functions. On x64 time_t is 64 bits, so time, localtime, mktime and the rest are
 * the _*64 functions (the spec binds both names to one function). As msvcrt does: times before
 * 1970 or after 3000-12-31 23:59:59 are refused (NULL or -1, EINVAL), asctime pads the day with a
 * zero, clock() counts milliseconds since the process started. strftime is strftime.c's. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <time.h>
#include "../kernel32/kernel32.h"
#include "../kernel32/path.h"
#include "../ntdll/unicode.h"
#include "crt.h"
#include "files.h"
#include "msvcrt.h"

#define MAX_TIME64 32535215999LL /* 3000-12-31 23:59:59 UTC */

static __thread struct tm_ms tm_buf;
static __thread char asc_buf[64];
static struct timespec process_start;

__attribute__((constructor)) static void note_start(void)
{
	clock_gettime(CLOCK_MONOTONIC, &process_start);
}

WINAPI int64_t msvcrt__time64(int64_t *t)
{
	int64_t now = time(0);
	if (t)
		*t = now;
	return now;
}

WINAPI int32_t msvcrt__time32(int32_t *t)
{
	int32_t now = (int32_t)time(0);
	if (t)
		*t = now;
	return now;
}

WINAPI double msvcrt__difftime64(int64_t a, int64_t b)
{
	return (double)(a - b);
}

static struct tm_ms *convert(const int64_t *t, int local)
{
	if (!t || *t < 0 || *t > MAX_TIME64) {
		*msvcrt__errno() = 22;
		return 0;
	}
	time_t v = (time_t)*t;
	struct tm tm;
	if (local)
		localtime_r(&v, &tm);
	else
		gmtime_r(&v, &tm);
	tm_buf = (struct tm_ms){ tm.tm_sec, tm.tm_min, tm.tm_hour, tm.tm_mday, tm.tm_mon,
				 tm.tm_year, tm.tm_wday, tm.tm_yday, local ? tm.tm_isdst > 0 : 0 };
	return &tm_buf;
}

WINAPI struct tm_ms *msvcrt__localtime64(const int64_t *t)
{
	return convert(t, 1);
}

WINAPI struct tm_ms *msvcrt__gmtime64(const int64_t *t)
{
	return convert(t, 0);
}

/* The fields are normalised in place, as mktime does. */
WINAPI int64_t msvcrt__mktime64(struct tm_ms *m)
{
	struct tm tm = { .tm_sec = m->tm_sec, .tm_min = m->tm_min, .tm_hour = m->tm_hour,
			 .tm_mday = m->tm_mday, .tm_mon = m->tm_mon, .tm_year = m->tm_year,
			 .tm_isdst = m->tm_isdst };
	time_t t = mktime(&tm);
	if (t == (time_t)-1 || t < 0 || t > MAX_TIME64) {
		*msvcrt__errno() = 22;
		return -1;
	}
	*m = (struct tm_ms){ tm.tm_sec, tm.tm_min, tm.tm_hour, tm.tm_mday, tm.tm_mon,
			     tm.tm_year, tm.tm_wday, tm.tm_yday, tm.tm_isdst > 0 };
	return t;
}

/* "Wed Jan 02 02:03:55 1980\n". */
WINAPI char *msvcrt_asctime(const struct tm_ms *m)
{
	if (!m || m->tm_wday < 0 || m->tm_wday > 6 || m->tm_mon < 0 || m->tm_mon > 11) {
		*msvcrt__errno() = 22;
		return 0;
	}
	snprintf(asc_buf, sizeof asc_buf, "%.3s %.3s %02d %02d:%02d:%02d %4d\n", crt_days[m->tm_wday],
		 crt_months[m->tm_mon], m->tm_mday, m->tm_hour, m->tm_min, m->tm_sec, m->tm_year + 1900);
	return asc_buf;
}

WINAPI char *msvcrt__ctime64(const int64_t *t)
{
	struct tm_ms *m = msvcrt__localtime64(t);
	return m ? msvcrt_asctime(m) : 0;
}

WINAPI LONG msvcrt_clock(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (LONG)((now.tv_sec - process_start.tv_sec) * 1000 +
		      (now.tv_nsec - process_start.tv_nsec) / 1000000);
}

struct timeb64 {
	int64_t time;
	unsigned short millitm;
	short timezone, dstflag;
};

/* timezone: minutes west of UTC (standard time); dstflag: daylight saving in effect now. */
WINAPI void msvcrt__ftime64(struct timeb64 *tb)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	localtime_r(&ts.tv_sec, &tm);
	tzset();
	tb->time = ts.tv_sec;
	tb->millitm = (unsigned short)(ts.tv_nsec / 1000000);
	tb->timezone = (short)(timezone / 60);
	tb->dstflag = (short)(tm.tm_isdst > 0);
}

struct utimbuf64 {
	int64_t actime, modtime;
};

static void times_of(const struct utimbuf64 *b, struct timespec ts[2])
{
	if (b) {
		ts[0] = (struct timespec){ b->actime, 0 };
		ts[1] = (struct timespec){ b->modtime, 0 };
	} else {
		ts[0] = ts[1] = (struct timespec){ 0, UTIME_NOW };
	}
}

/* A NULL buf sets both times to now. */
WINAPI int msvcrt__utime64(const char *path, const struct utimbuf64 *b)
{
	char *host = path_to_host(path);
	struct timespec ts[2];
	times_of(b, ts);
	if (!host) {
		msvcrt_set_errno_win(kernel32_GetLastError());
		return -1;
	}
	int r = utimensat(AT_FDCWD, host, ts, 0);
	if (r < 0)
		msvcrt_set_errno(errno);
	free(host);
	return r < 0 ? -1 : 0;
}

WINAPI int msvcrt__wutime64(const WCHAR *path, const struct utimbuf64 *b)
{
	char *a = utf16_to_utf8_dup(path);
	int r = a ? msvcrt__utime64(a, b) : (*msvcrt__errno() = 12, -1);
	free(a);
	return r;
}

WINAPI int msvcrt__futime64(int fd, const struct utimbuf64 *b)
{
	struct timespec ts[2];
	times_of(b, ts);
	if (futimens(fd, ts) < 0) {
		msvcrt_set_errno(errno);
		return -1;
	}
	return 0;
}
