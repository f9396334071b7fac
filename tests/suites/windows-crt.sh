#!/usr/bin/env bash
# The C runtime under xabi, for programs built against msvcrt.dll (mingw-w64's default) and against
# the Universal CRT (build_ucrt: ucrtbase through the api-ms-win-crt-* API sets). References:
# crt-host.c is built natively too and must print the same (C99 fixes its results); crt-ms.c prints
# Windows-specific results compared with NAME.expected (Microsoft's documented behaviour, one file
# per CRT where they differ); rand() against msvcrt's documented generator computed here; how a
# program ends (exit, ExitProcess, return, abort, assert) against the documented status and
# message. Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=windows-crt
. tests/lib/mingw.sh
mingw_ready || exit 0

# imports NAME: "dll function" lines of $out/NAME.exe's import table (lower-case DLL names).
imports() {
	x86_64-w64-mingw32-objdump -p "$out/$1.exe" |
		awk '/DLL Name:/ { dll = tolower($3) } NF == 3 && $1 ~ /^[0-9a-f]+$/ { print dll, $3 }'
}

# The UCRT recipe really gives a UCRT program: api-ms-win-crt-* imports, no msvcrt.dll.
if build_ucrt crt-ms; then
	dlls=$(imports crt-ms-ucrt | cut -d' ' -f1 | sort -u | tr '\n' ' ')
	if grep -q msvcrt <<<"$dlls" || ! grep -q api-ms-win-crt-stdio-l1-1-0.dll <<<"$dlls"; then
		echo "FAIL $T/ucrt-imports: $dlls"
	else
		echo "PASS $T/ucrt-imports"
	fi
	run crt-ms-ucrt
	expect crt-ms-ucrt
fi
if build crt-ms; then
	run crt-ms
	expect crt-ms
fi

# crt-host: the same output as the program built for Linux, from both CRTs.
if gcc -O2 -o "$tmp/crt-host" "$src/crt-host.c" 2>"$tmp/cc.log"; then
	"$tmp/crt-host" >"$tmp/host.out"
	for variant in crt-host crt-host-ucrt; do
		if [ $variant = crt-host ]; then build crt-host || continue; else build_ucrt crt-host || continue; fi
		run $variant
		if [ "$rc" != 0 ]; then
			echo "FAIL $T/$variant: status $rc: $(head -c 300 "$tmp/err")"
		elif ! diff -u "$tmp/host.out" "$tmp/out" >"$tmp/diff"; then
			echo "FAIL $T/$variant: differs from the native build: $(grep '^[-+][^-+]' "$tmp/diff" | head -4 | tr '\n' ' ')"
		else
			echo "PASS $T/$variant"
		fi
	done
else
	echo "SKIP $T/crt-host: the host's gcc cannot build it"
fi

# rand: msvcrt's generator is state = state * 214013 + 2531011 (mod 2^32), rand() = bits 16-30;
# the initial seed is 1.
rand_ref() {
	local s=$1 line=""
	for k in 0 1 2 3 4 5 6 7 8 9; do
		s=$(((s * 214013 + 2531011) & 0xffffffff))
		line+="$(((s >> 16) & 0x7fff))"
		[ $k -lt 9 ] && line+=" "
	done
	echo "$line"
}
for variant in crt-rand crt-rand-ucrt; do
	if [ $variant = crt-rand ]; then build crt-rand || continue; else build_ucrt crt-rand || continue; fi
	{ rand_ref 1; echo "RAND_MAX 32767"; } >"$tmp/ref1"
	{ rand_ref 42; rand_ref 4000000000; echo "RAND_MAX 32767"; } >"$tmp/ref2"
	run $variant
	cp "$tmp/out" "$tmp/out1"
	run $variant 42 4000000000
	if cmp -s "$tmp/out1" "$tmp/ref1" && cmp -s "$tmp/out" "$tmp/ref2"; then
		echo "PASS $T/$variant"
	else
		echo "FAIL $T/$variant: $(head -1 "$tmp/out1") / expected $(head -1 "$tmp/ref1")"
	fi
done

