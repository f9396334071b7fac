// os/signal's Notify for os.Interrupt: the test sends the host's SIGINT once "ready" is printed.
// On Windows the Go runtime receives Ctrl+C through its console control handler.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"time"
)

func main() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt)
	fmt.Println("ready")
	select {
	case s := <-c:
		fmt.Println("received:", s)
	case <-time.After(10 * time.Second):
		fmt.Println("no signal within 10 s")
		os.Exit(1)
	}
	signal.Reset(os.Interrupt)
	fmt.Println("after Reset, Ctrl+C ends the program")
	time.Sleep(10 * time.Second)
	fmt.Println("not ended")
}
