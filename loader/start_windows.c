/* Starting a Windows PE32+ console program as the Windows loader does: the image mapped and
 * relocated, imports bound to the shim, the TLS directory's block for the main thread, a stack of
 * the size the headers ask for, the PEB with its process parameters (command line, image path,
 * environment, std handles) and the main thread's TEB on %gs. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../abi/windows/windows.h"
#include "../libshim/kernel32/kernel32.h"
#include "../libshim/kernel32/windir.h"
#include "../libshim/ntdll/cmdline.h"
#include "../libshim/ntdll/exception.h"
#include "../libshim/ntdll/process.h"
#include "../libshim/ntdll/unicode.h"
#include "pe_image.h"
#include "pe_modules.h"
#include "run.h"
#include "start.h"
#include "status.h"

#define MIN_STACK (256UL << 10)
#define MAX_STACK (1UL << 30)

static UNICODE_STRING ustr(const char *s)
{
	UNICODE_STRING u = { 0, 0, utf8_to_utf16_dup(s) };
	if (u.Buffer) {
		size_t n = utf16_len(u.Buffer);
		u.Length = (WORD)(n > 0x7ffe ? 0xfffc : 2 * n);
		u.MaximumLength = (WORD)(u.Length + 2);
	}
	return u;
}

/* "NAME=value\0...\0\0" in UTF-16, the form of PEB.ProcessParameters->Environment. */
static WCHAR *environment_block(char **envp)
{
	size_t n = 1;
	for (char **e = envp; *e; e++)
		n += utf8_to_utf16(*e, -1, 0, 0);
	WCHAR *block = malloc(n * sizeof *block), *p = block;
	if (!block)
		return 0;
	for (char **e = envp; *e; e++)
		p += utf8_to_utf16(*e, -1, p, n - (size_t)(p - block));
	*p = 0;
	return block;
}

/* path made absolute against the current directory, "." and ".." folded by name as Windows
 * folds them (symbolic links are not resolved: GetModuleFileName gives the name the program was
 * started by). Into buf of n bytes; path itself when it does not fit. */
static const char *absolute(const char *path, char *buf, size_t n)
{
	size_t k = 0;
	if (path[0] != '/') {
		if (!getcwd(buf, n))
			return path;
		k = strlen(buf);
		if (k == 1) /* "/" */
			k = 0;
	}
	for (const char *p = path, *end; *p; p = end) {
		while (*p == '/')
			p++;
		end = p + strcspn(p, "/");
		size_t len = (size_t)(end - p);
		if (len == 0 || (len == 1 && p[0] == '.'))
			continue;
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (k > 0 && buf[--k] != '/')
				;
			continue;
		}
		if (k + 1 + len + 1 > n)
			return path;
		buf[k++] = '/';
		memcpy(buf + k, p, len);
		k += len;
	}
	if (k == 0)
		buf[k++] = '/';
	buf[k] = 0;
	return buf;
}

static void *zalloc_pages(size_t size)
{
	void *p = mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? 0 : p;
}

