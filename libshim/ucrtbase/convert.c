/* Where the UCRT's conversions differ from msvcrt.dll's: strtod and its relatives also read hex
 * floats, inf and nan (C99), and the atoi family clamps out-of-range values like strtol (with
 * errno ERANGE) instead of wrapping. */
#include "../msvcrt/crt.h"
#include "../msvcrt/msvcrt.h"

WINAPI LONG msvcrt_strtol(const char *s, char **end, int base);
WINAPI int64_t msvcrt__strtoi64(const char *s, char **end, int base);
WINAPI LONG msvcrt_wcstol(const WCHAR *s, WCHAR **end, int base);
WINAPI int64_t msvcrt__wcstoi64(const WCHAR *s, WCHAR **end, int base);

WINAPI double ucrtbase_strtod(const char *s, char **end) { return crt_strtod(s, end, 1); }
WINAPI float ucrtbase_strtof(const char *s, char **end) { return (float)crt_strtod(s, end, 1); }
WINAPI double ucrtbase_atof(const char *s) { return crt_strtod(s, 0, 1); }
WINAPI double ucrtbase_wcstod(const WCHAR *s, WCHAR **end) { return crt_wcstod(s, end, 1); }
WINAPI double ucrtbase__wtof(const WCHAR *s) { return crt_wcstod(s, 0, 1); }

WINAPI int ucrtbase_atoi(const char *s) { return msvcrt_strtol(s, 0, 10); }
WINAPI LONG ucrtbase_atol(const char *s) { return msvcrt_strtol(s, 0, 10); }
WINAPI int64_t ucrtbase__atoi64(const char *s) { return msvcrt__strtoi64(s, 0, 10); }
WINAPI int ucrtbase__wtoi(const WCHAR *s) { return msvcrt_wcstol(s, 0, 10); }
WINAPI LONG ucrtbase__wtol(const WCHAR *s) { return msvcrt_wcstol(s, 0, 10); }
WINAPI int64_t ucrtbase__wtoi64(const WCHAR *s) { return msvcrt__wcstoi64(s, 0, 10); }
