// compat case go-goroutines: the Go scheduler on several OS threads: goroutines, channels,
// select, sync (WaitGroup, Mutex, RWMutex, Once, Cond, atomic), timers, tickers, contexts and a
// CPU-bound parallel sum. Prints counts and results, never times.
package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	fmt.Println("GOMAXPROCS>0:", runtime.GOMAXPROCS(0) > 0, "NumCPU>0:", runtime.NumCPU() > 0)

	// 100 goroutines, each sends one result on a shared channel.
	results := make(chan int)
	for i := 0; i < 100; i++ {
		go func(i int) { results <- i * i }(i)
	}
	sum := 0
	for i := 0; i < 100; i++ {
		sum += <-results
	}
	fmt.Println("sum of squares 0..99:", sum)

	// WaitGroup + Mutex: 100 goroutines x 1000 increments.
	var wg sync.WaitGroup
	var mu sync.Mutex
	counter := 0
	var atomicCounter int64
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 1000; j++ {
				mu.Lock()
				counter++
				mu.Unlock()
				atomic.AddInt64(&atomicCounter, 1)
				if j%100 == 0 {
					runtime.Gosched()
				}
			}
		}()
	}
	wg.Wait()
	fmt.Println("mutex counter:", counter, "atomic counter:", atomic.LoadInt64(&atomicCounter))

	// RWMutex: readers in parallel with a writer.
	var rw sync.RWMutex
	shared := map[string]int{}
	var readers sync.WaitGroup
	for i := 0; i < 10; i++ {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for j := 0; j < 200; j++ {
				rw.RLock()
				_ = shared["k"]
				rw.RUnlock()
			}
		}()
	}
	for j := 0; j < 200; j++ {
		rw.Lock()
		shared["k"]++
		rw.Unlock()
	}
	readers.Wait()
	fmt.Println("rwmutex writes:", shared["k"])

	// Once.
	var once sync.Once
	calls := 0
	var onceWG sync.WaitGroup
	for i := 0; i < 20; i++ {
		onceWG.Add(1)
		go func() { defer onceWG.Done(); once.Do(func() { calls++ }) }()
	}
	onceWG.Wait()
	fmt.Println("once calls:", calls)

	// Cond broadcast wakes every waiter.
	cmu := sync.Mutex{}
	cond := sync.NewCond(&cmu)
	ready, woken := false, 0
	var condWG sync.WaitGroup
	waiting := int32(0)
	for i := 0; i < 8; i++ {
		condWG.Add(1)
		go func() {
			defer condWG.Done()
			cmu.Lock()
			atomic.AddInt32(&waiting, 1)
			for !ready {
				cond.Wait()
			}
			woken++
			cmu.Unlock()
		}()
	}
	for atomic.LoadInt32(&waiting) < 8 {
		time.Sleep(time.Millisecond)
	}
	cmu.Lock()
	ready = true
	cond.Broadcast()
	cmu.Unlock()
	condWG.Wait()
	fmt.Println("cond woken:", woken)

	// Unbuffered ping-pong between two goroutines.
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
	_, ok := <-pong
	fmt.Println("ping-pong value:", v, "pong open after close:", ok)

	// A pipeline of buffered channels.
	gen := make(chan int, 16)
	sq := make(chan int, 16)
	go func() {
		for i := 1; i <= 1000; i++ {
			gen <- i
		}
		close(gen)
	}()
	var workers sync.WaitGroup
	for w := 0; w < 4; w++ {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for x := range gen {
				sq <- x * x
			}
		}()
	}
	go func() { workers.Wait(); close(sq) }()
	total := 0
	for x := range sq {
		total += x
	}
	fmt.Println("pipeline sum of squares 1..1000:", total)

	// Sleep and timers.
	t0 := time.Now()
	time.Sleep(20 * time.Millisecond)
	fmt.Println("slept at least 20ms:", time.Since(t0) >= 20*time.Millisecond)

	never := make(chan int)
	select {
	case <-never:
		fmt.Println("select: impossible")
	case <-time.After(30 * time.Millisecond):
		fmt.Println("select: timeout fired")
	}
	select {
	case <-never:
		fmt.Println("select default: impossible")
	default:
		fmt.Println("select: default taken")
	}

	timer := time.NewTimer(time.Hour)
	fmt.Println("timer stop before firing:", timer.Stop())
	t0 = time.Now()
	timer.Reset(25 * time.Millisecond)
	<-timer.C
	fmt.Println("reset timer fired, after at least 25ms:", time.Since(t0) >= 25*time.Millisecond)
	fmt.Println("timer stop after firing:", timer.Stop())

	fired := make(chan string, 1)
	time.AfterFunc(10*time.Millisecond, func() { fired <- "afterfunc ran" })
	fmt.Println(<-fired)
	cancelled := time.AfterFunc(time.Hour, func() { fmt.Println("must not run") })
	fmt.Println("afterfunc stopped:", cancelled.Stop())

	ticker := time.NewTicker(5 * time.Millisecond)
	ticks := 0
	t0 = time.Now()
	for range ticker.C {
		ticks++
		if ticks == 5 {
			break
		}
	}
	ticker.Stop()
	fmt.Println("ticks:", ticks, "at least 25ms:", time.Since(t0) >= 25*time.Millisecond)

	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Millisecond)
	<-ctx.Done()
	fmt.Println("context:", ctx.Err())
	cancel()
	ctx2, cancel2 := context.WithCancel(context.Background())
	go func() { time.Sleep(5 * time.Millisecond); cancel2() }()
	<-ctx2.Done()
	fmt.Println("context:", ctx2.Err())

	// Many timers at once, all fire (the order of their callbacks' goroutines is not defined).
	firedIDs := make(chan int, 10)
	for i := 9; i >= 0; i-- {
		i := i
		time.AfterFunc(time.Duration(i*3)*time.Millisecond, func() { firedIDs <- i })
	}
	idSum := 0
	for i := 0; i < 10; i++ {
		idSum += <-firedIDs
	}
	fmt.Println("10 timers fired, id sum:", idSum)

	// Goroutines locked to their own OS threads.
	var locked sync.WaitGroup
	lockedSum := int64(0)
	for i := 1; i <= 8; i++ {
		locked.Add(1)
		go func(i int) {
			defer locked.Done()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			time.Sleep(time.Millisecond)
			atomic.AddInt64(&lockedSum, int64(i))
		}(i)
	}
	locked.Wait()
	fmt.Println("locked-thread goroutines sum:", lockedSum)

	// CPU-bound parallel sum across GOMAXPROCS goroutines (at least 4).
	const n = 40_000_000
	parts := runtime.GOMAXPROCS(0)
	if parts < 4 {
		parts = 4
	}
	partial := make([]uint64, parts)
	var cpu sync.WaitGroup
	for p := 0; p < parts; p++ {
		cpu.Add(1)
		go func(p int) {
			defer cpu.Done()
			var s uint64
			for i := uint64(p); i < n; i += uint64(parts) {
				s += i * i % 1000003
			}
			partial[p] = s
		}(p)
	}
	cpu.Wait()
	var par uint64
	for _, s := range partial {
		par += s
	}
	var seq uint64
	for i := uint64(0); i < n; i++ {
		seq += i * i % 1000003
	}
	fmt.Println("parallel sum:", par, "matches sequential:", par == seq)

	fmt.Println("goroutines left (<= 3):", runtime.NumGoroutine() <= 3)
	os.Exit(0)
}
