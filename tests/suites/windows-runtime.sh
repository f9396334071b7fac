#!/usr/bin/env bash
# What the Go runtime needs of Windows (tests/windows/rt-*.c under xabi): waitable timers,
# SuspendThread/GetThreadContext/SetThreadContext on running threads (also under seccomp, where a
# stopped thread's host calls are trapped differently), the system directory, error and WER
# modes, affinity, the version, winmm, RtlGenRandom, KUSER_SHARED_DATA, RaiseFailFastException,
# directory listings by handle. Expected outputs follow Microsoft's documentation; Wine 8 prints
# the same for rt-timer (but fResume's error), rt-suspend, rt-dirlist and rt-failfast, and differs
# for rt-system only where it reports Windows 7 or lacks a function. Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=windows-runtime
. tests/lib/mingw.sh
mingw_ready || exit 0

for t in rt-timer rt-system rt-dirlist; do
	build "$t" || continue
	run "$t"
	expect "$t"
done
if build rt-suspend; then
	run rt-suspend
	expect rt-suspend
	XABI_INTERCEPT=seccomp run rt-suspend
	expect rt-suspend 0 rt-suspend-seccomp
	# Changing the registers of a thread stopped inside a wait: reported, status 120.
	run rt-suspend set-in-wait
	if [ "$rc" = 120 ] && [ ! -s "$tmp/out" ] &&
		grep -q "^xabi: kernel32!SetThreadContext changing a thread stopped inside a system call is not implemented" "$tmp/err"; then
		echo "PASS $T/rt-suspend-set-in-wait"
	else
		echo "FAIL $T/rt-suspend-set-in-wait: status $rc: $(head -c 200 "$tmp/err")"
	fi
fi

# RaiseFailFastException: "before" and nothing else, status 0xC0000602 (the shell sees 2) or the
# record's code 0xE0001234 (52), and xabi's one line naming it.
if build rt-failfast; then
	for arg in none record; do
		run rt-failfast "$arg"
		want=2 code=0xC0000602
		[ "$arg" = record ] && want=52 code=0xE0001234
		if [ "$rc" != "$want" ] || [ "$(cat "$tmp/out")" != before ] ||
			! grep -q "^xabi: fail-fast exception $code at " "$tmp/err"; then
			echo "FAIL $T/rt-failfast-$arg: status $rc (want $want), out $(head -c 100 "$tmp/out"), err $(head -c 200 "$tmp/err")"
		else
			echo "PASS $T/rt-failfast-$arg"
		fi
	done
fi
