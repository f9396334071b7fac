#!/usr/bin/env bash
# Windows structured exception handling (libshim/README.md, "Exceptions"): RaiseException and
# vectored handlers, processor faults as exceptions, stack overflow, __C_specific_handler scopes,
# setjmp/longjmp, walking the stack with RtlVirtualUnwind, the unhandled-exception filter and
# report, and g++'s C++ exceptions (static and with the runtime DLLs, and across a DLL of our
# own), which are built on all of these. Outputs are checked
# against NAME.expected: Windows' documented results (where Wine 8 differs, the program says so),
# and for cxx-throw the same source built for Linux. Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=windows-seh
. tests/lib/mingw.sh

mingw_ready || exit 0

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

# C++ (g++'s SEH unwinder), each program -static and with libstdc++-6.dll and libgcc_s_seh-1.dll
# (found in the mingw-w64 runtime directory).
for t in cxx-throw:0 cxx-uncaught:3; do
	name=${t%:*}
	for link in static shared; do
		flags=
		[ "$link" = static ] && flags=-static
		build "$name" $flags || continue
		run "$name"
		expect "$name" "${t#*:}" "$name-$link"
		[ "$name" = cxx-uncaught ] || continue
		expect_stderr "cxx-uncaught-$link-terminate" \
			"^terminate called after throwing an instance of 'std::runtime_error'$"
		expect_stderr "cxx-uncaught-$link-what" '^  what\(\):  fatal$'
		expect_stderr "cxx-uncaught-$link-abort" \
			'^This application has requested the Runtime to terminate it in an unusual way\.$'
	done
done

# Exceptions crossing a C++ DLL of our own, both ways. The expected output is what the same
# sources print built for Linux (checked here too when the host g++ is there).
if x86_64-w64-mingw32-g++ -O2 -shared -o "$out/cxx-dll-lib.dll" "$src/cxx-dll-lib.cc" \
	-Wl,--out-implib,"$out/libcxx-dll-lib.a" >"$tmp/cc.log" 2>&1; then
	if build cxx-dll -L"$out" -lcxx-dll-lib; then
		run cxx-dll
		expect cxx-dll 0
	fi
else
	echo "FAIL $T/build cxx-dll-lib: $(grep -m 1 error "$tmp/cc.log")"
fi
if command -v g++ >/dev/null; then
	if g++ -O2 -shared -fPIC -o "$tmp/libcxxdll.so" "$src/cxx-dll-lib.cc" &&
		g++ -O2 -o "$tmp/cxx-dll" "$src/cxx-dll.cc" -L"$tmp" -lcxxdll -Wl,-rpath,"$tmp" &&
		"$tmp/cxx-dll" | diff -q - "$src/cxx-dll.expected" >/dev/null; then
		echo "PASS $T/cxx-dll-linux-reference"
	else
		echo "FAIL $T/cxx-dll-linux-reference: the Linux build does not print cxx-dll.expected"
	fi
fi
