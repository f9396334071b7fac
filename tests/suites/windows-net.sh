#!/usr/bin/env bash
# Windows sockets (libshim/ws2_32/, mswsock's extensions, the async engine of
# libshim/kernel32/async.c): mingw-w64 programs of tests/windows/net-*.c over loopback whose
# output is fixed by Microsoft's documented results (NAME.expected; Wine 8 prints the same), run
# under both interception back ends; then a Go program (tests/windows/go-net) built for windows
# and run under xabi must print what its linux build prints natively (it says SKIP while the Go
# runtime stops on an import of another area, status 120). Go's own net package tests built for
# windows are tests/suites/gostd.sh's (GOSTD_GOOS=windows GOSTD_PKGS=net), with their skips in
# tests/gostd/skip-windows.txt. Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=windows-net
. tests/lib/mingw.sh

mingw_ready || exit 0

# check NAME LABEL: the last run against NAME.expected, reported as LABEL.
check() {
	local name=$1 label=$2
	if [ "$rc" != 0 ]; then
		echo "FAIL $T/$label: status $rc: $(head -c 300 "$tmp/err")"
	elif ! diff -u "$src/$name.expected" "$tmp/out" >"$tmp/diff"; then
		echo "FAIL $T/$label: output differs from $name.expected: $(grep '^[-+][^-+]' "$tmp/diff" | head -4 | tr '\n' ' ')"
	else
		echo "PASS $T/$label"
	fi
}

for name in net-tcp net-iocp net-udp net-addrinfo net-errors net-cancel; do
	build "$name" -lws2_32 || continue
	XABI_INTERCEPT=sud run "$name"
	check "$name" "$name"
	XABI_INTERCEPT=seccomp run "$name"
	check "$name" "$name-seccomp"
done

# The host's interfaces: the loopback's index is the host's.
if build net-adapters -liphlpapi -lws2_32; then
	run net-adapters "$(cat /sys/class/net/lo/ifindex 2>/dev/null)"
	check net-adapters net-adapters
fi

# stopped_elsewhere LABEL: for a run that ended with status 120 on an import outside winsock's
# DLLs (the Go runtime's), print SKIP with the import and return 0.
stopped_elsewhere() {
	local missing
	missing=$(grep -o '[A-Za-z0-9_.-]*![A-Za-z0-9_]* called but not implemented' "$tmp/err" | head -1)
	if [ "$rc" = 120 ] && [ -n "$missing" ] &&
		! grep -qiE '^(ws2_32|mswsock|iphlpapi)' <<<"$missing"; then
		echo "SKIP $T/$1: the Go runtime stops first: $missing"
		return 0
	fi
	return 1
}

# The Go program: same output for its windows build under xabi as for its linux build.
go_net() {
	local dir=$src/go-net
	if ! (cd "$dir" && CGO_ENABLED=0 GOARCH=amd64 GOOS=windows \
		go build -o "$out/go-net.exe" . && CGO_ENABLED=0 GOARCH=amd64 GOOS=linux \
		go build -o "$tmp/go-net-linux" .) >"$tmp/cc.log" 2>&1; then
		echo "FAIL $T/go-net: build: $(head -c 300 "$tmp/cc.log")"
		return
	fi
	"$tmp/go-net-linux" >"$tmp/native" 2>&1
	(cd "$tmp" && exec timeout 60 "$XABI" "$out/go-net.exe") >"$tmp/raw" 2>"$tmp/err"
	rc=$?
	tr -d '\r' <"$tmp/raw" >"$tmp/out"
	if stopped_elsewhere go-net; then
		:
	elif [ "$rc" != 0 ]; then
		echo "FAIL $T/go-net: status $rc: $(head -c 300 "$tmp/err")"
	elif ! diff -u "$tmp/native" "$tmp/out" >"$tmp/diff"; then
		echo "FAIL $T/go-net: differs from the linux build: $(grep '^[-+][^-+]' "$tmp/diff" | head -4 | tr '\n' ' ')"
	else
		echo "PASS $T/go-net"
	fi
}

if command -v go >/dev/null; then
	go_net
else
	echo "SKIP $T/go-net: go is not installed"
fi
