// Prints its argv, argv[0] included, one element a line in brackets, and exits with 40 + argc:
// built for Linux (the reference) and for FreeBSD, run the same way by the binfmt suite.
package main

import (
	"fmt"
	"os"
)

func main() {
	for _, a := range os.Args {
		fmt.Printf("[%s]\n", a)
	}
	os.Exit(40 + len(os.Args))
}
