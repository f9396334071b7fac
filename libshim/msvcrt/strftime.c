/* strftime and wcsftime in the C locale, as msvcrt.dll and the UCRT do them. Both know the
 * classic formats, '#' (drop leading zeros; the long forms of %c and %x); msvcrt.dll refuses
 * C99's additions, which the UCRT has, with ISO 8601 weeks (%g %G %V) and %c in C99's C-locale
 * form. An unknown format gives 0 and EINVAL (the UCRT calls the invalid parameter handler
 * first, as Microsoft documents). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../ntdll/unicode.h"
#include "crt.h"
#include "msvcrt.h"

const char crt_days[7][10] = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
			       "Saturday" };
const char crt_months[12][10] = { "January", "February", "March", "April", "May", "June",
				  "July", "August", "September", "October", "November",
				  "December" };

struct out {
	char *buf;
	size_t cap, len;
	int fits;
};

static void put(struct out *o, const char *s)
{
	size_t n = strlen(s);
	if (o->len + n >= o->cap)
		o->fits = 0;
	else
		memcpy(o->buf + o->len, s, n);
	o->len += n;
}

/* A number in width digits (zeros, or spaces when pad is ' '); '#' drops the padding. */
static void num(struct out *o, int v, int width, int alt, char pad)
{
	char b[16];
	if (alt)
		snprintf(b, sizeof b, "%d", v);
	else if (pad == ' ')
		snprintf(b, sizeof b, "%*d", width, v);
	else
		snprintf(b, sizeof b, "%0*d", width, v);
	put(o, b);
}

static int week(const struct tm_ms *m, int first) /* %U (first 0: Sunday) and %W (1: Monday) */
{
	int wday = (m->tm_wday + 7 - first) % 7;
	return (m->tm_yday + 7 - wday) / 7;
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* ISO 8601 weeks in year y whose January 1st is weekday jan1 (0: Sunday): 53 when that is a
 * Thursday, or a Wednesday in a leap year. */
static int iso_weeks(int y, int jan1)
{
	return jan1 == 4 || (jan1 == 3 && leap(y)) ? 53 : 52;
}

/* The ISO 8601 week (%V) of m, and its week-based year (%G). */
static int iso_week(const struct tm_ms *m, int *year)
{
	int y = m->tm_year + 1900, iso_wday = m->tm_wday ? m->tm_wday : 7;
	int jan1 = ((m->tm_wday - m->tm_yday) % 7 + 7) % 7;
	int w = (m->tm_yday + 1 - iso_wday + 10) / 7;
	*year = y;
	if (w < 1) { /* the last week of the year before */
		*year = y - 1;
		return iso_weeks(y - 1, ((jan1 - (leap(y - 1) ? 366 : 365)) % 7 + 7) % 7);
	}
	if (w > iso_weeks(y, jan1)) {
		*year = y + 1;
		return 1;
	}
	return w;
}

static int format(struct out *o, const char *fmt, const struct tm_ms *m, int c99);

/* One conversion c (after '%', '#' and a modifier); 0 if unknown. */
static int conversion(struct out *o, char c, int alt, const struct tm_ms *m, int c99)
{
	char b[128];
	int hour12 = m->tm_hour % 12 ? m->tm_hour % 12 : 12, iso_year;
	const char *day = crt_days[((m->tm_wday % 7) + 7) % 7];
	const char *month = crt_months[((m->tm_mon % 12) + 12) % 12];
	switch (c) {
	case 'a': snprintf(b, sizeof b, "%.3s", day); put(o, b); return 1;
	case 'A': put(o, day); return 1;
	case 'b': snprintf(b, sizeof b, "%.3s", month); put(o, b); return 1;
	case 'B': put(o, month); return 1;
	case 'c':
		if (alt)
			return format(o, "%A, %B %d, %Y %H:%M:%S", m, c99);
		return format(o, c99 ? "%a %b %e %H:%M:%S %Y" : "%m/%d/%y %H:%M:%S", m, c99);
	case 'd': num(o, m->tm_mday, 2, alt, '0'); return 1;
	case 'H': num(o, m->tm_hour, 2, alt, '0'); return 1;
	case 'I': num(o, hour12, 2, alt, '0'); return 1;
	case 'j': num(o, m->tm_yday + 1, 3, alt, '0'); return 1;
	case 'm': num(o, m->tm_mon + 1, 2, alt, '0'); return 1;
	case 'M': num(o, m->tm_min, 2, alt, '0'); return 1;
	case 'p': put(o, m->tm_hour < 12 ? "AM" : "PM"); return 1;
	case 'S': num(o, m->tm_sec, 2, alt, '0'); return 1;
	case 'U': num(o, week(m, 0), 2, alt, '0'); return 1;
	case 'w': num(o, m->tm_wday, 1, alt, '0'); return 1;
	case 'W': num(o, week(m, 1), 2, alt, '0'); return 1;
	case 'x': return format(o, alt ? "%A, %B %d, %Y" : "%m/%d/%y", m, c99);
	case 'X': return format(o, "%H:%M:%S", m, c99);
	case 'y': num(o, m->tm_year % 100, 2, alt, '0'); return 1;
	case 'Y': num(o, m->tm_year + 1900, 4, 1, '0'); return 1;
	case 'Z':
		tzset();
		put(o, tzname[m->tm_isdst > 0]);
		return 1;
	case '%': put(o, "%"); return 1;
	}
	if (!c99) {
		if (c != 'z')
			return 0;
		tzset(); /* msvcrt.dll's %z is the zone's name, as %Z */
		put(o, tzname[m->tm_isdst > 0]);
		return 1;
	}
	switch (c) {
	case 'C': num(o, (m->tm_year + 1900) / 100, 2, alt, '0'); return 1;
	case 'D': return format(o, "%m/%d/%y", m, c99);
	case 'e': num(o, m->tm_mday, 2, alt, ' '); return 1;
	case 'F': return format(o, "%Y-%m-%d", m, c99);
	case 'g': iso_week(m, &iso_year); num(o, iso_year % 100, 2, alt, '0'); return 1;
	case 'G': iso_week(m, &iso_year); num(o, iso_year, 4, 1, '0'); return 1;
	case 'h': return conversion(o, 'b', alt, m, c99);
	case 'n': put(o, "\n"); return 1;
	case 'r': return format(o, "%I:%M:%S %p", m, c99);
	case 'R': return format(o, "%H:%M", m, c99);
	case 't': put(o, "\t"); return 1;
	case 'T': return format(o, "%H:%M:%S", m, c99);
	case 'u': num(o, m->tm_wday ? m->tm_wday : 7, 1, alt, '0'); return 1;
	case 'V': num(o, iso_week(m, &iso_year), 2, alt, '0'); return 1;
	case 'z': { /* the offset from UTC, ISO 8601's +hhmm */
		tzset();
		long east = -timezone + (m->tm_isdst > 0 ? 3600 : 0);
		snprintf(b, sizeof b, "%c%02ld%02ld", east < 0 ? '-' : '+', labs(east) / 3600,
			 labs(east) % 3600 / 60);
		put(o, b);
		return 1;
	}
	}
	return 0;
}

static int format(struct out *o, const char *fmt, const struct tm_ms *m, int c99)
{
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			char b[2] = { *p, 0 };
			put(o, b);
			continue;
		}
		int alt = p[1] == '#';
		p += 1 + alt;
		if (c99 && (*p == 'E' || *p == 'O'))
			p++; /* C99's alternative forms: the C locale has none */
		if (!*p || !conversion(o, *p, alt, m, c99))
			return 0;
	}
	return 1;
}

