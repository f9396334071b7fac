/* xabi started other than by its own command line: as the binfmt_misc interpreter that
 * "xabi binfmt register" installs, or under a go_GOOS_amd64_exec name ("make install"). */
#ifndef XABI_LAUNCH_H
#define XABI_LAUNCH_H

#include "run.h"

/* Non-zero when the kernel started xabi through a binfmt_misc entry with the P flag. */
int launched_by_binfmt(void);

/* Run the program binfmt_misc handed over: argv is [xabi, path, original argv[0], args...]. */
int launch_binfmt(struct options *o, int argc, char **argv, char **envp);

/* The ABI that argv0 names when it is go_GOOS_amd64_exec for a foreign GOOS xabi runs, else NULL. */
const char *go_exec_abi(const char *argv0);

/* Run "go_GOOS_amd64_exec PROGRAM ARGS..." as go test and go run do: no xabi options. */
int launch_go_exec(struct options *o, const char *abi, int argc, char **argv, char **envp);

#endif
