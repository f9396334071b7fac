#!/usr/bin/env bash
# What a Windows program may rely on of its system (tests/windows/os-system.c under xabi), each
# checked against the host or Microsoft's documentation: the Windows directory xabi makes in the
# user's cache (%SystemRoot%, GetWindowsDirectory, system32\drivers\etc linked to the host's
# files; made safely by processes starting at once; the /tmp fallback; a user's SystemRoot kept),
# the computer's names from the host's name, GetModuleFileName of a program started by a relative
# path, no SIGPIPE for Windows programs (and the inherited disposition for their Linux children),
# and CancelIoEx ending a blocking ReadFile. Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=windows-system
. tests/lib/mingw.sh
mingw_ready || exit 0
build os-system || exit 0

# check LABEL EXPECTED-FILE: the run's status is 0 and its stdout EXPECTED-FILE.
check() {
	if [ "$rc" != 0 ]; then
		echo "FAIL $T/$1: status $rc: $(head -c 300 "$tmp/err")"
	elif ! diff -u "$2" "$tmp/out" >"$tmp/diff"; then
		echo "FAIL $T/$1: $(grep '^[-+][^-+]' "$tmp/diff" | head -4 | tr '\n' ' ')"
	else
		echo "PASS $T/$1"
	fi
}

# The Windows form of an absolute host path (libshim/README.md, "Paths").
winpath() { printf 'Z:%s' "${1//\//\\}"; }

# dirs_expected ROOT SYSTEMROOT WINDIR: what "os-system dirs" prints with the Windows directory
# at host path ROOT.
dirs_expected() {
	local w f size
	w=$(winpath "$1")
	printf 'windows directory: %s\nlength returned: 1\nsystem windows directory is it: 1\n' "$w"
	printf 'system directory is its system32: 1\ntoo small: %d for %d characters\n' \
		$((${#w} + 1)) $((${#w} + 1))
	printf 'SystemRoot: %s\nwindir: %s\n' "${2:-$w}" "${3:-$w}"
	for f in hosts:hosts networks:networks protocol:protocols services:services; do
		if size=$(stat -L -c %s "/etc/${f#*:}" 2>/dev/null); then
			echo "${f%%:*}: $size bytes"
		else
			echo "${f%%:*}: error 2"
		fi
	done
	printf '%s: 1\n' "kernel32's file is in the system directory" "LoadLibrary of that path" \
		'LoadLibrary C:\Windows\System32\KERNEL32.DLL'
}

cache=$tmp/cache
XDG_CACHE_HOME=$cache run os-system dirs
dirs_expected "$cache/xabi/windows" >"$tmp/expected"
check windows-directory "$tmp/expected"
ok=1
for f in hosts:hosts networks:networks protocol:protocols services:services; do
	link=$cache/xabi/windows/system32/drivers/etc/${f%%:*}
	[ "$(readlink "$link")" = "/etc/${f#*:}" ] || { ok=0; echo "FAIL $T/host-links: $link"; }
done
[ $ok = 1 ] && echo "PASS $T/host-links"

# A SystemRoot the user set is kept (windir, unset, is still given).
XDG_CACHE_HOME=$cache SystemRoot='C:\Mine' run os-system dirs
dirs_expected "$cache/xabi/windows" 'C:\Mine' >"$tmp/expected"
check user-systemroot "$tmp/expected"

# Eight processes making a fresh directory at once all find it complete.
race=$tmp/race
dirs_expected "$race/xabi/windows" >"$tmp/expected"
for i in 1 2 3 4 5 6 7 8; do
	(cd "$tmp" && XDG_CACHE_HOME=$race timeout 30 "$XABI" "$out/os-system.exe" dirs \
		>"$tmp/race$i.out" 2>&1; echo $? >"$tmp/race$i.rc") &
done
wait
ok=1
for i in 1 2 3 4 5 6 7 8; do
	if [ "$(cat "$tmp/race$i.rc")" != 0 ] || ! tr -d '\r' <"$tmp/race$i.out" | cmp -s - "$tmp/expected"; then
		ok=0
		echo "FAIL $T/made-at-once: process $i: $(head -c 200 "$tmp/race$i.out")"
		break
	fi
done
[ $ok = 1 ] && echo "PASS $T/made-at-once"

# A cache that cannot be written: /tmp/xabi-UID, private to the user.
XDG_CACHE_HOME=/proc/xabi-no-cache run os-system dirs
dirs_expected "/tmp/xabi-$(id -u)/windows" >"$tmp/expected"
check tmp-fallback "$tmp/expected"

# The computer's names: the host's name (Microsoft: NetBIOS upper-cased, at most 15 characters).
node=$(uname -n)
host=${node%%.*}
domain=
[ "$host" != "$node" ] && domain=${node#*.}
netbios=$(printf '%s' "${host:0:15}" | tr '[:lower:]' '[:upper:]')
{
	echo "GetComputerName: 1 \"$netbios\" ${#netbios}, wide the same length"
	for k in 0 1 2 3 4 5 6 7; do
		case $((k % 4)) in
		0) v=$netbios ;; 1) v=$host ;; 2) v=$domain ;; 3) v=$node ;;
		esac
		echo "kind $k: 1 \"$v\" ${#v}, wide the same"
	done
	echo "GetComputerName, room for 1: 0 error 111 size $((${#netbios} + 1))" # ERROR_BUFFER_OVERFLOW
	echo "GetComputerNameEx, room for 1: 0 error 234 size $((${#host} + 1))" # ERROR_MORE_DATA
	echo "GetComputerNameExW, no buffer: 0 error 234 size $((${#host} + 1))"
	echo "GetComputerNameEx, ComputerNameMax: 0 error 87" # ERROR_INVALID_PARAMETER
} >"$tmp/expected"
run os-system names
check computer-names "$tmp/expected"

