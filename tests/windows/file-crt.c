/* msvcrt's low-level I/O and stat: text mode writes "\n" as "\r\n" and reads "\r\n" as "\n" up to
 * a Ctrl-Z, binary mode leaves bytes alone (the suite checks the bytes on disk), _lseek/_tell/_eof,
 * _dup/_dup2, _chsize, _stat64 modes (_S_IEXEC from the extension), _access, _chmod, fgetpos. */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static void show(const char *label, const char *buf, int n)
{
	printf("%s %d [", label, n);
	for (int i = 0; i < n; i++)
		printf(buf[i] == '\r' ? "\\r" : buf[i] == '\n' ? "\\n" : buf[i] == 26 ? "^Z" : "%c", buf[i]);
	printf("]\n");
}

int main(void)
{
	int fd = _open("text.txt", _O_CREAT | _O_TRUNC | _O_WRONLY | _O_TEXT, _S_IREAD | _S_IWRITE);
	printf("write text %d\n", _write(fd, "a\nb\n", 4));
	printf("tell %ld\n", _tell(fd));
	_close(fd);
	fd = _open("bin.dat", _O_CREAT | _O_TRUNC | _O_WRONLY | _O_BINARY, _S_IREAD | _S_IWRITE);
	printf("write binary %d\n", _write(fd, "a\nb\r\n\x1a" "c", 7));
	_close(fd);

	char buf[64];
	fd = _open("bin.dat", _O_RDONLY | _O_TEXT);
	int n = _read(fd, buf, sizeof buf);
	show("read text", buf, n);
	n = _read(fd, buf, sizeof buf);
	printf("read after ^Z %d\n", n);
	printf("lseek %ld\n", _lseek(fd, 0, SEEK_SET));
	_setmode(fd, _O_BINARY);
	n = _read(fd, buf, sizeof buf);
	show("read binary", buf, n);
	printf("eof %d\n", _eof(fd));
	printf("lseeki64 %lld\n", _lseeki64(fd, -2, SEEK_END));
	int d = _dup(fd);
	n = _read(d, buf, sizeof buf);
	show("dup read", buf, n);
	printf("dup2 %d\n", _dup2(fd, d));
	_close(d);
	_close(fd);
	int r = _read(fd, buf, 1);
	printf("read closed %d errno %d (EBADF %d)\n", r, errno, EBADF);
	r = _open("missing", _O_RDONLY);
	printf("open missing %d errno %d (ENOENT %d)\n", r, errno, ENOENT);
	r = _open("bin.dat", _O_CREAT | _O_EXCL | _O_WRONLY, 0600);
	printf("open excl %d errno %d (EEXIST %d)\n", r, errno, EEXIST);

	fd = _open("size.dat", _O_CREAT | _O_RDWR | _O_BINARY, _S_IREAD | _S_IWRITE);
	_chsize(fd, 100);
	struct _stat64 st;
	_fstat64(fd, &st);
	printf("fstat size %lld mode %o\n", st.st_size, st.st_mode);
	_close(fd);
	fd = _open("ro.dat", _O_CREAT | _O_WRONLY, _S_IREAD);
	_close(fd);
	_stat64("ro.dat", &st);
	printf("stat ro mode %o nlink %d dev %u\n", st.st_mode, st.st_nlink, st.st_dev);
	r = _access("ro.dat", 2);
	printf("access ro write %d errno %d (EACCES %d)\n", r, errno, EACCES);
	printf("access ro read %d\n", _access("ro.dat", 4));
	printf("chmod %d\n", _chmod("ro.dat", _S_IREAD | _S_IWRITE));
	_stat64("ro.dat", &st);
	printf("stat rw mode %o\n", st.st_mode);
	printf("access write %d\n", _access("ro.dat", 2));
	fd = _open("prog.exe", _O_CREAT | _O_WRONLY, _S_IREAD | _S_IWRITE);
	_close(fd);
	_stat64("prog.exe", &st);
	printf("stat exe mode %o\n", st.st_mode);
	_stat64("PROG.EXE", &st);
	printf("stat EXE mode %o\n", st.st_mode);
	_stat64(".", &st);
	printf("stat dir mode %o size %lld\n", st.st_mode, st.st_size);
	errno = 0;
	r = _stat64("size.dat\\", &st);
	printf("stat trailing slash %d errno %d\n", r, errno);
	errno = 0;
	r = _stat64("nothing", &st);
	printf("stat missing %d errno %d\n", r, errno);

	FILE *f = fopen("pos.txt", "w+b");
	fputs("0123456789", f);
	fpos_t pos;
	fseek(f, 3, SEEK_SET);
	fgetpos(f, &pos);
	fseek(f, 0, SEEK_END);
	fsetpos(f, &pos);
	printf("fgetpos %lld\n", (long long)pos);
	printf("getc %c\n", getc(f));
	printf("ftell %ld\n", ftell(f));
	fseek(f, -1, SEEK_END);
	printf("fseek -1 from end: %c\n", getc(f));
	fclose(f);
	f = fopen("ctrlz.txt", "wb");
	fputs("one\r\ntwo\x1athree", f);
	fclose(f);
	f = fopen("ctrlz.txt", "r");
	n = (int)fread(buf, 1, sizeof buf, f);
	show("fread text", buf, n);
	printf("feof %d\n", feof(f) != 0);
	fclose(f);
	f = _fdopen(_open("bin.dat", _O_RDONLY | _O_BINARY), "rb");
	printf("fdopen fileno ok %d\n", _fileno(f) > 2);
	printf("first %c\n", fgetc(f));
	fclose(f);
	return 0;
}
