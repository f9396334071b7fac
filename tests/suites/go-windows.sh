#!/usr/bin/env bash
# Go programs built for Windows (tests/go-windows/*, GOOS=windows, Go's runtime over the shim)
# against the same programs built for Linux and run natively: stdout, the exit status and the
# first line of stderr must be the same (the rest of a panic's stderr names Windows exceptions
# and addresses). Covers start-up and os.Exit, timers, asynchronous preemption (SuspendThread/
# SetThreadContext), nil dereferences through vectored exception handlers, many threads. Prints
# PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=go-windows
XABI=${XABI:-$PWD/build/xabi}
TESTS_BUILD=${TESTS_BUILD:-$PWD/build/tests}
out=$TESTS_BUILD/go-windows
mkdir -p "$out"
tmp=$(mktemp -d "$TESTS_BUILD/$T.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
if ! command -v go >/dev/null; then
	echo "SKIP $T: go is not installed"
	exit 0
fi

# one LABEL NAME STATUS ARGS...: build tests/go-windows/NAME for both systems, run both, compare.
one() {
	local label=$1 name=$2 want=$3
	shift 3
	for os in windows linux; do
		if [ ! -x "$out/$name-$os" ] &&
			! sh compat/src/go-build/gobuild.sh "$os" "tests/go-windows/$name" "$out/$name-$os" \
				>"$tmp/build.log" 2>&1; then
			echo "FAIL $T/$label: build for $os: $(head -c 300 "$tmp/build.log")"
			return
		fi
	done
	(cd "$tmp" && exec timeout 20 "$XABI" "$out/$name-windows" "$@" >win.out 2>win.err)
	local wrc=$?
	(cd "$tmp" && exec timeout 20 "$out/$name-linux" "$@" >lin.out 2>lin.err)
	local lrc=$?
	if [ "$wrc" != "$lrc" ] || [ "$wrc" != "$want" ]; then
		echo "FAIL $T/$label: status $wrc, Linux build $lrc, expected $want: $(head -c 300 "$tmp/win.err")"
	elif ! diff -u "$tmp/lin.out" "$tmp/win.out" >"$tmp/diff"; then
		echo "FAIL $T/$label: stdout differs: $(grep '^[-+][^-+]' "$tmp/diff" | head -4 | tr '\n' ' ')"
	elif [ "$(head -n 1 "$tmp/win.err")" != "$(head -n 1 "$tmp/lin.err")" ]; then
		echo "FAIL $T/$label: first stderr line: $(head -n 1 "$tmp/win.err") / $(head -n 1 "$tmp/lin.err")"
	else
		echo "PASS $T/$label"
	fi
}

# Built afresh each run: the build cache makes that cheap, and a stale binary would hide a change.
rm -f "$out"/*
HELLO_EXIT=3 one hello hello 3 a "b c" ""
one timers timers 0
one preempt preempt 0
one nilderef nilderef 0
one nilderef-crash nilderef 2 crash
one threads threads 0
