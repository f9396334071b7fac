#!/usr/bin/env bash
# What Go's os, os/exec and syscall packages need of kernel32 (tests/windows/os-*.c under xabi):
# symbolic links as reparse points, information by handle (GetFileInformationByHandleEx's
# classes, SetFileInformationByHandle, GetFinalPathNameByHandle, volumes, directory listings),
# CreateProcess with STARTUPINFOEX, handle lists and inherited handles, and the console.
# Expected outputs follow Microsoft's documentation (Wine 8 agrees except where it lacks
# symbolic links); the links' host form is checked with the host's readlink. Then a Go program
# (tests/windows/go-os) built for Linux and for Windows must print the same lines; while the Go
# runtime itself cannot start under xabi (a runtime import another area lacks), that is a SKIP
# naming the import. Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=windows-os
. tests/lib/mingw.sh
mingw_ready || exit 0

fresh() {
	rm -rf "$tmp/run"
	run "$@"
}

# host_link LABEL LINK TARGET: the host symbolic link LINK points at TARGET.
host_link() {
	if [ "$(readlink "$2")" = "$3" ]; then
		echo "PASS $T/$1"
	else
		echo "FAIL $T/$1: readlink $2 is '$(readlink "$2")', not '$3'"
	fi
}

if build os-links; then
	fresh os-links
	expect os-links
	run=$(cd "$tmp/run" && pwd -P)
	host_link host-relative-link "$tmp/run/dir/up" ../target.txt
	host_link host-absolute-link "$tmp/run/alink" "$run/target.txt"
fi

if build os-fileinfo; then
	fresh os-fileinfo
	expect os-fileinfo
fi

if build os-process; then
	fresh os-process /bin/sh
	expect os-process
fi

if build os-console; then
	fresh os-console
	expect os-console-file 0 console-not-a-terminal
	if command -v script >/dev/null; then
		# Typed after a pause, so that the program has written its first lines; the terminal's
		# echo of what is typed is left out of the comparison.
		(sleep 1; printf 'abc\n'; sleep 0.5; printf 'h\303\251llo\n'; sleep 1) |
			timeout 30 script -qec "stty cols 100 rows 30; '$XABI' '$out/os-console.exe'" /dev/null |
			tr -d '\r' | grep -v -e '^abc$' -e '^héllo$' >"$tmp/out"
		rc=${PIPESTATUS[1]}
		expect os-console 0 console-terminal
	else
		echo "SKIP $T/console-terminal: script(1) is not installed"
	fi
fi

# The Go program: the Linux build's output is the reference.
if ! command -v go >/dev/null; then
	echo "SKIP $T/go-os: go is not installed"
	exit 0
fi
gosrc=tests/windows/go-os/main.go
if ! (export GO111MODULE=off CGO_ENABLED=0 GOARCH=amd64
	GOOS=linux go build -o "$out/go-os-linux" "$gosrc" &&
		GOOS=windows go build -o "$out/go-os.exe" "$gosrc") >"$tmp/go.log" 2>&1; then
	echo "FAIL $T/go-os build: $(head -3 "$tmp/go.log" | tr '\n' ' ')"
	exit 0
fi
rm -rf "$tmp/native" && mkdir -p "$tmp/native"
(cd "$tmp/native" && timeout 30 "$out/go-os-linux" >"$tmp/go-native.out" 2>&1 </dev/null)
rm -rf "$tmp/run" && mkdir -p "$tmp/run"
(cd "$tmp/run" && exec timeout 60 "$XABI" "$out/go-os.exe" </dev/null >"$tmp/go-win.out" 2>"$tmp/go-win.err")
rc=$?
missing=$(grep -o '[A-Za-z0-9_.]*![A-Za-z0-9_]* called but not implemented' "$tmp/go-win.err" | head -1)
if [ "$rc" = 120 ] && [ -n "$missing" ]; then
	echo "SKIP $T/go-os: the Go runtime stops before main: ${missing% called*} is not implemented (not this area)"
elif [ "$rc" != 0 ]; then
	echo "FAIL $T/go-os: status $rc: $(head -c 300 "$tmp/go-win.err")"
elif ! diff -u "$tmp/go-native.out" <(tr -d '\r' <"$tmp/go-win.out") >"$tmp/diff"; then
	echo "FAIL $T/go-os: differs from the Linux build: $(grep '^[-+][^-+]' "$tmp/diff" | head -4 | tr '\n' ' ')"
else
	echo "PASS $T/go-os"
fi
