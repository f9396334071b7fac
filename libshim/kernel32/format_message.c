/* FormatMessageA/W: a message (a string, or the text of a system error code) with its inserts
 * (%1..%99, each with an optional !printf format!, default !s!) and escapes (%n line break,
 * %0 end without one, %r, %t, and %c for any other character c) expanded.
 *
 * The work is done in UTF-8, the W form converting at the edges; an insert's printf format is
 * msvcrt's formatter (libshim/msvcrt/format.c) given the argument slots from the insert's number
 * on, so "*" width and precision take the next inserts, as documented. Arguments come either as
 * an array of DWORD_PTR (FORMAT_MESSAGE_ARGUMENT_ARRAY) or as a pointer to a Windows va_list,
 * which on x64 is a pointer to 8-byte slots. Line widths other than 0 and
 * FORMAT_MESSAGE_MAX_WIDTH_MASK (re-wrapping) are not implemented and fail with
 * ERROR_NOT_SUPPORTED; message-table resources of modules are not read. */
#include <stdlib.h>
#include <string.h>
#include "../msvcrt/format.h"
#include "../ntdll/unicode.h"
#include "error_text.h"

#define FORMAT_MESSAGE_ALLOCATE_BUFFER 0x100
#define FORMAT_MESSAGE_IGNORE_INSERTS 0x200
#define FORMAT_MESSAGE_FROM_STRING 0x400
#define FORMAT_MESSAGE_FROM_HMODULE 0x800
#define FORMAT_MESSAGE_FROM_SYSTEM 0x1000
#define FORMAT_MESSAGE_ARGUMENT_ARRAY 0x2000
#define FORMAT_MESSAGE_MAX_WIDTH_MASK 0xff
#define ERROR_MR_MID_NOT_FOUND 317
#define ERROR_RESOURCE_TYPE_NOT_FOUND 1813
#define ERROR_RESOURCE_LANG_NOT_FOUND 15100
#define LMEM_FIXED 0

WINAPI HANDLE kernel32_LocalAlloc(UINT flags, SIZE_T size);

struct out {
	char *p;
	size_t len, cap;
};

static int put(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		size_t cap = (o->len + n + 1) * 2;
		char *p = realloc(o->p, cap);
		if (!p)
			return -1;
		o->p = p;
		o->cap = cap;
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
	o->p[o->len] = 0;
	return 0;
}

/* Expands msg into o; returns 0, or a Windows error code. A system message's own final line
 * break (ends_line) is a regular one. */
static DWORD expand(struct out *o, const char *msg, DWORD flags, const uint64_t *args, int wide,
		    int ends_line)
{
	int no_breaks = (flags & FORMAT_MESSAGE_MAX_WIDTH_MASK) == FORMAT_MESSAGE_MAX_WIDTH_MASK;
	const char *s = msg;
	int r = 0;
	while (*s && !r) {
		if (*s == '\r' || *s == '\n') { /* a regular line break */
			int pair = s[0] == '\r' && s[1] == '\n';
			r = no_breaks ? put(o, " ", 1) : put(o, s, pair ? 2 : 1);
			s += pair ? 2 : 1;
			continue;
		}
		if (*s != '%') {
			r = put(o, s++, 1);
			continue;
		}
		const char *start = s++;
		if (!*s || *s == '0')
			return 0; /* %0: the message ends here, with no line break */
		if (*s < '1' || *s > '9') {
			const char *c = *s == 'n' ? "\r\n" : *s == 'r' ? "\r" : *s == 't' ? "\t" : s;
			r = put(o, c, *s == 'n' ? 2 : 1);
			s++;
			continue;
		}
		unsigned n = *s++ - '0';
		if (*s >= '0' && *s <= '9')
			n = n * 10 + (*s++ - '0');
		char fmt[64] = "%s";
		if (*s == '!') {
			const char *end = strchr(s + 1, '!');
			if (!end || (size_t)(end - s) >= sizeof fmt)
				return ERROR_INVALID_PARAMETER;
			fmt[0] = '%';
			memcpy(fmt + 1, s + 1, end - s - 1);
			fmt[end - s] = 0;
			s = end + 1;
		}
		if (flags & FORMAT_MESSAGE_IGNORE_INSERTS) {
			r = put(o, start, s - start);
			continue;
		}
		if (!args)
			return ERROR_INVALID_PARAMETER;
		size_t len;
		char *v = format_alloc(fmt, args + n - 1, FMT_MSVCRT | (wide ? FMT_WIDE_DEFAULT : 0),
				       &len);
		r = v ? put(o, v, len) : -1;
		free(v);
	}
	if (!r && ends_line)
		r = no_breaks ? put(o, " ", 1) : put(o, "\r\n", 2);
	return r ? ERROR_NOT_ENOUGH_MEMORY : 0;
}

