#!/usr/bin/env bash
# Access tokens (libshim/advapi32/token.c): tests/windows/token.c's results against
# token.expected, which follows Microsoft's documentation (Wine 8 agrees, except that it does not
# know SeCreateSymbolicLinkPrivilege and lists an unchanged privilege in the previous state). Prints
# PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=windows-security
. tests/lib/mingw.sh
mingw_ready || exit 0

if build token; then
	run token
	expect token
fi
