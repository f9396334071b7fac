/* msvcrt's FILE streams (stdio.c). */
#ifndef XABI_MSVCRT_STDIO_H
#define XABI_MSVCRT_STDIO_H

#include <stddef.h>

/* msvcrt's struct _iobuf: programs hold pointers to it (stdin is &__iob_func()[0]). xabi keeps
 * its state beside it, not in these fields. */
typedef struct {
	char *_ptr;
	int _cnt;
	char *_base;
	int _flag, _file, _charbuf, _bufsiz;
	char *_tmpfname;
} FILE_MS;

/* Write n bytes to f (text-mode translated); the count written, as fwrite would count bytes. */
size_t stream_write(FILE_MS *f, const char *s, size_t n);
int stream_flush(FILE_MS *f);
void stream_flush_all(void);

#endif
