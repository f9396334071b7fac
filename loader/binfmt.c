/* "xabi binfmt": one binfmt_misc entry per foreign format xabi runs, so that the kernel starts
 * those programs through xabi (Documentation/admin-guide/binfmt-misc.rst). The entries' flags:
 *   F  the kernel opens xabi when the entry is registered, so it is found inside chroots and
 *      containers too (xabi is static: it needs nothing else from the file system);
 *   P  argv[0] as the caller gave it reaches xabi (after the program's path), so the guest sees
 *      the argv[0] it would natively; the kernel then sets AT_FLAGS_PRESERVE_ARGV0 in xabi's
 *      auxiliary vector (Linux 5.12), which is how xabi knows it was started this way (launch.c).
 * Neither O nor C: xabi opens the program itself (so it must be readable, as for a script), and
 * set-user-ID bits of foreign programs are not honoured. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "binfmt.h"
#include "status.h"

#define BINFMT_DIR "/proc/sys/fs/binfmt_misc"
#define ENTRY_FLAGS "PF"
#define MAGIC_MAX 20

/* Magic and mask are matched at offset 0. Masked-out bytes are 0 in the magic. */
static const struct format {
	const char *suffix; /* the entry is named PREFIX-suffix */
	const char *what;
	unsigned len;
	unsigned char magic[MAGIC_MAX], mask[MAGIC_MAX];
} formats[] = {
	/* binfmt_misc matches fixed bytes only and cannot reach the PE signature that e_lfanew
	 * points to: every MZ file comes to xabi, which refuses or hands on what is not PE32+
	 * x86-64 (launch.c, detect.c). */
	{ "pe", "Windows programs (MZ)", 2, { 'M', 'Z' }, { 0xff, 0xff } },
	/* ELF64, little-endian, version 1, EI_OSABI 9 (FreeBSD); e_type 2 or 3 (executable or
	 * PIE, by the mask 0xfe); e_machine 62 (x86-64). EI_ABIVERSION and the padding vary. A
	 * FreeBSD program branded only by its ABI note (OSABI 0) cannot be told apart here. */
	{ "freebsd", "FreeBSD x86-64 ELF programs (OSABI 9)", 20,
	  { 0x7f, 'E', 'L', 'F', 2, 1, 1, 9, [16] = 2, [18] = 62 },
	  { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, [16] = 0xfe, 0xff, 0xff, 0xff } },
};
#define NFORMATS (sizeof formats / sizeof formats[0])

struct request {
	const char *action; /* register, unregister, status; NULL with --print alone */
	int dry_run, print;
	const char *prefix;
	const char *interpreter;
};

static int fail(int status, const char *what, const char *why)
{
	fprintf(stderr, "xabi binfmt: %s: %s\n", what, why);
	return status;
}

/* The status that goes with a failed mount or write of binfmt_misc's files. */
static int errno_status(int err)
{
	if (err == EPERM || err == EACCES || err == EROFS)
		return XABI_STATUS_NOPERM;
	if (err == ENODEV || err == ENOENT)
		return XABI_STATUS_UNAVAILABLE;
	return XABI_STATUS_SETUP;
}

static const char *errno_hint(int err)
{
	if (err == EPERM || err == EACCES || err == EROFS)
		return " (needs root, CAP_SYS_ADMIN; in a container the host must register xabi, e.g. "
		       "from the lines of xabi binfmt --print)";
	if (err == ENODEV || err == ENOENT)
		return " (the kernel has no binfmt_misc: CONFIG_BINFMT_MISC)";
	return "";
}

static int system_error(const char *what, int err)
{
	fprintf(stderr, "xabi binfmt: %s: %s%s\n", what, strerror(err), errno_hint(err));
	return errno_status(err);
}

static void entry_name(char *buf, size_t size, const struct request *r, const struct format *f)
{
	snprintf(buf, size, "%s-%s", r->prefix, f->suffix);
}

static void entry_path(char *buf, size_t size, const struct request *r, const struct format *f)
{
	char name[96];
	entry_name(name, sizeof name, r, f);
	snprintf(buf, size, BINFMT_DIR "/%s", name);
}

