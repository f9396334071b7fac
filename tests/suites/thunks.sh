# thunks/: the missing-import closure (libffi, FFI_WIN64), built with xabi's own toolchain.
set -u
bin="$TESTS_BUILD/unit-thunk-missing"
if gcc -specs=mk/musl-static-pie.specs -std=gnu11 -O1 -fno-stack-protector -fPIE \
	-isystem build/deps/include -static-pie -o "$bin" tests/unit/thunk_missing.c thunks/missing.c \
	syscall/fmt.c -Lbuild/deps/lib -lffi 2>"$bin.log"; then
	"$bin"
else
	echo "FAIL build thunk unit test: $(head -n 3 "$bin.log")"
fi
