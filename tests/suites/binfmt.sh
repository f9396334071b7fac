#!/usr/bin/env bash
# xabi binfmt: after `xabi binfmt register`, Windows and FreeBSD programs run from /bin/sh as
# native ones do. Each program is checked against its Linux build run natively the same way
# (output with argv[0], exit status); files that merely start with "MZ" behave as they did before
# registration. Prints PASS/FAIL/SKIP lines (tests/run).
#
# binfmt_misc is global to the machine: the entries are made under a name of this run's own
# (xabi-test-PID-*), only those are removed, always, on exit; binfmt_misc is unmounted again if
# this suite mounted it; the suite checks the directory is as it found it.
set -u
cd "$(dirname "$0")/../.." || exit 1
XABI=${XABI:-$PWD/build/xabi}
TESTS_BUILD=${TESTS_BUILD:-$PWD/build/tests}
T=binfmt
dir=/proc/sys/fs/binfmt_misc
prefix=xabi-test-$$
mkdir -p "$TESTS_BUILD"
tmp=$(mktemp -d "$TESTS_BUILD/binfmt.XXXXXX") || exit 1
mounted_here=

cleanup() {
	local e
	for e in "$dir/$prefix"-*; do
		[ -e "$e" ] && echo -1 >"$e"
	done
	[ -n "$mounted_here" ] && umount "$dir"
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

if [ ! -x "$XABI" ]; then
	echo "FAIL $T/xabi: $XABI is not built"
	exit 0
fi

# snapshot: what binfmt_misc holds now (every entry's file), or that it is not mounted.
snapshot() {
	local e
	if [ ! -e "$dir/register" ]; then
		echo "not mounted"
		return
	fi
	for e in "$dir"/*; do
		echo "== ${e##*/}"
		[ "${e##*/}" = register ] || cat "$e"
	done
}

# run_in DIR CMD: CMD through /bin/sh in DIR; stdout+stderr in $tmp/out, status in $rc.
run_in() {
	(cd "$1" && exec timeout 60 /bin/sh -c "$2") >"$tmp/out" 2>&1 </dev/null
	rc=$?
}

# same LABEL: the run just made ($tmp/out, $rc) matches the reference ($tmp/ref, $ref_rc).
same() {
	if [ "$rc" != "$ref_rc" ]; then
		echo "FAIL $T/$1: status $rc, natively $ref_rc: $(head -c 200 "$tmp/out")"
	elif ! cmp -s "$tmp/ref" "$tmp/out"; then
		echo "FAIL $T/$1: output differs from the native run: $(diff "$tmp/ref" "$tmp/out" | head -4 | tr '\n' ' ')"
	else
		echo "PASS $T/$1"
	fi
}

# reference DIR CMD: run CMD natively, keep its output and status as the reference.
reference() {
	run_in "$1" "$2"
	mv "$tmp/out" "$tmp/ref"
	ref_rc=$rc
}

# The programs, each built for Linux (the reference) and for the guest, under the same name in
# sibling directories so that the same command line runs either.
mkdir -p "$tmp/lin" "$tmp/win" "$tmp/fb" "$tmp/files"
have_win= have_fb=
if command -v x86_64-w64-mingw32-gcc >/dev/null; then
	if gcc -O2 -o "$tmp/lin/argv" tests/binfmt/argv.c &&
		gcc -O2 -o "$tmp/lin/hello.exe" tests/progs/hello.c &&
		x86_64-w64-mingw32-gcc -O2 -o "$tmp/win/argv.exe" tests/binfmt/argv.c &&
		x86_64-w64-mingw32-gcc -O2 -o "$tmp/win/hello.exe" tests/progs/hello.c; then
		mv "$tmp/win/argv.exe" "$tmp/win/argv" # binfmt_misc goes by content, not by name
		have_win=1
	else
		echo "FAIL $T/build: the Windows or Linux test programs did not build"
	fi
else
	echo "SKIP $T/windows: x86_64-w64-mingw32-gcc is not installed"
fi
if command -v go >/dev/null; then
	export GOCACHE=${GOCACHE:-$TESTS_BUILD/gocache} GOFLAGS= GO111MODULE=off
	if (cd tests/binfmt && CGO_ENABLED=0 GOOS=freebsd GOARCH=amd64 go build -o "$tmp/fb/argv" argv.go &&
		CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -o "$tmp/lin/argv-go" argv.go) \
		>"$tmp/go.log" 2>&1; then
		have_fb=1
	else
		echo "FAIL $T/build: the Go test program did not build: $(head -n 2 "$tmp/go.log")"
	fi
else
	echo "SKIP $T/freebsd-argv: go is not installed"
