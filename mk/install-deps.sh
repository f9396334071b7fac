#!/usr/bin/env bash
# Install the Debian packages the build needs; idempotent and quiet when
# nothing is missing. Runs unattended (CI=true, no stdin) as root, or via
# sudo otherwise.
set -euo pipefail

# musl toolchain; dpkg-dev for `apt-get source` (mk/deps.sh); clang/lld for
# the FreeBSD test programs; strace is the reference for the tracer's test;
# golang-go builds the Go guests of compat/ for linux and freebsd; mingw-w64
# (C and C++) builds the Windows guests; cmake, meson and ninja-build run the
# cross-build check (tests/suites/cross-build.sh), groff-base renders the man page.
# Configuring zlib, libffi and elfutils' libelf
# needs nothing more: elfutils only wants flex/bison/gawk in maintainer mode
# and pkg-config for debuginfod, which mk/deps.sh disables.
PACKAGES=(
    musl-tools build-essential dpkg-dev gawk
    python3 file clang lld strace golang-go
    gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64
    cmake meson ninja-build groff-base
)

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
export DEBIAN_FRONTEND=noninteractive

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Run an apt-get command quietly; show its output only if it fails.
apt_quiet() {
    if ! $SUDO apt-get -q -o Dpkg::Use-Pty=0 "$@" </dev/null >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        echo "install-deps: apt-get $1 failed" >&2
        exit 1
    fi
}

# `apt-get source` needs a deb-src entry; derive one from the deb822 file
# Debian 12 ships.
need_update=
if ! grep -qsE '^[[:space:]]*deb-src[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list &&
   ! grep -qsiE '^Types:.*deb-src' /etc/apt/sources.list.d/*.sources; then
    src=/etc/apt/sources.list.d/debian.sources
    if [ ! -f "$src" ]; then
        echo "install-deps: no deb-src entry and no $src to derive one from" >&2
        exit 1
    fi
    echo "install-deps: adding deb-src entries (debian-src.sources)"
    sed -E 's/^Types:.*/Types: deb-src/I' "$src" |
        $SUDO tee /etc/apt/sources.list.d/debian-src.sources >/dev/null
    need_update=1
fi
# An entry alone is not enough: the Sources index must have been fetched.
compgen -G '/var/lib/apt/lists/*_Sources*' >/dev/null || need_update=1

missing=()
for p in "${PACKAGES[@]}"; do
    # Not `dpkg -s` alone: it also succeeds for removed-but-not-purged packages.
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] ||
        missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] || need_update=1

if [ -n "$need_update" ]; then
    echo "install-deps: apt-get update"
    apt_quiet update
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "install-deps: installing ${missing[*]}"
    apt_quiet install -y --no-install-recommends "${missing[@]}"
fi
