/* DLLs under xabi (tests/suites/windows-dll.sh): dll-a.dll imported by name and by ordinal, its
 * forwarders, DllMain order at start-up, LoadLibrary/GetProcAddress/FreeLibrary of dll-dyn.dll
 * (and the dll-c.dll it needs) with their DllMain traces, errors, GetModuleHandle(Ex),
 * GetModuleFileName, the shim's kernel32.dll as a module, two DLLs with one preferred base, TLS
 * indexes and data, and the detach order at exit. Expected: dll-main.expected (Microsoft's
 * documented behaviour: DllMain's entry-point rules, LoadLibraryEx, GetModuleFileName's
 * truncation, GetModuleHandleEx). Wine 8 agrees on every line but GetModuleFileName's
 * truncation, where it leaves the buffer without a NUL as Windows XP did; Microsoft documents
 * the NUL for later versions. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

extern IMAGE_DOS_HEADER __ImageBase;
__declspec(dllimport) int a_twice(int);
__declspec(dllimport) int a_ordinal_only(void);
__declspec(dllimport) ULONG a_tls_index(void);
__declspec(dllimport) DWORD a_fwd_shim(void);
__declspec(dllimport) int a_fwd_b(int, int);
__declspec(dllimport) int a_fwd_ord(int, int);
extern ULONG _tls_index;

typedef int fn_int(int);
typedef int fn_void(void);
typedef ULONG fn_ulong(void);

static void check(const char *what, int ok)
{
	printf("%s: %s\n", what, ok ? "yes" : "NO");
}

/* The last path component, whichever separator the path uses. */
static const char *base(const char *p)
{
	const char *s = strrchr(p, '/'), *b = strrchr(p, '\\');
	return s > b ? s + 1 : b ? b + 1 : p;
}

static void imports(void)
{
	printf("a_twice(21) = %d\n", a_twice(21));
	printf("a_ordinal_only() = %d\n", a_ordinal_only());
	check("a_fwd_shim is kernel32's GetCurrentProcessId", a_fwd_shim() == GetCurrentProcessId());
	printf("a_fwd_b(2, 3) = %d\n", a_fwd_b(2, 3));
	printf("a_fwd_ord(4, 5) = %d\n", a_fwd_ord(4, 5));
	HMODULE a = GetModuleHandleA("dll-a.dll"), b = GetModuleHandleA("dll-b");
	check("GetProcAddress(a_fwd_b) is dll-b's b_add",
	      GetProcAddress(a, "a_fwd_b") == GetProcAddress(b, "b_add"));
	check("GetProcAddress(a_fwd_ord) is dll-b's ordinal 7",
	      GetProcAddress(a, "a_fwd_ord") == GetProcAddress(b, MAKEINTRESOURCEA(7)));
	check("GetProcAddress(a, #5) is a_ordinal_only",
	      GetProcAddress(a, MAKEINTRESOURCEA(5)) == (FARPROC)a_ordinal_only);
}

static void dynamic(void)
{
	SetLastError(0);
	HMODULE h = LoadLibraryA("dll-dyn"); /* ".dll" implied */
	check("LoadLibrary(dll-dyn)", h != NULL);
	fn_int *value = (fn_int *)GetProcAddress(h, "dyn_value");
	fn_void *by_ordinal = (fn_void *)GetProcAddress(h, MAKEINTRESOURCEA(3));
	fn_void *tls_value = (fn_void *)GetProcAddress(h, "dyn_tls_value");
	fn_ulong *tls_index = (fn_ulong *)GetProcAddress(h, "dyn_tls_index");
	printf("dyn_value(4) = %d\n", value ? value(4) : -1);
	printf("ordinal 3 = %d\n", by_ordinal ? by_ordinal() : -1);
	printf("TLS data of the loaded DLL = %d\n", tls_value ? tls_value() : -1);
	ULONG indexes[3] = { _tls_index, a_tls_index(), tls_index ? tls_index() : 0 };
	check("TLS indexes distinct", indexes[0] != indexes[1] && indexes[1] != indexes[2] &&
					      indexes[0] != indexes[2]);
	void **vector;
	__asm__("movq %%gs:0x58, %0" : "=r"(vector)); /* TEB.ThreadLocalStoragePointer */
	check("a TLS block for each", vector[indexes[0]] && vector[indexes[1]] && vector[indexes[2]]);

	SetLastError(0);
	FARPROC none = GetProcAddress(h, "no_such_export");
	printf("GetProcAddress(no_such_export) = %s, error %lu\n", none ? "found" : "NULL",
	       GetLastError());
	SetLastError(0);
	none = GetProcAddress(h, MAKEINTRESOURCEA(99));
	printf("GetProcAddress(#99) = %s, error %lu\n", none ? "found" : "NULL", GetLastError());

	HMODULE again = LoadLibraryA("DLL-DYN.DLL"); /* any case: the same module, no new attach */
	check("LoadLibrary(DLL-DYN.DLL) is the same module", again == h);
	printf("FreeLibrary: %d\n", FreeLibrary(again));
	check("still loaded after one FreeLibrary", GetModuleHandleA("dll-dyn") == h);
	printf("FreeLibrary: %d\n", FreeLibrary(h));
	SetLastError(0);
	check("unloaded after the second", GetModuleHandleA("dll-dyn") == NULL);
	printf("GetModuleHandle(dll-dyn) error %lu\n", GetLastError());
	SetLastError(0);
	check("dll-c unloaded with it", GetModuleHandleA("dll-c.dll") == NULL);
}

