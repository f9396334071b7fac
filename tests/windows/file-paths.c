/* Path mapping (libshim/README.md, "Paths"): run in a directory the suite names as argv[1] (its
 * host path); Z:\ is the host root, both separators work, names are found without regard to case,
 * GetFullPathName folds "." and "..", devices and UNC paths. Printed relative to that directory. */
#include <direct.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

static char base[MAX_PATH]; /* the directory in Windows form, as GetCurrentDirectory gives it */

static void full(const char *p)
{
	char out[MAX_PATH], *part = NULL;
	DWORD n = GetFullPathNameA(p, sizeof out, out, &part);
	size_t b = strlen(base);
	const char *shown = strncmp(out, base, b) ? out : out + b;
	printf("full [%s] -> %s%s (length returned %d) part [%s]\n", p, strncmp(out, base, b) ? "" : "BASE",
	       shown, n == strlen(out), part ? part : "(null)");
}

static void attrs_as(const char *label, const char *p)
{
	SetLastError(0);
	DWORD a = GetFileAttributesA(p);
	DWORD e = GetLastError();
	printf("attrs [%s] %lx error %lu\n", label, a, e);
}

static void attrs(const char *p)
{
	attrs_as(p, p);
}

int main(int argc, char **argv)
{
	DWORD n = GetCurrentDirectoryA(sizeof base, base);
	/* The current directory is argv[1] in Windows form: Z: and backslashes. */
	char want[MAX_PATH] = "Z:";
	for (char *s = argv[1], *w = want + 2; *s; s++, w++)
		*w = *s == '/' ? '\\' : *s, w[1] = 0;
	printf("cwd is Z: form of argv[1]: %d length %d\n", strcmp(base, want) == 0, n == strlen(base));
	char small[4];
	n = GetCurrentDirectoryA(sizeof small, small);
	printf("GetCurrentDirectory small buffer gives the size with NUL: %d\n", n == strlen(base) + 1);
	full("a\\..\\b");
	full("a/./b/");
	full("\\tmp");
	full("Z:\\tmp\\..\\etc");
	full("z:/");
	full("/etc/passwd");
	full("C:\\..\\..");
	full("nul");
	full("dir\\CON.txt");
	full("\\\\?\\Z:\\tmp");
	SetLastError(0);
	n = GetFullPathNameA("\\\\server\\share\\x", MAX_PATH, small, NULL);
	printf("UNC %lu\n", n);
	attrs("\\\\server\\share\\x");

	CreateDirectoryA("Dir", NULL);
	CloseHandle(CreateFileA("Dir\\File.TXT", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL));
	attrs("dir\\file.txt");
	attrs("DIR/FILE.TXT");
	attrs("Dir\\File.TXT");
	char abs[MAX_PATH];
	snprintf(abs, sizeof abs, "%s\\dIr\\fIlE.tXt", base);
	attrs_as("BASE\\dIr\\fIlE.tXt", abs);
	snprintf(abs, sizeof abs, "%s/dir/file.txt", argv[1]); /* a host path: rooted, no drive */
	attrs_as("argv[1]/dir/file.txt", abs);
	attrs("dir\\nothere.txt");
	attrs("nodir\\nothere.txt");
	attrs("Q:\\x");
	attrs("Dir\\File.TXT.");
	printf("SetCurrentDirectory %d\n", SetCurrentDirectoryA("DIR"));
	char cwd[MAX_PATH];
	GetCurrentDirectoryA(sizeof cwd, cwd);
	printf("cwd now BASE%s\n", cwd + strlen(base));
	char *c = _getcwd(NULL, 0);
	printf("_getcwd same %d\n", strcmp(c, cwd) == 0);
	attrs("file.txt");
	attrs("..\\dir");
	BOOL ok = SetCurrentDirectoryA("file.txt");
	printf("SetCurrentDirectory file %d error %lu\n", ok, GetLastError());
	SetCurrentDirectoryA("..");
	char *fp = _fullpath(NULL, "dir\\..\\x", 0);
	printf("_fullpath BASE%s\n", fp + strlen(base));
	printf("drive types Z %u C %u Q %u\n", GetDriveTypeA("Z:\\"), GetDriveTypeA("C:\\"), GetDriveTypeA("Q:\\"));
	char tmp[MAX_PATH];
	n = GetTempPathA(sizeof tmp, tmp);
	printf("temp path %s (%lu)\n", tmp, n);
	char name[MAX_PATH];
	UINT u = GetTempFileNameA(".", "abc", 0x12345, name);
	printf("temp file name %u BASE%s\n", u, name + strlen(base));
	u = GetTempFileNameA(".", "xyz", 0, name);
	printf("temp file made %d\n", u != 0 && GetFileAttributesA(name) != INVALID_FILE_ATTRIBUTES);
	DeleteFileA(name);
	n = GetLongPathNameA("dir\\file.txt", name, sizeof name);
	printf("long path %s (%lu)\n", name, n);
	return 0;
}
