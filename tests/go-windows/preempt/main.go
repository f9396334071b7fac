// Asynchronous preemption: goroutines spin in loops with no call (no cooperative preemption
// point), so the collector's stop-the-world and the scheduler can only stop them by suspending
// their threads and redirecting them (SuspendThread, GetThreadContext, SetThreadContext).
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"
)

var sink [2]uint64

func spin(i int) {
	for {
		sink[i]++
	}
}

func main() {
	runtime.GOMAXPROCS(2)
	for i := 0; i < 2; i++ {
		go spin(i)
	}
	time.Sleep(10 * time.Millisecond)
	var cycles int64
	for i := 0; i < 10; i++ {
		runtime.GC()
		atomic.AddInt64(&cycles, 1)
	}
	fmt.Println("GC cycles with spinning goroutines:", cycles)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println("NumGC >= 10:", ms.NumGC >= 10)
	// The spinners hold both Ps: main only runs again if one is preempted.
	t0 := time.Now()
	for i := 0; i < 10; i++ {
		time.Sleep(time.Millisecond)
	}
	fmt.Println("main ran again while they spin:", time.Since(t0) < 10*time.Second)
}
