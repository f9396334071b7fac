// compat case go-files: file and directory calls through Go's os package, in a directory "t"
// made under the current directory. Everything printed is deterministic: relative paths, sizes,
// permission bits, fixed modification times, sorted listings.
package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

var failures int

func check(what string, err error) {
	if err != nil {
		failures++
		fmt.Printf("UNEXPECTED %s: %v\n", what, err)
	}
}

// expectErr prints an error that should happen and how it classifies.
func expectErr(what string, err error) {
	if err == nil {
		failures++
		fmt.Printf("%s: UNEXPECTED success\n", what)
		return
	}
	fmt.Printf("%s: %v (notexist=%v exist=%v)\n", what, err, os.IsNotExist(err), os.IsExist(err))
}

func nlink(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 0
}

func describe(path string) string {
	fi, err := os.Lstat(path)
	if err != nil {
		return "lstat error: " + err.Error()
	}
	s := fmt.Sprintf("%s name=%s mode=%v perm=%04o dir=%v regular=%v symlink=%v",
		path, fi.Name(), fi.Mode(), fi.Mode().Perm(), fi.IsDir(), fi.Mode().IsRegular(),
		fi.Mode()&fs.ModeSymlink != 0)
	if fi.Mode().IsRegular() {
		s += fmt.Sprintf(" size=%d nlink=%d", fi.Size(), nlink(fi))
	}
	return s
}

