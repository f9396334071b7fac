/* The xabi command line. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "binfmt.h"
#include "info.h"
#include "launch.h"
#include "pe_dll_search.h"
#include "run.h"
#include "status.h"
#include "../libshim/system32/system32.h"

#ifndef XABI_VERSION
#define XABI_VERSION "dev"
#endif

static const char usage[] =
	"usage: xabi [OPTIONS] PROGRAM [ARGS...]\n"
	"       xabi info FILE\n"
	"       xabi syscalls ABI\n"
	"       xabi binfmt register|unregister|status [--dry-run] [--print] [--prefix=NAME]\n"
	"                                             [--interpreter=PATH]\n"
	"       xabi binfmt --print [--prefix=NAME] [--interpreter=PATH]\n"
	"Run a foreign x86-64 program, translating its system calls.\n"
	"\n"
	"  --abi=NAME             run as this ABI instead of the detected one (linux,\n"
	"                         freebsd, windows)\n"
	"  --intercept=sud|seccomp\n"
	"                         trap system calls with Syscall User Dispatch (default)\n"
	"                         or a seccomp SECCOMP_RET_TRAP filter\n"
	"  --trace[=FILE]         print every system call of the guest and of the programs\n"
	"                         it runs, to stderr or FILE\n"
	"  --argv0=NAME           the guest's argv[0] (default: PROGRAM as given)\n"
	"  --root=DIR             a FreeBSD root: the guest's absolute paths (a dynamic\n"
	"                         program's interpreter and libraries) are looked up there first\n"
	"  --dll-path=DIR         look for a Windows program's DLLs in DIR too (repeatable;\n"
	"                         after the program's directory, before XABI_DLL_PATH)\n"
	"  --version, --help\n"
	"\n"
	"Environment (for use under binfmt_misc): XABI_ABI, XABI_INTERCEPT, XABI_TRACE\n"
	"(\"1\" or \"stderr\" for stderr, else a file name), XABI_FREEBSD_ROOT (--root),\n"
	"XABI_DLL_PATH (colon-separated directories searched for DLLs after --dll-path).\n"
	"Run as cmd.exe or hostname.exe (links in the Windows directory's system32), or given\n"
	"such a link to xabi as PROGRAM, xabi runs its built-in Windows program of that name.\n"
	"Exit status: the guest's; 121 malformed program, 122 unsupported ABI, 123 not x86-64,\n"
	"124 set-up failed, 125 usage, 126 cannot execute, 127 not found; xabi binfmt: 69 no\n"
	"binfmt_misc or Linux older than 5.12, 77 not permitted.\n"
	"\n"
	"Run as go_freebsd_amd64_exec or go_windows_amd64_exec (names make install adds), xabi\n"
	"runs PROGRAM as that ABI and takes no options: go test and go run use those names.\n"
	"xabi binfmt register makes the kernel start Windows and FreeBSD programs through xabi;\n"
	"see xabi(1).\n";

static int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "xabi: %s%s\n%s", msg, arg ? arg : "", "Try 'xabi --help'.\n");
	return XABI_STATUS_USAGE;
}

/* A built-in Windows program (libshim/system32/) by program's base name: xabi given itself. */
static int run_builtin(const struct options *o, const char *program, int argc, char **argv)
{
	system32_main *run = system32_find(program);
	if (!run) {
		fprintf(stderr, "xabi: %s: a link to xabi, but not one of its built-in Windows programs "
				"(cmd, hostname)\n", program);
		return XABI_STATUS_UNSUPPORTED;
	}
	return run(argc, argv, o->mode == INTERCEPT_SECCOMP ? "--intercept=seccomp" : "--intercept=sud");
}

static int set_intercept(struct options *o, const char *v)
{
	if (!strcmp(v, "sud"))
		o->mode = INTERCEPT_SUD;
	else if (!strcmp(v, "seccomp"))
		o->mode = INTERCEPT_SECCOMP;
	else
		return -1;
	return 0;
}

static void from_environment(struct options *o)
{
	const char *v;
	if ((v = getenv("XABI_ABI")) && *v)
		o->abi = v;
	if ((v = getenv("XABI_INTERCEPT")) && *v && set_intercept(o, v) < 0)
		fprintf(stderr, "xabi: ignoring XABI_INTERCEPT=%s (sud or seccomp)\n", v);
	if ((v = getenv("XABI_FREEBSD_ROOT")) && *v)
		o->root = v;
	if ((v = getenv("XABI_TRACE")) && *v)
		o->trace = !strcmp(v, "1") || !strcmp(v, "stderr") ? "" : v;
}

/* The value of "--name=value" or "--name value"; NULL if arg is not that option. */
static const char *option_value(const char *arg, const char *name, int *i, int argc, char **argv)
{
	size_t n = strlen(name);
	if (strncmp(arg, name, n))
		return 0;
	if (arg[n] == '=')
		return arg + n + 1;
	if (arg[n] == 0 && *i + 1 < argc)
		return argv[++*i];
	return 0;
}

int main(int argc, char **argv, char **envp)
{
	struct options o = { .mode = INTERCEPT_SUD, .trace_fd = -1 };
	from_environment(&o);
	if (launched_by_binfmt())
		return launch_binfmt(&o, argc, argv, envp);
	const char *go_abi = argc >= 1 ? go_exec_abi(argv[0]) : 0;
	if (go_abi)
		return launch_go_exec(&o, go_abi, argc, argv, envp);
	if (argc >= 1 && system32_find(argv[0]))
		return run_builtin(&o, argv[0], argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "info"))
		return argc == 3 ? info_main(argv[2]) : usage_error("usage: xabi info FILE", 0);
	if (argc >= 2 && !strcmp(argv[1], "syscalls"))
		return argc == 3 ? syscalls_main(argv[2]) : usage_error("usage: xabi syscalls ABI", 0);
	if (argc >= 2 && !strcmp(argv[1], "binfmt"))
		return binfmt_main(argc - 2, argv + 2);
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i], *v;
		if (!strcmp(a, "--")) {
			i++;
			break;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(a, "--version")) {
			printf("xabi %s\n", XABI_VERSION);
			return 0;
		} else if (!strcmp(a, "--trace")) {
			o.trace = "";
		} else if (!strncmp(a, "--trace=", 8)) {
			o.trace = a + 8;
		} else if (!strncmp(a, "--trace-fd=", 11)) {
			o.trace_fd = atoi(a + 11); /* internal: from a parent xabi */
		} else if (!strcmp(a, "--follow-exec")) {
			o.follow_exec = 1; /* internal: from a parent xabi */
		} else if ((v = option_value(a, "--abi", &i, argc, argv))) {
			o.abi = v;
		} else if ((v = option_value(a, "--argv0", &i, argc, argv))) {
			o.argv0 = v;
		} else if ((v = option_value(a, "--root", &i, argc, argv))) {
			o.root = v;
		} else if ((v = option_value(a, "--dll-path", &i, argc, argv))) {
			pe_dll_path_add(v);
		} else if ((v = option_value(a, "--intercept", &i, argc, argv))) {
			if (set_intercept(&o, v) < 0)
				return usage_error("--intercept takes sud or seccomp, not ", v);
		} else {
			return usage_error("unknown option ", a);
		}
	}
	if (i >= argc)
		return usage_error("no program given", 0);
	o.program = argv[i];
	o.argc = argc - i - 1;
	o.argv = argv + i + 1;
	if (system32_is_xabi(o.program))
		return run_builtin(&o, o.program, o.argc, o.argv);
	return run_program(&o, envp, 0);
}
