// compat case go-signal: os/signal. First, on its own: SIGUSR1 ignored and sent to itself (the
// program survives), SIGUSR2 sent to itself and received through signal.Notify, a write to a pipe
// with no reader (EPIPE, not death). Then it prints "ready" and waits for SIGINT, SIGTERM and
// SIGHUP from the harness (the case's `signals` line), printing one line per signal; a goroutine
// stays blocked in a pipe read meanwhile and must still complete afterwards. Exits 0 after the
// third.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

var names = map[os.Signal]string{
	syscall.SIGINT:  "SIGINT",
	syscall.SIGTERM: "SIGTERM",
	syscall.SIGHUP:  "SIGHUP",
	syscall.SIGUSR1: "SIGUSR1",
	syscall.SIGUSR2: "SIGUSR2",
}

func main() {
	pid := os.Getpid()

	signal.Ignore(syscall.SIGUSR1)
	fmt.Println("SIGUSR1 ignored:", signal.Ignored(syscall.SIGUSR1))
	if err := syscall.Kill(pid, syscall.SIGUSR1); err != nil {
		fmt.Println("kill SIGUSR1:", err)
	}
	time.Sleep(50 * time.Millisecond)
	fmt.Println("survived SIGUSR1")

	usr2 := make(chan os.Signal, 1)
	signal.Notify(usr2, syscall.SIGUSR2)
	if err := syscall.Kill(pid, syscall.SIGUSR2); err != nil {
		fmt.Println("kill SIGUSR2:", err)
	}
	select {
	case s := <-usr2:
		fmt.Printf("got %s (%v) from self\n", names[s], s)
	case <-time.After(10 * time.Second):
		fmt.Println("SIGUSR2 never arrived")
	}
	signal.Stop(usr2)
	// After Stop the channel gets nothing more. (Ignore SIGUSR2 first: Stop restored its default
	// action, which would end the program.)
	signal.Ignore(syscall.SIGUSR2)
	syscall.Kill(pid, syscall.SIGUSR2)
	select {
	case <-usr2:
		fmt.Println("SIGUSR2 delivered after Stop (wrong)")
	case <-time.After(50 * time.Millisecond):
		fmt.Println("no SIGUSR2 after Stop")
	}

	// SIGPIPE: a write to a pipe without reader fails with EPIPE (the runtime does not die for
	// descriptors other than stdout/stderr).
	r, w, err := os.Pipe()
	if err != nil {
		fmt.Println("pipe:", err)
		os.Exit(1)
	}
	r.Close()
	_, err = w.Write([]byte("x"))
	fmt.Println("write to a pipe without reader:", err != nil, errnoName(err))
	w.Close()

	// A goroutine blocked in read(2) while the signals arrive.
	r, w, _ = os.Pipe()
	readDone := make(chan string)
	go func() {
		buf := make([]byte, 16)
		n, err := r.Read(buf)
		if err != nil {
			readDone <- "read error: " + err.Error()
			return
		}
		readDone <- string(buf[:n])
	}()

	c := make(chan os.Signal, 3)
	signal.Notify(c, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	fmt.Println("ready")
	for i := 1; i <= 3; i++ {
		select {
		case s := <-c:
			fmt.Printf("received %d: %s (%v)\n", i, names[s], s)
		case <-time.After(30 * time.Second):
			fmt.Println("no signal within 30s")
			os.Exit(1)
		}
	}
	w.Write([]byte("after signals"))
	fmt.Printf("blocked read completed: %q\n", <-readDone)
	signal.Reset()
	fmt.Println("done")
}

func errnoName(err error) string {
	for e := err; e != nil; {
		if errno, ok := e.(syscall.Errno); ok {
			if errno == syscall.EPIPE {
				return "EPIPE"
			}
			return errno.Error()
		}
		u, ok := e.(interface{ Unwrap() error })
		if !ok {
			break
		}
		e = u.Unwrap()
	}
	return fmt.Sprint(err)
}
