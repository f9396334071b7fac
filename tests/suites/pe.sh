#!/usr/bin/env bash
# Windows PE32+ loading (loader/pe_*.c): a mingw-w64 program runs, also when moved from its
# preferred base (base relocations); malformed copies of it (truncations, sections past the end of
# the file or image, import and relocation tables pointing outside the image) are refused with
# xabi's own status and one "xabi: FILE: message" line, never a crash; a DLL is refused; `xabi info`
# lists the headers and the imports; and a fuzz run of pe_parse under ASan/UBSan (tests/fuzz).
# Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
XABI=${XABI:-$PWD/build/xabi}
TESTS_BUILD=${TESTS_BUILD:-$PWD/build/tests}
mkdir -p "$TESTS_BUILD"
tmp=$(mktemp -d "$TESTS_BUILD/pe.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
T=pe

if [ ! -x "$XABI" ]; then
	echo "FAIL $T/xabi: $XABI is not built"
	exit 0
fi
for tool in x86_64-w64-mingw32-gcc python3; do
	if ! command -v "$tool" >/dev/null; then
		echo "SKIP $T: $tool is not installed"
		exit 0
	fi
done

# run_x ARGS...: run xabi, stdout to $tmp/out, stderr to $tmp/err, status in $rc.
run_x() {
	# (the group's 2>/dev/null silences bash's "Segmentation fault" job notices)
	{ timeout 10 "$XABI" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"; } 2>/dev/null
	rc=$?
}

# report NAME WHY: PASS when WHY is empty.
report() {
	if [ -z "$2" ]; then
		echo "PASS $T/$1"
	else
		echo "FAIL $T/$1:$2"
	fi
}

# refused NAME STATUS NEEDLE FILE: xabi FILE exits STATUS (one of a "|"-separated list) with
# exactly one stderr line "xabi: FILE: ..." mentioning NEEDLE (case-insensitive, unless empty).
refused() {
	local name=$1 want=$2 needle=$3 file=$4 why=""
	run_x "$file"
	[[ "|$want|" == *"|$rc|"* ]] || why+=" status $rc, expected $want;"
	[ "$rc" -lt 128 ] || why+=" xabi died by signal $((rc - 128));"
	local lines first
	lines=$(wc -l <"$tmp/err")
	first=$(head -n 1 "$tmp/err")
	[ "$lines" -eq 1 ] || why+=" stderr has $lines lines: $(head -c 300 "$tmp/err" | tr '\n' '|');"
	[[ $first == "xabi: $file: "* ]] || why+=" stderr is not 'xabi: $file: ...': '$first';"
	if [ -n "$needle" ] && ! grep -qi -- "$needle" <<<"$first"; then
		why+=" message does not mention '$needle': '$first';"
	fi
	report "$name" "$why"
}

# runs NAME STATUS FILE ARGS...: xabi FILE ARGS exits STATUS, prints hello.c's lines (CRLF: the
# CRT's text mode), no stderr.
runs() {
	local name=$1 want=$2 file=$3 why=""
	shift 3
	run_x "$file" "$@"
	[ "$rc" -eq "$want" ] || why+=" status $rc, expected $want;"
	local expected
	expected=$(printf 'hello, world\n'; printf '%s\n' "$@")
	[ "$(tr -d '\r' <"$tmp/out")" = "$expected" ] || why+=" stdout '$(head -c 200 "$tmp/out" | tr '\n' '|')';"
	[ ! -s "$tmp/err" ] || why+=" stderr '$(head -c 200 "$tmp/err" | tr '\n' '|')';"
	report "$name" "$why"
}

# The programs: hello.c (the compat case), a DLL, and one that calls an unimplemented import.
mingw() { x86_64-w64-mingw32-gcc -O2 "$@" 2>>"$tmp/gcc.err"; }
printf 'int __declspec(dllexport) twice(int x) { return 2 * x; }\n' >"$tmp/dll.c"
cat >"$tmp/createfile.c" <<'EOF'
#include <windows.h>
int main(void)
{
	return Beep(750, 10) ? 0 : 1; /* an import the shim does not implement */
}
EOF
# The moved program is linked for an address sure to be taken: xabi's own (a static binary at a
# fixed, 64 KiB aligned address: its first PT_LOAD).
taken=$(python3 -c '
import struct, sys
x = open(sys.argv[1], "rb").read()
phoff, = struct.unpack_from("<Q", x, 32)
phnum, = struct.unpack_from("<H", x, 56)
print(hex(next(struct.unpack_from("<Q", x, phoff + 56 * i + 16)[0] for i in range(phnum)
               if struct.unpack_from("<I", x, phoff + 56 * i)[0] == 1)))' "$XABI")
if [ -z "$taken" ] || [ $((taken & 0xffff)) -ne 0 ]; then
	echo "FAIL $T/xabi-address: xabi's first segment is at '$taken', not a 64 KiB aligned address"
	exit 0
fi
if ! mingw -o "$tmp/hello.exe" compat/src/hello.c ||
	! mingw -Wl,--image-base="$taken" -o "$tmp/moved.exe" compat/src/hello.c || ! mingw -shared -o "$tmp/lib.dll" "$tmp/dll.c" ||
	! mingw -o "$tmp/createfile.exe" "$tmp/createfile.c"; then
	echo "SKIP $T: x86_64-w64-mingw32-gcc failed: $(head -n 1 "$tmp/gcc.err")"
	exit 0
fi
hello=$tmp/hello.exe

# Craft the malformed copies (names: $tmp/in/NAME), with the PE/COFF specification's offsets.
mkdir -p "$tmp/in"
cat >"$tmp/gen.py" <<'EOF'
import os, struct, sys
src, moved_src, out = sys.argv[1:4]
b = open(src, 'rb').read()
moved = open(moved_src, 'rb').read()

sys.path.insert(0, os.environ['XABI_TESTS_LIB'])
import binpatch
def put(name, data):
    binpatch.put(out, name, data)
patch = binpatch.patch

pe, = struct.unpack_from('<I', b, 0x3c)
assert b[pe:pe + 4] == b'PE\0\0'
coff = pe + 4
nsect, = struct.unpack_from('<H', b, coff + 2)
opt_size, = struct.unpack_from('<H', b, coff + 16)
opt = coff + 20
assert struct.unpack_from('<H', b, opt)[0] == 0x20b
IMAGE_BASE, IMAGE_SIZE, DIRS = opt + 24, opt + 56, opt + 112
sect = opt + opt_size
sections = [struct.unpack_from('<8sIIII', b, sect + 40 * i) + (sect + 40 * i,) for i in range(nsect)]

def directory(i):
    return struct.unpack_from('<II', b, DIRS + 8 * i)

def file_offset(rva):
    for name, vsize, va, raw_size, raw_off, hdr in sections:
        if va <= rva < va + max(vsize, raw_size):
            return raw_off + rva - va
    raise SystemExit('rva 0x%x is in no section' % rva)

put('trunc-dos', b[:0x30])
put('trunc-coff', b[:coff + 10])
put('trunc-optional', b[:opt + 100])
put('trunc-section-table', b[:sect + 40 + 20])
last = max((s for s in sections if s[3]), key=lambda s: s[4])
put('trunc-section-data', b[:last[4] + last[3] // 2])
first = sections[0]
put('section-past-eof', patch(b, first[5] + 20, 'I', len(b) + 0x200))
put('image-too-small', patch(b, IMAGE_SIZE, 'I', sections[-1][2]))

imp_rva, imp_size = directory(1)
desc = file_offset(imp_rva)
lookup_rva, _, _, name_rva, iat_rva = struct.unpack_from('<IIIII', b, desc)
put('import-dll-name-out-of-image', patch(b, desc + 12, 'I', 0x7ffffff0))
put('import-name-out-of-image', patch(b, file_offset(lookup_rva or iat_rva), 'Q', 0x7ffffff0))

# The relocation tables are only read when the image moves: break those of the moved program
# (linked from the same code: the same section layout).
assert moved[sect:sect + 40 * nsect] == b[sect:sect + 40 * nsect], 'the section layouts differ'
rel_rva, rel_size = struct.unpack_from('<II', moved, DIRS + 8 * 5)
assert rel_size, 'the program has no base relocations'
blk = file_offset(rel_rva)
page, size = struct.unpack_from('<II', moved, blk)
put('reloc-block-size', patch(moved, blk + 4, 'I', rel_size + 8))
put('reloc-block-size-odd', patch(moved, blk + 4, 'I', size - 1))
put('reloc-target-past-image', patch(moved, blk, 'I', 0x7ffff000))
w, = struct.unpack_from('<H', moved, blk + 8)
put('reloc-type-highlow', patch(moved, blk + 8, 'H', 0x3000 | (w & 0xfff)))
EOF
if ! XABI_TESTS_LIB=$PWD/tests/lib python3 "$tmp/gen.py" "$hello" "$tmp/moved.exe" "$tmp/in" 2>"$tmp/gen.err"; then
	echo "FAIL $T/generate: $(tail -n 1 "$tmp/gen.err")"
	exit 0
fi
I=$tmp/in

runs runs 0 "$hello" a "b c"
runs exit-status 5 "$hello" --exit 5
# Its preferred base taken (by xabi itself): mapped elsewhere, every DIR64 relocation applied.
runs moved-from-base-relocated 7 "$tmp/moved.exe" x --exit 7

# Cut before the PE signature: only an MS-DOS MZ file (126); cut inside the COFF header: a
# truncated PE (121).
refused truncated-dos-header 126 "MZ" "$I/trunc-dos"
refused truncated-coff-header 121 "truncated" "$I/trunc-coff"
refused truncated-optional-header 121 truncated "$I/trunc-optional"
refused truncated-section-table 121 truncated "$I/trunc-section-table"
refused truncated-section-data 121 "past the end of the file" "$I/trunc-section-data"
refused section-data-past-eof 121 "past the end of the file" "$I/section-past-eof"
refused image-size-too-small 121 SizeOfImage "$I/image-too-small"
refused import-dll-name-out-of-image 121 "outside the image" "$I/import-dll-name-out-of-image"
refused import-name-out-of-image 121 "outside the image" "$I/import-name-out-of-image"
# A bad relocation table is malformed (121), not a set-up failure (124).
refused reloc-block-size-past-directory 121 "relocation" "$I/reloc-block-size"
refused reloc-block-size-odd 121 "relocation" "$I/reloc-block-size-odd"
refused reloc-target-past-image 121 "outside the image" "$I/reloc-target-past-image"
refused reloc-type-highlow 121 "type" "$I/reloc-type-highlow"
refused dll-not-a-program 126 "a DLL, not a program" "$tmp/lib.dll"

# An unimplemented import binds to a thunk that reports the call when it happens.
run_x "$tmp/createfile.exe"
why=""
[ "$rc" -eq 120 ] || why+=" status $rc, expected 120;"
[ "$(cat "$tmp/err")" = "xabi: KERNEL32.dll!Beep called but not implemented" ] ||
	why+=" stderr '$(head -c 300 "$tmp/err" | tr '\n' '|')';"
report missing-import-called "$why"

# info_has NAME FILE LINE...: `xabi info FILE` exits 0 and prints each LINE (a fixed string) as a
# whole line.
info_has() {
	local name=$1 file=$2 why="" l
	shift 2
	run_x info "$file"
	[ "$rc" -eq 0 ] || why+=" status $rc;"
	for l in "$@"; do
		grep -qxF -- "$l" "$tmp/out" || why+=" no line '$l';"
	done
	[ -z "$why" ] || why+=" output: $(head -c 800 "$tmp/out" | tr '\n' '|')"
	report "$name" "$why"
}
base=$(x86_64-w64-mingw32-objdump -p "$hello" | awk '$1 == "ImageBase" { print $2 }')
info_has info-headers "$hello" "format:      PE32+ x86-64" "subsystem:   console" \
	"image base:  0x${base#"${base%%[!0]*}"}" "runnable:    yes, as a windows program"
info_has info-imports "$hello" "             KERNEL32.dll!GetLastError implemented"
info_has info-missing-import "$tmp/createfile.exe" \
	"             KERNEL32.dll!Beep missing"
run_x info "$tmp/lib.dll"
grep -qxF "runnable:    no: a DLL, not a program" "$tmp/out" && [ "$rc" -eq 126 ]
report info-dll "$([ $? -eq 0 ] || echo " status $rc, output: $(tr '\n' '|' <"$tmp/out" | head -c 300)")"

# pe_parse under ASan and UBSan: deterministic mutations of the program (tests/fuzz/pe_parse.c).
fuzz=$tmp/pe_parse_fuzz
if ! gcc -std=c11 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -o "$fuzz" \
	tests/fuzz/pe_parse.c loader/pe_parse.c >"$tmp/fuzz.log" 2>&1; then
	echo "SKIP $T/fuzz-pe-parse: no sanitizer build: $(grep -m 1 -i error "$tmp/fuzz.log")"
elif timeout 60 "$fuzz" "$hello" 200000 >"$tmp/fuzz.out" 2>"$tmp/fuzz.err"; then
	echo "PASS $T/fuzz-pe-parse ($(cut -d , -f 1 "$tmp/fuzz.out"))"
else
	echo "FAIL $T/fuzz-pe-parse: status $?: $(grep -m 1 -E 'ERROR|runtime error|past the end' "$tmp/fuzz.err")"
fi
