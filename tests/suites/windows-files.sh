#!/usr/bin/env bash
# Windows files, paths, environment and time (tests/windows/file-*.c under xabi): CreateFile's
# dispositions and last errors, directories and wildcards, msvcrt's low-level I/O (the bytes text
# and binary mode leave on disk, checked here), stat, the path mapping (Z:\ = /, both separators,
# names without regard to case), environment A/W, time conversions, Sleep, stdin from a pipe.
# Expected outputs follow Microsoft's documentation; a few lines are also checked against the
# host's own tools. Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=windows-files
. tests/lib/mingw.sh
mingw_ready || exit 0

# fresh NAME ARGS...: run NAME in an empty directory.
fresh() {
	rm -rf "$tmp/run"
	run "$@"
}

# same_bytes LABEL FILE PRINTF-FORMAT: FILE holds exactly the bytes printf writes.
same_bytes() {
	if printf "$3" | cmp -s - "$2"; then
		echo "PASS $T/$1"
	else
		echo "FAIL $T/$1: $(od -c "$2" 2>&1 | head -2 | tr '\n' ' ')"
	fi
}

if build file-create; then
	fresh file-create
	expect file-create
fi

if build file-dirs; then
	fresh file-dirs
	expect file-dirs
fi

if build file-crt; then
	fresh file-crt
	expect file-crt
	same_bytes crt-text-on-disk "$tmp/run/text.txt" 'a\r\nb\r\n'
	same_bytes crt-binary-on-disk "$tmp/run/bin.dat" 'a\nb\r\n\032c'
fi

if build file-paths; then
	mkdir -p "$tmp/run"
	rm -rf "$tmp/run"/*
	export TMP=/tmp
	run file-paths "$(cd "$tmp/run" && pwd -P)"
	unset TMP
	expect file-paths
fi

if build file-env; then
	export XABI_TEST_VAR=hello
	fresh file-env
	unset XABI_TEST_VAR
	expect file-env
fi

if build file-time; then
	export TZ=UTC
	fresh file-time
	unset TZ
	expect file-time
	# The host's date for the same instant (strftime's C-locale formats agree with glibc's here).
	ref=$(LC_ALL=C TZ=UTC date -d @1234567890 '+%a %A %b %B %d %H %I %j %m %M %p %S %U %w %W %y %Y %%')
	if grep -qxF "strftime [$ref]" "$tmp/out"; then
		echo "PASS $T/strftime-host"
	else
		echo "FAIL $T/strftime-host: date says [$ref]"
	fi
fi

if build file-stdin; then
	STDIN=<(printf 'first\r\nsecond\nxyz\r\nrest\r\n') fresh file-stdin crt
	expect file-stdin
	printf '%025d' 0 >"$tmp/in"
	STDIN=<(cat "$tmp/in") fresh file-stdin readfile
	if [ "$rc" = 0 ] && grep -qx 'total 25, last ReadFile 0 got 0 error 109' "$tmp/out"; then
		echo "PASS $T/stdin-pipe-readfile"
	else
		echo "FAIL $T/stdin-pipe-readfile: $(cat "$tmp/out" "$tmp/err" | head -2)"
	fi
	STDIN=$tmp/in fresh file-stdin readfile
	if [ "$rc" = 0 ] && grep -qx 'total 25, last ReadFile 1 got 0 error 0' "$tmp/out"; then
		echo "PASS $T/stdin-file-readfile"
	else
		echo "FAIL $T/stdin-file-readfile: $(cat "$tmp/out" "$tmp/err" | head -2)"
	fi
fi
