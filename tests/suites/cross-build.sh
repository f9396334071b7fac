#!/usr/bin/env bash
# Cross builds whose tests run under xabi: compat/src/cross-build (a shared library, a test program,
# six tests) built with mingw-w64 by CMake, its tests run by ctest through
# CMAKE_CROSSCOMPILING_EMULATOR, and by Meson, run by `meson test` through the cross file's
# exe_wrapper. The reference is the same project built natively for Linux: every test must end as
# it does there, the one that fails on purpose (label/suite must-fail) reported failed in both.
# Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
XABI=${XABI:-$PWD/build/xabi}
TESTS_BUILD=${TESTS_BUILD:-$PWD/build/tests}
T=cross-build
src=$PWD/compat/src/cross-build
mkdir -p "$TESTS_BUILD"
tmp=$(mktemp -d "$TESTS_BUILD/cross-build.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$XABI" ]; then
	echo "FAIL $T/xabi: $XABI is not built"
	exit 0
fi
XABI=$(realpath "$XABI")
if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
	echo "SKIP $T: x86_64-w64-mingw32-gcc is not installed"
	exit 0
fi

# compare TOOL WHAT: $tmp/TOOL-native.results and $tmp/TOOL-xabi.results ("name result" lines)
# agree, have every test, and the must-fail test failed.
compare() {
	local tool=$1 what=$2
	if [ "$(wc -l <"$tmp/$tool-native.results")" != 6 ]; then
		echo "FAIL $T/$tool native reference: $(tr '\n' ' ' <"$tmp/$tool-native.results")"
	elif ! diff <(sed 's/ .*//' "$tmp/$tool-native.results") <(sed 's/ .*//' "$tmp/$tool-xabi.results") >/dev/null; then
		echo "FAIL $T/$tool: ran other tests than natively: $(tr '\n' ' ' <"$tmp/$tool-xabi.results")"
	elif ! cmp -s "$tmp/$tool-native.results" "$tmp/$tool-xabi.results"; then
		echo "FAIL $T/$tool: results differ from the native build's: $(diff "$tmp/$tool-native.results" "$tmp/$tool-xabi.results" | grep '^>' | tr '\n' ' ')"
	elif ! grep -qx "wrong-count $3" "$tmp/$tool-xabi.results"; then
		echo "FAIL $T/$tool: the must-fail test was not reported failed"
	else
		echo "PASS $T/$tool: $what ($(grep -vc " $3\$" "$tmp/$tool-xabi.results") passed, wrong-count failed on purpose, as natively)"
	fi
}

# ctest_run DIR NAME: the tests of the build in DIR, the must-fail one apart; "name result" lines
# in $tmp/cmake-NAME.results; FAIL lines for wrong statuses.
ctest_run() {
	local dir=$1 name=$2 rc1 rc2
	ctest --test-dir "$dir" -V -LE must-fail >"$tmp/ctest-$name.log" 2>&1
	rc1=$?
	ctest --test-dir "$dir" -V -L must-fail >>"$tmp/ctest-$name.log" 2>&1
	rc2=$?
	sed -nE 's/^ *[0-9]+\/[0-9]+ Test +#[0-9]+: ([^ ]+) \.+ *(\*\*\*)?([A-Za-z]+).*/\1 \3/p' \
		"$tmp/ctest-$name.log" | sort >"$tmp/cmake-$name.results"
	[ $rc1 = 0 ] || echo "FAIL $T/cmake $name: ctest -LE must-fail: status $rc1"
	[ $rc2 != 0 ] || echo "FAIL $T/cmake $name: ctest -L must-fail: status 0"
}

