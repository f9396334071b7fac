// The windows-net suite's Go program: net over loopback as a Go program sees it. Built for
// windows (run under xabi: winsock, AcceptEx/ConnectEx and the completion port under Go's
// poller) and for linux (run natively); both must print the same. A TCP echo server and client,
// an HTTP GET against a net/http server, a UDP echo, a Unix stream socket named by an absolute
// path in the temporary directory (a Windows path under xabi), and the loopback interface as
// net.Interfaces sees it. Ports, paths and interface names are never printed.
package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

func must(what string, err error) {
	if err != nil {
		fmt.Printf("FATAL %s: %v\n", what, err)
		os.Exit(1)
	}
}

func tcpEcho() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must("listen", err)
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		must("accept", err)
		defer c.Close()
		r := bufio.NewReader(c)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				fmt.Fprintf(c, "bye\n")
				return
			}
			fmt.Fprint(c, strings.ToUpper(line))
		}
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	must("dial", err)
	fmt.Println("tcp: remote is the listener:", c.RemoteAddr().String() == ln.Addr().String())
	fmt.Fprint(c, "hello\nworld\n")
	c.(*net.TCPConn).CloseWrite()
	all, err := io.ReadAll(c)
	must("read", err)
	fmt.Printf("tcp: got %q\n", all)
	c.Close()
}

func httpGet() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must("http listen", err)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Path", r.URL.Path)
		fmt.Fprintf(w, "%s %s from loopback\n", r.Method, r.URL.Path)
	})}
	go srv.Serve(ln)
	resp, err := http.Get("http://" + ln.Addr().String() + "/hello")
	must("http get", err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	must("http body", err)
	fmt.Printf("http: %s X-Path=%s body %q\n", resp.Status, resp.Header.Get("X-Path"), body)
	srv.Close()
}

func udpEcho() {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	must("udp listen", err)
	defer pc.Close()
	go func() {
		buf := make([]byte, 1500)
		for i := 0; i < 2; i++ {
			n, from, err := pc.ReadFrom(buf)
			must("udp read", err)
			pc.WriteTo([]byte("echo:"+string(buf[:n])), from)
		}
	}()
	c, err := net.Dial("udp", pc.LocalAddr().String())
	must("udp dial", err)
	defer c.Close()
	for _, m := range []string{"one", "two"} {
		c.Write([]byte(m))
		buf := make([]byte, 1500)
		n, err := c.Read(buf)
		must("udp reply", err)
		fmt.Printf("udp: %q\n", buf[:n])
	}
}

// unixEcho: the names a Unix socket reports are the ones given (a client bound to none is "@").
func unixEcho() {
	dir, err := os.MkdirTemp("", "go-net")
	must("unix dir", err)
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "server.sock")
	ln, err := net.Listen("unix", path)
	must("unix listen", err)
	_, err = os.Stat(path)
	fmt.Println("unix: socket file there while listening:", err == nil)
	accepted := make(chan string, 1)
	go func() {
		c, err := ln.Accept()
		must("unix accept", err)
		accepted <- fmt.Sprintf("local is the path: %v, remote %q", c.LocalAddr().String() == path,
			c.RemoteAddr().String())
		io.Copy(c, c)
		c.Close()
	}()
	c, err := net.Dial("unix", path)
	must("unix dial", err)
	fmt.Println("unix: listener is the path:", ln.Addr().String() == path, "remote is the path:",
		c.RemoteAddr().String() == path, "local:", c.LocalAddr())
	fmt.Println("unix: server side:", <-accepted)
	fmt.Fprint(c, "over a unix socket")
	c.(*net.UnixConn).CloseWrite()
	got, err := io.ReadAll(c)
	must("unix read", err)
	fmt.Printf("unix: got %q\n", got)
	c.Close()
	ln.Close()
	_, err = os.Stat(path)
	fmt.Println("unix: socket file removed on close:", os.IsNotExist(err))
}

func loopback() {
	ifs, err := net.Interfaces()
	must("interfaces", err)
	for _, ifi := range ifs {
		if ifi.Flags&net.FlagLoopback == 0 {
			continue
		}
		addrs, err := ifi.Addrs()
		must("addrs", err)
		has := false
		for _, a := range addrs {
			has = has || a.String() == "127.0.0.1/8"
		}
		fmt.Println("loopback: up", ifi.Flags&net.FlagUp != 0, "has 127.0.0.1/8:", has,
			"index>0:", ifi.Index > 0)
	}
}

func main() {
	tcpEcho()
	httpGet()
	udpEcho()
	unixEcho()
	loopback()
	_, err := net.Dial("tcp", "127.0.0.1:1")
	fmt.Println("refused:", err != nil)
}
