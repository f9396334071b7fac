#!/usr/bin/env bash
# FreeBSD/amd64 conventions checked directly: the freestanding C programs of tests/freebsd (their
# own syscall stubs in tests/freebsd/rt, no libc), built with clang for x86_64-unknown-freebsd and
# run under xabi in both interception modes. Each program checks itself against FreeBSD's headers
# and kernel sources ("NAME: ok" / "NAME: FAIL (why)" lines, then "done: N failed"); the stat and
# dirents listings are compared here with the host's own view (python3's os module, coreutils
# stat), the pids with the shell's. Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
XABI=${XABI:-$PWD/build/xabi}
TESTS_BUILD=${TESTS_BUILD:-$PWD/build/tests}
T=freebsd
src=tests/freebsd
out=$TESTS_BUILD/freebsd
mkdir -p "$out"
tmp=$(mktemp -d "$TESTS_BUILD/freebsd.XXXXXX") || exit 1
sock=$(mktemp -d /tmp/xabi-fb.XXXXXX) || exit 1 # short: sun_path holds 104 bytes
trap 'rm -rf "$tmp" "$sock"' EXIT

if [ ! -x "$XABI" ]; then
	echo "FAIL $T/xabi: $XABI is not built"
	exit 0
fi
for tool in clang ld.lld python3 stat; do
	if ! command -v "$tool" >/dev/null; then
		echo "SKIP $T: $tool is not installed"
		exit 0
	fi
done

progs="stat dirents errors signals sockaddr kevent"
CFLAGS=(--target=x86_64-unknown-freebsd -std=gnu11 -O1 -g -Wall -Wextra -ffreestanding -fno-builtin
	-fno-stack-protector -nostdlib -fuse-ld=lld)