size_t crt_strftime(char *out, size_t cap, const char *fmt, const struct tm_ms *m, int c99)
{
	if (!out || !fmt || !m) {
		if (c99)
			crt_invalid_parameter();
		*msvcrt__errno() = CRT_EINVAL;
		return 0;
	}
	struct out o = { out, cap, 0, 1 };
	if (!format(&o, fmt, m, c99)) {
		if (c99)
			crt_invalid_parameter();
		*msvcrt__errno() = CRT_EINVAL;
		o.fits = 0;
	}
	if (!o.fits) {
		if (cap)
			out[0] = 0;
		return 0;
	}
	out[o.len] = 0;
	return o.len;
}

size_t crt_wcsftime(WCHAR *out, size_t cap, const WCHAR *fmt, const struct tm_ms *m, int c99)
{
	if (!out || !fmt || !m)
		return crt_strftime(0, 0, 0, 0, c99); /* the invalid parameter path */
	char *f = utf16_to_utf8_dup(fmt);
	/* A UTF-16 unit is at most 3 UTF-8 bytes: a result that fits cap units fits here. */
	size_t bytes = cap < SIZE_MAX / 4 ? cap * 3 + 1 : SIZE_MAX / 4;
	char *b = malloc(bytes);
	size_t n = 0;
	if (!f || !b)
		*msvcrt__errno() = CRT_ENOMEM;
	else if ((n = crt_strftime(b, bytes, f, m, c99)) && (n = utf8_to_utf16(b, (ptrdiff_t)n, 0, 0)) >= cap)
		n = 0;
	if (n)
		utf8_to_utf16(b, -1, out, cap);
	else if (cap)
		out[0] = 0;
	free(f);
	free(b);
	return n;
}

WINAPI size_t msvcrt_strftime(char *out, size_t cap, const char *fmt, const struct tm_ms *m)
{
	return crt_strftime(out, cap, fmt, m, 0);
}

WINAPI size_t msvcrt_wcsftime(WCHAR *out, size_t cap, const WCHAR *fmt, const struct tm_ms *m)
{
	return crt_wcsftime(out, cap, fmt, m, 0);
}
