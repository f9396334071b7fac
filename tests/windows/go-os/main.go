// go-os: what Go's os and os/exec packages do with files, links and processes, printed so that
// the Linux build and the Windows build (under xabi) print the same lines: paths are relative
// and shown with '/', absolute results are compared rather than printed. Run in an empty
// directory; "go-os child ..." is the child that the exec checks start.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

func check(what string, err error) {
	if err != nil {
		fmt.Printf("%s: error %v\n", what, errors.Unwrap(err) != nil)
		return
	}
	fmt.Printf("%s: ok\n", what)
}

func describe(name string, fi fs.FileInfo, err error) {
	if err != nil {
		fmt.Printf("%s: error, not exist %v\n", name, errors.Is(err, fs.ErrNotExist))
		return
	}
	size := fmt.Sprint(fi.Size())
	if fi.Mode()&fs.ModeSymlink != 0 || fi.IsDir() {
		size = "-" // a link's and a directory's sizes are the system's own
	}
	fmt.Printf("%s: name %s dir %v symlink %v regular %v size %s\n", name, fi.Name(), fi.IsDir(),
		fi.Mode()&fs.ModeSymlink != 0, fi.Mode().IsRegular(), size)
}

func files() {
	check("write target.txt", os.WriteFile("target.txt", []byte("hello"), 0o644))
	check("mkdir dir", os.Mkdir("dir", 0o755))
	check("symlink flink", os.Symlink("target.txt", "flink"))
	check("symlink dlink", os.Symlink("dir", "dlink"))
	abs, _ := filepath.Abs("target.txt")
	check("symlink alink", os.Symlink(abs, "alink"))
	check("symlink dir/up", os.Symlink(filepath.Join("..", "target.txt"), filepath.Join("dir", "up")))
	for _, n := range []string{"target.txt", "dir", "flink", "dlink", "alink", "missing"} {
		fi, err := os.Stat(n)
		describe("stat "+n, fi, err)
		fi, err = os.Lstat(n)
		describe("lstat "+n, fi, err)
	}
	for _, n := range []string{"flink", "dlink", filepath.Join("dir", "up")} {
		t, err := os.Readlink(n)
		fmt.Printf("readlink %s: %q %v\n", filepath.ToSlash(n), filepath.ToSlash(t), err == nil)
	}
	t, err := os.Readlink("alink")
	fmt.Printf("readlink alink: is the absolute path %v %v\n", t == abs, err == nil)
	data, err := os.ReadFile(filepath.Join("dir", "up"))
	fmt.Printf("read through dir/up: %q %v\n", data, err == nil)

	ents, err := os.ReadDir(".")
	fmt.Printf("readdir: %v\n", err == nil)
	for _, e := range ents {
		fmt.Printf("  %s dir %v symlink %v\n", e.Name(), e.IsDir(), e.Type()&fs.ModeSymlink != 0)
	}

	check("rename target.txt t2.txt", os.Rename("target.txt", "t2.txt"))
	_, err = os.Stat("flink")
	fmt.Printf("stat flink after rename: not exist %v\n", errors.Is(err, fs.ErrNotExist))
	check("rename back", os.Rename("t2.txt", "target.txt"))
	when := time.Date(2020, 2, 29, 12, 0, 0, 0, time.UTC)
	check("chtimes", os.Chtimes("target.txt", when, when))
	fi, _ := os.Stat("target.txt")
	fmt.Printf("mtime: %v\n", fi.ModTime().UTC().Equal(when))
	check("truncate 3", os.Truncate("target.txt", 3))
	fi, _ = os.Stat("target.txt")
	fmt.Printf("size after truncate: %d\n", fi.Size())
	f, err := os.OpenFile("target.txt", os.O_RDWR, 0)
	if err == nil {
		check("file truncate 1", f.Truncate(1))
		st, _ := f.Stat()
		fmt.Printf("size through the file: %d\n", st.Size())
		f.Close()
	}
	check("remove flink", os.Remove("flink"))
	check("remove dlink", os.Remove("dlink"))
	fi, err = os.Stat("dir")
	describe("stat dir after removing dlink", fi, err)
	check("remove dir (not empty)", os.Remove("dir"))
	check("removeall dir", os.RemoveAll("dir"))
	check("remove missing", os.Remove("missing"))
	a, _ := os.Stat("target.txt")
	b, _ := os.Lstat("alink")
	c, _ := os.Stat("alink")
	fmt.Printf("samefile target alink: lstat %v stat %v\n", os.SameFile(a, b), os.SameFile(a, c))
}

func processes(self string) {
	var out, errb bytes.Buffer
	cmd := exec.Command(self, "child", "echo", "one", "two words")
	cmd.Stdout = &out
	cmd.Stderr = &errb
	err := cmd.Run()
	fmt.Printf("child echo: %q stderr %q err %v\n", out.String(), errb.String(), err)

	cmd = exec.Command(self, "child", "exit", "3")
	err = cmd.Run()
	var ee *exec.ExitError
	fmt.Printf("child exit: is ExitError %v code %d\n", errors.As(err, &ee), cmd.ProcessState.ExitCode())

	os.Mkdir("sub", 0o755)
	cmd = exec.Command(self, "child", "env")
	cmd.Env = append(os.Environ(), "GO_OS_TEST=value from parent")
	cmd.Dir = "sub"
	o, err := cmd.Output()
	fmt.Printf("child env and dir: %q %v\n", o, err)

	cmd = exec.Command(self, "child", "cat")
	cmd.Stdin = strings.NewReader("through stdin\n")
	o, err = cmd.Output()
	fmt.Printf("child cat: %q %v\n", o, err)

	fmt.Printf("usertime known: %v\n", cmd.ProcessState.UserTime() >= 0)
}

func child(args []string) int {
	switch args[0] {
	case "echo":
		fmt.Println(strings.Join(args[1:], "|"))
		fmt.Fprintln(os.Stderr, "to stderr")
	case "exit":
		var n int
		fmt.Sscan(args[1], &n)
		return n
	case "env":
		wd, _ := os.Getwd()
		fmt.Printf("GO_OS_TEST=%s dir %s", os.Getenv("GO_OS_TEST"), filepath.Base(wd))
	case "cat":
		var buf bytes.Buffer
		buf.ReadFrom(os.Stdin)
		fmt.Print(buf.String())
	}
	return 0
}

func main() {
	if len(os.Args) > 2 && os.Args[1] == "child" {
		os.Exit(child(os.Args[2:]))
	}
	self, _ := os.Executable()
	st, err := os.Stdout.Stat()
	fmt.Printf("stdout is a character device: %v %v\n", st.Mode()&fs.ModeCharDevice != 0, err == nil)
	files()
	processes(self)
	names := []string{}
	ents, _ := os.ReadDir(".")
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	fmt.Printf("left: %s\n", strings.Join(names, " "))
}
