/* POSIX TZ strings (the footer of a tzfile, RFC 8536 section 3.3) as Windows' yearly rules
 * (zones.h), and which of a rule's two times is in effect at a moment. */
#include <ctype.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "zones.h"

int tzrule_from_file(const char *path, char *buf, size_t cap)
{
	char head[5], tail[256];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	off_t end = lseek(fd, 0, SEEK_END);
	off_t at = end > (off_t)sizeof tail ? end - (off_t)sizeof tail : 0;
	ssize_t h = pread(fd, head, sizeof head, 0);
	ssize_t n = end > 0 ? pread(fd, tail, (size_t)(end - at), at) : -1;
	close(fd);
	/* Version 2 and later end "\nRULE\n"; the rule has no newline, the binary part may. */
	if (h != 5 || memcmp(head, "TZif", 4) != 0 || head[4] < '2' || n < 2 || tail[n - 1] != '\n')
		return -1;
	ssize_t start = n - 2;
	while (start >= 0 && tail[start] != '\n')
		start--;
	size_t len = (size_t)(n - 2 - start);
	if (start < 0 || len == 0 || len >= cap)
		return -1;
	memcpy(buf, tail + start + 1, len);
	buf[len] = 0;
	return 0;
}

/* An abbreviation: letters, or anything between < and >. */
static const char *parse_name(const char *p, char *out)
{
	const char *s = p, *e;
	if (*p == '<') {
		s = p + 1;
		if (!(e = strchr(s, '>')))
			return NULL;
		p = e + 1;
	} else {
		while (isalpha((unsigned char)*p))
			p++;
		e = p;
	}
	if (e - s < 1 || e - s > 15)
		return NULL;
	if (out) {
		memcpy(out, s, (size_t)(e - s));
		out[e - s] = 0;
	}
	return p;
}

/* [+-]hh[:mm[:ss]] in seconds. */
static const char *parse_time(const char *p, long *secs)
{
	int sign = 1;
	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if (!isdigit((unsigned char)*p))
		return NULL;
	long v = strtol(p, (char **)&p, 10) * 3600;
	for (long unit = 60; *p == ':' && unit >= 1; unit /= 60) {
		if (!isdigit((unsigned char)p[1]))
			return NULL;
		v += strtol(p + 1, (char **)&p, 10) * unit;
	}
	*secs = sign * v;
	return p;
}

/* Mm.w.d[/time] as a yearly rule. A time outside the day (RFC 8536 allows -167 to 167 hours)
 * moves the weekday and keeps the week: "M3.4.4/26" (2:00 on the Friday after the fourth
 * Thursday) becomes the fourth Friday, which it is unless the month starts on a Friday. */
static const char *parse_date(const char *p, SYSTEMTIME *st)
{
	char *e;
	if (*p++ != 'M')
		return NULL; /* day-of-year forms have no Windows equivalent */
	long m = strtol(p, &e, 10), w, d, t = 2 * 3600;
	if (*e != '.' || m < 1 || m > 12)
		return NULL;
	w = strtol(e + 1, &e, 10);
	if (*e != '.' || w < 1 || w > 5)
		return NULL;
	d = strtol(e + 1, &e, 10);
	if (d < 0 || d > 6)
		return NULL;
	p = e;
	if (*p == '/' && !(p = parse_time(p + 1, &t)))
		return NULL;
	long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	t -= days * 86400;
	memset(st, 0, sizeof *st);
	st->wMonth = (WORD)m;
	st->wDay = (WORD)w;
	st->wDayOfWeek = (WORD)(((d + days) % 7 + 7) % 7);
	st->wHour = (WORD)(t / 3600);
	st->wMinute = (WORD)(t / 60 % 60);
	st->wSecond = (WORD)(t % 60);
	return p;
}

int tzrule_parse(const char *rule, REG_TZI_FORMAT *tzi, char *std, char *dlt)
{
	char sname[16], dname[16];
	long soff, doff;
	SYSTEMTIME start, end;
	const char *p = rule;
	memset(tzi, 0, sizeof *tzi);
	if (!(p = parse_name(p, sname)) || !(p = parse_time(p, &soff)))
		return -1;
	tzi->Bias = (LONG)(soff / 60);
	strcpy(dname, sname);
	if (*p) {
		if (!(p = parse_name(p, dname)))
			return -1;
		doff = soff - 3600;
		if (*p != ',' && !(p = parse_time(p, &doff)))
			return -1;
		if (*p != ',' || !(p = parse_date(p + 1, &start)) || *p != ',' ||
		    !(p = parse_date(p + 1, &end)) || *p)
			return -1;
		if (doff > soff) { /* "daylight" time behind standard time: the other way round */
			char t[16];
			long o = soff;
			soff = doff, doff = o;
			strcpy(t, sname), strcpy(sname, dname), strcpy(dname, t);
			SYSTEMTIME s = start;
			start = end, end = s;
		}
		tzi->Bias = (LONG)(soff / 60);
		tzi->DaylightBias = (LONG)((doff - soff) / 60);
		tzi->DaylightDate = start;
		tzi->StandardDate = end;
	}
	if (std)
		strcpy(std, sname);
	if (dlt)
		strcpy(dlt, dname);
	return 0;
}

/* Seconds since 1970 of a FILETIME value and back. */
#define EPOCH_DIFF 11644473600LL

/* The moment (seconds since 1970, UTC) rule r changes the clock in year, by local time with the
 * given bias (minutes, UTC = local + bias). */
static int64_t change_at(int year, const SYSTEMTIME *r, LONG bias)
{
	SYSTEMTIME d = { .wYear = (WORD)year, .wMonth = r->wMonth, .wDay = 1 };
	uint64_t v;
	if (systime_to_filetime(&d, &v) < 0)
		return 0;
	systime_from_filetime(v, &d); /* the weekday of the 1st */
	int day = 1 + (r->wDayOfWeek - d.wDayOfWeek + 7) % 7 + (r->wDay - 1) * 7;
	for (d.wDay = (WORD)day; systime_to_filetime(&d, &v) < 0; d.wDay -= 7)
		; /* week 5 is the last such weekday */
	int64_t local = (int64_t)(v / 10000000) - EPOCH_DIFF + r->wHour * 3600 + r->wMinute * 60 +
			r->wSecond;
	return local + (int64_t)bias * 60;
}

int tzi_is_daylight(const REG_TZI_FORMAT *tzi, time_t t)
{
	if (tzi->DaylightDate.wMonth == 0 || tzi->StandardDate.wMonth == 0)
		return 0;
	SYSTEMTIME now;
	systime_from_filetime((uint64_t)(t + EPOCH_DIFF) * 10000000, &now);
	int64_t on = change_at(now.wYear, &tzi->DaylightDate, tzi->Bias + tzi->StandardBias);
	int64_t off = change_at(now.wYear, &tzi->StandardDate, tzi->Bias + tzi->DaylightBias);
	return on < off ? t >= on && t < off : t >= on || t < off;
}
