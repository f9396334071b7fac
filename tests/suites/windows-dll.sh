#!/usr/bin/env bash
# PE DLLs under xabi (loader/pe_dll*.c, libshim/kernel32/module.c), with DLLs of our own built by
# mingw-w64 from tests/windows/dll-*.c: imports by name and ordinal, forwarders (to the shim and to
# another DLL, by name and ordinal), DllMain order at start-up, LoadLibrary and FreeLibrary, at
# exit; GetModuleHandle(Ex), GetModuleFileName, GetProcAddress on the shim's kernel32; two DLLs
# with one preferred base; TLS in a DLL loaded at run time; delay-load imports; the search order
# (the program's directory, --dll-path, XABI_DLL_PATH, any case); a DLL missing, malformed, or
# failing its DllMain. Expected outputs: tests/windows/dll-*.expected, written from Microsoft's
# documentation and checked with Wine 8 (which differs only where noted in dll-main.c).
# Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=windows-dll
. tests/lib/mingw.sh
mingw_ready || exit 0
for tool in x86_64-w64-mingw32-dlltool python3; do
	if ! command -v "$tool" >/dev/null; then
		echo "SKIP $T: $tool is not installed"
		exit 0
	fi
done

cc() { x86_64-w64-mingw32-gcc -O2 -Wall -D__USE_MINGW_ANSI_STDIO=0 "$@" >>"$tmp/cc.log" 2>&1; }

# dll SRC OUT ARGS...: $out/OUT.dll from tests/windows/SRC.c (and SRC.def when there is one).
dll() {
	local src_name=$1 name=$2 def=
	shift 2
	[ -f "$src/$src_name.def" ] && def=$src/$src_name.def
	cc -shared -o "$out/$name.dll" "$src/$src_name.c" $def "$@"
}

# pe_patch FILE WHAT: edit a built DLL. "fwd-ordinal": dll-a's forwarder string dll-b.ORDINAL7
# becomes dll-b.#7 (ld's .def syntax cannot write an ordinal forwarder); "bad-exports": the
# export address table's RVA points past the image.
pe_patch() {
	python3 - "$@" <<'EOF'
import struct, sys
path, what = sys.argv[1], sys.argv[2]
d = bytearray(open(path, 'rb').read())
if what == 'fwd-ordinal':
    old = b'dll-b.ORDINAL7\0'
    assert old in d
    d = d.replace(old, b'dll-b.#7'.ljust(len(old), b'\0'))
else:
    pe = struct.unpack_from('<I', d, 0x3c)[0]
    nsec, optsize = struct.unpack_from('<H', d, pe + 6)[0], struct.unpack_from('<H', d, pe + 20)[0]
    opt = pe + 24
    rva = struct.unpack_from('<I', d, opt + 112)[0]
    for i in range(nsec):
        s = opt + optsize + 40 * i
        vsize, va, raw, off = struct.unpack_from('<IIII', d, s + 8)
        if va <= rva < va + max(vsize, raw):
            struct.pack_into('<I', d, rva - va + off + 28, 0x7ffffff0)
            break
    else:
        sys.exit('no export directory')
open(path, 'wb').write(d)
EOF
}

built=1
{
	dll dll-b dll-b &&
		dll dll-a dll-a "$out/dll-b.dll" && pe_patch "$out/dll-a.dll" fwd-ordinal &&
		x86_64-w64-mingw32-dlltool -d "$src/dll-a.def" -l "$out/libdll-a.a" -D dll-a.dll &&
		dll dll-c dll-c && dll dll-dyn dll-dyn "$out/dll-c.dll" && dll dll-false dll-false &&
		dll dll-reloc dll-r1 -DNAME_VALUE=1 -Wl,--image-base=0x6f000000 &&
		dll dll-reloc dll-r2 -DNAME_VALUE=2 -Wl,--image-base=0x6f000000 &&
		dll dll-d dll-d &&
		x86_64-w64-mingw32-dlltool --input-def "$src/dll-d.def" --dllname dll-d.dll \
			--output-delaylib "$out/libdll-d-delay.a" &&
		dll dll-c dll-c4 -DFACTOR=4 && dll dll-c dll-c5 -DFACTOR=5 &&
		cc -o "$out/dll-search.exe" "$src/dll-search.c" "$out/dll-b.dll" &&
		cc -o "$out/dll-startup.exe" "$src/dll-startup.c" "$out/dll-false.dll"
} >>"$tmp/cc.log" 2>&1 || built=0
if [ $built = 0 ]; then
	echo "FAIL $T/build: $(grep -m 1 -i error "$tmp/cc.log")"
	exit 0
fi

# xrun EXE ARGS... (after XABI options in XOPTS): like run, for a program anywhere.
XOPTS=()
xrun() {
	local exe=$1
	shift
	mkdir -p "$tmp/run"
	{ (ulimit -c 0; cd "$tmp/run" && exec timeout 30 "$XABI" "${XOPTS[@]}" "$exe" "$@" \
		</dev/null >"$tmp/raw" 2>"$tmp/err"); } 2>/dev/null
	rc=$?
	tr -d '\r' <"$tmp/raw" >"$tmp/out"
}

# same NAME STATUS TEXT: the last xrun's status and stdout.
same() {
	if [ "$rc" != "$2" ]; then
		echo "FAIL $T/$1: status $rc, not $2: $(head -c 300 "$tmp/err")"
	elif [ "$(cat "$tmp/out")" != "$3" ]; then
		echo "FAIL $T/$1: stdout '$(head -c 300 "$tmp/out" | tr '\n' '|')', not '$(tr '\n' '|' <<<"$3")'"
	else
		echo "PASS $T/$1"
	fi
}

