/* Files and directories from a Windows program: text and binary writes (sizes on disk), a
 * directory listed with FindFirstFile (sorted here), stat, rename and removal, errors. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <windows.h>

int main(void)
{
	FILE *f = fopen("t.txt", "w");
	fputs("1\n22\n333\n", f);
	fclose(f);
	f = fopen("b.bin", "wb");
	fputs("1\n22\n333\n", f);
	fclose(f);
	struct stat st;
	stat("t.txt", &st);
	printf("text size %ld\n", (long)st.st_size);
	stat("b.bin", &st);
	printf("binary size %ld regular %d\n", (long)st.st_size, (st.st_mode & S_IFMT) == S_IFREG);
	CreateDirectoryA("d", NULL);
	CreateDirectoryA("d\\e", NULL);
	MoveFileA("t.txt", "d\\T.txt");
	CopyFileA("b.bin", "d\\b.bin", FALSE);
	char names[8][MAX_PATH];
	int n = 0;
	WIN32_FIND_DATAA fd;
	HANDLE h = FindFirstFileA("d\\*", &fd);
	do
		strcpy(names[n++], fd.cFileName);
	while (n < 8 && FindNextFileA(h, &fd));
	FindClose(h);
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char t[MAX_PATH];
			strcpy(t, names[j]), strcpy(names[j], names[j - 1]), strcpy(names[j - 1], t);
		}
	for (int i = 0; i < n; i++)
		printf("entry %s\n", names[i]);
	f = fopen("D\\t.TXT", "r"); /* names without regard to case */
	char line[16];
	int lines = 0;
	while (fgets(line, sizeof line, f))
		lines++;
	fclose(f);
	printf("lines %d\n", lines);
	BOOL ok = RemoveDirectoryA("d");
	printf("remove non-empty %d error %lu\n", ok, GetLastError());
	int r1 = remove("d\\T.txt"), r2 = remove("d\\b.bin");
	BOOL d1 = RemoveDirectoryA("d\\e"), d2 = RemoveDirectoryA("d"); /* each in its turn */
	printf("unlink %d %d rmdir %d %d\n", r1, r2, d1, d2);
	int r = stat("d", &st);
	printf("gone %d errno %d\n", r, errno);
	return 0;
}