static void errors(void)
{
	SetLastError(0);
	HMODULE h = LoadLibraryA("no-such-dll.dll");
	printf("LoadLibrary(no-such-dll.dll) = %s, error %lu\n", h ? "loaded" : "NULL", GetLastError());
	SetLastError(0);
	h = LoadLibraryA("dll-false.dll");
	printf("LoadLibrary(dll-false.dll) = %s, error %lu\n", h ? "loaded" : "NULL", GetLastError());
	check("dll-false not loaded", GetModuleHandleA("dll-false.dll") == NULL);

	/* LoadLibraryEx: the search flags, and flags Microsoft says cannot be combined. */
	h = LoadLibraryExA("dll-c.dll", NULL, LOAD_LIBRARY_SEARCH_APPLICATION_DIR);
	check("LoadLibraryEx(dll-c, SEARCH_APPLICATION_DIR)", h != NULL);
	printf("FreeLibrary: %d\n", FreeLibrary(h));
	SetLastError(0);
	h = LoadLibraryExA("dll-c.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
	printf("LoadLibraryEx(dll-c, SEARCH_SYSTEM32) = %s, error %lu\n", h ? "loaded" : "NULL",
	       GetLastError());
	check("LoadLibraryEx(kernel32, SEARCH_SYSTEM32)",
	      LoadLibraryExA("kernel32.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32) ==
		      GetModuleHandleA("kernel32.dll"));
	SetLastError(0);
	h = LoadLibraryExA("dll-c.dll", NULL,
			   LOAD_WITH_ALTERED_SEARCH_PATH | LOAD_LIBRARY_SEARCH_APPLICATION_DIR);
	printf("LoadLibraryEx(ALTERED_SEARCH_PATH | SEARCH_APPLICATION_DIR) = %s, error %lu\n",
	       h ? "loaded" : "NULL", GetLastError());
}

static void handles(void)
{
	HMODULE a = GetModuleHandleA("dll-a.dll");
	check("GetModuleHandle(NULL) is the program", GetModuleHandleA(NULL) == (HMODULE)&__ImageBase);
	check("GetModuleHandleW(NULL) too", GetModuleHandleW(NULL) == (HMODULE)&__ImageBase);
	check("GetModuleHandle(dll-a) without .dll", GetModuleHandleA("dll-a") == a && a);
	check("GetModuleHandle(DLL-A.DLL) in any case", GetModuleHandleA("DLL-A.DLL") == a);
	check("GetModuleHandleW(L\"dll-a.dll\")", GetModuleHandleW(L"dll-a.dll") == a);
	HMODULE m = NULL;
	check("GetModuleHandleEx(FROM_ADDRESS, a_twice) is dll-a",
	      GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
					 GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
				 (LPCSTR)a_twice, &m) && m == a);
	check("GetModuleHandleEx(FROM_ADDRESS, main's code) is the program",
	      GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
					 GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
				 (LPCSTR)handles, &m) && m == (HMODULE)&__ImageBase);
	check("GetModuleHandleEx(FROM_ADDRESS, GetLastError) is kernel32",
	      GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
					 GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
				 (LPCSTR)GetProcAddress(GetModuleHandleA("kernel32.dll"), "GetLastError"),
				 &m) && m == GetModuleHandleA("kernel32.dll"));
	int local;
	SetLastError(0);
	BOOL r = GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, (LPCSTR)&local, &m);
	printf("GetModuleHandleEx(FROM_ADDRESS, a stack address) = %d, module %s, error %lu\n", r,
	       m ? "set" : "NULL", GetLastError());
	SetLastError(0);
	r = GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_PIN |
				       GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
			       "dll-a.dll", &m);
	printf("GetModuleHandleEx(PIN | UNCHANGED_REFCOUNT) = %d, error %lu\n", r, GetLastError());
	SetLastError(0);
	r = GetModuleHandleExA(0, "dll-a.dll", NULL);
	printf("GetModuleHandleEx(0, dll-a, NULL) = %d, error %lu\n", r, GetLastError());
	/* A reference taken by GetModuleHandleEx is one FreeLibrary gives back. */
	check("GetModuleHandleEx(0, dll-a) then FreeLibrary",
	      GetModuleHandleExA(0, "dll-a.dll", &m) && m == a && FreeLibrary(m) &&
		      GetModuleHandleA("dll-a.dll") == a);

	char path[MAX_PATH];
	DWORD n = GetModuleFileNameA(a, path, sizeof path);
	printf("GetModuleFileName(dll-a): %s, length %s\n", base(path),
	       n == strlen(path) ? "returned" : "WRONG");
	n = GetModuleFileNameA(NULL, path, sizeof path);
	printf("GetModuleFileName(NULL): %s\n", base(path));
	WCHAR wpath[MAX_PATH];
	DWORD wn = GetModuleFileNameW(a, wpath, MAX_PATH);
	check("GetModuleFileNameW is as long", wn == GetModuleFileNameA(a, path, sizeof path));
	char small[6] = "xxxxxx";
	SetLastError(0);
	n = GetModuleFileNameA(a, small, 5);
	printf("GetModuleFileName(size 5) = %lu, error %lu, NUL at 4: %s, prefix %s\n", n,
	       GetLastError(), small[4] == 0 ? "yes" : "no",
	       strncmp(small, path, 4) == 0 ? "right" : "wrong");
	WCHAR wsmall[5];
	SetLastError(0);
	n = GetModuleFileNameW(a, wsmall, 5);
	printf("GetModuleFileNameW(size 5) = %lu, error %lu, NUL at 4: %s\n", n, GetLastError(),
	       wsmall[4] == 0 ? "yes" : "no");
	SetLastError(0);
	n = GetModuleFileNameA((HMODULE)&local, path, sizeof path);
	printf("GetModuleFileName(not a module) = %lu, error %lu\n", n, GetLastError());
}

