/* CreateFile's dispositions and last errors, ReadFile/WriteFile at the end of a file,
 * SetFilePointer's error protocol, GetFileSize, SetEndOfFile, attributes, delete and move
 * (Microsoft's documented results, in file-create.expected). */
#include <stdio.h>
#include <windows.h>

static HANDLE open_(const char *name, DWORD access, DWORD disp, DWORD flags)
{
	SetLastError(12345);
	HANDLE h = CreateFileA(name, access, FILE_SHARE_READ, NULL, disp, flags, NULL);
	printf("%s %s: %s error %lu\n", name, disp == CREATE_NEW ? "CREATE_NEW" : disp == CREATE_ALWAYS ? "CREATE_ALWAYS"
	       : disp == OPEN_EXISTING ? "OPEN_EXISTING" : disp == OPEN_ALWAYS ? "OPEN_ALWAYS" : "TRUNCATE_EXISTING",
	       h == INVALID_HANDLE_VALUE ? "fail" : "ok", GetLastError());
	return h;
}

/* The result of call and the last error it left, in that order (printf's arguments are not). */
#define SHOW(label, call)                                                        \
	do {                                                                     \
		SetLastError(0);                                                 \
		long long r_ = (long long)(call);                                \
		DWORD e_ = GetLastError();                                       \
		printf("%s %lld error %lu\n", label, r_, e_);                    \
	} while (0)

static void put(HANDLE h, const char *s)
{
	DWORD n;
	WriteFile(h, s, (DWORD)strlen(s), &n, NULL);
}

