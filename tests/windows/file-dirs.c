/* Directories: CreateDirectory/RemoveDirectory last errors, FindFirstFile's wildcards with "." and
 * "..", _findfirst64, _mkdir/_rmdir errno. Names are sorted here (NTFS order is not promised). */
#include <direct.h>
#include <errno.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define SHOW(label, call)                                                        \
	do {                                                                     \
		SetLastError(0);                                                 \
		long long r_ = (long long)(call);                                \
		DWORD e_ = GetLastError();                                       \
		printf("%s %lld error %lu\n", label, r_, e_);                    \
	} while (0)

static void sort(char **v, int n) /* insertion sort: the CRT's qsort is not what is tested */
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
			char *t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

static void list(const char *spec)
{
	WIN32_FIND_DATAA d;
	char *names[64];
	int n = 0;
	HANDLE h = FindFirstFileA(spec, &d);
	if (h == INVALID_HANDLE_VALUE) {
		printf("%s: none, error %lu\n", spec, GetLastError());
		return;
	}
	do
		names[n++] = strcpy(malloc(strlen(d.cFileName) + 1), d.cFileName);
	while (n < 64 && FindNextFileA(h, &d));
	DWORD e = GetLastError();
	FindClose(h);
	sort(names, n);
	printf("%s:", spec);
	for (int i = 0; i < n; i++)
		printf(" %s", names[i]);
	printf(" (then error %lu)\n", e);
}

int main(void)
{
	SHOW("CreateDirectory", CreateDirectoryA("top", NULL));
	SHOW("CreateDirectory again", CreateDirectoryA("top", NULL));
	SHOW("CreateDirectory no parent", CreateDirectoryA("none\\sub", NULL));
	CreateDirectoryA("top\\sub", NULL);
	const char *files[] = { "top\\a.txt", "top\\b.TXT", "top\\c.dat", "top\\noext", "top\\ab.txt" };
	for (int i = 0; i < 5; i++)
		CloseHandle(CreateFileA(files[i], GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL));
	list("top\\*");
	list("top\\*.*");
	list("top\\*.txt");
	list("top\\?.txt");
	list("top/A*");
	list("top\\*.none");
	list("nodir\\*");
	list("top\\sub\\*");
	WIN32_FIND_DATAA d;
	HANDLE h = FindFirstFileA("top\\c.dat", &d);
	printf("exact: %s attrs %lx size %lu\n", d.cFileName, d.dwFileAttributes, d.nFileSizeLow);
	FindClose(h);
	h = FindFirstFileA("top\\sub", &d);
	printf("dir: %s attrs %lx\n", d.cFileName, d.dwFileAttributes);
	FindClose(h);

	struct __finddata64_t fd;
	intptr_t fh = _findfirst64("top\\*.txt", &fd);
	int count = 0;
	if (fh != -1) {
		do
			count++;
		while (_findnext64(fh, &fd) == 0);
		printf("_findfirst64 *.txt: %d, then errno %d (ENOENT %d)\n", count, errno, ENOENT);
		_findclose(fh);
	}
	errno = 0;
	fh = _findfirst64("top\\*.zzz", &fd);
	printf("_findfirst64 none: %d errno %d\n", (int)fh, errno);
	fh = _findfirst64("top\\sub", &fd);
	printf("_findfirst64 dir: %s attrib %x subdir %d\n", fd.name, fd.attrib, (fd.attrib & _A_SUBDIR) != 0);
	_findclose(fh);

	SHOW("RemoveDirectory non-empty", RemoveDirectoryA("top"));
	SHOW("RemoveDirectory file", RemoveDirectoryA("top\\a.txt"));
	SHOW("RemoveDirectory missing", RemoveDirectoryA("top\\zz"));
	SHOW("RemoveDirectory", RemoveDirectoryA("top\\sub"));
	errno = 0;
	printf("_mkdir %d\n", _mkdir("m"));
	int r = _mkdir("m");
	printf("_mkdir again %d errno %d (EEXIST %d)\n", r, errno, EEXIST);
	r = _rmdir("top");
	printf("_rmdir non-empty %d errno %d (ENOTEMPTY %d)\n", r, errno, ENOTEMPTY);
	printf("_rmdir %d\n", _rmdir("m"));
	r = _rmdir("m");
	printf("_rmdir gone %d errno %d (ENOENT %d)\n", r, errno, ENOENT);
	r = rename("top\\a.txt", "top\\b.txt");
	printf("rename onto existing %d errno %d (EEXIST %d)\n", r, errno, EEXIST);
	printf("rename %d\n", rename("top\\a.txt", "top\\z.txt"));
	printf("remove %d\n", remove("top\\z.txt"));
	r = remove("top\\z.txt");
	printf("remove gone %d errno %d\n", r, errno);
	r = remove("top");
	printf("remove dir %d errno %d (EACCES %d)\n", r, errno, EACCES);
	return 0;
}
