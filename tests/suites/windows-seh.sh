#!/usr/bin/env bash
# Windows structured exception handling (libshim/README.md, "Exceptions"): RaiseException and
# vectored handlers, processor faults as exceptions, stack overflow, __C_specific_handler scopes,
# setjmp/longjmp, walking the stack with RtlVirtualUnwind, the unhandled-exception filter and
# report, and g++'s C++ exceptions (-static), which are built on all of these. Outputs are checked
# against NAME.expected: Windows' documented results (where Wine 8 differs, the program says so),
# and for cxx-throw the same source built for Linux. Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=windows-seh
. tests/lib/mingw.sh

mingw_ready || exit 0

# missing_imports NAME DLL!FUNC...: those of the listed imports this xabi does not implement.
missing_imports() {
	local exe=$out/$1.exe info
	shift
	info=$("$XABI" info "$exe" 2>/dev/null)
	for imp in "$@"; do
		grep -q "$imp implemented" <<<"$info" || printf ' %s' "$imp"
	done
}

# expect_stderr NAME REGEX: the run's stderr (CRs removed) has a line matching REGEX.
expect_stderr() {
	if tr -d '\r' <"$tmp/err" | grep -qE "$2"; then
		echo "PASS $T/$1"
	else
		echo "FAIL $T/$1: stderr has no line matching /$2/: $(head -c 300 "$tmp/err")"
	fi
}

for t in seh-raise:7 seh-faults:0 seh-scope:0 seh-stack:0 seh-walk:0 seh-unwind-codes:0 seh-filter:66; do
	name=${t%:*}
	build "$name" || continue
	run "$name"
	expect "$name" "${t#*:}"
done

if build seh-unhandled; then
	run seh-unhandled
	expect seh-unhandled 5 # the exit status is the exception code's low byte: 0xC0000005
	expect_stderr seh-unhandled-report \
		'^xabi: unhandled exception 0xC0000005 \(access violation\) at 0x[0-9a-f]+ \(seh-unhandled\.exe\+0x[0-9a-f]+\): writing 0x10$'
	run seh-unhandled signal
	if [ "$rc" = 9 ] && diff -q "$src/seh-unhandled-signal.expected" "$tmp/out" >/dev/null; then
		echo "PASS $T/seh-unhandled-signal"
	else
		echo "FAIL $T/seh-unhandled-signal: status $rc: $(head -c 200 "$tmp/out")"
	fi
fi

# C++: libstdc++'s start-up takes locks (win32 threads: semaphores), so these need the kernel32
# synchronisation functions.
for t in cxx-throw:0 cxx-uncaught:3; do
	name=${t%:*}
	build "$name" -static || continue
	missing=$(missing_imports "$name" KERNEL32.dll!CreateSemaphoreW KERNEL32.dll!ReleaseSemaphore \
		KERNEL32.dll!WaitForSingleObject)
	if [ -n "$missing" ]; then
		echo "SKIP $T/$name: needs$missing"
		continue
	fi
	run "$name"
	expect "$name" "${t#*:}"
	if [ "$name" = cxx-uncaught ]; then
		expect_stderr cxx-uncaught-terminate \
			"^terminate called after throwing an instance of 'std::runtime_error'$"
		expect_stderr cxx-uncaught-what '^  what\(\):  fatal$'
		expect_stderr cxx-uncaught-abort '^This application has requested the Runtime to terminate it in an unusual way\.$'
	fi
done