/* The message source (UTF-8, malloc'd in *own when converted) or NULL with *err set. */
static const char *source_text(DWORD flags, LPCVOID src, DWORD id, DWORD lang, int wide,
			       char **own, DWORD *err)
{
	if (flags & FORMAT_MESSAGE_FROM_STRING) {
		if (!src) {
			*err = ERROR_INVALID_PARAMETER;
			return NULL;
		}
		if (!wide)
			return src;
		if (!(*own = utf16_to_utf8_dup(src)))
			*err = ERROR_NOT_ENOUGH_MEMORY;
		return *own;
	}
	if ((flags & FORMAT_MESSAGE_FROM_HMODULE) && src && !(flags & FORMAT_MESSAGE_FROM_SYSTEM)) {
		*err = ERROR_RESOURCE_TYPE_NOT_FOUND;
		return NULL;
	}
	if (!(flags & (FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_FROM_HMODULE))) {
		*err = ERROR_INVALID_PARAMETER;
		return NULL;
	}
	/* Only English texts: language neutral, the defaults, or any English. */
	if ((lang & 0x3ff) != 0 && (lang & 0x3ff) != 9) {
		*err = ERROR_RESOURCE_LANG_NOT_FOUND;
		return NULL;
	}
	const char *t = error_text(id);
	if (!t)
		*err = ERROR_MR_MID_NOT_FOUND;
	return t;
}

static DWORD format_message(DWORD flags, LPCVOID src, DWORD id, DWORD lang, void *buf,
			    DWORD size, const void *arguments, int wide)
{
	DWORD width = flags & FORMAT_MESSAGE_MAX_WIDTH_MASK, err = 0;
	if (width && width != FORMAT_MESSAGE_MAX_WIDTH_MASK) {
		win_set_last_error(ERROR_NOT_SUPPORTED);
		return 0;
	}
	if (!buf) {
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	const uint64_t *args = arguments;
	if (args && !(flags & FORMAT_MESSAGE_ARGUMENT_ARRAY))
		args = *(const uint64_t *const *)arguments; /* va_list *: the slots it points to */
	char *own = NULL;
	const char *msg = source_text(flags, src, id, lang, wide, &own, &err);
	struct out o = { 0 };
	if (msg)
		err = expand(&o, msg, flags, args, wide, !(flags & FORMAT_MESSAGE_FROM_STRING));
	free(own);
	if (!err && put(&o, "", 0) < 0)
		err = ERROR_NOT_ENOUGH_MEMORY;
	/* The result in units of the caller's characters (without the NUL). */
	size_t len = err ? 0 : wide ? utf8_to_utf16(o.p, o.len, NULL, 0) : o.len;
	size_t unit = wide ? sizeof(WCHAR) : 1;
	void *dst = buf;
	if (!err && (flags & FORMAT_MESSAGE_ALLOCATE_BUFFER)) {
		size_t n = len + 1 > size ? len + 1 : size;
		if (!(dst = kernel32_LocalAlloc(LMEM_FIXED, n * unit)))
			err = ERROR_NOT_ENOUGH_MEMORY;
		else
			*(void **)buf = dst;
	} else if (!err && len + 1 > size) {
		err = ERROR_INSUFFICIENT_BUFFER;
	}
	if (!err && wide) {
		utf8_to_utf16(o.p, o.len, dst, len);
		((WCHAR *)dst)[len] = 0;
	} else if (!err) {
		memcpy(dst, o.p, len + 1);
	}
	free(o.p);
	if (err) {
		win_set_last_error(err);
		return 0;
	}
	return len;
}

WINAPI DWORD kernel32_FormatMessageA(DWORD flags, LPCVOID src, DWORD id, DWORD lang, char *buf,
				     DWORD size, void *args)
{
	return format_message(flags, src, id, lang, buf, size, args, 0);
}

WINAPI DWORD kernel32_FormatMessageW(DWORD flags, LPCVOID src, DWORD id, DWORD lang, WCHAR *buf,
				     DWORD size, void *args)
{
	return format_message(flags, src, id, lang, buf, size, args, 1);
}
