/* One start function per guest ABI: load the program open on fd and run it (run_enter), or return
 * an exit status after saying why. */
#ifndef XABI_START_H
#define XABI_START_H

struct options;

int start_linux(const struct options *o, int fd, const char *path, char **envp);
int start_windows(const struct options *o, int fd, const char *path, char **envp);
int start_freebsd(const struct options *o, int fd, const char *path, char **envp);

#endif
