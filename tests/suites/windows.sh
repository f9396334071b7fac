#!/usr/bin/env bash
# Windows console programs (mingw-w64) under xabi's shim DLLs. First a source lint of the shim:
# every function export must be defined with WINAPI as its first token ("char *WINAPI f()" puts
# ms_abi on the pointer type and leaves f SysV). Then the programs of tests/windows, built with
# msvcrt.dll's own printf (-D__USE_MINGW_ANSI_STDIO=0), their output compared with NAME.expected
# (msvcrt's documented results). Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=windows
. tests/lib/mingw.sh

# lint: the C symbol of each cdecl/stdcall/varargs spec line, then its definition (a line at the
# start of a libshim/*/*.c line naming SYMBOL( and not ending in ';') must begin "WINAPI ".
lint() {
	local bad
	bad=$(awk '
		FNR == 1 { dll = FILENAME; sub(/.*\//, "", dll); sub(/\.spec$/, "", dll) }
		/^#/ || NF < 3 { next }
		$2 == "cdecl" || $2 == "stdcall" || $2 == "varargs" {
			name = $3; sub(/\(.*/, "", name)
			line = $0; sub(/^[^)]*\)[ \t]*/, "", line)
			print line != "" ? line : dll "_" name
		}' libshim/*/*.spec | sort -u | while read -r sym; do
		def=$(grep -Hn -E "^[A-Za-z].*[^A-Za-z0-9_]$sym\(" libshim/*/*.c | grep -v ';[[:space:]]*$')
		if [ -z "$def" ]; then
			echo "$sym (no definition)"
		elif grep -qv -E '^[^:]+:[0-9]+:WINAPI ' <<<"$def"; then
			echo "$sym ($(cut -d: -f1,2 <<<"$def" | head -1))"
		fi
	done)
	if [ -n "$bad" ]; then
		echo "FAIL $T/winapi-lint: not defined as 'WINAPI ...': $(tr '\n' ' ' <<<"$bad")"
	else
		echo "PASS $T/winapi-lint"
	fi
}
lint

mingw_ready || exit 0

if build printf; then
	imports=$(x86_64-w64-mingw32-objdump -p "$out/printf.exe" |
		awk '/DLL Name:/ { dll = tolower($3) } NF == 3 && $1 ~ /^[0-9a-f]+$/ { print dll, $3 }')
	missing=""
	for f in printf sprintf _snprintf vsprintf _vsnprintf; do
		grep -qx "msvcrt.dll $f" <<<"$imports" || missing+=" $f"
	done
	if [ -n "$missing" ]; then
		echo "FAIL $T/printf-imports: not imported from msvcrt.dll:$missing"
	else
		echo "PASS $T/printf-imports"
	fi
	run printf
	expect printf
	# A second reference for the first lines (integers and strings, which every C library
	# formats alike): coreutils' printf.
	env printf '[%d] [%+d] [% d] [%5d] [%-5d|] [%05d] [%-08d|] [%.3d]\n' 42 42 42 42 42 42 42 7 >"$tmp/ref"
	env printf '[%x] [%X] [%o] [%#x] [%#X] [%#o] [%u]\n' 255 255 8 255 255 8 4000000000 >>"$tmp/ref"
	env printf '[%s] [%.3s] [%8s] [%-8s|] [%c] [%3c] [%%]\n' hello hello abc abc z y >>"$tmp/ref"
	if head -3 "$tmp/out" | cmp -s - "$tmp/ref"; then
		echo "PASS $T/printf-host"
	else
		echo "FAIL $T/printf-host: the integer and string lines differ from coreutils printf"
	fi
fi

if build files; then
	run files
	expect files
fi
