# Each test program in tests/progs, built with glibc and with musl, must print the same and exit
# the same under xabi (both interception modes) as natively. The native run is the reference.
set -u
out="$TESTS_BUILD/progs"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TMPDIR="$work"

build() { # libc prog
	local bin="$out/$2-$1" src="tests/progs/$2.c"
	[ "$bin" -nt "$src" ] && return 0
	case $1 in
	glibc) gcc -static -O1 -pthread -w -o "$bin" "$src" ;;
	musl) musl-gcc -static -O1 -w -o "$bin" "$src" ;;
	esac
}

# Run one command line natively and under xabi; compare stdout+stderr and status.
compare() { # name mode cmd...
	local name=$1 mode=$2
	shift 2
	local ref="$work/ref" got="$work/got" rs gs
	timeout 60 "$@" >"$ref" 2>&1 </dev/null
	rs=$?
	timeout 60 "$XABI" --intercept="$mode" "$@" >"$got" 2>&1 </dev/null
	gs=$?
	if [ "$rs" = "$gs" ] && cmp -s "$ref" "$got"; then
		echo "PASS $name [$mode]"
	else
		echo "FAIL $name [$mode]: native status $rs, xabi status $gs"
		diff "$ref" "$got" | head -n 10 | sed 's/^/    /'
	fi
}

for libc in glibc musl; do
	for src in tests/progs/*.c; do
		prog=$(basename "$src" .c)
		[ "$prog" = getppid_loop ] && continue
		if ! build "$libc" "$prog"; then
			echo "FAIL build $prog-$libc"
			continue
		fi
	done
	for mode in sud seccomp; do
		for prog in files threads signals forkexec pipes sockets mmap selfexe sigsys; do
			compare "$prog-$libc" "$mode" "$out/$prog-$libc" 2>/dev/null # sigsys dies of its signal
		done
		compare "hello-$libc args" "$mode" "$out/hello-$libc" "" "two words" "é"
		HELLO_EXIT=42 compare "hello-$libc exit 42" "$mode" "$out/hello-$libc"
		for crash in segv abort fpe ill "kill-self TERM" "exit 7"; do
			# shellcheck disable=SC2086 # the mode's words are separate arguments
			# (the shell's own "Segmentation fault" notices go to /dev/null)
			(ulimit -c 0; compare "crash-$libc $crash" "$mode" "$out/crash-$libc" $crash) 2>/dev/null
		done
	done
done

# --trace names the same system calls, in the same order, as strace does for the same program.
if command -v strace >/dev/null; then
	strace -qq -o "$work/strace" "$out/hello-glibc" a >/dev/null 2>&1
	"$XABI" --trace="$work/xtrace" "$out/hello-glibc" a >/dev/null 2>&1
	sed -E 's/\(.*//' "$work/strace" | grep -v '^execve$' >"$work/s.names"
	sed -E 's/\(.*//' "$work/xtrace" >"$work/x.names"
	if [ -s "$work/x.names" ] && cmp -s "$work/s.names" "$work/x.names"; then
		echo "PASS trace names match strace"
	else
		echo "FAIL trace names match strace"
		diff "$work/s.names" "$work/x.names" | head -n 10 | sed 's/^/    /'
	fi
	if grep -q '^write(1, "hello, world", 12) = 12$' "$work/xtrace"; then
		echo "PASS trace decodes write"
	else
		echo "FAIL trace decodes write: $(grep '^write' "$work/xtrace")"
	fi
else
	echo "SKIP trace names match strace: strace is not installed"
fi
