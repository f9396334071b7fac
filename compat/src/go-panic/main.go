// compat case go-panic / go-nilderef: Go panics. First a series of panics that are recovered
// (explicit, runtime errors, and faults the runtime turns into panics: a nil pointer dereference
// is a SIGSEGV delivered to the Go runtime's handler); their messages go to stdout. Then the
// unrecovered panic the argument names, after a deferred function prints to stdout:
//
//	boom      panic("boom")                     -> stderr "panic: boom", exit status 2
//	nilderef  a nil pointer dereference         -> "panic: runtime error: invalid memory address
//	                                               or nil pointer dereference", then "[signal
//	                                               SIGSEGV ...]" (its code= differs per OS)
//	nilmap    an assignment into a nil map      -> "panic: assignment to entry in nil map"
//	goroutine panic("in goroutine") off the main goroutine
//	error     panic(an error value)             -> "panic: " + its Error()
package main

import (
	"errors"
	"fmt"
	"os"
	"time"
)

type point struct{ x, y int }

var sink interface{}

func try(name string, f func()) {
	defer func() {
		r := recover()
		if err, ok := r.(error); ok {
			fmt.Printf("recovered %s: error %q\n", name, err.Error())
		} else {
			fmt.Printf("recovered %s: %v\n", name, r)
		}
	}()
	f()
}

func main() {
	try("explicit", func() { panic("boom-recovered") })
	try("index", func() {
		s := []int{1, 2, 3}
		i := 5
		sink = s[i]
	})
	try("slice bounds", func() {
		s := []int{1, 2, 3}
		j := 7
		sink = s[1:j]
	})
	try("nil map", func() {
		var m map[string]int
		m["x"] = 1
	})
	try("nil pointer", func() {
		var p *point
		sink = p.y
	})
	try("nil pointer write", func() {
		var p *point
		p.x = 1
	})
	try("divide", func() {
		a, b := 1, 0
		sink = a / b
	})
	try("type assertion", func() {
		var v interface{} = "str"
		sink = v.(int)
	})
	try("closed channel", func() {
		c := make(chan int)
		close(c)
		close(c)
	})
	try("error value", func() { panic(fmt.Errorf("wrapped: %w", os.ErrNotExist)) })
	try("re-panic", func() {
		defer func() { panic(fmt.Sprint("again after ", recover())) }()
		panic("first")
	})
	try("nil func", func() {
		var f func()
		f()
	})
	fmt.Println("recovered everything; now:", mode())

	defer fmt.Println("deferred call ran before the crash")
	switch mode() {
	case "boom":
		panic("boom")
	case "nilderef":
		var p *point
		fmt.Println(p.x)
	case "nilmap":
		var m map[int]int
		m[1] = 2
	case "goroutine":
		go func() { panic("in goroutine") }()
		time.Sleep(10 * time.Second)
	case "error":
		panic(errors.New("an error value"))
	default:
		fmt.Println("unknown mode")
		os.Exit(64)
	}
}

func mode() string {
	if len(os.Args) > 1 {
		return os.Args[1]
	}
	return "boom"
}
