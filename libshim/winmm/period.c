/* timeBeginPeriod/timeEndPeriod: the resolution Windows' timers and sleeps get. The host's
 * timers already expire with sub-millisecond precision, so a request only has to be valid: a
 * period from 1 to 1000000 ms (the range timeGetDevCaps reports here). timeGetTime is
 * GetTickCount's count, milliseconds since the host booted. */
#include "../windef.h"

#define TIMERR_NOERROR 0
#define TIMERR_NOCANDO 97
#define PERIOD_MIN 1
#define PERIOD_MAX 1000000

WINAPI DWORD kernel32_GetTickCount(void);

WINAPI UINT winmm_timeBeginPeriod(UINT ms)
{
	return ms < PERIOD_MIN || ms > PERIOD_MAX ? TIMERR_NOCANDO : TIMERR_NOERROR;
}

WINAPI UINT winmm_timeEndPeriod(UINT ms)
{
	return ms < PERIOD_MIN || ms > PERIOD_MAX ? TIMERR_NOCANDO : TIMERR_NOERROR;
}

WINAPI DWORD winmm_timeGetTime(void)
{
	return kernel32_GetTickCount();
}