static void hex_escaped(char *out, const unsigned char *b, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		out += sprintf(out, "\\x%02x", b[i]);
}

/* ":name:M:0:magic:mask:interpreter:flags", the format of both the register file and binfmt.d. */
static void entry_line(char *buf, size_t size, const struct request *r, const struct format *f)
{
	char name[96], magic[4 * MAGIC_MAX + 1] = "", mask[4 * MAGIC_MAX + 1] = "";
	entry_name(name, sizeof name, r, f);
	hex_escaped(magic, f->magic, f->len);
	hex_escaped(mask, f->mask, f->len);
	snprintf(buf, size, ":%s:M:0:%s:%s:%s:%s", name, magic, mask, r->interpreter, ENTRY_FLAGS);
}

static int is_mounted(void)
{
	return access(BINFMT_DIR "/register", F_OK) == 0;
}

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	int err = errno;
	close(fd);
	errno = err;
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* The P flag is only safe where the kernel also says it used it (AT_FLAGS, Linux 5.12). */
static int kernel_passes_flags(void)
{
	struct utsname u;
	unsigned major = 0, minor = 0;
	if (uname(&u) < 0 || sscanf(u.release, "%u.%u", &major, &minor) != 2)
		return 0;
	return major > 5 || (major == 5 && minor >= 12);
}

static int do_print(const struct request *r)
{
	printf("# xabi: the kernel starts these foreign programs through xabi (xabi binfmt, xabi(1)).\n"
	       "# For systemd-binfmt: /etc/binfmt.d/xabi.conf\n");
	for (size_t i = 0; i < NFORMATS; i++) {
		char line[512];
		entry_line(line, sizeof line, r, &formats[i]);
		printf("# %s\n%s\n", formats[i].what, line);
	}
	return 0;
}

static int mount_binfmt(const struct request *r)
{
	if (is_mounted())
		return 0;
	if (r->dry_run) {
		printf("would mount binfmt_misc at " BINFMT_DIR "\n");
		return 0;
	}
	if (mount("binfmt_misc", BINFMT_DIR, "binfmt_misc", MS_NOSUID | MS_NODEV | MS_NOEXEC, 0) < 0)
		return system_error("cannot mount binfmt_misc at " BINFMT_DIR, errno);
	printf("mounted binfmt_misc at " BINFMT_DIR "\n");
	return 0;
}

/* Remove one entry if it is there. Returns 1 when it was, 0 when not, or -status. */
static int remove_entry(const struct request *r, const struct format *f, int quiet)
{
	char path[160], name[96];
	entry_path(path, sizeof path, r, f);
	entry_name(name, sizeof name, r, f);
	if (access(path, F_OK) < 0)
		return 0;
	if (r->dry_run) {
		printf("would remove %s (write -1 to %s)\n", name, path);
		return 1;
	}
	if (write_text(path, "-1") < 0)
		return -system_error(path, errno);
	if (!quiet)
		printf("%s: removed\n", name);
	return 1;
}

static int do_register(const struct request *r)
{
	if (!kernel_passes_flags())
		return fail(XABI_STATUS_UNAVAILABLE, "register",
			    "needs Linux 5.12 or later, which tells the interpreter that binfmt_misc "
			    "kept argv[0] (AT_FLAGS)");
	if (!r->dry_run && access(r->interpreter, X_OK) < 0)
		return fail(errno == ENOENT ? XABI_STATUS_NOTFOUND : XABI_STATUS_NOEXEC, r->interpreter,
			    strerror(errno));
	int status = mount_binfmt(r);
	if (status)
		return status;
	for (size_t i = 0; i < NFORMATS; i++) {
		char line[512], name[96];
		entry_line(line, sizeof line, r, &formats[i]);
		entry_name(name, sizeof name, r, &formats[i]);
		/* Replacing rather than keeping an equal entry: F holds the file opened at
		 * registration, which a rebuilt or reinstalled xabi no longer is. */
		int had = is_mounted() ? remove_entry(r, &formats[i], 1) : 0;
		if (had < 0)
			return -had;
		if (r->dry_run) {
			printf("would write %s to " BINFMT_DIR "/register\n", line);
			continue;
		}
		if (write_text(BINFMT_DIR "/register", line) < 0)
			return system_error("cannot register with " BINFMT_DIR "/register", errno);
		printf("%s: %s: %s -> %s (flags %s)\n", name, had ? "replaced" : "registered",
		       formats[i].what, r->interpreter, ENTRY_FLAGS);
	}
	return 0;
}

