/* msvcrt's printf formatting (format.c) into any sink. */
#ifndef XABI_MSVCRT_FORMAT_H
#define XABI_MSVCRT_FORMAT_H

#include <stddef.h>
#include <stdint.h>

struct sink {
	int (*write)(struct sink *k, const char *s, size_t n); /* -1 on an error */
	void *ctx;
	size_t count; /* bytes formatted so far */
	int error;
};

/* Format f with arguments from a Windows va_list; returns the length of the whole result. */
size_t format_ms(struct sink *k, const char *f, const uint64_t *args);

#endif
