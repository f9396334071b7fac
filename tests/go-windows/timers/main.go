// Timers: Sleep, After, Ticker, Timer.Stop/Reset, AfterFunc and many sleeping goroutines. Times
// are printed only as bounds.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	t0 := time.Now()
	time.Sleep(20 * time.Millisecond)
	fmt.Println("Sleep(20ms) took >= 20ms:", time.Since(t0) >= 20*time.Millisecond)

	t0 = time.Now()
	<-time.After(15 * time.Millisecond)
	fmt.Println("After(15ms) took >= 15ms:", time.Since(t0) >= 15*time.Millisecond)

	t0 = time.Now()
	tick := time.NewTicker(10 * time.Millisecond)
	for i := 0; i < 5; i++ {
		<-tick.C
	}
	tick.Stop()
	fmt.Println("5 ticks of 10ms took >= 50ms:", time.Since(t0) >= 50*time.Millisecond)

	stopped := time.NewTimer(time.Hour)
	fmt.Println("Stop of a pending timer:", stopped.Stop())
	reset := time.NewTimer(time.Hour)
	reset.Reset(5 * time.Millisecond)
	<-reset.C
	fmt.Println("Reset timer fired")

	done := make(chan bool)
	time.AfterFunc(5*time.Millisecond, func() { done <- true })
	fmt.Println("AfterFunc ran:", <-done)

	var wg sync.WaitGroup
	var mu sync.Mutex
	woke := 0
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			time.Sleep(time.Duration(i%20) * time.Millisecond)
			mu.Lock()
			woke++
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	fmt.Println("sleeping goroutines woke:", woke)

	select {
	case <-time.After(10 * time.Millisecond):
		fmt.Println("select timeout fired")
	case <-make(chan int):
	}
	fmt.Println("monotonic clock advances:", time.Since(t0) > 0)
}
