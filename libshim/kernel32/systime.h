/* SYSTEMTIME and its conversions (time.c), shared with msvcrt's time functions. */
#ifndef XABI_KERNEL32_SYSTIME_H
#define XABI_KERNEL32_SYSTIME_H

#include "../windef.h"

typedef struct {
	WORD wYear, wMonth, wDayOfWeek, wDay, wHour, wMinute, wSecond, wMilliseconds;
} SYSTEMTIME;

/* A FILETIME value as a date (wDayOfWeek set). */
void systime_from_filetime(uint64_t v, SYSTEMTIME *st);
/* A date (wDayOfWeek ignored) as a FILETIME value; -1 when a field is out of range. */
int systime_to_filetime(const SYSTEMTIME *st, uint64_t *v);

#endif