# refused NAME STATUS NEEDLE...: the last xrun exited STATUS with one stderr line, "xabi: ...",
# containing each NEEDLE.
refused() {
	local name=$1 want=$2 why="" lines
	shift 2
	[ "$rc" = "$want" ] || why+=" status $rc, expected $want;"
	lines=$(wc -l <"$tmp/err")
	[ "$lines" -eq 1 ] || why+=" stderr has $lines lines: $(head -c 300 "$tmp/err" | tr '\n' '|');"
	for needle in "$@"; do
		grep -qF -- "$needle" "$tmp/err" || why+=" stderr lacks '$needle': $(head -c 400 "$tmp/err");"
	done
	if [ -z "$why" ]; then
		echo "PASS $T/$name"
	else
		echo "FAIL $T/$name:$why"
	fi
}

# --- the DLLs beside the program ---
if build dll-main "$out/libdll-a.a"; then
	run dll-main
	expect dll-main
fi
if build dll-delay "$out/libdll-d-delay.a"; then
	if x86_64-w64-mingw32-objdump -p "$out/dll-delay.exe" | grep -qi 'DLL Name: dll-d.dll'; then
		echo "FAIL $T/delay-import: dll-d.dll is an ordinary import of dll-delay.exe"
	fi
	run dll-delay
	expect dll-delay
fi

# A DllMain failing at start-up: the program never runs (Windows ends the process).
xrun "$out/dll-startup.exe"
refused startup-dllmain-false 124 "dll-false.dll" "DllMain"
grep -q "main ran" "$tmp/out" && echo "FAIL $T/startup-dllmain-false-main: main ran"

# --- the search: the program alone in a directory, its DLLs elsewhere, in other cases ---
p=$tmp/prog
mkdir -p "$p" "$tmp/lib1" "$tmp/lib2" "$tmp/lib3" "$tmp/bad" "$tmp/bad2" "$tmp/alone"
cp "$out/dll-search.exe" "$p/"
cp "$out/dll-b.dll" "$tmp/lib1/DLL-B.DLL"
cp "$out/dll-c.dll" "$tmp/lib2/Dll-C.Dll"
cp "$out/dll-c4.dll" "$tmp/lib3/dll-c.dll"
cp "$out/dll-c.dll" "$tmp/bad/dll-c.dll" && pe_patch "$tmp/bad/dll-c.dll" bad-exports
cp "$out/dll-b.dll" "$tmp/bad2/dll-b.dll" && pe_patch "$tmp/bad2/dll-b.dll" bad-exports
cp "$out/dll-startup.exe" "$tmp/alone/"
# searched [C_TRIPLE | ERROR]: dll-search's output when dll-c was found (and c_triple(5) gave
# C_TRIPLE) or LoadLibrary failed with ERROR.
searched() {
	printf 'dll-b: PROCESS_ATTACH lpReserved non-NULL\nb_add(2, 3) = 5\n'
	case $1 in
	error*) printf 'LoadLibrary(dll-c) = NULL, %s\n' "$1" ;;
	*) printf 'dll-c: PROCESS_ATTACH lpReserved NULL\nc_triple(5) = %s\n' "$1"
	   printf 'dll-c: PROCESS_DETACH lpReserved non-NULL\n' ;;
	esac
	printf 'dll-b: PROCESS_DETACH lpReserved non-NULL\n'
}

xrun "$tmp/alone/dll-startup.exe"
refused startup-dll-missing 127 "dll-false.dll" "$tmp/alone (the program's directory)"
xrun "$p/dll-search.exe"
refused search-nowhere 127 "dll-b.dll" "$p (the program's directory)"

XABI_DLL_PATH=$tmp/nowhere:$tmp/lib1:$tmp/lib2 xrun "$p/dll-search.exe"
same search-env-any-case 0 "$(searched 15)"
XOPTS=(--dll-path "$tmp/lib1" --dll-path="$tmp/lib2")
xrun "$p/dll-search.exe"
same search-option 0 "$(searched 15)"
XABI_DLL_PATH=$tmp/lib3 xrun "$p/dll-search.exe"
same search-option-before-env 0 "$(searched 15)"
XOPTS=()
XABI_DLL_PATH=$tmp/lib1:$tmp/lib3:$tmp/lib2 xrun "$p/dll-search.exe"
same search-env-in-order 0 "$(searched 20)"
cp "$out/dll-c5.dll" "$p/DLL-C.dll"
XABI_DLL_PATH=$tmp/lib1:$tmp/lib2 xrun "$p/dll-search.exe"
same search-program-dir-first 0 "$(searched 25)"
rm "$p/DLL-C.dll"
XOPTS=(--dll-path "$tmp/lib1")
xrun "$p/dll-search.exe"
same loadlibrary-not-found 0 "$(searched 'error 126')"
XOPTS=(--dll-path "$tmp/lib1" --dll-path "$tmp/bad")
xrun "$p/dll-search.exe"
same loadlibrary-malformed 0 "$(searched 'error 193')"
XOPTS=(--dll-path "$tmp/bad2")
xrun "$p/dll-search.exe"
refused startup-dll-malformed 121 "dll-b.dll" "export"
XOPTS=()
