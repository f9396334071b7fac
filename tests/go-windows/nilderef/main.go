// A nil pointer dereference (an access violation, delivered to Go's vectored handler) recovered
// as a runtime error; with the argument "crash", one that is not recovered: Go's panic message
// and status 2.
package main

import (
	"fmt"
	"os"
)

type node struct{ next *node }

func deref(n *node) *node { return n.next }

func main() {
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		deref(nil)
	}()
	func() {
		defer func() { fmt.Println("recovered write:", recover()) }()
		var p *int
		*p = 1
	}()
	func() {
		defer func() { fmt.Println("recovered divide:", recover()) }()
		zero := len(os.Args) - len(os.Args)
		fmt.Println(10 / zero)
	}()
	if len(os.Args) > 1 && os.Args[1] == "crash" {
		fmt.Println("crashing")
		deref(nil)
	}
	fmt.Println("done")
}