fi
# compat/run --fetch prints a progress line when it downloads, then the binary's path.
fb_esbuild=$(compat/run --fetch @esbuild/freebsd-x64 2>/dev/null | tail -n 1)
lin_esbuild=$(compat/run --fetch @esbuild/linux-x64 2>/dev/null | tail -n 1)
[ -x "$fb_esbuild" ] && [ -x "$lin_esbuild" ] || {
	echo "SKIP $T/esbuild: the pinned esbuild packages could not be fetched (npm, network)"
	fb_esbuild=
}

# Files that start with "MZ" and are not Windows x86-64 programs: a Cosmopolitan-style APE file
# (an MZ header that is also a shell assignment, then shell commands) and a bare MS-DOS header.
printf "MZqFpD='\n\001\002not shell\000'\necho \"ape: \$0 [\$*]\"\nexit 7\n" >"$tmp/files/ape.com"
printf 'MZ\220\000\003\000\000\000\004\000\000\000\377\377' >"$tmp/files/dos.exe"
chmod +x "$tmp/files/ape.com" "$tmp/files/dos.exe"

# Before registering: how the shell runs them natively (the reference for after).
reference "$tmp/files" './ape.com one "two three"'
cp "$tmp/ref" "$tmp/ape.ref"
ape_rc=$ref_rc
run_in "$tmp/files" ./dos.exe
dos_native_rc=$rc

before=$(snapshot)

# Not permitted: an unprivileged user gets a clear message and status 77.
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
	setpriv --reuid=65534 --regid=65534 --clear-groups "$XABI" binfmt register \
		--prefix="$prefix-nobody" >"$tmp/out" 2>&1
	rc=$?
	if [ "$rc" = 77 ] && grep -q "needs root" "$tmp/out" && [ "$(snapshot)" = "$before" ]; then
		echo "PASS $T/not-permitted"
	else
		echo "FAIL $T/not-permitted: status $rc, not 77: $(head -c 200 "$tmp/out")"
	fi
fi

# --dry-run changes nothing.
"$XABI" binfmt register --dry-run --prefix="$prefix" >"$tmp/out" 2>&1
rc=$?
if [ "$rc" = 0 ] && [ "$(grep -c "^would write :$prefix-" "$tmp/out")" = 2 ] && [ "$(snapshot)" = "$before" ]; then
	echo "PASS $T/dry-run"
else
	echo "FAIL $T/dry-run: status $rc or it changed binfmt_misc: $(head -c 200 "$tmp/out")"
fi

[ -e "$dir/register" ] || mounted_here=1 # register mounts it: unmount on exit
"$XABI" binfmt register --prefix="$prefix" >"$tmp/out" 2>&1
rc=$?
if [ "$rc" = 77 ] || [ "$rc" = 69 ]; then
	mounted_here=
	echo "SKIP $T: binfmt_misc cannot be used here (status $rc): $(head -n 1 "$tmp/out")"
	exit 0
fi
if [ "$rc" != 0 ] || [ ! -e "$dir/$prefix-pe" ] || [ ! -e "$dir/$prefix-freebsd" ]; then
	echo "FAIL $T/register: status $rc: $(head -c 300 "$tmp/out")"
	exit 0
fi
"$XABI" binfmt register --prefix="$prefix" >"$tmp/out" 2>&1
rc=$?
if [ "$rc" = 0 ] && [ "$(grep -c ": replaced: " "$tmp/out")" = 2 ] &&
	[ "$(ls "$dir" | grep -c "^$prefix-")" = 2 ] && grep -qx "flags: PF" "$dir/$prefix-pe"; then
	echo "PASS $T/register (twice: the entries are replaced, not doubled)"
else
	echo "FAIL $T/register again: status $rc: $(head -c 300 "$tmp/out")"
fi
"$XABI" binfmt status --prefix="$prefix" >"$tmp/out" 2>&1
rc=$?
if [ "$rc" = 0 ] && [ "$(grep -c "^$prefix-.*: enabled, interpreter $(realpath "$XABI"), flags PF" "$tmp/out")" = 2 ]; then
	echo "PASS $T/status"
else
	echo "FAIL $T/status: status $rc: $(head -c 300 "$tmp/out")"
fi

if [ -n "$have_win" ]; then
	reference "$tmp/lin" 'HELLO_EXIT=5 ./hello.exe a "b c"'
	run_in "$tmp/win" 'HELLO_EXIT=5 ./hello.exe a "b c"'
	tr -d '\r' <"$tmp/out" >"$tmp/out.lf" && mv "$tmp/out.lf" "$tmp/out"
	same "hello.exe from /bin/sh"
	reference "$tmp/lin" './argv a "b c" ""'
	run_in "$tmp/win" './argv a "b c" ""'
	tr -d '\r' <"$tmp/out" >"$tmp/out.lf" && mv "$tmp/out.lf" "$tmp/out"
	same "windows argv, argv[0] and status"
	# Found through PATH, the program's argv[0] is the bare name the shell was given (P flag).
	reference "$tmp" "PATH=$tmp/lin:\$PATH argv x"
	run_in "$tmp" "PATH=$tmp/win:\$PATH argv x"
	tr -d '\r' <"$tmp/out" >"$tmp/out.lf" && mv "$tmp/out.lf" "$tmp/out"
	same "windows argv[0] through PATH"