static void shim_module(void)
{
	HMODULE k = GetModuleHandleA("kernel32.dll");
	check("GetModuleHandle(kernel32.dll)", k != NULL);
	check("GetModuleHandle(KERNEL32) is the same", GetModuleHandleA("KERNEL32") == k);
	check("LoadLibrary(kernel32.dll) is the same", LoadLibraryA("kernel32.dll") == k);
	IMAGE_DOS_HEADER *dos = (IMAGE_DOS_HEADER *)k;
	IMAGE_NT_HEADERS64 *nt = (IMAGE_NT_HEADERS64 *)((char *)k + dos->e_lfanew);
	check("its DOS header", dos->e_magic == IMAGE_DOS_SIGNATURE);
	check("its PE headers", nt->Signature == IMAGE_NT_SIGNATURE &&
					nt->FileHeader.Machine == IMAGE_FILE_MACHINE_AMD64 &&
					nt->OptionalHeader.Magic == IMAGE_NT_OPTIONAL_HDR64_MAGIC);
	check("a DLL", (nt->FileHeader.Characteristics & IMAGE_FILE_DLL) != 0);
	check("an image size", nt->OptionalHeader.SizeOfImage != 0);
	check("GetProcAddress(kernel32, GetCurrentProcessId) is the import",
	      GetProcAddress(k, "GetCurrentProcessId") == (FARPROC)GetCurrentProcessId);
	SetLastError(0);
	FARPROC f = GetProcAddress(k, "NoSuchFunctionAnywhere");
	printf("GetProcAddress(kernel32, NoSuchFunctionAnywhere) = %s, error %lu\n",
	       f ? "found" : "NULL", GetLastError());
	check("FreeLibrary(kernel32)", FreeLibrary(k));
	check("still there", GetModuleHandleA("kernel32.dll") == k);
	char path[MAX_PATH];
	GetModuleFileNameA(k, path, sizeof path);
	printf("GetModuleFileName(kernel32): %s\n", base(path));
}

static void same_base(void)
{
	HMODULE r1 = LoadLibraryA("dll-r1.dll"), r2 = LoadLibraryA("dll-r2.dll");
	check("both load", r1 && r2 && r1 != r2);
	fn_void *v1 = (fn_void *)GetProcAddress(r1, "reloc_value");
	fn_void *v2 = (fn_void *)GetProcAddress(r2, "reloc_value");
	void *(*b1)(void) = (void *(*)(void))GetProcAddress(r1, "reloc_base");
	void *(*b2)(void) = (void *(*)(void))GetProcAddress(r2, "reloc_base");
	printf("values %d %d\n", v1 ? v1() : -1, v2 ? v2() : -1);
	check("each knows its base", b1 && b2 && b1() == (void *)r1 && b2() == (void *)r2);
	check("one at the preferred base 0x6f000000",
	      (r1 == (HMODULE)0x6f000000) + (r2 == (HMODULE)0x6f000000) == 1);
}

int main(void)
{
	printf("main\n");
	imports();
	dynamic();
	errors();
	handles();
	shim_module();
	same_base();
	printf("main returns\n");
	fflush(stdout);
	return 0;
}
