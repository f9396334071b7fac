# The trap-path rule (syscall/README.md): code that runs in host signal handlers uses no libc state.
# Its objects may call only pure memory/string functions, and those must not touch %fs (musl's
# libc.a is built with the stack protector, whose canary lives at %fs:0x28).
set -u
pure="memcpy memmove memset memcmp strlen strnlen strcpy strcmp"
objs=$(ls build/obj/syscall/*.o build/obj/abi/*/*.o build/obj/loader/detect.c.o)
defined=$(nm --defined-only $objs | awk 'NF == 3 { print $3 }' | sort -u)
bad=$(nm --undefined-only $objs | awk 'NF == 2 { print $2 }' | sort -u |
	grep -vxF -f <(printf "%s\n" $defined $pure _GLOBAL_OFFSET_TABLE_) || true)
if [ -z "$bad" ]; then
	echo "PASS trap-path objects call only: $pure"
else
	echo "FAIL trap-path objects call libc beyond the pure functions: $(echo $bad)"
fi
for f in $pure; do
	body=$(objdump -d --no-show-raw-insn build/xabi | awk -v f="<$f>:" '$2 == f { p = 1; next } /^$/ { p = 0 } p')
	if [ -z "$body" ]; then
		echo "SKIP $f does not touch %fs: not linked in"
	elif grep -q '%fs' <<<"$body"; then
		echo "FAIL $f does not touch %fs"
	else
		echo "PASS $f does not touch %fs"
	fi
done
