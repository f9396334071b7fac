/* Symbolic links as reparse points and hard links (Microsoft's documentation: "Symbolic Links",
 * FSCTL_GET_REPARSE_POINT, REPARSE_DATA_BUFFER, GetFileAttributes, FindFirstFile's dwReserved0,
 * CreateHardLink). Run in an empty directory. */
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

#ifndef SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE
#define SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE 0x2
#endif
#define UNPRIV SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE

typedef struct {
	DWORD ReparseTag;
	WORD ReparseDataLength, Reserved;
	WORD SubstituteNameOffset, SubstituteNameLength, PrintNameOffset, PrintNameLength;
	ULONG Flags;
	WCHAR PathBuffer[1];
} SYMLINK_REPARSE;

static void put(const wchar_t *name, const char *text)
{
	HANDLE h = CreateFileW(name, GENERIC_WRITE, 0, 0, CREATE_ALWAYS, 0, 0);
	DWORD n;
	WriteFile(h, text, (DWORD)strlen(text), &n, 0);
	CloseHandle(h);
}

static void attrs(const wchar_t *name)
{
	DWORD a = GetFileAttributesW(name);
	WIN32_FILE_ATTRIBUTE_DATA d;
	BOOL ok = GetFileAttributesExW(name, GetFileExInfoStandard, &d);
	printf("attributes %ls: 0x%lx, ex %d size %lu\n", name, a, ok, ok ? d.nFileSizeLow : 0);
}

static void content(const wchar_t *name)
{
	char buf[32] = "";
	DWORD n = 0;
	HANDLE h = CreateFileW(name, GENERIC_READ, FILE_SHARE_READ, 0, OPEN_EXISTING, 0, 0);
	if (h == INVALID_HANDLE_VALUE) {
		printf("open %ls: error %lu\n", name, GetLastError());
		return;
	}
	ReadFile(h, buf, sizeof buf - 1, &n, 0);
	BY_HANDLE_FILE_INFORMATION bi;
	GetFileInformationByHandle(h, &bi);
	CloseHandle(h);
	printf("read %ls: \"%.*s\", attributes 0x%lx size %lu\n", name, (int)n, buf, bi.dwFileAttributes,
	       bi.nFileSizeLow);
}

/* Print the reparse data of name (opened itself); the absolute target of 'absolute' is compared
 * with the expected full path. */
static void reparse(const wchar_t *name, const wchar_t *absolute)
{
	HANDLE h = CreateFileW(name, 0, 0, 0, OPEN_EXISTING,
			       FILE_FLAG_OPEN_REPARSE_POINT | FILE_FLAG_BACKUP_SEMANTICS, 0);
	if (h == INVALID_HANDLE_VALUE) {
		printf("open link %ls: error %lu\n", name, GetLastError());
		return;
	}
	BY_HANDLE_FILE_INFORMATION bi;
	FILE_ATTRIBUTE_TAG_INFO ti;
	GetFileInformationByHandle(h, &bi);
	BOOL tok = GetFileInformationByHandleEx(h, FileAttributeTagInfo, &ti, sizeof ti);
	printf("link %ls: attributes 0x%lx, tag info %d 0x%lx 0x%lx\n", name, bi.dwFileAttributes, tok,
	       ti.FileAttributes, ti.ReparseTag);
	union {
		SYMLINK_REPARSE r;
		char bytes[MAXIMUM_REPARSE_DATA_BUFFER_SIZE];
	} u;
	DWORD got = 0;
	BOOL ok = DeviceIoControl(h, FSCTL_GET_REPARSE_POINT, 0, 0, &u, 12, &got, 0);
	printf("  short buffer: %d error %lu\n", ok, ok ? 0 : GetLastError());
	ok = DeviceIoControl(h, FSCTL_GET_REPARSE_POINT, 0, 0, &u, sizeof u, &got, 0);
	CloseHandle(h);
	if (!ok) {
		printf("  reparse: error %lu\n", GetLastError());
		return;
	}
	SYMLINK_REPARSE *r = &u.r;
	const WCHAR *subst = r->PathBuffer + r->SubstituteNameOffset / 2;
	const WCHAR *print = r->PathBuffer + r->PrintNameOffset / 2;
	int ls = r->SubstituteNameLength / 2, lp = r->PrintNameLength / 2;
	printf("  tag 0x%lx flags %lu returned-matches-length %d\n", r->ReparseTag, r->Flags,
	       got == (DWORD)r->ReparseDataLength + 8);
	if (!absolute) {
		printf("  substitute \"%.*ls\" print \"%.*ls\"\n", ls, subst, lp, print);
		return;
	}
	WCHAR full[MAX_PATH], prefixed[MAX_PATH + 4] = L"\\??\\";
	GetFullPathNameW(absolute, MAX_PATH, full, 0);
	wcscat(prefixed, full);
	printf("  substitute is \\??\\ + full path: %d, print is the full path: %d\n",
	       ls == (int)wcslen(prefixed) && !wcsncmp(subst, prefixed, ls),
	       lp == (int)wcslen(full) && !wcsncmp(print, full, lp));
}

