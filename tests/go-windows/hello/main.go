// Start-up, arguments, stdout and stderr, and the exit status given to os.Exit.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	fmt.Println("hello from Go")
	for i, a := range os.Args[1:] {
		fmt.Printf("arg %d: %q\n", i+1, a)
	}
	fmt.Fprintln(os.Stderr, "to stderr")
	code, _ := strconv.Atoi(os.Getenv("HELLO_EXIT"))
	os.Exit(code)
}
