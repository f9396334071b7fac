/* Information by handle (Microsoft's documentation of GetFileInformationByHandleEx and
 * SetFileInformationByHandle with their FILE_*_INFO records, GetFinalPathNameByHandle,
 * GetVolumeInformationByHandleW, GetFileType). Paths are compared with GetFullPathName's, so
 * the output does not depend on where it runs. Run in an empty directory. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

static HANDLE put(const wchar_t *name, const char *text)
{
	HANDLE h = CreateFileW(name, GENERIC_READ | GENERIC_WRITE | DELETE, FILE_SHARE_READ | FILE_SHARE_DELETE, 0,
			       CREATE_ALWAYS, 0, 0);
	DWORD n;
	WriteFile(h, text, (DWORD)strlen(text), &n, 0);
	return h;
}

static void basic_standard(const char *what, HANDLE h)
{
	FILE_BASIC_INFO b;
	FILE_STANDARD_INFO s;
	BOOL ok = GetFileInformationByHandleEx(h, FileBasicInfo, &b, sizeof b) &&
		  GetFileInformationByHandleEx(h, FileStandardInfo, &s, sizeof s);
	FILETIME w;
	GetFileTime(h, 0, 0, &w);
	printf("%s: %d attributes 0x%lx size %lld directory %d, write time as GetFileTime %d\n",
	       what, ok, b.FileAttributes, s.EndOfFile.QuadPart, s.Directory,
	       b.LastWriteTime.QuadPart == ((LONGLONG)w.dwHighDateTime << 32 | w.dwLowDateTime));
}

static void names(const wchar_t *name, HANDLE h)
{
	WCHAR full[MAX_PATH], buf[MAX_PATH + 8], expect[MAX_PATH + 8] = L"\\\\?\\";
	GetFullPathNameW(name, MAX_PATH, full, 0);
	wcscat(expect, full);
	DWORD n = GetFinalPathNameByHandleW(h, buf, MAX_PATH + 8, VOLUME_NAME_DOS);
	printf("final path %ls: is \\\\?\\ + full path %d, length %d\n", name, !wcscmp(buf, expect),
	       n == wcslen(expect));
	n = GetFinalPathNameByHandleW(h, buf, 4, VOLUME_NAME_DOS);
	printf("  short buffer: returns the size with its NUL %d\n", n == wcslen(expect) + 1);
	n = GetFinalPathNameByHandleW(h, buf, MAX_PATH + 8, VOLUME_NAME_NONE);
	printf("  without volume: is the full path without its drive %d\n", n && !wcscmp(buf, full + 2));
	union {
		FILE_NAME_INFO i;
		char b[4 + 2 * MAX_PATH];
	} u;
	BOOL ok = GetFileInformationByHandleEx(h, FileNameInfo, &u, sizeof u);
	printf("  FileNameInfo: %d, is the full path without its drive %d\n", ok,
	       u.i.FileNameLength == 2 * wcslen(full + 2) && !wcsncmp(u.i.FileName, full + 2, wcslen(full + 2)));
	ok = GetFileInformationByHandleEx(h, FileNameInfo, &u, 8);
	printf("  FileNameInfo in 8 bytes: %d error %lu, length still the whole %d\n", ok, GetLastError(),
	       u.i.FileNameLength == 2 * wcslen(full + 2));
}

static void ids(HANDLE h)
{
	BY_HANDLE_FILE_INFORMATION bi;
	FILE_ID_INFO id;
	DWORD serial, maxlen, flags;
	WCHAR fs[16];
	GetFileInformationByHandle(h, &bi);
	BOOL ok = GetFileInformationByHandleEx(h, FileIdInfo, &id, sizeof id);
	ULONGLONG index = (ULONGLONG)bi.nFileIndexHigh << 32 | bi.nFileIndexLow, low;
	memcpy(&low, id.FileId.Identifier, 8);
	printf("FileIdInfo: %d, volume as GetFileInformationByHandle %d, id is the file index %d\n", ok,
	       id.VolumeSerialNumber == bi.dwVolumeSerialNumber, low == index);
	ok = GetVolumeInformationByHandleW(h, 0, 0, &serial, &maxlen, &flags, fs, 16);
	printf("volume: %d, same serial %d, max component %lu, file system %ls, reparse points %d, hard links %d\n",
	       ok, serial == bi.dwVolumeSerialNumber, maxlen, fs, !!(flags & FILE_SUPPORTS_REPARSE_POINTS),
	       !!(flags & FILE_SUPPORTS_HARD_LINKS));
}

static int cmp(const void *a, const void *b)
{
	return wcscmp(*(wchar_t *const *)a, *(wchar_t *const *)b);
}

/* Every entry of directory "d" through class first/next in a buffer of size bytes: sorted lines. */
static void listing(const char *what, int first, int next, DWORD size)
{
	HANDLE h = CreateFileW(L"d", GENERIC_READ, FILE_SHARE_READ, 0, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, 0);
	char *buf = _aligned_malloc(size, 8);
	wchar_t *lines[16];
	int n = 0, calls = 0, per_call_max = 0;
	int cls = first;
	for (;;) {
		if (!GetFileInformationByHandleEx(h, cls, buf, size)) {
			printf("%s: ends with error %lu after %d calls\n", what, GetLastError(), calls);
			break;
		}
		calls++;
		cls = next;
		int in_call = 0;
		for (FILE_FULL_DIR_INFO *e = (void *)buf;; e = (void *)((char *)e + e->NextEntryOffset)) {
			WCHAR *name = first == FileFullDirectoryRestartInfo ? e->FileName
								    : ((FILE_ID_BOTH_DIR_INFO *)e)->FileName;
			int len = e->FileNameLength / 2;
			in_call++;
			if (!(len == 1 && name[0] == '.') && !(len == 2 && name[0] == '.' && name[1] == '.') && n < 16) {
				lines[n] = malloc(128 * sizeof(wchar_t));
				swprintf(lines[n++], 128, L"%.*ls attributes 0x%lx size %lld reparse tag 0x%lx", len, name,
					 e->FileAttributes, e->EndOfFile.QuadPart, e->EaSize);
			}
			if (!e->NextEntryOffset)
				break;
		}
		per_call_max = in_call > per_call_max ? in_call : per_call_max;
	}
	qsort(lines, n, sizeof *lines, cmp);
	printf("%s: %d entries, at most %s per call\n", what, n, per_call_max == 1 ? "one" : "several");
	for (int i = 0; i < n; i++)
		printf("  %ls\n", lines[i]);
	CloseHandle(h);
	_aligned_free(buf);
}

