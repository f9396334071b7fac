// compat case go-hello: start-up of a Go program, its arguments, environment, working directory,
// stdout and stderr, and an exit status taken from the arguments ("--exit N").
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	fmt.Println("hello from Go")
	fmt.Println("argv[0] base:", filepath.Base(os.Args[0]))
	fmt.Println("argc:", len(os.Args))
	status := 0
	for i, a := range os.Args[1:] {
		fmt.Printf("arg %d: %q\n", i+1, a)
		if a == "--exit" && i+2 < len(os.Args) {
			n, err := strconv.Atoi(os.Args[i+2])
			if err != nil {
				fmt.Fprintln(os.Stderr, "bad --exit value:", err)
				os.Exit(100)
			}
			status = n
		}
	}

	// Variables the case sets, one it does not, and one that is set but empty.
	for _, name := range []string{"GOHELLO_GREETING", "GOHELLO_SPACES", "GOHELLO_EMPTY", "GOHELLO_UNSET"} {
		v, ok := os.LookupEnv(name)
		fmt.Printf("env %s: set=%v %q\n", name, ok, v)
	}
	n := 0
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GOHELLO_") {
			n++
		}
	}
	fmt.Println("GOHELLO_ variables in os.Environ:", n)
	os.Setenv("GOHELLO_LATER", "set by the program")
	fmt.Println("after Setenv:", os.Getenv("GOHELLO_LATER"))
	os.Unsetenv("GOHELLO_GREETING")
	_, ok := os.LookupEnv("GOHELLO_GREETING")
	fmt.Println("after Unsetenv, set:", ok)
	fmt.Println("expanded:", os.ExpandEnv("<$GOHELLO_SPACES>"))

	wd, err := os.Getwd()
	if err != nil {
		fmt.Println("getwd error:", err)
	} else {
		fmt.Println("cwd:", wd)
	}
	fmt.Println("uid==euid:", os.Getuid() == os.Geteuid(), "gid==egid:", os.Getgid() == os.Getegid())
	fmt.Println("pid>0:", os.Getpid() > 0, "ppid>0:", os.Getppid() > 0)
	fmt.Println("pagesize:", os.Getpagesize())

	fmt.Fprintln(os.Stderr, "to stderr: exiting with", status)
	os.Exit(status)
}
