// compat case go-exec: os/exec. The program runs native host programs (/bin/echo, /bin/cat, sh,
// pwd, sleep; under xabi they are Linux programs run natively) and itself (os.Executable(), so
// under xabi a FreeBSD child of a FreeBSD parent) in "child" mode: captured stdout and stderr,
// piped stdin, environment, working directory, exit codes, death by a signal, a context
// timeout, a missing program, and a pipeline of two processes. Built for Windows, whose LookPath
// runs only names with a PATHEXT extension (.exe...), it runs itself in a child role doing what
// each host program does (native()), so every process is a Windows one.
package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

var self string // this program's file (os.Executable)

// native: the host program name with args on Linux and FreeBSD; on Windows this program in the
// child role that does the same.
func native(role []string, name string, args ...string) *exec.Cmd {
	if runtime.GOOS == "windows" {
		return exec.Command(self, append([]string{"child"}, role...)...)
	}
	return exec.Command(name, args...)
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		child(os.Args[2:])
		return
	}
	var err error
	if self, err = os.Executable(); err != nil {
		fmt.Println("os.Executable:", err)
		os.Exit(1)
	}
	// Native programs are looked up in PATH; make sure the usual places are there.
	os.Setenv("PATH", os.Getenv("PATH")+":/usr/bin:/bin")

	// /bin/echo: stdout captured.
	out, err := native([]string{"echo", "hello", "from echo"}, "/bin/echo", "hello", "from echo").Output()
	fmt.Printf("/bin/echo: %q err=%v\n", out, err)

	// LookPath.
	look := "sh"
	if runtime.GOOS == "windows" { // this program's own name, found in its directory
		look = strings.TrimSuffix(filepath.Base(self), ".exe")
		os.Setenv("PATH", os.Getenv("PATH")+string(os.PathListSeparator)+filepath.Dir(self))
	}
	sh, err := exec.LookPath(look)
	fmt.Println("LookPath sh: absolute", filepath.IsAbs(sh), "base", filepath.Base(sh), "err", err)
	_, err = exec.LookPath("no-such-program-xabi")
	fmt.Println("LookPath missing:", err)
	err = exec.Command("no-such-program-xabi").Run()
	fmt.Println("run missing:", err, "is ErrNotFound:", errors.Is(err, exec.ErrNotFound))
	err = exec.Command("./no-such-file").Run()
	fmt.Println("run missing path:", err)

	// Itself, in child mode: args, env, stdin, stdout, stderr, exit status 3.
	cmd := exec.Command(self, "child", "first arg", "exit=3")
	cmd.Env = append(os.Environ(), "GOEXEC_VAR=passed to the child")
	cmd.Stdin = strings.NewReader("line one\nline two\n")
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	fmt.Printf("child stdout:\n%s", indent(stdout.String()))
	fmt.Printf("child stderr:\n%s", indent(stderr.String()))
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		fmt.Println("child error:", err, "exit code:", ee.ExitCode(), "exited:", ee.Exited())
	} else {
		fmt.Println("child error (not an ExitError):", err)
	}
	fmt.Println("ProcessState:", cmd.ProcessState.String(), "success:", cmd.ProcessState.Success())

	// Itself again, exiting 0, combined output, and without the variable.
	out, err = exec.Command(self, "child", "exit=0").CombinedOutput()
	fmt.Printf("child combined output:\n%s", indent(string(out)))
	fmt.Println("child exit 0 err:", err)

	// Environment and working directory for a native child.
	os.Mkdir("sub", 0o755)
	cmd = native([]string{"envdir"}, "sh", "-c", `echo "GOEXEC_VAR=$GOEXEC_VAR"; pwd`)
	cmd.Env = []string{"GOEXEC_VAR=only this", "PATH=/usr/bin:/bin"}
	cmd.Dir = "sub"
	out, err = cmd.Output()
	fmt.Printf("sh with env and dir: %q err=%v\n", out, err)

	// Streaming through /bin/cat with StdinPipe and StdoutPipe.
	cat := native([]string{"cat"}, "/bin/cat")
	in, _ := cat.StdinPipe()
	catOut, _ := cat.StdoutPipe()
	if err := cat.Start(); err != nil {
		fmt.Println("start cat:", err)
	} else {
		go func() {
			for i := 1; i <= 3; i++ {
				fmt.Fprintf(in, "piped line %d\n", i)
			}
			in.Close()
		}()
		sc := bufio.NewScanner(catOut)
		for sc.Scan() {
			fmt.Println("cat:", sc.Text())
		}
		fmt.Println("cat wait:", cat.Wait())
	}

	// A pipeline: sh prints numbers, our child sums what it reads.
	producer := native([]string{"count", "10"}, "sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do echo $i; done")
	consumer := exec.Command(self, "child", "sum")
	pr, err := producer.StdoutPipe()
	if err != nil {
		fmt.Println("pipe:", err)
	}
	consumer.Stdin = pr
	var sum strings.Builder
	consumer.Stdout = &sum
	producer.Start()
	consumer.Start()
	perr := producer.Wait()
	cerr := consumer.Wait()
	fmt.Printf("pipeline: %q errs %v %v\n", sum.String(), perr, cerr)

	// Exit codes and signals of native children.
	err = native([]string{"exitcode", "42"}, "sh", "-c", "exit 42").Run()
	if errors.As(err, &ee) {
		fmt.Println("sh exit 42:", err, "code", ee.ExitCode())
	}
	err = native([]string{"selfkill"}, "sh", "-c", "kill -TERM $$").Run()
	if errors.As(err, &ee) {
		fmt.Println("sh killed by SIGTERM:", err, "code", ee.ExitCode(), "exited", ee.Exited())
	}
	// Our own child killed by a signal.
	err = exec.Command(self, "child", "selfkill").Run()
	if errors.As(err, &ee) {
		fmt.Println("child killed by SIGKILL:", err, "code", ee.ExitCode())
	} else {
		fmt.Println("child selfkill:", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	t0 := time.Now()
	sleep := native([]string{"sleep"}, "sleep", "10")
	err = exec.CommandContext(ctx, sleep.Path, sleep.Args[1:]...).Run()
	cancel()
	fmt.Println("sleep 10 with a 200ms context:", err, "stopped early:", time.Since(t0) < 5*time.Second)

	// Start/Wait and Process.Kill explicitly.
	slow := exec.Command(self, "child", "sleep")
	slowOut, _ := slow.StdoutPipe()
	if err := slow.Start(); err != nil {
		fmt.Println("start:", err)
	} else {
		line, _ := bufio.NewReader(slowOut).ReadString('\n')
		fmt.Printf("sleeping child says %q\n", line)
		fmt.Println("kill:", slow.Process.Kill())
		fmt.Println("wait after kill:", slow.Wait())
	}
	fmt.Println("parent done")
}

func indent(s string) string {
	if s == "" {
		return ""
	}
	return "  | " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n  | ") + "\n"
}

// child: the program's other role.
func child(args []string) {
	if len(args) > 0 && nativeRole(args[0], args[1:]) {
		return
	}
	if len(args) == 1 && args[0] == "sum" {
		total, n := 0, 0
		sc := bufio.NewScanner(os.Stdin)
		for sc.Scan() {
			var v int
			fmt.Sscan(sc.Text(), &v)
			total += v
			n++
		}
		fmt.Printf("%d numbers, sum %d\n", n, total)
		return
	}
	if len(args) == 1 && args[0] == "selfkill" {
		p, _ := os.FindProcess(os.Getpid())
		p.Kill()
		time.Sleep(10 * time.Second)
		return
	}
	if len(args) == 1 && args[0] == "sleep" {
		fmt.Println("sleeping")
		time.Sleep(30 * time.Second)
		return
	}
	fmt.Printf("child argc %d: %q\n", len(args), args)
	v, ok := os.LookupEnv("GOEXEC_VAR")
	fmt.Printf("GOEXEC_VAR set=%v %q\n", ok, v)
	in, _ := io.ReadAll(os.Stdin)
	fmt.Printf("stdin: %q\n", strings.ToUpper(string(in)))
	fmt.Fprintln(os.Stderr, "child: a line on stderr")
	status := 0
	for _, a := range args {
		fmt.Sscanf(a, "exit=%d", &status)
	}
	os.Exit(status)
}

// nativeRole: what native() runs on Windows in place of a host program; false for another role.
func nativeRole(role string, args []string) bool {
	switch role {
	case "echo": // /bin/echo ARGS
		fmt.Println(strings.Join(args, " "))
	case "cat": // /bin/cat
		io.Copy(os.Stdout, os.Stdin)
	case "count": // sh -c 'for i in 1 ... N; do echo $i; done'
		var n int
		fmt.Sscan(args[0], &n)
		for i := 1; i <= n; i++ {
			fmt.Println(i)
		}
	case "envdir": // sh -c 'echo "GOEXEC_VAR=$GOEXEC_VAR"; pwd'
		dir, _ := os.Getwd()
		fmt.Printf("GOEXEC_VAR=%s\n%s\n", os.Getenv("GOEXEC_VAR"), dir)
	case "exitcode": // sh -c 'exit N'
		var n int
		fmt.Sscan(args[0], &n)
		os.Exit(n)
	default:
		return false
	}
	return true
}
