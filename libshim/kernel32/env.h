/* The process environment (env.c): the host's environ is the one copy, so child processes see
 * every change; names are compared without regard to case, as on Windows. */
#ifndef XABI_KERNEL32_ENV_H
#define XABI_KERNEL32_ENV_H

/* The value of name (a pointer into environ), or NULL. */
char *env_get(const char *name);
/* Set name to value (NULL: remove every spelling of name); keeps the PEB's UTF-16 block and
 * msvcrt's _environ in step. 0, or -1 with the last error set. */
int env_set(const char *name, const char *value);

/* PATH's two forms (path_env.c). Is path in Windows form (a ';' or a first entry "X:\")? */
int path_env_is_windows(const char *path);
/* Host PATH as a Windows program sees it: system32, the Windows directory, then each absolute
 * entry in Windows form, ';'-separated (malloc'd; NULL when out of memory). */
char *path_env_to_windows(const char *host);
/* A Windows PATH in host form: each entry on a mapped drive through path_to_host,
 * ':'-separated; with drop_windir, entries inside the Windows directory are left out. */
char *path_env_to_host(const char *win, int drop_windir);
/* A Windows program's start: PATH in host form becomes the Windows form; COMSPEC and PATHEXT
 * get Windows' values unless set. */
void path_env_windows_start(void);

#endif
