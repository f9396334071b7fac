/* Reading a directory handle as Go's os.ReadDir does (libshim/kernel32/file_info_ex.c):
 * GetFileInformationByHandleEx with FileFullDirectoryRestartInfo, then FileFullDirectoryInfo until
 * ERROR_NO_MORE_FILES, entries chained by NextEntryOffset; a buffer smaller than the fixed part
 * gives ERROR_BAD_LENGTH; GetVolumeInformationByHandleW's serial number is
 * GetFileInformationByHandle's. Names are printed sorted (the order is the file system's). Wine 8
 * prints the same. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char names[16][64];
static int count;

static int by_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Every entry of one buffer; how many. */
static int take(const unsigned char *buf)
{
	int n = 0;
	for (const FILE_FULL_DIR_INFO *e = (const void *)buf;; e = (const void *)((const char *)e + e->NextEntryOffset)) {
		char name[32];
		int len = WideCharToMultiByte(CP_UTF8, 0, e->FileName, (int)(e->FileNameLength / 2), name,
					      sizeof name - 1, NULL, NULL);
		name[len] = 0;
		if (count < 16)
			snprintf(names[count++], sizeof names[0], "%s %s size %lld", name,
				 e->FileAttributes & FILE_ATTRIBUTE_DIRECTORY ? "dir" : "file",
				 e->FileAttributes & FILE_ATTRIBUTE_DIRECTORY ? 0 : e->EndOfFile.QuadPart);
		n++;
		if (!e->NextEntryOffset)
			return n;
	}
}

static int list(HANDLE h, DWORD size)
{
	unsigned char *buf = malloc(size);
	int calls = 0;
	count = 0;
	FILE_INFO_BY_HANDLE_CLASS class = FileFullDirectoryRestartInfo;
	while (GetFileInformationByHandleEx(h, class, buf, size)) {
		take(buf);
		calls++;
		class = FileFullDirectoryInfo;
	}
	DWORD err = GetLastError();
	qsort(names, (size_t)count, sizeof names[0], by_name);
	printf("buffer %lu: %d entries in %s calls, then error %lu\n", size, count, calls > 1 ? "several" : "one", err);
	free(buf);
	return count;
}

int main(void)
{
	char dir[MAX_PATH];
	GetTempPathA(sizeof dir, dir);
	strcat(dir, "xabi-dirlist");
	CreateDirectoryA(dir, NULL);
	char path[MAX_PATH + 32];
	const char *files[] = { "alpha.txt", "b", "caf\xc3\xa9" }; /* UTF-8, as the names print */
	WCHAR wpath[MAX_PATH + 32];
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s\\%s", dir, files[i]);
		MultiByteToWideChar(CP_UTF8, 0, path, -1, wpath, MAX_PATH + 32);
		HANDLE f = CreateFileW(wpath, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
		DWORD w;
		WriteFile(f, "hello", (DWORD)(i + 1), &w, NULL);
		CloseHandle(f);
	}
	snprintf(path, sizeof path, "%s\\sub", dir);
	CreateDirectoryA(path, NULL);

	HANDLE h = CreateFileA(dir, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
			       FILE_FLAG_BACKUP_SEMANTICS, NULL);
	printf("directory opened: %s\n", h != INVALID_HANDLE_VALUE ? "yes" : "no");
	list(h, 4096);
	for (int i = 0; i < count; i++)
		printf("  %s\n", names[i]);
	list(h, 104); /* room for one short entry a call */
	unsigned char tiny[40];
	SetLastError(0);
	BOOL ok = GetFileInformationByHandleEx(h, FileFullDirectoryRestartInfo, tiny, sizeof tiny);
	printf("buffer of 40 bytes: %d, error %lu\n", ok, GetLastError());

	DWORD serial = 0, flags = 0;
	BY_HANDLE_FILE_INFORMATION info;
	GetFileInformationByHandle(h, &info);
	ok = GetVolumeInformationByHandleW(h, NULL, 0, &serial, NULL, &flags, NULL, 0);
	printf("GetVolumeInformationByHandleW: %d, serial is the file's volume: %s, preserves case: %s\n", ok,
	       serial == info.dwVolumeSerialNumber ? "yes" : "no", flags & FILE_CASE_PRESERVED_NAMES ? "yes" : "no");
	CloseHandle(h);

	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s\\%s", dir, files[i]);
		MultiByteToWideChar(CP_UTF8, 0, path, -1, wpath, MAX_PATH + 32);
		DeleteFileW(wpath);
	}
	snprintf(path, sizeof path, "%s\\sub", dir);
	RemoveDirectoryA(path);
	RemoveDirectoryA(dir);
	return 0;
}
