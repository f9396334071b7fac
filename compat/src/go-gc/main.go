// compat case go-gc: an allocation-heavy loop that keeps Go's garbage collector busy (several
// hundred MB of churn): binary trees built and dropped by several goroutines at once (GC
// workers, write barriers, stack scans and asynchronous preemption by signals), maps, growing
// slices, strings, explicit runtime.GC() calls and finalizers. Prints checksums and booleans.
package main

import (
	"fmt"
	"hash/crc32"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

type node struct{ left, right *node }

func tree(depth int) *node {
	if depth == 0 {
		return &node{}
	}
	return &node{tree(depth - 1), tree(depth - 1)}
}

func (n *node) count() int {
	if n.left == nil {
		return 1
	}
	return 1 + n.left.count() + n.right.count()
}

type payload struct {
	id   int
	name string
	data []byte
}

var finalized int64

func main() {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	// A long-lived tree that must survive every collection.
	longLived := tree(16)

	// Binary trees built and dropped, four goroutines at a time.
	var wg sync.WaitGroup
	counts := make([]int, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for depth := 4; depth <= 16; depth += 2 {
				iters := 1 << (16 - depth + 4)
				for i := 0; i < iters; i++ {
					counts[g] += tree(depth).count()
				}
			}
		}(g)
	}
	wg.Wait()
	fmt.Println("tree nodes per goroutine:", counts)

	// Maps and strings: build, checksum, drop.
	var crc uint32
	for round := 0; round < 20; round++ {
		m := make(map[string]*payload)
		for i := 0; i < 20000; i++ {
			k := "key-" + strconv.Itoa(round) + "-" + strconv.Itoa(i)
			m[k] = &payload{id: i, name: k, data: make([]byte, 16+i%64)}
		}
		for i := 0; i < 20000; i += 997 {
			p := m["key-"+strconv.Itoa(round)+"-"+strconv.Itoa(i)]
			crc = crc32.Update(crc, crc32.IEEETable, []byte(p.name))
			crc = crc32.Update(crc, crc32.IEEETable, p.data)
		}
		if round%5 == 4 {
			runtime.GC()
		}
	}
	fmt.Printf("map/string checksum: %08x\n", crc)

	// Growing slices of pointers and appended byte slices.
	var total int
	for round := 0; round < 30; round++ {
		var ptrs []*payload
		var buf []byte
		for i := 0; i < 10000; i++ {
			ptrs = append(ptrs, &payload{id: i})
			buf = append(buf, byte(i), byte(i>>8))
		}
		total += len(ptrs) + len(buf) + ptrs[len(ptrs)-1].id
	}
	fmt.Println("slice total:", total)

	// Finalizers run for unreachable objects after collections.
	const nfin = 1000
	for i := 0; i < nfin; i++ {
		p := &payload{id: i, data: make([]byte, 128)}
		runtime.SetFinalizer(p, func(*payload) { atomic.AddInt64(&finalized, 1) })
	}
	deadline := time.Now().Add(20 * time.Second)
	for atomic.LoadInt64(&finalized) < nfin && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	fmt.Println("finalizers run:", atomic.LoadInt64(&finalized))

	fmt.Println("long-lived tree intact:", longLived.count() == 1<<17-1)
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	churn := after.TotalAlloc - before.TotalAlloc
	fmt.Println("allocated > 300 MB:", churn > 300<<20)
	fmt.Println("mallocs > 10M:", after.Mallocs-before.Mallocs > 10_000_000)
	fmt.Println("GC cycles > 20:", after.NumGC-before.NumGC > 20)
	fmt.Println("heap after GC < 64 MB:", after.HeapAlloc < 64<<20)
	if os.Getenv("GOGC_VERBOSE") != "" {
		fmt.Fprintf(os.Stderr, "churn %d MB, mallocs %d, gcs %d, heap %d MB\n", churn>>20,
			after.Mallocs-before.Mallocs, after.NumGC-before.NumGC, after.HeapAlloc>>20)
	}
}
