# Turn the shim's .spec files into C: one export table per DLL, sorted by name (thunks/shim.h).
# Usage: LC_ALL=C awk -f thunks/genspec.awk libshim/*/*.spec > shim_exports.c
# A spec line (Wine's format, cut down):
#   ORD TYPE NAME(ARGS) [SYMBOL]   TYPE stdcall, cdecl or varargs: an ms_abi function
#   ORD extern NAME [SYMBOL]       a variable; the import holds its address
#   ORD stub NAME                  an export Windows has and xabi does not implement
# ORD is "@" or the export's ordinal. SYMBOL defaults to DLL_NAME (kernel32_GetLastError).
function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	failed = 1
	exit 1
}
FNR == 1 {
	n = split(FILENAME, parts, "/")
	dll = parts[n]
	sub(/\.spec$/, "", dll)
	if (dll !~ /^[a-z0-9_]+$/) fail("spec file names must be lower-case DLL names")
	dlls[++ndlls] = dll
	count[dll] = 0
}
/^#/ || /^[ \t]*$/ { next }
{
	if ($1 != "@" && $1 !~ /^[0-9]+$/) fail("expected @ or an ordinal, found '" $1 "'")
	ord = $1 == "@" ? 0 : $1 + 0
	type = $2
	if (type == "stdcall" || type == "cdecl" || type == "varargs") {
		if (!match($3, /^[A-Za-z_][A-Za-z0-9_]*\(/)) fail("expected NAME(ARGS)")
		name = substr($3, 1, RLENGTH - 1)
		line = $0
		sub(/^[^(]*\(/, "", line)
		if (!match(line, /\)/)) fail("unterminated argument list")
		args = substr(line, 1, RSTART - 1)
		rest = substr(line, RSTART + 1)
		gsub(/^[ \t]+|[ \t]+$/, "", rest)
		kind = "SHIM_FUNC"
		sym = rest != "" ? rest : dll "_" name
	} else if (type == "extern") {
		name = $3
		args = ""
		kind = "SHIM_DATA"
		sym = NF >= 4 ? $4 : dll "_" name
	} else if (type == "stub") {
		name = $3
		args = ""
		kind = "SHIM_STUB"
		sym = ""
	} else {
		fail("unknown export type '" type "'")
	}
	if (name !~ /^[A-Za-z_?@$][A-Za-z0-9_?@$]*$/) fail("bad export name '" name "'")
	if ((dll, name) in seen) fail("export " name " appears twice")
	seen[dll, name] = 1
	i = ++count[dll]
	ename[dll, i] = name
	eord[dll, i] = ord
	ekind[dll, i] = kind
	esym[dll, i] = sym
	eargs[dll, i] = args
}
END {
	if (failed) exit 1
	print "/* Generated from the libshim .spec files by thunks/genspec.awk. Do not edit. */"
	print "#include \"../../thunks/shim.h\""
	print ""
	for (d = 1; d <= ndlls; d++) {
		dll = dlls[d]
		for (i = 1; i <= count[dll]; i++) {
			if (ekind[dll, i] == "SHIM_FUNC") print "void " esym[dll, i] "(void);"
			else if (ekind[dll, i] == "SHIM_DATA") print "extern char " esym[dll, i] "[];"
		}
	}
	for (d = 1; d <= ndlls; d++) {
		dll = dlls[d]
		n = count[dll]
		for (i = 1; i <= n; i++) idx[i] = i
		for (i = 2; i <= n; i++) { # insertion sort by name (C locale: strcmp's order)
			v = idx[i]
			for (j = i - 1; j >= 1 && ename[dll, idx[j]] > ename[dll, v]; j--) idx[j + 1] = idx[j]
			idx[j + 1] = v
		}
		printf "\nstatic const struct shim_export %s_exports[] = {\n", dll
		for (i = 1; i <= n; i++) {
			k = idx[i]
			addr = ekind[dll, k] == "SHIM_STUB" ? "0" : "(void *)" esym[dll, k]
			printf "\t{ \"%s\", %s, %d, %s, \"%s\" },\n", ename[dll, k], addr, eord[dll, k],
			       ekind[dll, k], eargs[dll, k]
		}
		print "};"
	}
	print "\nconst struct shim_dll shim_dlls[] = {"
	for (d = 1; d <= ndlls; d++)
		printf "\t{ \"%s.dll\", %s_exports, %d },\n", dlls[d], dlls[d], count[dlls[d]]
	print "};"
	printf "const unsigned shim_ndlls = %d;\n", ndlls
}
