#!/bin/sh
# Builds one Go program of the compat suite (each compat/src/go-NAME/ is its own module, no
# third-party dependencies) as a static binary for one OS.
#
#   sh gobuild.sh GOOS SRCDIR OUT       e.g. sh gobuild.sh freebsd compat/src/go-hello /tmp/hello
#
# Go needs a writable build cache: when GOCACHE is not set and the default one (under $HOME)
# cannot be used, $TMPDIR/xabi-gocache is used; GOPATH likewise. Never touches the network
# (GOPROXY=off), ignores any go.work above, and stamps no VCS information (which would need git
# and a repository owned by the builder).
set -eu
if [ $# -ne 3 ]; then
    echo "usage: gobuild.sh GOOS SRCDIR OUT" >&2
    exit 2
fi
goos=$1 src=$2 out=$3
case $out in /*) ;; *) out=$(pwd)/$out ;; esac
tmp=${TMPDIR:-/tmp}

usable() {  # a directory we can create (if needed) and write to
    [ -n "$1" ] && [ "$1" != off ] && mkdir -p "$1" 2>/dev/null && [ -w "$1" ]
}
if [ -z "${GOCACHE:-}" ]; then
    c=$(go env GOCACHE 2>/dev/null || true)
    usable "$c" || c=$tmp/xabi-gocache
    export GOCACHE="$c"
fi
if [ -z "${GOPATH:-}" ]; then
    p=$(go env GOPATH 2>/dev/null || true)
    usable "$p" || p=$tmp/xabi-gopath
    export GOPATH="$p"
fi

cd "$src"
exec env CGO_ENABLED=0 GOOS="$goos" GOARCH=amd64 GO111MODULE=on GOWORK=off GOPROXY=off \
    GOFLAGS=-mod=mod go build -trimpath -buildvcs=false -o "$out" .
