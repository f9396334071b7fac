/* The two ways xabi runs a program without its own command line (launch.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>
#include "detect.h"
#include "launch.h"
#include "status.h"

/* Set in AT_FLAGS when binfmt_misc started the interpreter with the P (preserve argv[0]) flag,
 * Linux 5.12 and later (include/uapi/linux/binfmts.h). Nothing else sets it, so unlike argv it
 * tells "xabi ./a.exe a.exe x" typed by hand from "./a.exe x" run through the kernel. */
#define AT_FLAGS_PRESERVE_ARGV0 1

int launched_by_binfmt(void)
{
	return (getauxval(AT_FLAGS) & AT_FLAGS_PRESERVE_ARGV0) != 0;
}

/* A Cosmopolitan "Actually Portable Executable" starts with this magic: an MZ header that is also
 * a shell assignment (MZqFpD='...'), so that a Unix shell runs the file as the script it also is
 * (cosmopolitan's ape/specification.md). The PE entry matches it by its "MZ"; it is not ours. */
static int is_ape(const char *path)
{
	static const char magic[] = "MZqFpD='";
	char head[sizeof magic - 1];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	int ape = pread(fd, head, sizeof head, 0) == (ssize_t)sizeof head &&
		  !memcmp(head, magic, sizeof head);
	close(fd);
	return ape;
}

/* What the shell or execvp would do with the file had execve refused it (ENOEXEC): run it with
 * /bin/sh, argv ["/bin/sh", path, args...], as dash and glibc do. */
static int run_as_shell_script(const char *path, int argc, char **args, char **envp)
{
	char *argv[argc + 3];
	argv[0] = "/bin/sh";
	argv[1] = (char *)path;
	memcpy(argv + 2, args, (size_t)argc * sizeof *argv);
	argv[argc + 2] = 0;
	execve("/bin/sh", argv, envp);
	return xabi_error(errno == ENOENT ? XABI_STATUS_NOTFOUND : XABI_STATUS_NOEXEC, "/bin/sh",
			  strerror(errno));
}

int launch_binfmt(struct options *o, int argc, char **argv, char **envp)
{
	if (argc < 2)
		return xabi_error(XABI_STATUS_USAGE, "binfmt_misc", "started with no program path");
	/* A program started with an empty argv still has one (the kernel adds ""); be safe anyway. */
	o->program = argv[1];
	o->argv0 = argc >= 3 ? argv[2] : argv[1];
	o->argc = argc > 3 ? argc - 3 : 0;
	o->argv = argv + 3;
	if (is_ape(o->program))
		return run_as_shell_script(o->program, o->argc, o->argv, envp);
	return run_program(o, envp, 0);
}

const char *go_exec_abi(const char *argv0)
{
	static char goos[32];
	static const char prefix[] = "go_", suffix[] = "_amd64_exec";
	const char *name = strrchr(argv0, '/') ? strrchr(argv0, '/') + 1 : argv0;
	size_t n = strlen(name), p = strlen(prefix), s = strlen(suffix);
	if (n <= p + s || n - p - s >= sizeof goos || strncmp(name, prefix, p) ||
	    strcmp(name + n - s, suffix))
		return 0;
	memcpy(goos, name + p, n - p - s);
	goos[n - p - s] = 0;
	/* Go's GOOS names and xabi's ABI names agree for the ABIs xabi runs; linux is native. */
	return strcmp(goos, "linux") && abi_supported(goos) ? goos : 0;
}

int launch_go_exec(struct options *o, const char *abi, int argc, char **argv, char **envp)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s PROGRAM [ARGS...]\n"
				"Runs a GOOS=%s program under xabi, as go test and go run expect.\n",
			argv[0], abi);
		return XABI_STATUS_USAGE;
	}
	o->abi = abi;
	o->program = argv[1];
	o->argc = argc - 2;
	o->argv = argv + 2;
	return run_program(o, envp, 0);
}
