#!/usr/bin/env bash
# Console control handlers (libshim/kernel32/console_ctrl.c): the host's SIGINT and SIGQUIT, sent
# once a program prints "ready", become CTRL_C_EVENT and CTRL_BREAK_EVENT for the handlers
# SetConsoleCtrlHandler registered. tests/windows/ctrl-handler.c's expected lines follow Microsoft's
# documentation (Wine 8 prints the same for Ctrl+C); a Go program using os/signal.Notify must
# print what its Linux build prints and end the same way. Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=windows-ctrl
. tests/lib/mingw.sh
mingw_ready || exit 0

# send SIGNALS... -- COMMAND...: runs COMMAND with SIGINT at its default (a shell's background job
# would inherit it ignored: on Windows, the "ignore Ctrl+C" flag), sends the first signal once a
# line ("ready") is out, the next once a second line is, and so on; output in $tmp/out, status in rc.
send() {
	local sigs=() lines=0
	while [ "$1" != -- ]; do sigs+=("$1"); shift; done
	shift
	: >"$tmp/raw"
	env --default-signal=INT timeout 30 "$@" >"$tmp/raw" 2>"$tmp/err" &
	local pid=$!
	for sig in "${sigs[@]}"; do
		lines=$((lines + 1))
		for _ in $(seq 100); do
			[ "$(grep -c . "$tmp/raw")" -ge "$lines" ] && break
			sleep 0.1
		done
		sleep 0.1
		pkill -"$sig" -P "$pid" # timeout's child, the program
	done
	wait "$pid"
	rc=$?
	tr -d '\r' <"$tmp/raw" >"$tmp/out"
}

# signalled LABEL EXPECTED-STATUS SIGNALS... -- COMMAND...: send, then compare with $tmp/want.
signalled() {
	local label=$1 want_rc=$2
	shift 2
	send "$@"
	if [ "$rc" != "$want_rc" ]; then
		echo "FAIL $T/$label: status $rc, not $want_rc: $(head -c 300 "$tmp/err")"
	elif ! diff -u "$tmp/want" "$tmp/out" >"$tmp/diff"; then
		echo "FAIL $T/$label: output differs: $(grep '^[-+][^-+]' "$tmp/diff" | head -4 | tr '\n' ' ')"
	else
		echo "PASS $T/$label"
	fi
}

if build ctrl-handler; then
	exe=$out/ctrl-handler.exe
	printf '%s\n' ready 'newer handler: event 0, returns FALSE' 'older handler: event 0, returns TRUE' \
		'newer handler: event 1, returns FALSE' 'older handler: event 1, returns TRUE' \
		'handled events: 2' >"$tmp/want"
	signalled chain 0 INT QUIT -- "$XABI" "$exe" chain
	printf '%s\n' ready 'handler: event 0, on another thread: yes, returns FALSE' >"$tmp/want"
	signalled default-ends-by-sigint 130 INT -- "$XABI" "$exe" default
	printf '%s\n' ready 'Ctrl+C ignored, handled events: 0' >"$tmp/want"
	signalled ignore 0 INT -- "$XABI" "$exe" ignore
	printf '%s\n' 'add: 1' 'remove: 1' 'remove again: 0, error 87' ready >"$tmp/want"
	signalled removed 130 INT -- "$XABI" "$exe" remove
fi

# Go's os/signal: Notify(os.Interrupt) receives Ctrl+C; after Reset, Ctrl+C ends the program.
if ! command -v go >/dev/null; then
	echo "SKIP $T/go-interrupt: go is not installed"
elif sh compat/src/go-build/gobuild.sh windows tests/go-windows/interrupt "$out/interrupt.exe" \
	>"$tmp/build.log" 2>&1 &&
	sh compat/src/go-build/gobuild.sh linux tests/go-windows/interrupt "$out/interrupt-linux" \
		>>"$tmp/build.log" 2>&1; then
	send INT INT -- "$out/interrupt-linux"
	cp "$tmp/out" "$tmp/want"
	if [ "$rc" != 130 ]; then # the reference itself must have received both signals
		echo "FAIL $T/go-interrupt: the Linux build ended with status $rc, not 130 (SIGINT)"
	else
		signalled go-interrupt 130 INT INT -- "$XABI" "$out/interrupt.exe"
	fi
else
	echo "FAIL $T/go-interrupt: build: $(head -c 300 "$tmp/build.log")"
fi
