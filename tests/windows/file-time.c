/* Time conversions against known values: the Unix epoch is FILETIME 116444736000000000, a fixed
 * FILETIME's SYSTEMTIME (weekday included), invalid SYSTEMTIMEs refused, msvcrt's gmtime/mktime/
 * strftime/asctime on fixed times (TZ=UTC, set by the suite), negative times refused,
 * QueryPerformanceFrequency 10 MHz, Sleep measured roughly by three clocks. */
#include <stdio.h>
#include <string.h>
#include <sys/timeb.h>
#include <time.h>
#include <windows.h>

static void show(const SYSTEMTIME *s)
{
	printf("%04u-%02u-%02u %02u:%02u:%02u.%03u weekday %u\n", s->wYear, s->wMonth, s->wDay, s->wHour,
	       s->wMinute, s->wSecond, s->wMilliseconds, s->wDayOfWeek);
}

int main(void)
{
	SYSTEMTIME st = { 1970, 1, 0, 1, 0, 0, 0, 0 };
	FILETIME ft;
	SystemTimeToFileTime(&st, &ft);
	ULARGE_INTEGER u = { .LowPart = ft.dwLowDateTime, .HighPart = ft.dwHighDateTime };
	printf("epoch %llu\n", u.QuadPart);
	u.QuadPart = 116444736000000000ULL + 10000000ULL * 1234567890 + 1234567; /* 2009-02-13 23:31:30.123 */
	ft.dwLowDateTime = u.LowPart, ft.dwHighDateTime = u.HighPart;
	FileTimeToSystemTime(&ft, &st);
	show(&st);
	u.QuadPart = 0;
	ft.dwLowDateTime = 0, ft.dwHighDateTime = 0;
	FileTimeToSystemTime(&ft, &st);
	show(&st);
	SYSTEMTIME leap = { 2024, 2, 0, 29, 12, 0, 0, 0 }, bad = { 2023, 2, 0, 29, 12, 0, 0, 0 };
	printf("2024-02-29 %d\n", SystemTimeToFileTime(&leap, &ft));
	SetLastError(0);
	BOOL ok = SystemTimeToFileTime(&bad, &ft);
	printf("2023-02-29 %d error %lu\n", ok, GetLastError());
	ft.dwHighDateTime = 0x80000000;
	ok = FileTimeToSystemTime(&ft, &st);
	printf("FILETIME >= 2^63 %d\n", ok);

	LARGE_INTEGER f, c1, c2;
	QueryPerformanceFrequency(&f);
	printf("QPF %lld\n", f.QuadPart);
	FILETIME s1, s2;
	GetSystemTimeAsFileTime(&s1);
	QueryPerformanceCounter(&c1);
	ULONGLONG t1 = GetTickCount64();
	clock_t k1 = clock();
	Sleep(200);
	clock_t k2 = clock();
	ULONGLONG t2 = GetTickCount64();
	QueryPerformanceCounter(&c2);
	GetSystemTimeAsFileTime(&s2);
	long long qpc_ms = (c2.QuadPart - c1.QuadPart) * 1000 / f.QuadPart;
	long long sys_ms = ((long long)(((ULONGLONG)s2.dwHighDateTime << 32 | s2.dwLowDateTime) -
			     ((ULONGLONG)s1.dwHighDateTime << 32 | s1.dwLowDateTime))) / 10000;
	printf("Sleep(200): QPC %d tick %d system %d clock %d\n", qpc_ms >= 195 && qpc_ms < 1000,
	       t2 - t1 >= 180 && t2 - t1 < 1000, sys_ms >= 190 && sys_ms < 1000,
	       k2 - k1 >= 190 && k2 - k1 < 1000);
	printf("CLOCKS_PER_SEC %d\n", (int)CLOCKS_PER_SEC);

	time_t t = 1234567890;
	struct tm *g = gmtime(&t);
	printf("gmtime %d-%d-%d %d:%d:%d wday %d yday %d\n", g->tm_year, g->tm_mon, g->tm_mday, g->tm_hour,
	       g->tm_min, g->tm_sec, g->tm_wday, g->tm_yday);
	char buf[128];
	strftime(buf, sizeof buf, "%a %A %b %B %d %H %I %j %m %M %p %S %U %w %W %y %Y %%", g);
	printf("strftime [%s]\n", buf);
	strftime(buf, sizeof buf, "%c|%x|%X|%#d|%#j", g);
	printf("strftime [%s]\n", buf);
	printf("strftime small %u\n", (unsigned)strftime(buf, 5, "%Y-%m", g));
	printf("asctime [%.24s]\n", asctime(g));
	struct tm m = { 0, 0, 0, 32, 0, 100, 0, 0, 0 }; /* January 32nd 2000 */
	t = mktime(&m);
	printf("mktime %lld -> %d-%d-%d wday %d\n", (long long)t, m.tm_year, m.tm_mon, m.tm_mday, m.tm_wday);
	t = -1;
	printf("gmtime(-1) %p localtime(-1) %p\n", (void *)gmtime(&t), (void *)localtime(&t));
	t = 0;
	printf("ctime(0) %s", ctime(&t));
	struct timeb tb;
	ftime(&tb);
	printf("ftime timezone %d millitm ok %d\n", tb.timezone, tb.millitm < 1000);
	TIME_ZONE_INFORMATION tz;
	printf("GetTimeZoneInformation %lu bias %ld\n", GetTimeZoneInformation(&tz), tz.Bias);
	SYSTEM_INFO si;
	GetSystemInfo(&si);
	printf("system info arch %u page %lu granularity %lu cpus>0 %d\n", si.wProcessorArchitecture,
	       si.dwPageSize, si.dwAllocationGranularity, si.dwNumberOfProcessors > 0);
	MEMORYSTATUSEX ms = { .dwLength = sizeof ms };
	BOOL mem = GlobalMemoryStatusEx(&ms);
	printf("memory %d total>0 %d\n", mem, ms.ullTotalPhys > 0);
	return 0;
}
