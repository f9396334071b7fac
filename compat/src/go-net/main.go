// compat case go-net: sockets over loopback through Go's net package (its poller: epoll on
// Linux, kqueue on FreeBSD). A TCP echo server and its clients in one process (half-close, EOF,
// 1 MiB transfer, 20 concurrent clients, socket options), UDP echo (connected and unconnected),
// a Unix stream socket, error texts for an address in use and a refused connection, and read /
// accept deadlines. Ports are chosen by the kernel and never printed.
package main

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

var failures int

// must ends the program on a failure that would make the rest meaningless.
func must(what string, err error) {
	if err != nil {
		fmt.Printf("FATAL %s: %v\n", what, err)
		os.Exit(1)
	}
}

func check(what string, err error) {
	if err != nil {
		failures++
		fmt.Printf("UNEXPECTED %s: %v\n", what, err)
	}
}

// hidePort replaces the port numbers in s with PORT (longest first: one may prefix another).
func hidePort(s string, ports ...int) string {
	sort.Slice(ports, func(i, j int) bool { return ports[i] > ports[j] })
	for _, p := range ports {
		s = strings.ReplaceAll(s, ":"+strconv.Itoa(p), ":PORT")
	}
	return s
}

func port(a net.Addr) int {
	switch a := a.(type) {
	case *net.TCPAddr:
		return a.Port
	case *net.UDPAddr:
		return a.Port
	}
	return -1
}

func main() {
	tcpEcho()
	tcpBulk()
	tcpConcurrent()
	udpEcho()
	unixEcho()
	errorsAndDeadlines()
	fmt.Println("failures:", failures)
	if failures > 0 {
		os.Exit(1)
	}
}

// tcpEcho: a line-based server that upper-cases lines and says "bye" after the client's EOF.
func tcpEcho() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must("listen", err)
	defer ln.Close()
	laddr := ln.Addr().(*net.TCPAddr)
	fmt.Println("tcp listening on", laddr.IP, "port>0:", laddr.Port > 0)

	serverDone := make(chan string, 1)
	go func() {
		c, err := ln.Accept()
		must("accept", err)
		defer c.Close()
		ra := c.RemoteAddr().(*net.TCPAddr)
		info := fmt.Sprintf("server: peer %v, local port = listener port: %v", ra.IP,
			port(c.LocalAddr()) == laddr.Port)
		r := bufio.NewReader(c)
		lines := 0
		for {
			line, err := r.ReadString('\n')
			if err == io.EOF {
				break
			}
			check("server read", err)
			if err != nil {
				break
			}
			lines++
			_, err = c.Write([]byte(strings.ToUpper(line)))
			check("server write", err)
		}
		fmt.Fprintf(c, "bye after %d lines\n", lines)
		serverDone <- info
	}()

	c, err := net.Dial("tcp", laddr.String())
	must("dial", err)
	tc := c.(*net.TCPConn)
	check("nodelay", tc.SetNoDelay(true))
	check("keepalive", tc.SetKeepAlive(true))
	check("keepalive period", tc.SetKeepAlivePeriod(30*time.Second))
	check("read buffer", tc.SetReadBuffer(64<<10))
	check("write buffer", tc.SetWriteBuffer(64<<10))
	fmt.Println("client: remote port = listener port:", port(c.RemoteAddr()) == laddr.Port)
	r := bufio.NewReader(c)
	for _, msg := range []string{"hello", "from the client", "third line"} {
		_, err := fmt.Fprintln(c, msg)
		check("client write", err)
		reply, err := r.ReadString('\n')
		check("client read", err)
		fmt.Printf("echo %q -> %q\n", msg, reply)
	}
	check("closewrite", tc.CloseWrite())
	rest, err := io.ReadAll(r)
	check("read to EOF", err)
	fmt.Printf("after half-close: %q then EOF\n", rest)
	fmt.Println(<-serverDone)
	n, err := c.Read(make([]byte, 1))
	fmt.Println("read after EOF:", n, err)
	check("client close", c.Close())
	_, err = c.Write([]byte("x"))
	fmt.Println("write after close is net.ErrClosed:", errors.Is(err, net.ErrClosed))
}

// tcpBulk: 1 MiB each way through one connection, hashed.
func tcpBulk() {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	must("listen", err)
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		must("accept", err)
		defer c.Close()
		_, err = io.Copy(c, c) // echo everything until EOF
		check("server copy", err)
	}()
	c, err := net.Dial("tcp4", ln.Addr().String())
	must("dial", err)
	payload := make([]byte, 1<<20)
	for i := range payload {
		payload[i] = byte(i*7 + i>>8)
	}
	go func() {
		_, err := c.Write(payload)
		check("bulk write", err)
		check("closewrite", c.(*net.TCPConn).CloseWrite())
	}()
	h := sha256.New()
	n, err := io.Copy(h, c)
	check("bulk read", err)
	c.Close()
	want := sha256.Sum256(payload)
	fmt.Printf("bulk: %d bytes back, sha256 %x, matches: %v\n", n, h.Sum(nil)[:8],
		string(h.Sum(nil)) == string(want[:]))
}