fi
if [ -n "$have_fb" ]; then
	cp "$tmp/lin/argv-go" "$tmp/lin/argv"
	reference "$tmp/lin" './argv a "b c" ""'
	run_in "$tmp/fb" './argv a "b c" ""'
	same "freebsd argv, argv[0] and status"
	reference "$tmp" "PATH=$tmp/lin:\$PATH argv x"
	run_in "$tmp" "PATH=$tmp/fb:\$PATH argv x"
	same "freebsd argv[0] through PATH"
fi
if [ -n "$fb_esbuild" ]; then
	cp "$fb_esbuild" "$tmp/fb/esbuild" && cp "$lin_esbuild" "$tmp/lin/esbuild"
	reference "$tmp/lin" './esbuild --version'
	run_in "$tmp/fb" './esbuild --version'
	same "freebsd esbuild --version from /bin/sh"
	reference "$tmp/lin" './esbuild --no-such-flag'
	run_in "$tmp/fb" './esbuild --no-such-flag'
	same "freebsd esbuild's failure status from /bin/sh"
fi

# Not hijacked: the APE file runs as the shell script it also is, exactly as before.
cp "$tmp/ape.ref" "$tmp/ref"
ref_rc=$ape_rc
run_in "$tmp/files" './ape.com one "two three"'
same "APE file still runs as a shell script"
run_in "$tmp/files" ./dos.exe
if [ "$rc" = "$dos_native_rc" ] && grep -q "not a Windows x86-64 program" "$tmp/out"; then
	echo "PASS $T/MS-DOS MZ file refused (status $rc, as natively)"
else
	echo "FAIL $T/MS-DOS MZ file: status $rc (natively $dos_native_rc): $(head -c 200 "$tmp/out")"
fi

# The --print lines are what systemd-binfmt would write: the kernel takes them as they are.
"$XABI" binfmt --print --prefix="$prefix-conf" | grep -v '^#' >"$tmp/conf"
while IFS= read -r line; do
	echo "$line" >"$dir/register"
done <"$tmp/conf"
if [ "$(wc -l <"$tmp/conf")" = 2 ] && cmp -s <(sed 1d "$dir/$prefix-pe") <(sed 1d "$dir/$prefix-conf-pe") &&
	cmp -s <(sed 1d "$dir/$prefix-freebsd") <(sed 1d "$dir/$prefix-conf-freebsd"); then
	echo "PASS $T/--print (binfmt.d lines make the same entries)"
else
	echo "FAIL $T/--print: $(head -c 300 "$tmp/conf")"
fi
"$XABI" binfmt unregister --prefix="$prefix-conf" >/dev/null 2>&1

# status names other entries that match what ours match (here one that only files starting
# "MZ\xff\xfe\xfd\xfc" match: nothing real), and not those that do not.
echo ":$prefix-rival:M::MZ\\xff\\xfe\\xfd\\xfc::/bin/false:" >"$dir/register"
echo ":$prefix-other:M::\\x7fELF\\x02\\x01\\x01\\x02\\xfe\\xfd::/bin/false:" >"$dir/register"
"$XABI" binfmt status --prefix="$prefix" >"$tmp/out" 2>&1
if grep -q "^note: $prefix-rival (interpreter /bin/false) also matches Windows programs" "$tmp/out" &&
	! grep -q "$prefix-other" "$tmp/out"; then
	echo "PASS $T/status names a rival entry"
else
	echo "FAIL $T/status and a rival entry: $(head -c 400 "$tmp/out")"
fi
echo -1 >"$dir/$prefix-rival"
echo -1 >"$dir/$prefix-other"

"$XABI" binfmt unregister --prefix="$prefix" >"$tmp/out" 2>&1
rc=$?
"$XABI" binfmt status --prefix="$prefix" >"$tmp/status" 2>&1
status_rc=$?
if [ "$status_rc" = 1 ] && [ "$(grep -c "^$prefix-.*: not registered" "$tmp/status")" = 2 ]; then
	echo "PASS $T/status after unregister (status 1, not registered)"
else
	echo "FAIL $T/status after unregister: status $status_rc: $(head -c 300 "$tmp/status")"
fi
[ -n "$mounted_here" ] && umount "$dir" && mounted_here=
after=$(snapshot)
if [ "$rc" = 0 ] && [ "$after" = "$before" ]; then
	echo "PASS $T/unregister (binfmt_misc as it was: ${before%%$'\n'*})"
else
	echo "FAIL $T/unregister: status $rc; binfmt_misc differs: $(diff <(echo "$before") <(echo "$after") | head -4 | tr '\n' ' ')"
fi
