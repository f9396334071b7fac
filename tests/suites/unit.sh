#!/usr/bin/env bash
# Unit tests of xabi's pure code, built with the project's own toolchain (mk/README.md) from the
# sources themselves: loader/detect.c (tests/unit/detect.c), syscall/fmt.c (tests/unit/fmt.c),
# thunks/missing.c (tests/unit/thunk_missing.c); and
# abi/gentable.awk on the real table and on malformed rows. Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
TESTS_BUILD=${TESTS_BUILD:-$PWD/build/tests}
mkdir -p "$TESTS_BUILD"
tmp=$(mktemp -d "$TESTS_BUILD/unit.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
T=unit

CC=(gcc -specs=mk/musl-static-pie.specs -std=gnu11 -O1 -fno-stack-protector -fPIE
	-isystem build/deps/include -Ibuild/gen -static-pie)

# unit NAME SOURCES...: build $TESTS_BUILD/unit-NAME and run it; it prints its own PASS/FAIL lines.
unit() {
	local name=$1 bin=$TESTS_BUILD/unit-$1
	shift
	if ! "${CC[@]}" -o "$bin" "$@" >"$tmp/$name.log" 2>&1; then
		echo "FAIL $T/$name/build: $(grep -m 3 -E 'error|undefined' "$tmp/$name.log" | tr '\n' ' ')"
		return
	fi
	# (the group's 2>/dev/null silences bash's job notices if the program crashes)
	{ timeout 20 "$bin" >"$tmp/$name.out" 2>"$tmp/$name.err"; } 2>/dev/null
	local rc=$?
	cat "$tmp/$name.out"
	local fails
	fails=$(grep -c '^FAIL ' "$tmp/$name.out")
	if [ "$rc" -ge 124 ]; then
		echo "FAIL $T/$name/run: ended with status $rc (timeout or signal) $(head -c 200 "$tmp/$name.err")"
	elif [ "$rc" -ne 0 ] && [ "$fails" -eq 0 ]; then
		echo "FAIL $T/$name/run: status $rc without a FAIL line $(head -c 200 "$tmp/$name.err")"
	elif [ "$rc" -eq 0 ] && [ "$fails" -ne 0 ]; then
		echo "FAIL $T/$name/run: status 0 despite $fails FAIL lines"
	elif ! grep -q '^PASS ' "$tmp/$name.out" && [ "$fails" -eq 0 ]; then
		echo "FAIL $T/$name/run: no result lines"
	fi
}

if [ ! -e build/deps/include/zlib.h ]; then
	echo "SKIP $T: build/deps is not built (make deps)"
else
	unit detect tests/unit/detect.c loader/detect.c
	unit fmt tests/unit/fmt.c syscall/fmt.c
	unit wincmdline tests/unit/wincmdline.c libshim/ntdll/cmdline.c libshim/ntdll/unicode.c
	unit thunk-missing tests/unit/thunk_missing.c thunks/missing.c syscall/fmt.c \
		-Lbuild/deps/lib -lffi
fi

# --- abi/gentable.awk ---
G=abi/gentable.awk
tbl=abi/linux/syscalls.tbl
# The real table: exit 0, one sysent row per table row (counted from both ends, and the numbers).
if awk -v abi=linux -f "$G" "$tbl" >"$tmp/linux_table.h" 2>"$tmp/gen.err"; then
	rows=$(grep -cvE '^#|^[[:blank:]]*$' "$tbl")
	out_rows=$(grep -cE '^'$'\t''\[[0-9]+\] = \{ "' "$tmp/linux_table.h")
	grep -vE '^#|^[[:blank:]]*$' "$tbl" | cut -f 1,2 | sort -n >"$tmp/tbl.rows"
	sed -nE 's/^\t\[([0-9]+)\] = \{ "([^"]*)".*/\1\t\2/p' "$tmp/linux_table.h" | sort -n >"$tmp/out.rows"
	if [ "$rows" -gt 0 ] && [ "$rows" -eq "$out_rows" ] && cmp -s "$tmp/tbl.rows" "$tmp/out.rows" &&
		[ ! -s "$tmp/gen.err" ]; then
		echo "PASS $T/gentable/linux-table: $rows rows in, $out_rows rows out, same numbers and names"
	else
		echo "FAIL $T/gentable/linux-table: $rows table rows, $out_rows generated rows; differences: $(diff "$tmp/tbl.rows" "$tmp/out.rows" | head -n 4 | tr '\n' ' ') $(head -c 200 "$tmp/gen.err")"
	fi
	if grep -q "^static const struct sysent linux_sysent\[\] = {" "$tmp/linux_table.h" &&
		[ "$(tail -n 1 "$tmp/linux_table.h")" = "};" ]; then
		echo "PASS $T/gentable/linux-table-shape"
	else
		echo "FAIL $T/gentable/linux-table-shape: no linux_sysent array, or not closed"
	fi
else
	echo "FAIL $T/gentable/linux-table: exit status $?: $(head -c 300 "$tmp/gen.err")"
fi

# bad NAME ROW MESSAGE: a table whose third line is ROW must be rejected: non-zero exit, nothing on
# stdout, and "FILE:3: " + MESSAGE on stderr.
bad() {
	local name=$1 row=$2 msg=$3 f=$tmp/$1.tbl why=""
	printf '# nr\tname\thandler\tflags\targuments\n0\tread\tpass\t-\tfd, obuf, size\n%s\n2\topen\tpass\t-\tpath, oflags, mode\n' "$row" >"$f"
	awk -v abi=linux -f "$G" "$f" >"$tmp/bad.out" 2>"$tmp/bad.err"
	local rc=$?
	[ "$rc" -ne 0 ] || why+=" exit status 0;"
	[ ! -s "$tmp/bad.out" ] || why+=" wrote $(wc -l <"$tmp/bad.out") lines of output;"
	grep -qF -- "$f:3: $msg" "$tmp/bad.err" ||
		why+=" stderr is not '$f:3: $msg...': '$(head -c 200 "$tmp/bad.err")';"
	if [ -z "$why" ]; then
		echo "PASS $T/gentable/rejects-$name"
	else
		echo "FAIL $T/gentable/rejects-$name:$why"
	fi
}
bad four-columns $'1\twrite\tpass\t-' "expected 5 tab-separated columns, found 4"
bad six-columns $'1\twrite\tpass\t-\tfd\textra' "expected 5 tab-separated columns, found 6"
bad spaces-not-tabs '1 write pass - void' "expected 5 tab-separated columns, found 1"
bad unknown-kind $'1\twrite\tpass\t-\tfd, bogus, size' "unknown argument kind 'bogus'"
bad duplicate-number $'0\twrite\tpass\t-\tfd, ibuf:2, size' "number 0 appears twice"
bad unknown-flag $'1\twrite\tpass\tnoreturn|bogus\tfd' "unknown flag 'bogus'"
bad bad-number $'x1\twrite\tpass\t-\tvoid' "bad number 'x1'"
bad seven-arguments $'1\twrite\tpass\t-\tint, int, int, int, int, int, int' "more than six arguments"
exit 0
