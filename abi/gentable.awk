# Turn an ABI's syscall table file into C: one struct sysent per row (abi.h).
# Usage: awk -v abi=NAME -f abi/gentable.awk abi/NAME/syscalls.tbl > NAME_table.h
# The output defines a static array, to be included by the one file that builds struct abi.
# Handler words: "pass" -> NAME_pass, "-" -> not implemented (NULL), "x" -> NAME_sys_x,
# "=name" -> trap_forward_row with the host's SYS_name (the same call under another number).
BEGIN {
	FS = "\t"
	split("int uint long ulong hex ptr fd atfd size off path str ibuf obuf mode exit pid argv envp " \
	      "sigset timespec sockaddr sig oflags atflags prot mflags clone sighow fcntl whence " \
	      "futexop af socktype", kinds, " ")
	for (i in kinds)
		kind[kinds[i]] = "AK_" toupper(kinds[i])
	flagbit["noreturn"] = "SYF_NORETURN"
	flagbit["intr"] = "SYF_INTR"
	flagbit["retptr"] = "SYF_RETPTR"
	max = -1
}
function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	failed = 1
	exit 1
}
/^#/ || /^[ \t]*$/ { next }
{
	if (NF != 5) fail("expected 5 tab-separated columns, found " NF)
	nr = $1 + 0
	if ($1 !~ /^[0-9]+$/) fail("bad number '" $1 "'")
	if (nr in name) fail("number " nr " appears twice")
	name[nr] = $2
	host[nr] = "0"
	if ($3 == "-") handler[nr] = "0"
	else if ($3 == "pass") handler[nr] = abi "_pass"
	else if ($3 ~ /^=[a-z0-9_]+$/) { handler[nr] = "trap_forward_row"; host[nr] = "SYS_" substr($3, 2) }
	else if ($3 ~ /^[a-z0-9_]+$/) handler[nr] = abi "_sys_" $3
	else fail("bad handler '" $3 "'")
	if (handler[nr] != "0" && handler[nr] != "trap_forward_row") used[handler[nr]] = 1

	fl = "0"
	if ($4 != "-") {
		n = split($4, f, "|")
		for (i = 1; i <= n; i++) {
			if (!(f[i] in flagbit)) fail("unknown flag '" f[i] "'")
			fl = fl "|" flagbit[f[i]]
		}
	}
	flags[nr] = fl

	args[nr] = ""
	nargs[nr] = 0
	if ($5 != "void") {
		n = split($5, a, /, */)
		if (n > 6) fail("more than six arguments")
		for (i = 1; i <= n; i++) {
			k = a[i]; ref = 0
			if (k ~ /:/) { split(k, kr, ":"); k = kr[1]; ref = kr[2] }
			if (!(k in kind)) fail("unknown argument kind '" a[i] "'")
			args[nr] = args[nr] sprintf("%s{%s, %d}", i > 1 ? ", " : "", kind[k], ref)
		}
		nargs[nr] = n
	}
	if (nr > max) max = nr
}
END {
	if (failed) exit 1
	print "/* Generated from abi/" abi "/syscalls.tbl by abi/gentable.awk. Do not edit. */"
	print "#include <sys/syscall.h>"
	for (h in used) print "sys_handler " h ";"
	print ""
	print "static const struct sysent " abi "_sysent[] = {"
	for (nr = 0; nr <= max; nr++) {
		if (!(nr in name)) continue
		printf "\t[%d] = { \"%s\", %s, %s, %d, { %s }, %s },\n", nr, name[nr], handler[nr], flags[nr], nargs[nr], args[nr], host[nr]
	}
	print "};"
}
