#!/usr/bin/env bash
# advapi32's read-only registry and the time zones (tests/windows/reg-*.c under xabi): opening
# keys, values, enumeration, key information and their error codes as Microsoft documents them
# (reg-keys.expected; Wine 8 agrees wherever its registry has the same key and values); then
# GetTimeZoneInformation for several host zones (TZ) against Python's zoneinfo for the same zone
# this year (tests/windows/reg-tz.py), with the Windows names Microsoft's "Default Time Zones"
# gives them; then a Go program (tests/windows/go-time) built for Linux and for Windows must print
# the same local times and zone abbreviations. Go's own time tests: tests/suites/gostd.sh.
# Prints PASS/FAIL/SKIP lines (tests/run).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=windows-registry
. tests/lib/mingw.sh
mingw_ready || exit 0

if build reg-keys -lntdll; then
	run reg-keys
	expect reg-keys
fi

# IANA zone | Windows key | its standard name | its daylight name
zones=(
	"UTC|UTC|Coordinated Universal Time|Coordinated Universal Time"
	"Europe/Berlin|W. Europe Standard Time|W. Europe Standard Time|W. Europe Daylight Time"
	"America/Los_Angeles|Pacific Standard Time|Pacific Standard Time|Pacific Daylight Time"
	"Australia/Sydney|AUS Eastern Standard Time|AUS Eastern Standard Time|AUS Eastern Daylight Time"
	"America/St_Johns|Newfoundland Standard Time|Newfoundland Standard Time|Newfoundland Daylight Time"
	"Asia/Tokyo|Tokyo Standard Time|Tokyo Standard Time|Tokyo Daylight Time"
	"Asia/Kolkata|India Standard Time|India Standard Time|India Daylight Time"
)
if ! python3 -c 'import zoneinfo; zoneinfo.ZoneInfo("Europe/Berlin")' 2>/dev/null; then
	echo "SKIP $T/timezone: python3 with zoneinfo and the host's tzdata is needed for the reference"
elif build reg-tz; then
	for z in "${zones[@]}"; do
		IFS='|' read -r zone key std dlt <<<"$z"
		TZ=$zone run reg-tz
		python3 tests/windows/reg-tz.py "$zone" "$key" "$std" "$dlt" >"$tmp/ref"
		if [ "$rc" != 0 ]; then
			echo "FAIL $T/timezone $zone: status $rc: $(head -c 300 "$tmp/err")"
		elif ! diff -u "$tmp/ref" "$tmp/out" >"$tmp/diff"; then
			echo "FAIL $T/timezone $zone: differs from zoneinfo: $(grep '^[-+][^-+]' "$tmp/diff" | head -4 | tr '\n' ' ')"
		else
			echo "PASS $T/timezone $zone"
		fi
	done
fi

# The Go program: the Linux build's output under the same TZ is the reference.
if ! command -v go >/dev/null; then
	echo "SKIP $T/go-time: go is not installed"
	exit 0
fi
gosrc=tests/windows/go-time/main.go
if ! (export GO111MODULE=off CGO_ENABLED=0 GOARCH=amd64
	GOOS=linux go build -o "$out/go-time-linux" "$gosrc" &&
		GOOS=windows go build -o "$out/go-time.exe" "$gosrc") >"$tmp/go.log" 2>&1; then
	echo "FAIL $T/go-time build: $(head -3 "$tmp/go.log" | tr '\n' ' ')"
	exit 0
fi
for zone in UTC Europe/Berlin America/Los_Angeles Australia/Sydney Asia/Kathmandu America/St_Johns; do
	TZ=$zone timeout 30 "$out/go-time-linux" >"$tmp/go-native.out" 2>&1 </dev/null
	TZ=$zone timeout 60 "$XABI" "$out/go-time.exe" </dev/null >"$tmp/go-win.out" 2>"$tmp/go-win.err"
	rc=$?
	if [ "$rc" != 0 ]; then
		echo "FAIL $T/go-time $zone: status $rc: $(head -c 300 "$tmp/go-win.err")"
	elif ! diff -u "$tmp/go-native.out" <(tr -d '\r' <"$tmp/go-win.out") >"$tmp/diff"; then
		echo "FAIL $T/go-time $zone: differs from the Linux build: $(grep '^[-+][^-+]' "$tmp/diff" | head -4 | tr '\n' ' ')"
	else
		echo "PASS $T/go-time $zone"
	fi
done
