#!/bin/sh
# x86_64-w64-mingw32-gcc against the Universal CRT (ucrtbase / api-ms-win-crt-*.dll) instead of
# msvcrt.dll: Debian's mingw-w64 10 / gcc 12 has no -mcrtdll, so a specs file made from gcc's own
# links -lucrt where it had -lmsvcrt and predefines _UCRT. Arguments are gcc's; the specs file is
# written next to the output (-o FILE) and removed afterwards.
set -e
out=
prev=
for a in "$@"; do
	[ "$prev" = -o ] && out=$a
	prev=$a
done
specs=${out:-a.exe}.ucrt.specs
x86_64-w64-mingw32-gcc -dumpspecs | sed -e 's/-lmsvcrt/-lucrt/' -e '/^\*cpp:$/{n;s/^/-D_UCRT /}' >"$specs"
status=0
x86_64-w64-mingw32-gcc -specs="$specs" "$@" || status=$?
rm -f "$specs"
exit $status