# build PROG FLAGS...: $out/PROG from tests/freebsd/PROG.c and the runtime, an ELF with OSABI 9
# (FreeBSD).
build() {
	local bin=$out/$1 f
	local deps=("$src/$1.c" "$src"/rt/*)
	local flags=("${@:2}")
	if [ -x "$bin" ]; then
		for f in "${deps[@]}"; do
			[ "$f" -nt "$bin" ] && break
		done
		[ "$f" -nt "$bin" ] || return 0
	fi
	if ! clang "${CFLAGS[@]}" "${flags[@]}" -o "$bin" "$src/rt/start.S" "$src/rt/rt.c" "$src/$1.c" \
		>"$tmp/cc.log" 2>&1; then
		echo "FAIL $T/build $1: $(grep -m 1 error "$tmp/cc.log")"
		rm -f "$bin"
		return 1
	fi
	local osabi
	osabi=$(od -An -tu1 -j7 -N1 "$bin" | tr -d ' ')
	if [ "$osabi" != 9 ]; then
		echo "FAIL $T/build $1: ELF OSABI $osabi, not 9 (FreeBSD)"
		rm -f "$bin"
		return 1
	fi
}

built=""
for p in $progs; do
	build "$p" -fno-pic -static && built+=" $p"
done
# A dynamically linked program (PT_INTERP /libexec/ld-elf.so.1, clang's default for FreeBSD) and
# the stand-in run-time linker a FreeBSD root gives it, a static-pie.
build rootld -fPIE -pie -Wl,--no-dynamic-linker && build rooted -fPIE -pie && built+=" rooted"

# run MODE PROG ARGS...: the program under xabi; stdout $tmp/out, stderr $tmp/err, status $rc.
run() {
	local mode=$1 prog=$2
	shift 2
	# (the group's 2>/dev/null silences bash's "Segmentation fault" job notices)
	{ (ulimit -c 0; exec timeout 30 "$XABI" --intercept="$mode" "$out/$prog" "$@" \
		</dev/null >"$tmp/out" 2>"$tmp/err"); } 2>/dev/null
	rc=$?
}

# verdict NAME: the program's own checks passed (status 0, no FAIL line, the "done" line).
verdict() {
	local name=$1 why=""
	case $rc in
	0) ;;
	124) why+=" timed out;" ;;
	12[5-9]) why+=" xabi status $rc;" ;;
	1[3-9]?) why+=" died by signal $((rc - 128));" ;;
	*) why+=" exit status $rc;" ;;
	esac
	grep -q '^done: 0 failed$' "$tmp/out" || why+=" $(grep -c ': FAIL (' "$tmp/out") check(s) failed;"
	if [ -z "$why" ]; then
		echo "PASS $name"
	else
		echo "FAIL $name:$why"
		{
			grep ': FAIL (' "$tmp/out"
			grep -q '^done: ' "$tmp/out" || { echo "(output ends:)"; tail -n 2 "$tmp/out"; }
			[ -s "$tmp/err" ] && { echo "(stderr:)"; head -n 3 "$tmp/err"; }
		} | head -n 12 | sed 's/^/    /'
	fi
}

has() { [[ " $built " == *" $1 "* ]]; }

# Fixtures: files of every kind for stat, a 301-entry directory for dirents.
fx=$tmp/stat
mkdir -p "$fx/dir/a" "$fx/dir/b"
head -c 12345 /dev/urandom >"$fx/file"
chmod 640 "$fx/file"
ln "$fx/file" "$fx/hardlink"
ln -s file "$fx/link"
mkfifo "$fx/fifo"
python3 -c 'import os, sys; os.utime(sys.argv[1], ns=(1600000000123456789, 1500000000987654321))' \
	"$fx/file"
stat -L "$fx/link" >/dev/null # following a symlink updates its atime once (relatime): now
dx=$tmp/dirents
mkdir "$dx"
python3 - "$dx" <<'EOF'
import os, sys
d = sys.argv[1].encode()
filler = b'abc def\xc3\xa9ghij-klmnop_qrstu.vwxyz0123456789' * 8
names = []
for i in range(300):
    tag = b'%x' % i
    size = 1 + (i * 67) % 200           # 1..200 bytes
    names.append(tag if size <= len(tag) else (tag + b'_' + filler)[:size])
names.append(b'L' * 255)                # the longest name FreeBSD allows
for i, n in enumerate(names):
    p = os.path.join(d, n)
    k = i % 10
    if k < 6: open(p, 'wb').close()
    elif k < 8: os.mkdir(p)
    elif k == 8: os.symlink(b'target', p)
    else: os.mkfifo(p)
EOF

# The host's view of the stat fixture, compared with the program's lines.
cat >"$tmp/stat_ref.py" <<'EOF'
import os, subprocess, sys
d, outfile = sys.argv[1], sys.argv[2]
specs = {  # label: (path, follow symlinks)
    'file': ('file', True), 'hardlink': ('hardlink', False), 'dir': ('dir', True),
    'link': ('link', False), 'link-followed': ('link', True), 'fifo': ('fifo', False),
    'devnull': ('/dev/null', True), 'fstat-file': ('file', True), 'at-file': ('file', True),
    'fstat-dir': ('.', True), 'at-link': ('link', False),
}
def ts(ns):
    return '%d.%09d' % divmod(ns, 1000000000)
bad = []
seen = set()
for line in open(outfile, encoding='utf-8', errors='replace'):
    words = line.split()
    if len(words) < 2 or words[0] not in specs or not words[1].startswith('ino='):
        continue
    label = words[0]
    seen.add(label)
    path, follow = specs[label]
    path = os.path.join(d, path)
    st = os.stat(path) if follow else os.lstat(path)
    want = {
        'ino': str(st.st_ino), 'nlink': str(st.st_nlink), 'mode': '%o' % st.st_mode,
        'uid': str(st.st_uid), 'gid': str(st.st_gid), 'size': str(st.st_size),
        'blksize': str(st.st_blksize), 'blocks': str(st.st_blocks),
        'atime': ts(st.st_atime_ns), 'mtime': ts(st.st_mtime_ns), 'ctime': ts(st.st_ctime_ns),
        'dev': '%d,%d' % (os.major(st.st_dev), os.minor(st.st_dev)),
        'rdev': '%d,%d' % (os.major(st.st_rdev), os.minor(st.st_rdev)),
    }
    birth = subprocess.run(['stat', '-L' if follow else '-P', '-c', '%W', path],
                           capture_output=True, text=True).stdout.strip()
    if birth not in ('', '0', '-'):
        want['birth'] = birth
    got = dict(w.split('=', 1) for w in words[1:] if '=' in w)
    for k, v in want.items():
        if got.get(k) != v:
            bad.append('%s %s: xabi %s, host %s' % (label, k, got.get(k), v))
for label in sorted(set(specs) - seen):
    bad.append('%s: no line' % label)
if bad:
    print('\n'.join(bad))
EOF

# The host's listing of the dirents fixture: "entry DT_TYPE INO NAME" sorted by name, and a count.
cat >"$tmp/dirents_ref.py" <<'EOF'
import os, stat, sys
d, outfile = sys.argv[1].encode(), sys.argv[2]
dt = {stat.S_IFREG: 8, stat.S_IFDIR: 4, stat.S_IFLNK: 10, stat.S_IFIFO: 1, stat.S_IFSOCK: 12,
      stat.S_IFCHR: 2, stat.S_IFBLK: 6}
names = sorted(os.listdir(d) + [b'.', b'..'])
want = []
for n in names:
    st = os.lstat(os.path.join(d, n))
    want.append(b'entry %d %d %s' % (dt[stat.S_IFMT(st.st_mode)], st.st_ino, n))
want.append(b'count %d' % len(names))
got = [l for l in open(outfile, 'rb').read().split(b'\n')
       if l.startswith(b'entry ') or l.startswith(b'count ')]
if got != want:
    bad = ['%d lines, host %d' % (len(got), len(want))]
    for i in range(max(len(got), len(want))):
        g = got[i] if i < len(got) else b'(none)'
        w = want[i] if i < len(want) else b'(none)'
        if g != w:
            bad.append('line %d: xabi %r, host %r' % (i + 1, g[:90], w[:90]))
        if len(bad) > 4:
            break
    print('\n'.join(bad))
EOF

# A FreeBSD root for rooted.c: its run-time linker, a library, its own copy of the program and of
# the fixture directory $fr (whose "both" differs from the host's).
fr=$tmp/rooted
root=$tmp/root
if has rooted; then
	mkdir -p "$fr" "$root/libexec" "$root/lib" "$root/bin" "$root/tmp" "$root$fr"
	cp "$out/rootld" "$root/libexec/ld-elf.so.1"
	cp "$out/rooted" "$root/bin/rooted"
	printf 'libc.so.7 of the root\n' >"$root/lib/libc.so.7"
	ln -s libc.so.7 "$root/lib/libc.so"
	echo root >"$root$fr/both"
	echo host >"$fr/both"
	echo host >"$fr/hostonly"
fi

# rooted MODE NAME ARGS...: a run of rooted with xabi options ARGS and the checks' arguments.
rooted() {
	local mode=$1 name=$2
	shift 2
	rm -f "$fr/link"
	{ (ulimit -c 0; exec timeout 30 "$XABI" --intercept="$mode" "$@" "$out/rooted" check "$fr" \
		"$(stat -c %i /)" "$root" </dev/null >"$tmp/out" 2>"$tmp/err"); } 2>/dev/null
	rc=$?
	verdict "$T/$name [$mode]"
}

# compare NAME FILE: a reference script's answer (FILE) is empty, or FAIL with its lines.
compare() {
	if [ ! -s "$2" ]; then
		echo "PASS $1"
	else
		echo "FAIL $1: differs from the host's view"
		head -n 8 "$2" | sed 's/^/    /'
	fi
}

for mode in sud seccomp; do
	if has stat; then
		run "$mode" stat "$fx"
		verdict "$T/stat [$mode]"
		python3 "$tmp/stat_ref.py" "$fx" "$tmp/out" >"$tmp/diff" 2>&1
		compare "$T/stat fields match python's os.stat [$mode]" "$tmp/diff"
	fi
	if has dirents; then
		run "$mode" dirents "$dx" "$fx/file"
		verdict "$T/dirents [$mode]"
		python3 "$tmp/dirents_ref.py" "$dx" "$tmp/out" >"$tmp/diff" 2>&1
		compare "$T/dirents listing matches python's os.listdir [$mode]" "$tmp/diff"
	fi
	if has errors; then
		ed=$tmp/errors-$mode
		mkdir "$ed"
		# The shell's pid becomes the program's (exec); its parent is timeout.
		# shellcheck disable=SC2016 # expanded by that shell
		{ (ulimit -c 0; exec timeout 30 sh -c \
			'FB_PID=$$ FB_PPID=$PPID FB_PROG=$2 exec "$1" --intercept="$3" "$2" "$4" "two words" é' \
			sh "$XABI" "$(realpath "$out/errors")" "$mode" "$ed" \
			</dev/null >"$tmp/out" 2>"$tmp/err"); } 2>/dev/null
		rc=$?
		verdict "$T/errors [$mode]"
		n=$(grep -c '^xabi: freebsd syscall 51 acct(.*not implemented' "$tmp/err")
		if [ "$n" -eq 1 ]; then
			echo "PASS $T/errors: one not-implemented line for acct, called twice [$mode]"
		else
			echo "FAIL $T/errors: $n not-implemented lines for acct, expected 1 [$mode]"
			head -n 3 "$tmp/err" | sed 's/^/    /'
		fi
	fi
	if has signals; then
		run "$mode" signals
		verdict "$T/signals [$mode]"
	fi
	if has sockaddr; then
		mkdir "$sock/$mode"
		run "$mode" sockaddr "$sock/$mode"
		verdict "$T/sockaddr [$mode]"
		grep '^SKIP ' "$tmp/out" | sed "s|^SKIP |SKIP $T/sockaddr [$mode]: |"
	fi
	if has kevent; then
		run "$mode" kevent
		verdict "$T/kevent [$mode]"
	fi
	if has rooted; then
		if [ "$mode" = sud ]; then
			rooted "$mode" "dynamic program with --root" --root "$root"
		else
			XABI_FREEBSD_ROOT=$root/ rooted "$mode" "dynamic program with XABI_FREEBSD_ROOT"
		fi
		if grep -q '^child: running$' "$tmp/out"; then
			echo "PASS $T/rooted: execve of the root's /bin/rooted ran it under xabi [$mode]"
		else
			echo "FAIL $T/rooted: the execve'd /bin/rooted never ran [$mode]"
		fi
		run "$mode" rooted check "$fr" 2 "$root"
		if [ $rc = 127 ] && grep -q "interpreter /libexec/ld-elf.so.1 must come from a FreeBSD" \
			"$tmp/err"; then
			echo "PASS $T/rooted: without a root, status 127 and what is missing [$mode]"
		else
			echo "FAIL $T/rooted: without a root, status $rc, stderr '$(head -c 200 "$tmp/err")'"
		fi
	fi
done
if has stat; then
	XABI_FREEBSD_ROOT=$tmp/none "$XABI" "$out/stat" "$fx" >/dev/null 2>"$tmp/err"
	rc=$?
	if [ $rc = 127 ] && grep -q "root (--root) is not a directory" "$tmp/err"; then
		echo "PASS $T/a root that is not a directory: status 127 and why"
	else
		echo "FAIL $T/a root that is not a directory: status $rc, stderr '$(head -c 200 "$tmp/err")'"
	fi
fi
