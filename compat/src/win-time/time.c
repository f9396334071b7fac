/* Time: a fixed instant through gmtime/strftime/wcsftime and FileTimeToSystemTime, the Unix epoch
 * as a FILETIME, and Sleep measured by GetTickCount64 and QueryPerformanceCounter. Built against
 * the UCRT (_UCRT), also C99's strftime formats and ISO 8601 weeks across year ends, which
 * msvcrt.dll does not have. */
#include <stdio.h>
#include <time.h>
#include <windows.h>

int main(void)
{
	time_t t = 1000000000;
	char buf[128];
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %A %j", gmtime(&t));
	printf("%s\n", buf);
	wchar_t wbuf[64];
	size_t n = wcsftime(wbuf, 64, L"%#x %X %y %#d", gmtime(&t));
	printf("wide %d %ls\n", (int)n, wbuf);
#ifdef _UCRT
	strftime(buf, sizeof buf, "%c|%C|%D|%e|%F|%h|%r|%R|%T|%u", gmtime(&t));
	printf("%s\n", buf);
	/* 2005-01-01, a Saturday, is in 2004's week 53; 2008-12-29, a Monday, in 2009's week 1. */
	struct tm y2005 = { 0, 0, 0, 1, 0, 105, 6, 0, 0 }, y2008 = { 0, 0, 0, 29, 11, 108, 1, 363, 0 };
	strftime(buf, sizeof buf, "%G-W%V-%u %g", &y2005);
	printf("%s ", buf);
	strftime(buf, sizeof buf, "%G-W%V-%u %g", &y2008);
	printf("%s\n", buf);
#endif
	SYSTEMTIME st = { 1970, 1, 0, 1, 0, 0, 0, 0 };
	FILETIME ft;
	SystemTimeToFileTime(&st, &ft);
	printf("epoch %llu\n", (unsigned long long)ft.dwHighDateTime << 32 | ft.dwLowDateTime);
	unsigned long long v = 116444736000000000ULL + 10000000ULL * 1000000000;
	ft.dwLowDateTime = (DWORD)v, ft.dwHighDateTime = (DWORD)(v >> 32);
	FileTimeToSystemTime(&ft, &st);
	printf("%u-%02u-%02u %02u:%02u weekday %u\n", st.wYear, st.wMonth, st.wDay, st.wHour, st.wMinute,
	       st.wDayOfWeek);
	LARGE_INTEGER f, a, b;
	QueryPerformanceFrequency(&f);
	QueryPerformanceCounter(&a);
	ULONGLONG t0 = GetTickCount64();
	Sleep(100);
	ULONGLONG t1 = GetTickCount64();
	QueryPerformanceCounter(&b);
	long long ms = (b.QuadPart - a.QuadPart) * 1000 / f.QuadPart;
	printf("frequency %lld slept %d %d\n", f.QuadPart, ms >= 95 && ms < 1000, t1 - t0 >= 90 && t1 - t0 < 1000);
	return 0;
}
