/* Building and splitting a Windows command line (cmdline.c). */
#ifndef XABI_NTDLL_CMDLINE_H
#define XABI_NTDLL_CMDLINE_H

/* argv joined into one command line, each argument quoted so that splitting gives it back
 * (malloc'd; NULL when out of memory). */
char *win_cmdline_build(int argc, char *const *argv);
/* A command line split as the C runtime does for main's argv (the program name by the simpler
 * rule CreateProcess uses). One malloc'd block, NULL-terminated; NULL when out of memory. */
char **win_cmdline_split(const char *cmdline, int *argc);

#endif