if command -v cmake >/dev/null && command -v ctest >/dev/null; then
	if ! cmake -S "$src" -B "$tmp/cmake-native" >"$tmp/cmake.log" 2>&1 ||
		! cmake --build "$tmp/cmake-native" >>"$tmp/cmake.log" 2>&1; then
		echo "FAIL $T/cmake native build: $(grep -m 2 -i error "$tmp/cmake.log" | tr '\n' ' ')"
	elif ! cmake -S "$src" -B "$tmp/cmake-xabi" -DCMAKE_TOOLCHAIN_FILE="$src/mingw-w64.cmake" \
		-DCMAKE_CROSSCOMPILING_EMULATOR="$XABI" >"$tmp/cmake.log" 2>&1 ||
		! cmake --build "$tmp/cmake-xabi" >>"$tmp/cmake.log" 2>&1; then
		echo "FAIL $T/cmake mingw-w64 build: $(grep -m 2 -i error "$tmp/cmake.log" | tr '\n' ' ')"
	else
		ctest_run "$tmp/cmake-native" native
		ctest_run "$tmp/cmake-xabi" xabi
		if [ "$(grep -c "Test command: $XABI \"$tmp/cmake-xabi/wordstat-test.exe\"" "$tmp/ctest-xabi.log")" != 6 ]; then
			echo "FAIL $T/cmake: ctest did not run each test through $XABI"
		else
			compare cmake "ctest with CMAKE_CROSSCOMPILING_EMULATOR=xabi" Failed
		fi
	fi
else
	echo "SKIP $T/cmake: cmake is not installed (mk/install-deps.sh installs it)"
fi

# meson_run DIR NAME: as ctest_run, with meson test and its must-fail suite.
meson_run() {
	local dir=$1 name=$2 rc1 rc2
	meson test -C "$dir" --no-suite must-fail >"$tmp/meson-$name.log" 2>&1
	rc1=$?
	cp "$dir/meson-logs/testlog.txt" "$tmp/meson-$name.testlog" # it holds the last run only
	meson test -C "$dir" --suite must-fail >>"$tmp/meson-$name.log" 2>&1
	rc2=$?
	cat "$dir/meson-logs/testlog.txt" >>"$tmp/meson-$name.testlog"
	awk '$3 == "/" && $1 ~ /^[0-9]+\/[0-9]+$/ { print $4, $5 }' "$tmp/meson-$name.log" |
		sort >"$tmp/meson-$name.results"
	[ $rc1 = 0 ] || echo "FAIL $T/meson $name: meson test --no-suite must-fail: status $rc1"
	[ $rc2 != 0 ] || echo "FAIL $T/meson $name: meson test --suite must-fail: status 0"
}

if command -v meson >/dev/null && command -v ninja >/dev/null; then
	printf "[binaries]\nexe_wrapper = '%s'\n" "$XABI" >"$tmp/xabi.ini"
	if ! meson setup "$tmp/meson-native" "$src" >"$tmp/meson.log" 2>&1 ||
		! meson compile -C "$tmp/meson-native" >>"$tmp/meson.log" 2>&1; then
		echo "FAIL $T/meson native build: $(grep -m 2 -i error "$tmp/meson.log" | tr '\n' ' ')"
	elif ! meson setup --cross-file "$src/mingw-w64.ini" --cross-file "$tmp/xabi.ini" \
		"$tmp/meson-xabi" "$src" >"$tmp/meson.log" 2>&1 ||
		! meson compile -C "$tmp/meson-xabi" >>"$tmp/meson.log" 2>&1; then
		echo "FAIL $T/meson mingw-w64 build: $(grep -m 2 -iE 'error|wrapper' "$tmp/meson.log" | tr '\n' ' ')"
	else
		meson_run "$tmp/meson-native" native
		meson_run "$tmp/meson-xabi" xabi
		if [ "$(grep -c "^command: .* $XABI $tmp/meson-xabi/wordstat-test.exe " "$tmp/meson-xabi.testlog")" != 6 ]; then
			echo "FAIL $T/meson: meson test did not run the tests through $XABI"
		else
			compare meson "meson test with exe_wrapper = xabi" FAIL
		fi
	fi
else
	echo "SKIP $T/meson: meson or ninja is not installed (mk/install-deps.sh installs them)"
fi