static int do_unregister(const struct request *r)
{
	if (!is_mounted()) {
		printf("binfmt_misc is not mounted at " BINFMT_DIR ": no entry is registered\n");
		return 0;
	}
	for (size_t i = 0; i < NFORMATS; i++) {
		int had = remove_entry(r, &formats[i], 0);
		if (had < 0)
			return -had;
		if (!had) {
			char name[96];
			entry_name(name, sizeof name, r, &formats[i]);
			printf("%s: not registered\n", name);
		}
	}
	return 0;
}

/* One entry's state from its file: "enabled"/"disabled", "interpreter PATH", "flags: PF", ... */
static int show_entry(const struct request *r, const struct format *f)
{
	char path[160], name[96], line[512], state[16] = "?", interp[PATH_MAX] = "?", flags[16] = "";
	entry_path(path, sizeof path, r, f);
	entry_name(name, sizeof name, r, f);
	FILE *in = fopen(path, "re");
	if (!in) {
		printf("%s: not registered (%s)\n", name, f->what);
		return 0;
	}
	while (fgets(line, sizeof line, in)) {
		line[strcspn(line, "\n")] = 0;
		if (!strcmp(line, "enabled") || !strcmp(line, "disabled"))
			snprintf(state, sizeof state, "%.15s", line);
		else if (!strncmp(line, "interpreter ", 12))
			snprintf(interp, sizeof interp, "%s", line + 12);
		else if (!strncmp(line, "flags: ", 7))
			snprintf(flags, sizeof flags, "%.15s", line + 7);
	}
	fclose(in);
	printf("%s: %s, interpreter %s, flags %s (%s)%s\n", name, state, interp, flags, f->what,
	       strcmp(interp, r->interpreter) ? "; not this xabi" : "");
	return !strcmp(state, "enabled");
}

/* Hex digits into bytes, at most max; the count. */
static unsigned unhex(const char *s, unsigned char *out, unsigned max)
{
	unsigned n = 0, byte;
	while (n < max && sscanf(s, "%2x", &byte) == 1 && s[1]) {
		out[n++] = (unsigned char)byte;
		s += 2;
	}
	return n;
}

/* Whether a file could match both f and a magic entry at offset 0 (a mask of NULL: all ones). */
static int overlaps(const struct format *f, const unsigned char *magic, const unsigned char *mask,
		    unsigned n)
{
	for (unsigned i = 0; i < n && i < f->len; i++)
		if ((f->magic[i] ^ magic[i]) & f->mask[i] & (mask ? mask[i] : 0xff))
			return 0;
	return 1;
}

/* Other enabled entries that match files ours match: the kernel uses the one registered last, so
 * they may take those programs from xabi (wine-binfmt's MZ entry, say). */
