// Many OS threads: goroutines locked to their threads block at once, then all finish; channels
// between them.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	const n = 64
	var ready, wg sync.WaitGroup
	release := make(chan struct{})
	results := make(chan int, n)
	ready.Add(n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			ready.Done()
			<-release
			results <- i * i
		}(i)
	}
	ready.Wait()
	fmt.Println("goroutines locked to threads, waiting:", n)
	close(release)
	wg.Wait()
	close(results)
	sum := 0
	for r := range results {
		sum += r
	}
	fmt.Println("sum of squares:", sum)

	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	v := 0
	for i := 0; i < 10000; i++ {
		ping <- v
		v = <-pong
	}
	close(ping)
	fmt.Println("ping-pong:", v)
}