int start_windows(const struct options *o, int fd, const char *path, char **envp)
{
	struct stat st;
	if (fstat(fd, &st) < 0)
		return xabi_error(XABI_STATUS_NOEXEC, path, "cannot read the file");
	const uint8_t *file = st.st_size ? mmap(0, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)
					 : MAP_FAILED;
	if (file == MAP_FAILED)
		return xabi_error(XABI_STATUS_MALFORMED, path, "truncated: an empty file");
	struct pe_file pf;
	static struct pe_image img;
	const char *why, *dll = 0;
	if (pe_parse(file, (size_t)st.st_size, &pf, &why) < 0)
		return xabi_error(XABI_STATUS_MALFORMED, path, why);
	if (pf.coff.characteristics & PE_FILE_DLL)
		return xabi_error(XABI_STATUS_NOEXEC, path, "a DLL, not a program");
	int r = pe_map(&pf, &img, &why);
	if (r < 0)
		return xabi_error(r == PE_MAP_MALFORMED ? XABI_STATUS_MALFORMED : XABI_STATUS_SETUP, path,
				  why);
	static char full[4096];
	img.path = absolute(path, full, sizeof full); /* GetModuleFileName's (module.c) */
	if (pe_bind_imports(&img, 0, 0, &why, &dll) < 0) /* a DLL not found, or lacking an export */
		return xabi_error(dll ? XABI_STATUS_NOTFOUND : XABI_STATUS_MALFORMED, path, why);
	munmap((void *)file, (size_t)st.st_size);
	close(fd);

	PEB *peb = zalloc_pages(sizeof(PEB));
	RTL_USER_PROCESS_PARAMETERS *params = zalloc_pages(sizeof *params);
	TEB *teb = zalloc_pages(sizeof(TEB));
	uint64_t reserve = img.pf.opt.stack_reserve;
	reserve = reserve < MIN_STACK ? MIN_STACK : reserve > MAX_STACK ? MAX_STACK : reserve;
	reserve = (reserve + 0xffff) & ~0xffffUL;
	uint8_t *stack = mmap(0, reserve, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (!peb || !params || !teb || stack == MAP_FAILED)
		return xabi_error(XABI_STATUS_SETUP, path, "out of memory");
	if (win_stack_guard_init(teb, stack, reserve) < 0) /* sets StackBase and StackLimit */
		return xabi_error(XABI_STATUS_SETUP, path, "cannot protect the stack's guard");
	if (pe_module_add_exe(&img, &why) < 0)
		return xabi_error(XABI_STATUS_MALFORMED, path, why);
	if (pe_modules_tls_alloc(teb) < 0)
		return xabi_error(XABI_STATUS_SETUP, path, "out of memory");
	if (pe_protect(&img, &why) < 0)
		return xabi_error(XABI_STATUS_SETUP, path, why);

	/* argv[0] as the user gave it, then the arguments: one Windows command line. */
	int argc = o->argc + 1;
	char *args[argc + 1];
	args[0] = (char *)(o->argv0 ? o->argv0 : o->program);
	memcpy(args + 1, o->argv, (size_t)o->argc * sizeof(char *));
	args[argc] = 0;
	win_process.cmdline_a = win_cmdline_build(argc, args);
	static char image_path[4096];
	if (!realpath(path, image_path))
		snprintf(image_path, sizeof image_path, "%s", path);
	params->MaximumLength = params->Length = sizeof *params;
	params->CommandLine = ustr(win_process.cmdline_a ? win_process.cmdline_a : "");
	params->ImagePathName = ustr(image_path);
	int handles = kernel32_init_std_handles(params); /* first: it takes a variable from envp */
	(void)envp; /* environ is the environment, which setenv may have moved: */
	windows_directory_env(); /* SystemRoot, windir, PATH, COMSPEC, PATHEXT */
	params->Environment = environment_block(environ);
	if (!win_process.cmdline_a || !params->CommandLine.Buffer ||
	    !params->ImagePathName.Buffer || !params->Environment || handles < 0)
		return xabi_error(XABI_STATUS_SETUP, path, "out of memory");

	peb->ImageBaseAddress = img.base;
	peb->ProcessParameters = params;
	peb->OSMajorVersion = 10; /* Windows 10 / Server 2019 and later */
	peb->OSMinorVersion = 0;
	peb->OSBuildNumber = 19045;
	peb->OSPlatformId = 2; /* VER_PLATFORM_WIN32_NT */
	teb->Self = teb;
	teb->Peb = peb;
	teb->UniqueProcess = (HANDLE)(uintptr_t)getpid();
	teb->UniqueThread = (HANDLE)(uintptr_t)gettid();
	win_process.peb = peb;
	win_process.exe_base = img.base;

	/* ntdll_process_start is entered as if called: %rsp 8 past a 16-byte boundary. */
	struct entry_regs e = {
		.rip = (uintptr_t)ntdll_process_start,
		.rsp = (uintptr_t)(stack + reserve - 8),
		.gs_base = (uintptr_t)teb,
		.keep_fs = 1,
	};
	run_enter(o, path, &windows_abi, &e, 0);
}