# GetModuleFileName of a program started by a relative path: its full path.
mkdir -p "$tmp/run/sub"
rel=$(realpath --relative-to="$tmp/run/sub" "$out/os-system.exe")
(cd "$tmp/run/sub" && timeout 30 "$XABI" "./$rel" self >"$tmp/raw" 2>"$tmp/err")
rc=$?
tr -d '\r' <"$tmp/raw" >"$tmp/out"
winpath "$(realpath -s "$out/os-system.exe")" >"$tmp/expected"
echo >>"$tmp/expected"
check module-file-name "$tmp/expected"

# No SIGPIPE: writes to a pipe without a reader fail with ERROR_NO_DATA (232), also on stdout
# once its reader has gone (Microsoft: WriteFile on a pipe whose reader closed).
{ (sleep 0.5; exec timeout 30 "$XABI" "$out/os-system.exe" sigpipe 2>"$tmp/err"); echo $? >"$tmp/rc"; } | true
rc=$(cat "$tmp/rc")
printf 'write without a reader: 0 error 232\nwrite to stdout without a reader: 0 error 232\n' >"$tmp/expected"
tr -d '\r' <"$tmp/err" >"$tmp/out"
check no-sigpipe "$tmp/expected"

# A Linux child of a Windows program has the SIGPIPE disposition xabi was started with.
for how in default ignored; do
	trap_cmd=:
	[ $how = ignored ] && trap_cmd="trap '' PIPE"
	native=$(sh -c "$trap_cmd; sh -c 'grep SigIgn /proc/self/status'")
	(cd "$tmp" && sh -c "$trap_cmd; exec timeout 30 '$XABI' '$out/os-system.exe' child-sigpipe" \
		>"$tmp/raw" 2>"$tmp/err")
	rc=$?
	tr -d '\r' <"$tmp/raw" >"$tmp/out"
	printf '%s\n' "$native" >"$tmp/expected"
	check "child-sigpipe-$how" "$tmp/expected"
done

# CancelIoEx ends a ReadFile blocked on a pipe in another thread (ERROR_OPERATION_ABORTED, 995);
# with nothing to cancel it fails with ERROR_NOT_FOUND (1168), as Microsoft documents.
printf '%s\n' "CancelIoEx with nothing waiting: 0 error 1168" "CancelIoEx: 1" \
	"blocked ReadFile: 0 error 995" "reader ended: 1" >"$tmp/expected"
run os-system cancel
check cancel-blocking-read "$tmp/expected"