func main() {
	syscall.Umask(0o022)
	start, err := os.Getwd()
	check("getwd", err)
	check("mkdir t", os.Mkdir("t", 0o755))
	expectErr("mkdir t again", os.Mkdir("t", 0o755))

	// Create, write, read back, append.
	check("write", os.WriteFile("t/a.txt", []byte("hello\nworld\n"), 0o644))
	data, err := os.ReadFile("t/a.txt")
	check("read", err)
	fmt.Printf("read back: %q\n", data)
	f, err := os.OpenFile("t/a.txt", os.O_APPEND|os.O_WRONLY, 0)
	check("open append", err)
	n, err := f.WriteString("appended\n")
	check("append", err)
	fmt.Println("appended bytes:", n)
	check("sync", f.Sync())
	check("close", f.Close())
	expectErr("write after close", func() error { _, err := f.Write([]byte("x")); return err }())
	data, _ = os.ReadFile("t/a.txt")
	fmt.Printf("after append: %q\n", data)
	fmt.Println(describe("t/a.txt"))

	// Seek, ReadAt, WriteAt, Truncate, fstat.
	f, err = os.OpenFile("t/b.bin", os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	check("create b", err)
	_, err = f.Write([]byte("0123456789abcdefghij"))
	check("write b", err)
	pos, err := f.Seek(5, io.SeekStart)
	check("seek", err)
	buf := make([]byte, 4)
	_, err = io.ReadFull(f, buf)
	check("read b", err)
	fmt.Printf("seek 5 -> %d, read %q\n", pos, buf)
	pos, _ = f.Seek(-3, io.SeekEnd)
	fmt.Println("seek end-3 ->", pos)
	pos, _ = f.Seek(1, io.SeekCurrent)
	fmt.Println("seek cur+1 ->", pos)
	_, err = f.WriteAt([]byte("XYZ"), 10)
	check("writeat", err)
	_, err = f.ReadAt(buf, 8)
	check("readat", err)
	fmt.Printf("readat 8: %q\n", buf)
	_, err = f.ReadAt(buf, 18)
	fmt.Printf("readat 18 (short): %q err=%v\n", buf[:2], err)
	check("truncate 12", f.Truncate(12))
	fi, err := f.Stat()
	check("fstat", err)
	fmt.Println("after ftruncate: size", fi.Size(), "perm", fi.Mode().Perm())
	check("close b", f.Close())
	check("truncate path", os.Truncate("t/b.bin", 30))
	data, _ = os.ReadFile("t/b.bin")
	fmt.Printf("after truncate 30: %q\n", data)
	// Writing past the end makes a hole that reads as zeros.
	f, _ = os.OpenFile("t/b.bin", os.O_RDWR, 0)
	f.WriteAt([]byte("!"), 40)
	fi, _ = f.Stat()
	f.Close()
	fmt.Println("after writeat 40: size", fi.Size())

	// O_EXCL, missing files, wrong types.
	_, err = os.OpenFile("t/a.txt", os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	expectErr("O_EXCL on existing", err)
	_, err = os.Open("t/missing")
	expectErr("open missing", err)
	fmt.Println("  errors.Is ErrNotExist:", errors.Is(err, fs.ErrNotExist))
	var pe *fs.PathError
	if errors.As(err, &pe) {
		fmt.Printf("  PathError op=%s path=%s errno=%v\n", pe.Op, pe.Path, pe.Err)
	}
	_, err = os.Stat("t/missing/deeper")
	expectErr("stat missing/deeper", err)
	_, err = os.Stat("t/a.txt/x")
	expectErr("stat through a file", err)
	expectErr("mkdir under a file", os.Mkdir("t/a.txt/x", 0o755))
	expectErr("remove missing", os.Remove("t/missing"))

	// Permissions.
	for _, perm := range []fs.FileMode{0o600, 0o755, 0o444, 0o640, 0o755 | fs.ModeSetuid,
		0o750 | fs.ModeSetgid, 0o777 | fs.ModeSticky} {
		check("chmod", os.Chmod("t/b.bin", perm))
		fi, err := os.Stat("t/b.bin")
		check("stat", err)
		fmt.Printf("chmod %v -> mode %v perm %04o\n", perm, fi.Mode(), fi.Mode().Perm())
	}
	os.Chmod("t/b.bin", 0o644)
	f, err = os.OpenFile("t/created0600", os.O_CREATE|os.O_WRONLY, 0o666)
	check("create 0666", err)
	fi, _ = f.Stat()
	f.Close()
	fmt.Printf("created with 0666 under umask 022: %v\n", fi.Mode())

	// Fixed times.
	mt := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	check("chtimes", os.Chtimes("t/a.txt", mt, mt))
	fi, _ = os.Stat("t/a.txt")
	fmt.Println("mtime after chtimes:", fi.ModTime().UTC().Format(time.RFC3339Nano))

	// Hard link, symlinks.
	check("link", os.Link("t/a.txt", "t/hard.txt"))
	fa, _ := os.Stat("t/a.txt")
	fh, _ := os.Stat("t/hard.txt")
	fmt.Println("hard link: same file", os.SameFile(fa, fh), "nlink", nlink(fa))
	check("symlink", os.Symlink("a.txt", "t/link.txt"))
	check("symlink dangling", os.Symlink("nowhere", "t/dangling"))
	check("symlink dir", os.Symlink("sub", "t/sublink"))
	fmt.Println(describe("t/link.txt"))
	target, err := os.Readlink("t/link.txt")
	check("readlink", err)
	fmt.Println("readlink t/link.txt:", target)
	fi, err = os.Stat("t/link.txt")
	check("stat link", err)
	fmt.Println("stat through link: size", fi.Size(), "regular", fi.Mode().IsRegular())
	_, err = os.Stat("t/dangling")
	expectErr("stat dangling", err)
	fmt.Println(describe("t/dangling"))
	_, err = os.Readlink("t/a.txt")
	expectErr("readlink on a file", err)
	expectErr("symlink over existing", os.Symlink("x", "t/link.txt"))

	// mkdir -p, nested files, directory listing.
	check("mkdirall", os.MkdirAll("t/sub/deep/deeper", 0o750))
	check("mkdirall again", os.MkdirAll("t/sub/deep/deeper", 0o750))
	fmt.Println(describe("t/sub/deep"))
	os.WriteFile("t/sub/one", []byte("1"), 0o644)
	os.WriteFile("t/sub/deep/two", []byte("22"), 0o644)
	os.WriteFile("t/sub/deep/deeper/three", []byte("333"), 0o644)
	fi, _ = os.Stat("t/sublink")
	fmt.Println("stat through dir symlink: dir", fi.IsDir())
	list("t")
	list("t/sub")
	fmt.Println("walk t/sub:")
	filepath.WalkDir("t/sub", func(path string, d fs.DirEntry, err error) error {
		check("walk", err)
		size := int64(-1)
		if info, err := d.Info(); err == nil && !d.IsDir() {
			size = info.Size()
		}
		fmt.Printf("  %s dir=%v size=%d\n", path, d.IsDir(), size)
		return nil
	})
	real, err := filepath.EvalSymlinks("t/sublink/deep/../one")
	check("evalsymlinks", err)
	fmt.Println("evalsymlinks t/sublink/deep/../one:", real)

	// Renames: a file, over an existing file, a directory, and errors.
	check("rename", os.Rename("t/hard.txt", "t/renamed.txt"))
	_, err = os.Stat("t/hard.txt")
	fmt.Println("old name gone:", os.IsNotExist(err))
	os.WriteFile("t/victim", []byte("old contents"), 0o644)
	check("rename over", os.Rename("t/renamed.txt", "t/victim"))
	data, _ = os.ReadFile("t/victim")
	fmt.Printf("victim now: %q\n", data)
	check("rename dir", os.Rename("t/sub/deep", "t/moved"))
	list("t/moved")
	expectErr("rename missing", os.Rename("t/missing", "t/x"))
	os.Mkdir("t/nonempty", 0o755)
	os.WriteFile("t/nonempty/f", nil, 0o644)
	expectErr("remove non-empty dir", os.Remove("t/nonempty"))
	expectErr("rename dir over non-empty dir", os.Rename("t/moved", "t/nonempty"))

	// Getwd and Chdir.
	check("chdir", os.Chdir("t/moved/deeper"))
	wd, err := os.Getwd()
	check("getwd", err)
	rel, _ := filepath.Rel(start, wd)
	fmt.Println("getwd after chdir, relative:", rel)
	data, err = os.ReadFile("three")
	check("read relative", err)
	fmt.Printf("read three: %q\n", data)
	check("chdir back", os.Chdir(start))
	df, _ := os.Open("t/moved")
	check("fchdir", df.Chdir())
	wd, _ = os.Getwd()
	rel, _ = filepath.Rel(start, wd)
	fmt.Println("getwd after fchdir, relative:", rel)
	df.Close()
	os.Chdir(start)

	// A big directory: many getdirentries/getdents calls.
	check("mkdir big", os.Mkdir("t/big", 0o755))
	const count = 500
	for i := 0; i < count; i++ {
		name := fmt.Sprintf("t/big/entry-with-a-fairly-long-name-to-fill-buffers-%04d", i)
		if i%50 == 0 {
			check("mkdir entry", os.Mkdir(name, 0o700))
		} else {
			check("create entry", os.WriteFile(name, []byte(strings.Repeat("x", i)), 0o644))
		}
	}
	entries, err := os.ReadDir("t/big")
	check("readdir big", err)
	dirs, total := 0, int64(0)
	for _, e := range entries {
		if e.IsDir() {
			dirs++
		} else if info, err := e.Info(); err == nil {
			total += info.Size()
		}
	}
	fmt.Println("big: entries", len(entries), "dirs", dirs, "bytes", total)
	fmt.Println("big: first", entries[0].Name(), "last", entries[len(entries)-1].Name())
	// Reading names in chunks of 64 (several calls, unsorted): every name once.
	df, _ = os.Open("t/big")
	seen := map[string]bool{}
	chunks := 0
	for {
		names, err := df.Readdirnames(64)
		for _, nm := range names {
			seen[nm] = true
		}
		if err == io.EOF {
			break
		}
		check("readdirnames", err)
		chunks++
		if err != nil {
			break
		}
	}
	df.Close()
	fmt.Println("big: readdirnames(64) chunks", chunks, "distinct names", len(seen))

	// Cleanup.
	check("removeall", os.RemoveAll("t"))
	_, err = os.Lstat("t")
	fmt.Println("after removeall, t exists:", !os.IsNotExist(err))
	check("removeall missing", os.RemoveAll("t"))
	fmt.Println("failures:", failures)
	if failures > 0 {
		os.Exit(1)
	}
}

func list(dir string) {
	entries, err := os.ReadDir(dir)
	check("readdir "+dir, err)
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	fmt.Printf("readdir %s: %d entries, sorted=%v\n", dir, len(entries), sort.StringsAreSorted(names))
	for _, e := range entries {
		info, err := e.Info()
		perm := "?"
		if err == nil {
			perm = fmt.Sprintf("%v", info.Mode())
		}
		fmt.Printf("  %-12s type=%-10v dir=%-5v %s\n", e.Name(), e.Type(), e.IsDir(), perm)
	}
}
