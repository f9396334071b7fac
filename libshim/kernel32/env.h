/* The process environment (env.c): the host's environ is the one copy, so child processes see
 * every change; names are compared without regard to case, as on Windows. */
#ifndef XABI_KERNEL32_ENV_H
#define XABI_KERNEL32_ENV_H

/* The value of name (a pointer into environ), or NULL. */
char *env_get(const char *name);
/* Set name to value (NULL: remove every spelling of name); keeps the PEB's UTF-16 block and
 * msvcrt's _environ in step. 0, or -1 with the last error set. */
int env_set(const char *name, const char *value);

#endif