# endings: ARGS, expected status, expected stdout, a pattern stderr must match (or "" for empty).
msvcrt_abort='This application has requested the Runtime to terminate it in an unusual way'
check_end() {
	local variant=$1 label=$2 args=$3 status=$4 stdout=$5 stderr=$6
	run $variant $args
	if [ "$rc" != "$status" ]; then
		echo "FAIL $T/$label: status $rc, not $status: $(head -c 200 "$tmp/err")"
	elif [ "$(cat "$tmp/out")" != "$stdout" ]; then
		echo "FAIL $T/$label: stdout [$(head -c 200 "$tmp/out")], not [$stdout]"
	elif [ -z "$stderr" ] && [ -s "$tmp/err" ]; then
		echo "FAIL $T/$label: unexpected stderr: $(head -c 200 "$tmp/err")"
	elif [ -n "$stderr" ] && ! tr -d '\r' <"$tmp/err" | grep -q -- "$stderr"; then
		echo "FAIL $T/$label: stderr lacks [$stderr]: $(head -c 200 "$tmp/err")"
	else
		echo "PASS $T/$label"
	fi
}
if build crt-exit; then
	check_end crt-exit exit-exit "exit 7" 7 "ending by exit" ""
	check_end crt-exit exit-ExitProcess "ExitProcess 9" 9 "ending by ExitProcess" ""
	check_end crt-exit exit-return "return 5" 5 "ending by return" ""
	check_end crt-exit exit-atexit "atexit" 4 "$(printf 'ending by atexit\natexit second\natexit first')" ""
	# msvcrt's abort: its message on stderr and status 3
	check_end crt-exit exit-abort "abort" 3 "ending by abort" "$msvcrt_abort"
	# assert: "Assertion failed: EXPR, file FILE, line N", then abort's
	check_end crt-exit exit-assert "assert 2" 3 "ending by assert" "^Assertion failed: n == 1, file .*crt-exit.c, line 3[0-9]$"
fi
if build_ucrt crt-exit; then
	check_end crt-exit-ucrt exit-ucrt-exit "exit 7" 7 "ending by exit" ""
	check_end crt-exit-ucrt exit-ucrt-atexit "atexit" 4 "$(printf 'ending by atexit\natexit second\natexit first')" ""
	# the UCRT's abort prints nothing and fails fast: STATUS_STACK_BUFFER_OVERRUN (0xC0000409),
	# whose low byte is what a Linux parent sees
	check_end crt-exit-ucrt exit-ucrt-abort "abort" $((0xC0000409 & 0xff)) "ending by abort" ""
fi

# C++ (no exceptions thrown): every msvcrt.dll import of the program, static and dynamic (then with
# libstdc++-6.dll's and libgcc_s_seh-1.dll's own), must be implemented, except those that belong to
# other parts of the Windows work: file and low-level I/O, time formatting and wide streams (the
# files helper), and __C_specific_handler (structured exception handling).
others=" __C_specific_handler _close _fdopen _filelengthi64 _findclose _fstat64 _get_osfhandle _lseeki64 _read _telli64 _wchdir _wchmod _wfindfirst64 _wfindnext64 _wfopen _wfullpath _wgetcwd _wmkdir _wopen _write _wstat64 _wutime64 fgetpos fsetpos getenv getwc putwc strftime ungetwc wcsftime "
cxx_missing() {
	"$XABI" info "$1" 2>/dev/null | awk '$2 == "missing" { print $1 }' | grep -i '^msvcrt\.dll!' |
		sed 's/.*!//' | while read -r f; do
		[[ $others == *" $f "* ]] || echo "$f"
	done
}
gcc_dlls=/usr/lib/gcc/x86_64-w64-mingw32/12-win32
for variant in static dynamic; do
	flag=$([ $variant = static ] && echo -static)
	if ! x86_64-w64-mingw32-g++ -O2 $flag -o "$out/crt-cpp-$variant.exe" "$src/crt-cpp.cc" >"$tmp/cc.log" 2>&1; then
		echo "FAIL $T/cpp-$variant: build: $(grep -m 1 error "$tmp/cc.log")"
		continue
	fi
	files=("$out/crt-cpp-$variant.exe")
	[ $variant = dynamic ] && files+=("$gcc_dlls/libstdc++-6.dll" "$gcc_dlls/libgcc_s_seh-1.dll")
	missing=$(for f in "${files[@]}"; do [ -f "$f" ] && cxx_missing "$f"; done | sort -u | tr '\n' ' ')
	if [ -n "$missing" ]; then
		echo "FAIL $T/cpp-$variant-imports: not implemented: $missing"
	else
		echo "PASS $T/cpp-$variant-imports"
	fi
done
