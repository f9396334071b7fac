# Shared by the Windows suites (tests/suites/windows*.sh): build a tests/windows program with
# mingw-w64, run it under xabi, compare its output with NAME.expected. Source it after setting T
# (the suite's name); it sets src, out and tmp (removed on exit) and skips the suite when mingw-w64
# or xabi is missing.
XABI=${XABI:-$PWD/build/xabi}
TESTS_BUILD=${TESTS_BUILD:-$PWD/build/tests}
src=tests/windows
out=$TESTS_BUILD/windows
mkdir -p "$out"
tmp=$(mktemp -d "$TESTS_BUILD/$T.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# mingw_ready: 0 when the cross compiler and xabi are there; else prints SKIP/FAIL and returns 1.
mingw_ready() {
	if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
		echo "SKIP $T: x86_64-w64-mingw32-gcc is not installed"
		return 1
	fi
	if [ ! -x "$XABI" ]; then
		echo "FAIL $T/xabi: $XABI is not built"
		return 1
	fi
}

# build NAME [FLAGS...]: $out/NAME.exe from tests/windows/NAME.c (NAME.cc with g++), its printf
# family imported from msvcrt.dll.
build() {
	local name=$1 exe=$out/$1.exe cc=x86_64-w64-mingw32-gcc file=$src/$1.c
	shift
	if [ -f "$src/$name.cc" ]; then
		cc=x86_64-w64-mingw32-g++ file=$src/$name.cc
	fi
	if ! $cc -O2 -Wall -Wno-format -D__USE_MINGW_ANSI_STDIO=0 -o "$exe" "$file" "$@" \
		>"$tmp/cc.log" 2>&1; then
		echo "FAIL $T/build $name: $(grep -m 1 error "$tmp/cc.log")"
		return 1
	fi
}

# run NAME ARGS...: $out/NAME.exe under xabi in $tmp/run (stdin from $STDIN, default /dev/null),
# stdout (CRLF to LF) in $tmp/out, stderr in $tmp/err, status in $rc.
run() {
	local name=$1
	shift
	mkdir -p "$tmp/run"
	{ (ulimit -c 0; cd "$tmp/run" && exec timeout 30 "$XABI" "$out/$name.exe" "$@" \
		<"${STDIN:-/dev/null}" >"$tmp/raw" 2>"$tmp/err"); } 2>/dev/null
	rc=$?
	tr -d '\r' <"$tmp/raw" >"$tmp/out"
}

# expect NAME [STATUS [LABEL]]: the run's output is NAME.expected and its status STATUS (default
# 0); LABEL (default NAME) names the result.
expect() {
	local label=${3:-$1}
	if [ "$rc" != "${2:-0}" ]; then
		echo "FAIL $T/$label: status $rc, not ${2:-0}: $(head -c 300 "$tmp/err")"
	elif ! diff -u "$src/$1.expected" "$tmp/out" >"$tmp/diff"; then
		echo "FAIL $T/$label: output differs from $1.expected: $(grep '^[-+][^-+]' "$tmp/diff" | head -4 | tr '\n' ' ')"
	else
		echo "PASS $T/$label"
	fi
}

# build_ucrt NAME [FLAGS...]: $out/NAME-ucrt.exe from tests/windows/NAME.c against the Universal
# CRT. Debian's mingw-w64 10 / gcc 12 has no -mcrtdll, so a specs file made from gcc's own
# (-dumpspecs) links -lucrt where it had -lmsvcrt and predefines _UCRT (the headers then inline the
# printf and scanf families over __stdio_common_*): the program imports api-ms-win-crt-*.dll and
# no msvcrt.dll. The same recipe is in compat/src/win-build/ucrt-gcc.sh.
build_ucrt() {
	local name=$1 specs=$tmp/ucrt.specs
	shift
	if [ ! -f "$specs" ]; then
		x86_64-w64-mingw32-gcc -dumpspecs |
			sed -e 's/-lmsvcrt/-lucrt/' -e '/^\*cpp:$/{n;s/^/-D_UCRT /}' >"$specs" || return 1
	fi
	if ! x86_64-w64-mingw32-gcc -specs="$specs" -O2 -Wall -Wno-format -D__USE_MINGW_ANSI_STDIO=0 \
		-o "$out/$name-ucrt.exe" "$src/$name.c" "$@" >"$tmp/cc.log" 2>&1; then
		echo "FAIL $T/build $name-ucrt: $(grep -m 1 error "$tmp/cc.log")"
		return 1
	fi
}
