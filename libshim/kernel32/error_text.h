/* System error message texts (error_text.c). */
#ifndef XABI_KERNEL32_ERROR_TEXT_H
#define XABI_KERNEL32_ERROR_TEXT_H

#include "kernel32.h"

/* The message text of a Windows error code without its final line break; NULL if unknown. */
const char *error_text(DWORD code);

#endif