int main(void)
{
	HANDLE h = open_("a.txt", GENERIC_WRITE, OPEN_EXISTING, 0);
	h = open_("a.txt", GENERIC_WRITE, CREATE_NEW, 0);
	put(h, "hello world");
	CloseHandle(h);
	h = open_("a.txt", GENERIC_WRITE, CREATE_NEW, 0);
	h = open_("a.txt", GENERIC_READ | GENERIC_WRITE, OPEN_ALWAYS, 0);
	printf("size %lu\n", GetFileSize(h, NULL));
	CloseHandle(h);
	h = open_("b.txt", GENERIC_WRITE, OPEN_ALWAYS, 0);
	CloseHandle(h);
	h = open_("a.txt", GENERIC_WRITE, CREATE_ALWAYS, 0);
	printf("size %lu\n", GetFileSize(h, NULL));
	put(h, "0123456789");
	CloseHandle(h);
	h = open_("c.txt", GENERIC_WRITE, CREATE_ALWAYS, 0);
	CloseHandle(h);
	h = open_("nothere.txt", GENERIC_WRITE, TRUNCATE_EXISTING, 0);
	h = open_("nodir\\x.txt", GENERIC_READ, OPEN_EXISTING, 0);
	h = open_("nodir\\x.txt", GENERIC_WRITE, CREATE_ALWAYS, 0);

	/* Reading at the end of a file succeeds with 0 bytes. */
	h = open_("a.txt", GENERIC_READ, OPEN_EXISTING, 0);
	char buf[32];
	DWORD got = 99;
	BOOL ok = ReadFile(h, buf, 4, &got, NULL);
	printf("read %d %lu [%.4s]\n", ok, got, buf);
	DWORD pos = SetFilePointer(h, -2, NULL, FILE_END);
	printf("SetFilePointer end-2 %lu error %lu\n", pos, GetLastError());
	ok = ReadFile(h, buf, sizeof buf, &got, NULL);
	printf("read %d %lu [%.2s]\n", ok, got, buf);
	ok = ReadFile(h, buf, sizeof buf, &got, NULL);
	printf("read at end %d %lu\n", ok, got);
	SetLastError(0);
	pos = SetFilePointer(h, -20, NULL, FILE_CURRENT);
	printf("negative seek %lx error %lu\n", pos, GetLastError());
	LONG high = 0;
	pos = SetFilePointer(h, 3, &high, FILE_BEGIN);
	printf("SetFilePointer high %lu %ld\n", pos, high);
	LARGE_INTEGER li, np;
	li.QuadPart = 0;
	SetFilePointerEx(h, li, &np, FILE_CURRENT);
	printf("SetFilePointerEx current %lld\n", np.QuadPart);
	CloseHandle(h);

	/* FILE_APPEND_DATA alone writes at the end, wherever the pointer is. */
	h = open_("a.txt", FILE_APPEND_DATA, OPEN_EXISTING, 0);
	SetFilePointer(h, 0, NULL, FILE_BEGIN);
	put(h, "AB");
	CloseHandle(h);
	h = open_("a.txt", GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING, 0);
	ok = ReadFile(h, buf, sizeof buf, &got, NULL);
	printf("append: %lu [%.*s]\n", got, (int)got, buf);
	SetFilePointer(h, 4, NULL, FILE_BEGIN);
	SetEndOfFile(h);
	LARGE_INTEGER size;
	GetFileSizeEx(h, &size);
	printf("SetEndOfFile size %lld\n", size.QuadPart);
	BY_HANDLE_FILE_INFORMATION info;
	GetFileInformationByHandle(h, &info);
	printf("info attrs %lx size %lu links %lu\n", info.dwFileAttributes, info.nFileSizeLow, info.nNumberOfLinks);
	FILETIME ft = { 0 }, ft2;
	SYSTEMTIME st = { 2001, 2, 0, 3, 4, 5, 6, 0 };
	SystemTimeToFileTime(&st, &ft);
	printf("SetFileTime %d\n", SetFileTime(h, NULL, NULL, &ft));
	GetFileTime(h, NULL, NULL, &ft2);
	printf("GetFileTime same %d\n", CompareFileTime(&ft, &ft2) == 0);
	printf("FlushFileBuffers %d\n", FlushFileBuffers(h));
	CloseHandle(h);
	SHOW("CloseHandle again", CloseHandle(h));

	/* Read-only on create; attributes; delete refused; then allowed. */
	h = open_("ro.txt", GENERIC_WRITE, CREATE_NEW, FILE_ATTRIBUTE_READONLY);
	CloseHandle(h);
	printf("ro attrs %lx\n", GetFileAttributesA("ro.txt"));
	h = open_("ro.txt", GENERIC_WRITE, OPEN_EXISTING, 0);
	SHOW("DeleteFile ro", DeleteFileA("ro.txt"));
	printf("SetFileAttributes normal %d\n", SetFileAttributesA("ro.txt", FILE_ATTRIBUTE_NORMAL));
	printf("attrs %lx\n", GetFileAttributesA("ro.txt"));
	printf("DeleteFile %d\n", DeleteFileA("ro.txt"));
	SHOW("attrs gone", (LONG)GetFileAttributesA("ro.txt"));
	SHOW("DeleteFile gone", DeleteFileA("ro.txt"));
	WIN32_FILE_ATTRIBUTE_DATA ad;
	SHOW("GetFileAttributesEx", GetFileAttributesExA("a.txt", GetFileExInfoStandard, &ad));
	printf("attrs %lx size %lu\n", ad.dwFileAttributes, ad.nFileSizeLow);

	/* Moves and copies. */
	SHOW("MoveFile onto existing", MoveFileA("b.txt", "c.txt"));
	printf("MoveFileEx replace %d\n", MoveFileExA("b.txt", "c.txt", MOVEFILE_REPLACE_EXISTING));
	printf("b gone %d\n", GetFileAttributesA("b.txt") == INVALID_FILE_ATTRIBUTES);
	SHOW("CopyFile fail-if-exists", CopyFileA("a.txt", "c.txt", TRUE));
	printf("CopyFile %d\n", CopyFileA("a.txt", "c.txt", FALSE));
	h = open_("c.txt", GENERIC_READ, OPEN_EXISTING, 0);
	ReadFile(h, buf, sizeof buf, &got, NULL);
	printf("copy: %lu [%.*s]\n", got, (int)got, buf);
	CloseHandle(h);

	/* Delete on close: the file is gone once the handle is closed. */
	h = open_("tmp.txt", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE);
	put(h, "temp");
	SetFilePointer(h, 0, NULL, FILE_BEGIN);
	ReadFile(h, buf, sizeof buf, &got, NULL);
	printf("temp: %lu\n", got);
	CloseHandle(h);
	printf("temp gone %d\n", GetFileAttributesA("tmp.txt") == INVALID_FILE_ATTRIBUTES);

	/* A directory opens only with FILE_FLAG_BACKUP_SEMANTICS. */
	CreateDirectoryA("d", NULL);
	h = open_("d", GENERIC_READ, OPEN_EXISTING, 0);
	h = open_("d", GENERIC_READ, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS);
	GetFileInformationByHandle(h, &info);
	printf("dir attrs %lx\n", info.dwFileAttributes);
	CloseHandle(h);
	h = open_("NUL", GENERIC_WRITE, OPEN_EXISTING, 0);
	printf("NUL type %lu\n", GetFileType(h));
	CloseHandle(h);
	return 0;
}
