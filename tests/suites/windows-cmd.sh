#!/usr/bin/env bash
# xabi's built-in Windows programs (libshim/system32/, libshim/README.md "Built-in Windows
# programs") and the PATH rule for Windows programs (libshim/README.md, "The environment").
# cmd.exe /c: echo, cd, exit N, the quote rule, a pipeline, redirections, &&/||, mklink, an unknown
# command's message and status (also as a Windows parent sees it), what is refused; hostname.exe
# against the host's name; the PATH, COMSPEC and PATHEXT a Windows program sees, built here from
# the host PATH by the documented rule, and the host form again in a Linux child it starts.
# Where Wine's cmd should agree (echo, cd, exit's status), its output is compared too when Wine
# is installed. Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=windows-cmd
. tests/lib/mingw.sh
mingw_ready || exit 0
build cmd-env || exit 0

# A Windows directory of our own, so that its system32 links are made by this xabi.
export XDG_CACHE_HOME=$tmp/cache
windir=$XDG_CACHE_HOME/xabi/windows
winpath() { printf 'Z:%s' "${1//\//\\}"; }
hostpath=/usr/local/bin:/usr/bin:relative::/bin # the relative and empty entries are left out

# same LABEL EXPECTED ACTUAL [STATUS WANT]: a PASS or FAIL line.
same() {
	if [ "$3" != "$2" ]; then
		echo "FAIL $T/$1: got $(printf %q "$3"), want $(printf %q "$2")"
	elif [ $# -ge 5 ] && [ "$4" != "$5" ]; then
		echo "FAIL $T/$1: status $4, not $5"
	else
		echo "PASS $T/$1"
	fi
}

# Running any Windows program makes the links; cmd-env also reports its environment.
PATH=$hostpath run cmd-env env
printf 'PATH=%s;%s;Z:\\usr\\local\\bin;Z:\\usr\\bin;Z:\\bin\nCOMSPEC=%s\\cmd.exe\n' \
	"$(winpath "$windir/system32")" "$(winpath "$windir")" "$(winpath "$windir/system32")" \
	>"$tmp/expected"
echo 'PATHEXT=.COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC' >>"$tmp/expected"
same windows-path "$(cat "$tmp/expected")" "$(cat "$tmp/out")" "$rc" 0
o=$(timeout 30 env PATH='C:\Own;Z:\bin' COMSPEC=mine PATHEXT=.EXE "$XABI" "$out/cmd-env.exe" env)
same windows-path-kept $'PATH=C:\\Own;Z:\\bin\nCOMSPEC=mine\nPATHEXT=.EXE' "$(tr -d '\r' <<<"$o")"
PATH=$hostpath run cmd-env run "/bin/sh -c \"echo \$PATH\""
same host-child-path "$(printf '%s\nexit code: 0' /usr/local/bin:/usr/bin:/bin)" "$(cat "$tmp/out")"

cmd=$windir/system32/cmd.exe
for f in cmd.exe hostname.exe; do
	[ "$(readlink "$windir/system32/$f")" = "$(readlink -f "$XABI")" ] || echo "FAIL $T/links: $f"
done

mkdir -p "$tmp/dir with space" "$tmp/run"
cp "$out/cmd-env.exe" "$tmp/run/" # found in the current directory, with PATHEXT's .EXE
cd "$tmp/run" || exit 1
# c ARGS...: cmd.exe ARGS under xabi (as the link, argv[0]'s name): raw stdout in $o, status $s.
c() { timeout 30 "$cmd" "$@" >"$tmp/raw" 2>"$tmp/err"; s=$?; o=$(bytes "$tmp/raw"); }
# bytes FILE: its contents as cat -A shows them (CR as ^M, each line's end as $).
bytes() { cat -A "$1"; }
c /c echo hello world
same echo 'hello world^M$' "$o"
c /c echo.
same echo-dot '^M$' "$o"
c /c "echo a b"
same quote-rule 'a b^M$' "$o"
c /c cd
same cd "$(winpath "$tmp/run")^M\$" "$o"
c /c "cd /d ..\\dir with space && cd"
same cd-change "$(winpath "$tmp/dir with space")^M\$" "$o"
c /c exit 88
same exit 88 "$s"
c "/c exit 7" # one argument, as Go's exec.Command("cmd", "/c exit 7") passes it
same exit-one-argument 7 "$s"
c /c "echo one| cmd-env stdin"
same pipeline 'stdin: one^M$' "$o"
c /c "echo first>f.txt& echo second>>f.txt&cmd-env stdin <f.txt"
same redirections $'stdin: first^M$\nstdin: second^M$' "$o"
same redirected-bytes $'first^M$\nsecond^M$' "$(bytes f.txt)"
# cmd's message for an unknown command (Microsoft's wording), as bytes shows it.
unknown="'nosuch' is not recognized as an internal or external command,^M\$"$'\n'"operable program or batch file.^M\$"
c /c "nosuch 2>err.txt || echo failed"
same stderr-redirection "$unknown" "$(bytes err.txt)"
same or-after-failure 'failed^M$' "$o"
c /c "nosuch 2>&1 | cmd-env stdin"
same stderr-to-stdout "stdin: 'nosuch' is not recognized as an internal or external command,^M\$"$'\n'"stdin: operable program or batch file.^M\$" "$o"
c /c nosuch
same unknown-command "$unknown" "$(bytes "$tmp/err")" "$s" $((9009 & 255))
run cmd-env run "cmd /c nosuch" # the Windows parent sees the host status, 9009's low byte
same unknown-command-windows-parent "exit code: $((9009 & 255))" "$(cat "$tmp/out")"
run cmd-env run "cmd /c echo from a Windows parent"
same windows-parent $'from a Windows parent\nexit code: 0' "$(cat "$tmp/out")"
mkdir target
c /c "mklink /D link target && mklink rel target\\f && mklink /H hard f.txt"
same mklink $'symbolic link created for link <<===>> target^M$\nsymbolic link created for rel <<===>> target\\f^M$\nHardlink created for hard <<===>> f.txt^M$' "$o"
same mklink-links "target target/f $(stat -c %i f.txt)" "$(readlink link) $(readlink rel) $(stat -c %i hard)"
c /c mklink link target
same mklink-exists 'Cannot create a file when that file already exists.^M$' "$(bytes "$tmp/err")" "$s" 1
c /c mklink /?
same mklink-usage "has /D" "$(grep -q ' /D ' "$tmp/raw" && echo has /D)" "$s" 0
c /k echo no
same slash-k-refused 2 "$s"
c
same interactive-refused 2 "$s"
printf 'echo hi\r\n' >b.bat
c /c b
same batch-refused 'xabi: cmd: batch files are not supported: b^M$' "$(bytes "$tmp/err")" "$s" 2
o=$(timeout 30 "$XABI" --argv0=cmd "$cmd" /c echo as a program; echo .)
same xabi-given-the-link 'as a program^M$' "$(printf %s "${o%.}" | cat -A)"
ln -s "$XABI" other.exe
timeout 30 "$XABI" other.exe 2>/dev/null
same not-a-built-in 122 "$?"

h=$(hostname)
o=$(timeout 30 "$windir/system32/hostname.exe"; echo .)
same hostname "${h%%.*}^M\$" "$(printf %s "${o%.}" | cat -A)"
timeout 30 "$windir/system32/hostname.exe" -s 2>/dev/null
same hostname-arguments 1 "$?"

# Wine's cmd, where it should agree (its Z: is the host's / too).
if command -v wine >/dev/null; then
	w() {
		WINEDEBUG=-all timeout 60 wine cmd "$@" >"$tmp/raw" 2>/dev/null
		s=$?
		o=$(bytes "$tmp/raw")
	}
	for args in "/c echo hello world" "/c echo." "/c cd"; do
		w $args; want=$o
		c $args
		same "wine ${args// /-}" "$want" "$o"
	done
	w /c exit 88
	same wine-exit 88 "$s"
else
	echo "SKIP $T/wine: wine is not installed"
fi
