/* msvcrt's error messages (its _sys_errlist), by msvcrt's errno numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../ntdll/unicode.h"
#include "crt.h"
#include "msvcrt.h"

static const char *const messages[] = {
	"No error", "Operation not permitted", "No such file or directory", "No such process",
	"Interrupted function call", "Input/output error", "No such device or address",
	"Arg list too long", "Exec format error", "Bad file descriptor", "No child processes",
	"Resource temporarily unavailable", "Not enough space", "Permission denied", "Bad address",
	"Unknown error", "Resource device", "File exists", "Improper link", "No such device",
	"Not a directory", "Is a directory", "Invalid argument", "Too many open files in system",
	"Too many open files", "Inappropriate I/O control operation", "Unknown error",
	"File too large", "No space left on device", "Invalid seek", "Read-only file system",
	"Too many links", "Broken pipe", "Domain error", "Result too large", "Unknown error",
	"Resource deadlock avoided", "Unknown error", "Filename too long", "No locks available",
	"Function not implemented", "Directory not empty", "Illegal byte sequence",
};

WINAPI char *msvcrt_strerror(int e)
{
	if (e < 0 || e >= (int)(sizeof messages / sizeof messages[0]))
		return "Unknown error";
	return (char *)messages[e];
}

/* strerror_s: the message, cut to fit with a NUL. */
WINAPI int msvcrt_strerror_s(char *buf, size_t size, int e)
{
	if (!buf || !size) {
		crt_invalid_parameter();
		*msvcrt__errno() = CRT_EINVAL;
		return CRT_EINVAL;
	}
	const char *m = msvcrt_strerror(e);
	size_t n = strlen(m);
	if (n >= size)
		n = size - 1;
	memcpy(buf, m, n);
	buf[n] = 0;
	return 0;
}

/* _strerror: "PREFIX: message\n" (or "message\n") for the current errno, in a per-thread buffer. */
WINAPI char *msvcrt__strerror(const char *prefix)
{
	static __thread char buf[256];
	const char *m = msvcrt_strerror(*msvcrt__errno());
	if (prefix && *prefix)
		snprintf(buf, sizeof buf, "%.*s: %s\n", 94, prefix, m);
	else
		snprintf(buf, sizeof buf, "%s\n", m);
	return buf;
}

/* perror: "PREFIX: message" and a newline on stderr, through its stream. */
WINAPI void msvcrt_perror(const char *prefix)
{
	FILE_MS *err = msvcrt___iob_func() + 2;
	if (prefix && *prefix) {
		msvcrt_fputs(prefix, err);
		msvcrt_fputs(": ", err);
	}
	msvcrt_fputs(msvcrt_strerror(*msvcrt__errno()), err);
	msvcrt_fputs("\n", err);
}

WINAPI void msvcrt__wperror(const WCHAR *prefix)
{
	char *p = prefix ? utf16_to_utf8_dup(prefix) : 0;
	msvcrt_perror(p);
	free(p);
}
