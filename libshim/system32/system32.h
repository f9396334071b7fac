/* Built-in Windows programs: system32's cmd.exe and hostname.exe are links to xabi, which runs
 * them as host C code (libshim/README.md, "Built-in Windows programs"). They run with no TEB, so
 * they call no shim function that sets the last error. */
#ifndef XABI_SYSTEM32_H
#define XABI_SYSTEM32_H

/* The built-in a program name names ("cmd", "CMD.EXE", a path to one: the base name, without
 * regard to case, ".exe" optional), or NULL. */
typedef int system32_main(int argc, char **argv, const char *intercept);
system32_main *system32_find(const char *name);

/* Is the file at host path xabi itself: its realpath /proc/self/exe's, or a built-in's name in
 * the Windows directory's system32 (a link to another xabi build)? */
int system32_is_xabi(const char *path);

/* Each built-in: argv are the arguments after the program name; intercept is the
 * --intercept=... option for the Windows programs it starts. Returns the exit status. */
int system32_cmd(int argc, char **argv, const char *intercept);
int system32_hostname(int argc, char **argv, const char *intercept);

#endif
