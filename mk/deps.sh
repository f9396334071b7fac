#!/usr/bin/env bash
# usage: mk/deps.sh BUILD_DIR
#
# Builds static musl copies of zlib, libffi and elfutils' libelf from Debian's
# source packages (apt-get source; needs a deb-src entry, which
# mk/install-deps.sh sets up) and installs them as
#   BUILD_DIR/deps/lib/{libz,libffi,libelf}.a
#   BUILD_DIR/deps/include/{zlib,zconf,ffi,ffitarget,libelf,gelf,nlist}.h
#   BUILD_DIR/deps/include/{linux,asm,asm-generic} -> the kernel's uapi headers
# Everything is compiled as PIE without stack protector, ready to be linked
# into xabi's static-pie (see mk/README.md).
#
# BUILD_DIR/deps/.stamp records the source package versions and a hash of this
# script; while both match, nothing is rebuilt.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 BUILD_DIR" >&2
    exit 2
fi
mkdir -p "$1/deps"
out=$(cd "$1/deps" && pwd)
stamp=$out/.stamp
packages=(zlib libffi elfutils)

# The .dsc names (package_version.dsc) apt would fetch now; no download.
if ! dscs=$(apt-get source --print-uris -qq "${packages[@]}" 2>&1); then
    echo "$dscs" >&2
    echo "deps: cannot resolve source packages; run mk/install-deps.sh" >&2
    exit 1
fi
want="$(awk '$2 ~ /\.dsc$/ {print $2}' <<<"$dscs")
recipe $(sha256sum <"${BASH_SOURCE[0]}" | cut -d' ' -f1)"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    exit 0
fi

cd "$out"
rm -rf src include lib log .stamp
mkdir src include lib log
echo "deps: building $(awk '/\.dsc$/ {sub(/\.dsc$/, ""); printf "%s ", $0}' <<<"$want")(logs in $out/log)"
start=$SECONDS

# run LOG CMD...: run CMD with its output appended to log/LOG.log; on failure
# show the end of that log and stop.
run() {
    local log=$out/log/$1.log
    shift
    if ! "$@" >>"$log" 2>&1; then
        echo "deps: failed: $*" >&2
        echo "--- last lines of $log:" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
}

cflags="-O2 -fno-stack-protector -fPIE"

# musl-gcc searches only musl's headers, not /usr/include, so the kernel uapi
# headers that libffi's static trampolines (and xabi itself) need are linked
# in here. Only these three directories: the rest of /usr/include is glibc's.
multiarch=$(gcc -print-multiarch)
ln -s /usr/include/linux "$out/include/linux"
ln -s "/usr/include/$multiarch/asm" "$out/include/asm"
ln -s /usr/include/asm-generic "$out/include/asm-generic"

cd "$out/src"
run fetch apt-get source -q "${packages[@]}"

# zlib: its configure is not autoconf; it builds in the source tree.
cd "$out"/src/zlib-*/
run zlib env CC=musl-gcc CFLAGS="$cflags" ./configure --static
run zlib make -j2 libz.a
cp libz.a "$out/lib/"
cp zlib.h zconf.h "$out/include/"

# libffi. --without-gcc-arch: otherwise configure tunes for the build CPU
# (-march=native-like flags) and the library may fault on other machines.
# Static trampolines (the default) stay enabled: closures then map trampoline
# code from the executable file instead of needing a writable+executable page.
cd "$out"/src/libffi-*/
mkdir build
cd build
run libffi env CC=musl-gcc CFLAGS="$cflags" CPPFLAGS="-isystem $out/include" \
    ../configure --disable-shared --enable-static --disable-docs --without-gcc-arch
run libffi make -j2
cp .libs/libffi.a "$out/lib/"
cp include/ffi.h include/ffitarget.h "$out/include/"

# elfutils: only libelf. The rest of elfutils needs argp, fts and obstack,
# which musl lacks; telling configure they need no library lets it finish,
# and libelf itself uses none of them. It needs zlib (built above).
cd "$out"/src/elfutils-*/
run libelf env CC=musl-gcc CFLAGS="$cflags" CPPFLAGS="-I$out/include" LDFLAGS="-L$out/lib" \
    ./configure --disable-debuginfod --disable-libdebuginfod --disable-nls \
    --without-bzlib --without-lzma --without-zstd \
    ac_cv_search_argp_parse="none required" \
    ac_cv_search_fts_close="none required" \
    ac_cv_search__obstack_free="none required"
run libelf make -j2 -C libelf libelf.a
cp libelf/libelf.a "$out/lib/"
cp libelf/libelf.h libelf/gelf.h libelf/nlist.h "$out/include/"

echo "$want" >"$stamp"
echo "deps: done in $((SECONDS - start))s"