// tcpConcurrent: 20 clients at once, each sends its number and reads it doubled.
func tcpConcurrent() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must("listen", err)
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				defer c.Close()
				var v int
				if _, err := fmt.Fscan(c, &v); err == nil {
					fmt.Fprintln(c, 2*v)
				}
			}(c)
		}
	}()
	var wg sync.WaitGroup
	var mu sync.Mutex
	sum := 0
	for i := 1; i <= 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c, err := net.Dial("tcp", ln.Addr().String())
			check("dial", err)
			if err != nil {
				return
			}
			defer c.Close()
			fmt.Fprintf(c, "%d\n", i)
			var v int
			_, err = fmt.Fscan(c, &v)
			check("scan", err)
			mu.Lock()
			sum += v
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	fmt.Println("20 concurrent clients, sum of doubled replies:", sum)
}

func udpEcho() {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	must("listen udp", err)
	defer pc.Close()
	fmt.Println("udp listening, port>0:", port(pc.LocalAddr()) > 0)
	go func() {
		buf := make([]byte, 2048)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			pc.WriteTo([]byte("udp echo: "+string(buf[:n])), from)
		}
	}()

	// A connected client.
	c, err := net.Dial("udp", pc.LocalAddr().String())
	must("dial udp", err)
	buf := make([]byte, 2048)
	for _, msg := range []string{"one", "two", strings.Repeat("z", 1000)} {
		_, err := c.Write([]byte(msg))
		check("udp write", err)
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		n, err := c.Read(buf)
		check("udp read", err)
		reply := string(buf[:n])
		if len(reply) > 40 {
			reply = fmt.Sprintf("%s... (%d bytes)", reply[:20], n)
		}
		fmt.Printf("udp %q -> %q\n", msg[:min(len(msg), 10)], reply)
	}
	c.Close()

	// An unconnected socket: WriteToUDP / ReadFromUDP, and the sender address seen.
	uc, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	must("listen udp client", err)
	_, err = uc.WriteToUDP([]byte("unconnected"), pc.LocalAddr().(*net.UDPAddr))
	check("writetoudp", err)
	uc.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, from, err := uc.ReadFromUDP(buf)
	check("readfromudp", err)
	fmt.Printf("udp unconnected -> %q from %v, from the server's port: %v\n", buf[:n], from.IP,
		from.Port == port(pc.LocalAddr()))
	uc.Close()
}

func unixEcho() {
	ln, err := net.Listen("unix", "echo.sock")
	must("listen unix", err)
	fmt.Println("unix listening on", ln.Addr())
	go func() {
		c, err := ln.Accept()
		must("accept unix", err)
		io.Copy(c, c)
		c.Close()
	}()
	c, err := net.Dial("unix", "echo.sock")
	must("dial unix", err)
	fmt.Fprint(c, "over a unix socket")
	c.(*net.UnixConn).CloseWrite()
	got, err := io.ReadAll(c)
	check("read unix", err)
	fmt.Printf("unix echo: %q\n", got)
	c.Close()
	ln.Close()
	_, err = os.Stat("echo.sock")
	fmt.Println("socket file removed on close:", os.IsNotExist(err))
}

func errorsAndDeadlines() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must("listen", err)
	p := port(ln.Addr())
	_, err = net.Listen("tcp", ln.Addr().String())
	fmt.Println("listen on a used address:", hidePort(fmt.Sprint(err), p))
	fmt.Println("  is EADDRINUSE:", errors.Is(err, syscall.EADDRINUSE))
	_, err = net.ListenPacket("udp", "127.0.0.1:0")
	check("udp on any port", err)

	// Accept with a deadline.
	tl := ln.(*net.TCPListener)
	tl.SetDeadline(time.Now().Add(50 * time.Millisecond))
	_, err = tl.Accept()
	var ne net.Error
	fmt.Println("accept deadline: timeout", errors.As(err, &ne) && ne.Timeout(),
		"ErrDeadlineExceeded", errors.Is(err, os.ErrDeadlineExceeded))
	tl.SetDeadline(time.Time{})

	// Read with a deadline on a connection whose peer stays silent.
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		must("accept", err)
		accepted <- c
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	must("dial", err)
	peer := <-accepted
	t0 := time.Now()
	c.SetReadDeadline(t0.Add(100 * time.Millisecond))
	_, err = c.Read(make([]byte, 10))
	fmt.Println("read deadline: timeout", errors.As(err, &ne) && ne.Timeout(),
		"waited at least 100ms:", time.Since(t0) >= 100*time.Millisecond)
	fmt.Println("  error:", hidePort(fmt.Sprint(err), p, port(c.LocalAddr())))
	// The deadline can be moved: data arriving in time is read.
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	peer.Write([]byte("late data"))
	buf := make([]byte, 20)
	n, err := c.Read(buf)
	check("read after deadline reset", err)
	fmt.Printf("after deadline reset: %q\n", buf[:n])
	// Peer closes: EOF.
	peer.Close()
	_, err = c.Read(buf)
	fmt.Println("after peer close:", err)
	c.Close()
	ln.Close()

	// A refused connection: the port was just closed.
	_, err = net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", p), 5*time.Second)
	fmt.Println("dial closed port:", hidePort(fmt.Sprint(err), p))
	fmt.Println("  is ECONNREFUSED:", errors.Is(err, syscall.ECONNREFUSED))

	// Bad addresses fail before any system call.
	_, err = net.Listen("tcp", "127.0.0.1:99999")
	fmt.Println("listen bad port:", err)
	_, err = net.ResolveTCPAddr("tcp", "not an address")
	fmt.Println("resolve garbage:", err)
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}
