#!/usr/bin/env bash
# Windows threads, synchronisation, waits, handles and processes (libshim/kernel32/thread.c and
# the files beside it): mingw-w64 programs of tests/windows/thread-*.c whose output is fixed by
# Microsoft's documented results (NAME.expected; Wine 8 agrees except where a .c file says), run
# under both interception back ends (a thread's interception is armed per task under SUD and
# inherited under seccomp). Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=windows-threads
. tests/lib/mingw.sh

mingw_ready || exit 0

# check NAME LABEL [STATUS]: the last run against NAME.expected, reported as LABEL.
check() {
	local name=$1 label=$2 status=${3:-0}
	if [ "$rc" != "$status" ]; then
		echo "FAIL $T/$label: status $rc, not $status: $(head -c 300 "$tmp/err")"
	elif ! diff -u "$src/$name.expected" "$tmp/out" >"$tmp/diff"; then
		echo "FAIL $T/$label: output differs from $name.expected: $(grep '^[-+][^-+]' "$tmp/diff" | head -4 | tr '\n' ' ')"
	else
		echo "PASS $T/$label"
	fi
}

# both NAME [STATUS]: run NAME under SUD and under seccomp.
both() {
	XABI_INTERCEPT=sud run "$1"
	check "$1" "$1" "${2:-0}"
	XABI_INTERCEPT=seccomp run "$1"
	check "$1" "$1-seccomp" "${2:-0}"
}

for name in thread-count thread-wait thread-cv thread-syscall; do
	build "$name" && both "$name"
done
# The main thread leaves by ExitThread: the process ends with its last thread's code, 5.
build thread-exit && both thread-exit 5
# WaitOnAddress is kernelbase.dll's: an import library for it from a .def file.
printf 'LIBRARY kernelbase.dll\nEXPORTS\nWaitOnAddress\nWakeByAddressSingle\nWakeByAddressAll\n' \
	>"$tmp/kernelbase.def"
if x86_64-w64-mingw32-dlltool -d "$tmp/kernelbase.def" -l "$tmp/libkernelbase.a" 2>"$tmp/err"; then
	build thread-waitaddr "$tmp/libkernelbase.a" && both thread-waitaddr
else
	echo "FAIL $T/thread-waitaddr: dlltool: $(head -c 200 "$tmp/err")"
fi
# mingw's own import library names the API set api-ms-win-core-synch-l1-2-0.dll instead.
if build thread-waitaddr -lsynchronization; then
	XABI_INTERCEPT=sud run thread-waitaddr
	check thread-waitaddr thread-waitaddr-apiset
fi
# CreateProcess finds thread-child.exe beside thread-proc.exe.
build thread-child && build thread-proc && both thread-proc
