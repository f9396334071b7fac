/* Time: a fixed instant through gmtime/strftime and FileTimeToSystemTime, the Unix epoch as a
 * FILETIME, and Sleep measured by GetTickCount64 and QueryPerformanceCounter. */
#include <stdio.h>
#include <time.h>
#include <windows.h>

int main(void)
{
	time_t t = 1000000000;
	char buf[64];
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %A %j", gmtime(&t));
	printf("%s\n", buf);
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