static void show_rivals(const struct request *r)
{
	DIR *d = opendir(BINFMT_DIR);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		char path[512], line[512], name[96], interp[256] = "?";
		unsigned char magic[MAGIC_MAX], mask[MAGIC_MAX];
		unsigned n = 0, masked = 0;
		int enabled = 0, at_zero = 0, ours = 0;
		for (size_t i = 0; i < NFORMATS; i++) {
			entry_name(name, sizeof name, r, &formats[i]);
			ours |= !strcmp(de->d_name, name);
		}
		if (ours || de->d_name[0] == '.' || !strcmp(de->d_name, "register") ||
		    !strcmp(de->d_name, "status"))
			continue;
		snprintf(path, sizeof path, BINFMT_DIR "/%s", de->d_name);
		FILE *in = fopen(path, "re");
		while (in && fgets(line, sizeof line, in)) {
			line[strcspn(line, "\n")] = 0;
			enabled |= !strcmp(line, "enabled");
			at_zero |= !strcmp(line, "offset 0");
			if (!strncmp(line, "interpreter ", 12))
				snprintf(interp, sizeof interp, "%.250s", line + 12);
			else if (!strncmp(line, "magic ", 6))
				n = unhex(line + 6, magic, MAGIC_MAX);
			else if (!strncmp(line, "mask ", 5))
				masked = unhex(line + 5, mask, MAGIC_MAX) == n;
		}
		if (in)
			fclose(in);
		for (size_t i = 0; enabled && at_zero && n && i < NFORMATS; i++)
			if (overlaps(&formats[i], magic, masked ? mask : 0, n))
				printf("note: %s (interpreter %s) also matches %s; the entry registered "
				       "last is used\n", de->d_name, interp, formats[i].what);
	}
	if (d)
		closedir(d);
}

static int do_status(const struct request *r)
{
	if (!is_mounted()) {
		printf("binfmt_misc is not mounted at " BINFMT_DIR ": no entry is registered\n");
		return 1;
	}
	char state[16] = "?";
	FILE *in = fopen(BINFMT_DIR "/status", "re");
	if (in) {
		if (fgets(state, sizeof state, in))
			state[strcspn(state, "\n")] = 0;
		fclose(in);
	}
	printf("binfmt_misc: mounted at " BINFMT_DIR ", %s\n", state);
	int enabled = 0;
	for (size_t i = 0; i < NFORMATS; i++)
		enabled += show_entry(r, &formats[i]);
	show_rivals(r);
	return enabled == (int)NFORMATS && !strcmp(state, "enabled") ? 0 : 1;
}

static int valid_prefix(const char *p)
{
	size_t n = strlen(p);
	return n > 0 && n <= 64 && strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
					  "0123456789._-") == n;
}

static int usage(const char *why, const char *arg)
{
	fprintf(stderr,
		"xabi binfmt: %s%s\n"
		"usage: xabi binfmt register|unregister|status [--dry-run] [--prefix=NAME]\n"
		"                                              [--interpreter=PATH]\n"
		"       xabi binfmt --print [--prefix=NAME] [--interpreter=PATH]\n",
		why, arg ? arg : "");
	return XABI_STATUS_USAGE;
}

int binfmt_main(int argc, char **argv)
{
	static char self[PATH_MAX];
	struct request r = { .prefix = "xabi" };
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--dry-run"))
			r.dry_run = 1;
		else if (!strcmp(a, "--print"))
			r.print = 1;
		else if (!strncmp(a, "--prefix=", 9))
			r.prefix = a + 9;
		else if (!strncmp(a, "--interpreter=", 14))
			r.interpreter = a + 14;
		else if (a[0] != '-' && !r.action &&
			 (!strcmp(a, "register") || !strcmp(a, "unregister") || !strcmp(a, "status")))
			r.action = a;
		else
			return usage("unexpected argument ", a);
	}
	if (!r.action && !r.print)
		return usage("no action given", 0);
	if (r.print && r.action && strcmp(r.action, "register"))
		return usage("--print goes with register or alone, not with ", r.action);
	if (!valid_prefix(r.prefix))
		return usage("--prefix takes 1 to 64 letters, digits, '.', '_', '-', not ", r.prefix);
	if (!r.interpreter) {
		if (!realpath("/proc/self/exe", self))
			return system_error("/proc/self/exe", errno);
		r.interpreter = self;
	}
	if (r.interpreter[0] != '/' || strchr(r.interpreter, ':') || strlen(r.interpreter) > 256)
		return usage("the interpreter must be an absolute path without ':', not ", r.interpreter);
	if (r.print)
		return do_print(&r);
	if (!strcmp(r.action, "register"))
		return do_register(&r);
	if (!strcmp(r.action, "unregister"))
		return do_unregister(&r);
	return do_status(&r);
}
