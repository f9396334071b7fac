#!/usr/bin/env bash
# Windows memory and messages (tests/windows/mem-*.c under xabi): VirtualAlloc reservations and
# commits with VirtualQuery at each step and a reserved page caught as an access violation;
# heaps, LocalAlloc and GlobalAlloc; FormatMessage's system texts (Microsoft's "System Error
# Codes") and inserts; std::system_category().message, which libstdc++ gets from FormatMessageA.
# Expected outputs follow Microsoft's documentation (Wine 8 agrees except for the system texts,
# where it has its own shorter ones). Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=windows-memory
. tests/lib/mingw.sh
mingw_ready || exit 0

for t in mem-virtual mem-heap mem-format; do
	build "$t" || continue
	run "$t"
	expect "$t"
done

for link in static shared; do
	flags=
	[ "$link" = static ] && flags=-static
	build mem-syserr $flags || continue
	run mem-syserr
	expect mem-syserr 0 "mem-syserr-$link"
done
