#!/usr/bin/env bash
# Go's own standard-library tests, cross-built for freebsd/amd64 and windows/amd64 with the host's
# Go and run under xabi: one "PASS gostd/GOOS/PKG" or "FAIL gostd/GOOS/PKG: ..." line per package,
# and a "SKIP gostd/GOOS/PKG TestName: why" line per test listed in tests/gostd/skip-GOOS.txt (only
# tests that fail the same way natively on Linux, or under Wine for windows). Each binary runs from
# $GOROOT/src/PKG, as `go test` runs it, in -test.short mode; tests/gostd/go_GOOS_amd64_exec runs
# them the same way through `go test`.
set -u
cd "$(dirname "$0")/../.." || exit 1
XABI=${XABI:-$PWD/build/xabi}
TESTS_BUILD=${TESTS_BUILD:-$PWD/build/tests}
T=gostd
GOOSES=${GOSTD_GOOS:-freebsd windows}
# The packages each issue's acceptance names (GOSTD_PKGS overrides both lists).
PKGS_freebsd="syscall os os/exec os/signal time net strings sort bufio io sync context"
PKGS_windows="strings sort bufio io os os/exec time sync net context"
LIMIT=240 # seconds per package: far above what any takes, below a hung CI job
out=$TESTS_BUILD/gostd
# The tests' temporary files and sockets: short, since sun_path holds 104 bytes on FreeBSD.
# Readable by all, as the default /tmp: tests that drop privileges run binaries copied there.
tmp=$(mktemp -d /tmp/xabi-gostd.XXXXXX) && chmod 755 "$tmp" || exit 1
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$XABI" ]; then
	echo "FAIL $T/xabi: $XABI is not built"
	exit 0
fi
if ! command -v go >/dev/null; then
	echo "SKIP $T: go is not installed (mk/install-deps.sh installs golang-go)"
	exit 0
fi
goroot=$(go env GOROOT)
if [ ! -d "$goroot/src/strings" ]; then
	echo "SKIP $T: the Go standard library's sources are not in $goroot/src"
	exit 0
fi

# Go needs a writable build cache: the default one when it can be used, else one of our own.
usable() { [ -n "$1" ] && [ "$1" != off ] && mkdir -p "$1" 2>/dev/null && [ -w "$1" ]; }
if [ -z "${GOCACHE:-}" ]; then
	c=$(go env GOCACHE 2>/dev/null)
	usable "$c" || c=$out/gocache
	export GOCACHE=$c
fi
if [ -z "${GOPATH:-}" ]; then
	p=$(go env GOPATH 2>/dev/null)
	usable "$p" || p=$out/gopath
	export GOPATH=$p
fi

# build PKG: the package's test binary for $goos/amd64 (the cache makes a rebuild of an unchanged
# package cost a second).
build() {
	local bin tags=()
	bin=$(binary "$1")
	[ "$1" = time ] && tags=(-tags timetzdata) # Debian's Go has no zoneinfo.zip to fall back on
	if ! (cd "$tmp" && env CGO_ENABLED=0 GOOS="$goos" GOARCH=amd64 GOFLAGS= GOWORK=off GOPROXY=off \
		go test -c -vet=off "${tags[@]}" -o "$bin" "$1") >"$out/build.log" 2>&1; then
		echo "FAIL $T/$1: go test -c failed: $(grep -m 1 . "$out/build.log")"
		return 1
	fi
}

binary() {
	local bin=$out/${1//\//_}.test
	[ "$goos" = windows ] && bin=$bin.exe
	echo "$bin"
}

# skipped PKG: the names $skiplist lists for the package, one a line.
skipped() {
	awk -v pkg="$1" '$1 == pkg { print $2 }' "$skiplist"
}

# run PKG: the package's tests (less the skipped ones) under xabi; a PASS or FAIL line.
run() {
	local pkg=$1 bin log=$out/${1//\//_}.log args=() rc start
	local skips
	bin=$(binary "$pkg")
	skips=$(skipped "$pkg")
	if [ -n "$skips" ]; then
		# Go 1.19's -test.run cannot exclude: name every other top-level test instead.
		local all keep
		all=$(cd "$goroot/src/$pkg" && timeout 60 "$XABI" "$bin" -test.list '.*' 2>/dev/null)
		if [ -z "$all" ]; then
			echo "FAIL $T/$pkg: -test.list under xabi listed no tests"
			return
		fi
		keep=$(grep -vxF -f <(printf '%s\n' "$skips") <<<"$all" | paste -sd '|')
		while read -r name; do
			local why
			why=$(awk -v pkg="$pkg" -v name="$name" \
				'$1 == pkg && $2 == name { $1 = $2 = ""; sub(/^ +/, ""); print; exit }' "$skiplist")
			grep -qxF "$name" <<<"$all" || why="not in this Go's tests; listed because: $why"
			echo "SKIP $T/$pkg $name: $why"
		done <<<"$skips"
		args=(-test.run "^($keep)\$")
	fi
	start=$SECONDS
	(cd "$goroot/src/$pkg" && exec env TMPDIR="$tmp" TMP="$tmp" TEMP="$tmp" timeout -k 10 "$LIMIT" "$XABI" "$bin" \
		-test.short -test.timeout="$((LIMIT - 10))s" "${args[@]}") </dev/null >"$log" 2>&1
	rc=$?
	local took=$((SECONDS - start))s
	if [ $rc = 0 ] && [ "$(tail -n 1 "$log")" = PASS ]; then
		echo "PASS $T/$pkg ($took)"
		return
	fi
	local why failed
	failed=$(sed -n 's/^--- FAIL: \([^ ]*\).*/\1/p' "$log" | paste -sd ' ')
	case $rc in
	0) why="status 0 but no final PASS line" ;;
	124 | 137) why="timed out after ${LIMIT}s" ;;
	*) why="status $rc" ;;
	esac
	echo "FAIL $T/$pkg ($took): $why${failed:+; failed: $failed}"
	grep -v '^\(=== \|--- PASS\|PASS$\|FAIL$\)' "$log" | head -n 15 | sed 's/^/    /'
	echo "    (whole output: $log)"
}

for goos in $GOOSES; do
	T=gostd/$goos
	out=$TESTS_BUILD/gostd/$goos
	skiplist=$PWD/tests/gostd/skip-$goos.txt
	mkdir -p "$out"
	pkgs=PKGS_$goos
	for pkg in ${GOSTD_PKGS:-${!pkgs}}; do
		build "$pkg" && run "$pkg"
	done
done
