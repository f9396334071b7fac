#!/usr/bin/env bash
# Tool Help snapshots (kernel32 CreateToolhelp32Snapshot, Process32First/Next(W), Thread32First/
# Next; what Go's os.Getppid walks) with tests/windows/toolhelp.c under xabi.
# The documented part is compared with toolhelp.expected: Microsoft documents dwSize and the end of
# a list (ERROR_NO_MORE_FILES) and tpBasePri (a normal thread's base priority is 8); a wrong dwSize
# fails with ERROR_BAD_LENGTH as Windows users report it (microsoft/windows-rs#611,
# haskell/win32#14). Wine 8 agrees except there: it says ERROR_INSUFFICIENT_BUFFER and tpBasePri 0.
# Then, while the program waits on stdin, what it listed is checked against the host: its pid, its
# parent (this shell) and the parent's parent as ps reports them, its parent's executable, and its
# threads and their ids as /proc/PID/task lists them. Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=windows-toolhelp
. tests/lib/mingw.sh
mingw_ready || exit 0
build toolhelp || exit 0

# check LABEL GOT WANT
check() {
	if [ "$2" = "$3" ]; then
		echo "PASS $T/$1"
	else
		echo "FAIL $T/$1: '$2', expected '$3'"
	fi
}

# The line of the program's output starting with PREFIX, without it.
field() {
	sed -n "s/^$1 //p" "$tmp/out" | head -n 1
}

# The parent of pid $1 as ps reports it (the 4th field of /proc/PID/stat without procps).
ppid_of() {
	if command -v ps >/dev/null; then
		ps -o ppid= -p "$1" | tr -d ' '
	else
		sed 's/.*) //' "/proc/$1/stat" | awk '{print $2}'
	fi
}

me=$BASHPID # (inside $(...) BASHPID is the subshell's)
mkfifo "$tmp/in"
mkdir -p "$tmp/run"
(cd "$tmp/run" && exec "$XABI" "$out/toolhelp.exe" <"$tmp/in" >"$tmp/raw" 2>"$tmp/err") &
child=$!
exec 3>"$tmp/in" # the program's stdin stays open until the checks are done
for _ in $(seq 300); do
	grep -q '^waiting' "$tmp/raw" 2>/dev/null && break
	kill -0 "$child" 2>/dev/null || break
	sleep 0.1
done
tr -d '\r' <"$tmp/raw" >"$tmp/out"
if ! grep -q '^waiting' "$tmp/out"; then
	echo "FAIL $T/run: the program did not get to its checks: $(tail -n 3 "$tmp/out" | tr '\n' ' ') $(head -c 300 "$tmp/err")"
	exec 3>&-
	kill "$child" 2>/dev/null
	wait "$child"
	exit 0
fi

sed '/^ready$/q' "$tmp/out" >"$tmp/documented"
if diff -u "$src/toolhelp.expected" "$tmp/documented" >"$tmp/diff"; then
	echo "PASS $T/documented"
else
	echo "FAIL $T/documented: $(grep '^[-+][^-+]' "$tmp/diff" | head -4 | tr '\n' ' ')"
fi

# The guest runs in xabi's process, a child of this shell.
self=$(field self)
check self-pid "$(echo "$self" | awk '{print $2}')" "$child"
check self-ppid "$(echo "$self" | awk '{print $4}')" "$(ppid_of "$child")"
check self-ppid-is-this-shell "$(echo "$self" | awk '{print $4}')" "$me"
check self-threads "$(echo "$self" | awk '{print $6}')" "$(ls "/proc/$child/task" | wc -l)"
check self-exe "$(echo "$self" | awk '{print $8}')" toolhelp.exe
check self-ansi "$(field 'self ansi')" "$self"
parent=$(field parent)
check parent "$parent" "pid $me ppid $(ppid_of "$me") exe $(basename "$(readlink "/proc/$me/exe")")"
check own-threads "$(field 'own threads listed:')" "4 of 4"
check other-threads "$(field 'threads of other processes:')" some
check thread-ids "$(field 'self tids')" "$(ls "/proc/$child/task" | sort -n | tr '\n' ' ' | sed 's/ $//')"

exec 3>&- # the program ends
wait "$child"
check status "$?" 0