static void find_all(void)
{
	WIN32_FIND_DATAW d;
	HANDLE f = FindFirstFileW(L"*", &d);
	do
		if (wcscmp(d.cFileName, L".") && wcscmp(d.cFileName, L".."))
			printf("find %ls: 0x%lx reserved0 0x%lx size %lu\n", d.cFileName, d.dwFileAttributes,
			       d.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT ? d.dwReserved0 : 0,
			       d.nFileSizeLow);
	while (FindNextFileW(f, &d));
	FindClose(f);
}

int main(void)
{
	put(L"target.txt", "hello");
	CreateDirectoryW(L"dir", 0);
	WCHAR full[MAX_PATH];
	GetFullPathNameW(L"target.txt", MAX_PATH, full, 0);

	printf("file link: %d\n", CreateSymbolicLinkW(L"flink", L"target.txt", UNPRIV));
	printf("dir link: %d\n", CreateSymbolicLinkW(L"dlink", L"dir", SYMBOLIC_LINK_FLAG_DIRECTORY | UNPRIV));
	printf("absolute link: %d\n", CreateSymbolicLinkW(L"alink", full, UNPRIV));
	printf("link in dir: %d\n", CreateSymbolicLinkW(L"dir\\up", L"..\\target.txt", UNPRIV));
	printf("dangling link: %d\n", CreateSymbolicLinkW(L"dangle", L"missing", UNPRIV));
	BOOLEAN again = CreateSymbolicLinkW(L"flink", L"target.txt", UNPRIV);
	printf("existing name: %d error %lu\n", again, GetLastError());

	attrs(L"target.txt");
	attrs(L"dir");
	attrs(L"flink");
	attrs(L"dlink");
	attrs(L"dangle");
	find_all();

	content(L"flink");
	content(L"alink");
	content(L"dir\\up");
	content(L"dangle");

	reparse(L"flink", 0);
	reparse(L"dir\\up", 0);
	reparse(L"dlink", 0);
	reparse(L"alink", L"target.txt");
	reparse(L"target.txt", 0);

	HANDLE dh = CreateFileW(L"dlink", 0, 0, 0, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, 0);
	BY_HANDLE_FILE_INFORMATION bi;
	GetFileInformationByHandle(dh, &bi);
	printf("dlink followed: attributes 0x%lx\n", bi.dwFileAttributes);
	CloseHandle(dh);

	printf("hard link: %d\n", CreateHardLinkW(L"hard", L"target.txt", 0));
	BOOL hl = CreateHardLinkW(L"hard", L"target.txt", 0);
	printf("hard link again: %d error %lu\n", hl, GetLastError());
	hl = CreateHardLinkW(L"hard2", L"nothing", 0);
	printf("hard link to nothing: %d error %lu\n", hl, GetLastError());
	BY_HANDLE_FILE_INFORMATION a, b;
	HANDLE ha = CreateFileW(L"hard", GENERIC_READ, FILE_SHARE_READ, 0, OPEN_EXISTING, 0, 0);
	HANDLE hb = CreateFileW(L"target.txt", GENERIC_READ, FILE_SHARE_READ, 0, OPEN_EXISTING, 0, 0);
	GetFileInformationByHandle(ha, &a);
	GetFileInformationByHandle(hb, &b);
	printf("hard: links %lu, same file %d\n", a.nNumberOfLinks,
	       a.dwVolumeSerialNumber == b.dwVolumeSerialNumber && a.nFileIndexLow == b.nFileIndexLow &&
		       a.nFileIndexHigh == b.nFileIndexHigh);
	CloseHandle(ha);
	CloseHandle(hb);

	printf("delete flink: %d\n", DeleteFileW(L"flink"));
	attrs(L"flink");
	attrs(L"target.txt");
	return 0;
}
