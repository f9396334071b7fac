#!/usr/bin/env bash
# make install / make uninstall into a staging DESTDIR: the files installed, the man page (it
# renders, and documents every option, environment variable and exit status xabi has), Go's own
# tests of `strings` cross-built for freebsd and windows and run by `go test` through the
# installed go_GOOS_amd64_exec names with only the staged bin directory added to PATH, then an
# uninstall that leaves nothing of ours. Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
XABI=${XABI:-$PWD/build/xabi}
TESTS_BUILD=${TESTS_BUILD:-$PWD/build/tests}
T=install
mkdir -p "$TESTS_BUILD"
tmp=$(mktemp -d "$TESTS_BUILD/install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/dest

if [ ! -x "$XABI" ]; then
	echo "FAIL $T/xabi: $XABI is not built"
	exit 0
fi

# listing DIR: every file and link under DIR, relative, with what a link points to.
listing() {
	(cd "$1" && find . \( -type f -o -type l \) -printf '%p %l\n' | sort)
}

# install PREFIX: make install into a fresh $dest; the files must be exactly ours.
check_install() {
	local prefix=$1 want
	rm -rf "$dest"
	if ! make -s install DESTDIR="$dest" ${prefix:+PREFIX=$prefix} >"$tmp/make.log" 2>&1; then
		echo "FAIL $T/install${prefix:+ PREFIX=$prefix}: $(tail -n 3 "$tmp/make.log" | tr '\n' ' ')"
		return 1
	fi
	prefix=${prefix:-/usr/local}
	want=".$prefix/bin/go_freebsd_amd64_exec xabi
.$prefix/bin/go_windows_amd64_exec xabi
.$prefix/bin/xabi 
.$prefix/share/man/man1/xabi.1 "
	if [ "$(listing "$dest")" != "$want" ]; then
		echo "FAIL $T/install PREFIX=$prefix: installed $(listing "$dest" | tr '\n' ' ')"
		return 1
	fi
	if ! cmp -s "$XABI" "$dest$prefix/bin/xabi" || [ ! -x "$dest$prefix/bin/xabi" ] ||
		! cmp -s doc/xabi.1 "$dest$prefix/share/man/man1/xabi.1"; then
		echo "FAIL $T/install PREFIX=$prefix: the installed files differ from build/xabi, doc/xabi.1"
		return 1
	fi
	echo "PASS $T/install PREFIX=$prefix (xabi, xabi.1, go_freebsd_amd64_exec, go_windows_amd64_exec)"
}

# uninstall PREFIX: nothing of ours is left under $dest, and a file of someone else's beside
# ours is still there.
check_uninstall() {
	local prefix=$1 other=$dest${1:-/usr/local}/bin/not-ours
	echo keep >"$other"
	if ! make -s uninstall DESTDIR="$dest" ${prefix:+PREFIX=$prefix} >"$tmp/make.log" 2>&1; then
		echo "FAIL $T/uninstall: $(tail -n 3 "$tmp/make.log" | tr '\n' ' ')"
	elif [ "$(listing "$dest")" != ".${other#"$dest"} " ]; then
		echo "FAIL $T/uninstall${prefix:+ PREFIX=$prefix}: left $(listing "$dest" | tr '\n' ' ')"
	else
		echo "PASS $T/uninstall${prefix:+ PREFIX=$prefix} (ours removed, a file not ours kept)"
	fi
}

check_install /opt/xabi && check_uninstall /opt/xabi
check_install "" || exit 0
bin=$dest/usr/local/bin
man=$dest/usr/local/share/man/man1/xabi.1

# The man page renders without warnings, and names every option of xabi --help, every
# environment variable xabi reads and every status of loader/status.h.
if command -v groff >/dev/null; then
	warnings=$(groff -man -Tutf8 -ww -z "$man" 2>&1)
	text=$(groff -man -Tutf8 -P-cbou "$man" 2>/dev/null)
elif command -v mandoc >/dev/null; then
	warnings=$(mandoc -Tlint -Wwarning "$man" 2>&1)
	text=$(mandoc -Tutf8 "$man" | col -b)
else
	echo "SKIP $T/man: neither groff nor mandoc is installed"
	text=
fi
if [ -n "$text" ]; then
	missing=
	for word in $("$XABI" --help | grep -oE -- '--[a-z][a-z0-9-]*|XABI_[A-Z_]+' | sort -u) \
		$(grep -ohE 'getenv\("XABI_[A-Z_]+' loader/*.c syscall/*.c libshim/*/*.c | cut -d'"' -f2 | sort -u) \
		$(grep -oE '^#define XABI_STATUS_[A-Z_]+ [0-9]+' loader/status.h | cut -d' ' -f3) XABI_DRIVE_; do
		grep -qF -- "$word" <<<"$text" || missing="$missing $word"
	done
	for section in NAME SYNOPSIS DESCRIPTION OPTIONS ENVIRONMENT "WINDOWS PATHS" "EXIT STATUS" EXAMPLES LIMITS; do
		grep -qx "$section" <<<"$text" || missing="$missing section:$section"
	done
	if [ -n "$warnings" ]; then
		echo "FAIL $T/man: renders with warnings: $(head -n 2 <<<"$warnings" | tr '\n' ' ')"
	elif [ -n "$missing" ]; then
		echo "FAIL $T/man: does not document:$missing"
	else
		echo "PASS $T/man (renders; every option, variable and status documented)"
	fi
fi

# Under a go_GOOS_amd64_exec name xabi takes no options: the first argument is the program.
"$bin/go_freebsd_amd64_exec" >"$tmp/out" 2>&1
rc=$?
"$bin/go_freebsd_amd64_exec" --help >>"$tmp/out" 2>&1
rc2=$?
if [ "$rc" = 125 ] && grep -q "usage: .*go_freebsd_amd64_exec PROGRAM" "$tmp/out" && [ "$rc2" = 127 ] &&
	grep -q "xabi: --help: No such file" "$tmp/out"; then
	echo "PASS $T/go_freebsd_amd64_exec takes no options"
else
	echo "FAIL $T/go_freebsd_amd64_exec: statuses $rc, $rc2: $(head -c 300 "$tmp/out")"
fi

# A name for a GOOS xabi does not run (or linux, native) is plain xabi, with its options.
ln -s "$bin/xabi" "$tmp/go_netbsd_amd64_exec"
if "$tmp/go_netbsd_amd64_exec" --version 2>&1 | grep -q "^xabi "; then
	echo "PASS $T/go_netbsd_amd64_exec is plain xabi (netbsd is not run yet)"
else
	echo "FAIL $T/go_netbsd_amd64_exec --version: $("$tmp/go_netbsd_amd64_exec" --version 2>&1 | head -c 200)"
fi

# go test of strings for GOOS: through the installed name only (PATH: the staged bin, Go, the
# system's directories; no build/xabi, no XABI).
go_test() {
	local goos=$1 gobin rc
	gobin=$(dirname "$(command -v go)")
	(cd "$tmp" && exec env -u XABI PATH="$bin:$gobin:/usr/bin:/bin" GOOS="$goos" GOARCH=amd64 \
		CGO_ENABLED=0 GOFLAGS=-count=1 GOWORK=off GOPROXY=off timeout 300 go test -short strings) \
		>"$tmp/go-$goos.log" 2>&1
	rc=$?
	if [ $rc = 0 ] && grep -qE "^ok[[:space:]]+strings" "$tmp/go-$goos.log"; then
		echo "PASS $T/GOOS=$goos go test -short strings (through go_${goos}_amd64_exec)"
	elif grep -q "called but not implemented" "$tmp/go-$goos.log"; then
		echo "SKIP $T/GOOS=$goos go test -short strings: the Go runtime for $goos needs what xabi lacks: $(grep -m 1 "called but not implemented" "$tmp/go-$goos.log")"
	else
		echo "FAIL $T/GOOS=$goos go test -short strings: status $rc: $(grep -v '^\(=== \|--- PASS\)' "$tmp/go-$goos.log" | head -n 5 | tr '\n' ' ')"
	fi
}
if command -v go >/dev/null && [ -d "$(go env GOROOT)/src/strings" ]; then
	usable() { [ -n "$1" ] && [ "$1" != off ] && mkdir -p "$1" 2>/dev/null && [ -w "$1" ]; }
	c=$(go env GOCACHE 2>/dev/null)
	usable "$c" || c=$TESTS_BUILD/gocache
	export GOCACHE=$c
	go_test freebsd
	go_test windows
else
	echo "SKIP $T/go test: go or its standard library sources are not installed"
fi

check_uninstall ""