int main(void)
{
	HANDLE h = put(L"a.txt", "abc");
	basic_standard("a.txt", h);
	names(L"a.txt", h);
	ids(h);
	printf("file type: disk %d\n", GetFileType(h) == FILE_TYPE_DISK);

	FILE_END_OF_FILE_INFO eof = { .EndOfFile.QuadPart = 10 };
	LARGE_INTEGER size;
	BOOL ok = SetFileInformationByHandle(h, FileEndOfFileInfo, &eof, sizeof eof);
	GetFileSizeEx(h, &size);
	printf("end of file 10: %d size %lld\n", ok, size.QuadPart);

	FILE_BASIC_INFO b = { 0 };
	b.LastWriteTime.QuadPart = 132000000000000000LL; /* 2019-04-14 */
	b.FileAttributes = FILE_ATTRIBUTE_READONLY;
	ok = SetFileInformationByHandle(h, FileBasicInfo, &b, sizeof b);
	FILETIME w;
	GetFileTime(h, 0, 0, &w);
	printf("basic: %d write time %lld read-only %d\n", ok,
	       (LONGLONG)w.dwHighDateTime << 32 | w.dwLowDateTime,
	       !!(GetFileAttributesW(L"a.txt") & FILE_ATTRIBUTE_READONLY));
	b.LastWriteTime.QuadPart = 0;
	b.FileAttributes = FILE_ATTRIBUTE_NORMAL;
	ok = SetFileInformationByHandle(h, FileBasicInfo, &b, sizeof b);
	GetFileTime(h, 0, 0, &w);
	printf("basic again: %d write time kept %d read-only %d\n", ok,
	       ((LONGLONG)w.dwHighDateTime << 32 | w.dwLowDateTime) == 132000000000000000LL,
	       !!(GetFileAttributesW(L"a.txt") & FILE_ATTRIBUTE_READONLY));

	CloseHandle(put(L"b.txt", "b"));
	union {
		FILE_RENAME_INFO r;
		char bytes[sizeof(FILE_RENAME_INFO) + 32];
	} u = { 0 };
	u.r.FileNameLength = 10;
	memcpy(u.r.FileName, L"b.txt", 10);
	ok = SetFileInformationByHandle(h, FileRenameInfo, &u, sizeof u);
	printf("rename onto b.txt: %d error %lu\n", ok, ok ? 0 : GetLastError());
	u.r.ReplaceIfExists = TRUE;
	ok = SetFileInformationByHandle(h, FileRenameInfo, &u, sizeof u);
	DWORD gone = GetFileAttributesW(L"a.txt"), err = GetLastError();
	printf("rename onto b.txt, replacing: %d; a.txt 0x%lx error %lu\n", ok, gone, err);
	GetFileSizeEx(h, &size);
	printf("b.txt through the handle: size %lld\n", size.QuadPart);
	CloseHandle(h);

	h = put(L"c.txt", "c");
	FILE_DISPOSITION_INFO del = { TRUE };
	ok = SetFileInformationByHandle(h, FileDispositionInfo, &del, sizeof del);
	CloseHandle(h);
	DWORD a = GetFileAttributesW(L"c.txt");
	err = GetLastError();
	printf("delete c.txt by handle: %d, after close 0x%lx error %lu\n", ok, a, err);

	CreateDirectoryW(L"d", 0);
	CloseHandle(put(L"d\\x1", "1"));
	CloseHandle(put(L"d\\x22", "22"));
	CreateDirectoryW(L"d\\sub", 0);
	CreateSymbolicLinkW(L"d\\ln", L"x1", SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE);
	HANDLE dh = CreateFileW(L"d", 0, 0, 0, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, 0);
	basic_standard("directory d", dh);
	CloseHandle(dh);
	listing("full directory info", FileFullDirectoryRestartInfo, FileFullDirectoryInfo, 65536);
	listing("id both directory info, small buffer", FileIdBothDirectoryRestartInfo, FileIdBothDirectoryInfo,
		sizeof(FILE_ID_BOTH_DIR_INFO) + 16);
	dh = CreateFileW(L"d", GENERIC_READ, 0, 0, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, 0);
	char tiny[16];
	ok = GetFileInformationByHandleEx(dh, FileFullDirectoryRestartInfo, tiny, sizeof tiny);
	printf("listing into 16 bytes: %d error %lu\n", ok, GetLastError());
	CloseHandle(dh);

	HANDLE r, wr;
	CreatePipe(&r, &wr, 0, 0);
	ok = GetConsoleMode(r, &a);
	err = GetLastError();
	printf("pipe: file type pipe %d, console mode %d error %lu\n", GetFileType(r) == FILE_TYPE_PIPE, ok, err);
	return 0;
}
