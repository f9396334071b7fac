#!/usr/bin/env bash
# Windows I/O beyond plain files (tests/windows/io-*.c under xabi): I/O completion ports with
# posted packets and overlapped file I/O. Expected outputs follow Microsoft's documentation of
# CreateIoCompletionPort, GetQueuedCompletionStatus(Ex), PostQueuedCompletionStatus,
# ReadFile/WriteFile with an OVERLAPPED and SetFileCompletionNotificationModes; Wine 8 prints the
# same. Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=windows-io
. tests/lib/mingw.sh
mingw_ready || exit 0

for t in io-iocp; do
	build "$t" || continue
	run "$t"
	expect "$t"
done

# Overlapped reads and writes of a pipe opened for overlapped I/O (a named FIFO) that go pending
# in the async engine (libshim/kernel32/async.c), cancelled and aborted by CloseHandle.
if build io-pipe; then
	mkfifo "$tmp/fifo"
	run io-pipe "$tmp/fifo"
	expect io-pipe
fi
