// C++ exceptions across a DLL boundary (cxx-dll-lib.cc), both modules using libstdc++ and libgcc
// as DLLs (libstdc++-6.dll, libgcc_s_seh-1.dll): thrown in the DLL and caught here by its own
// type and by a base class, thrown in a callback here and caught in the DLL, and passed back.
// The expected output is what the C++ standard requires; the same sources built for Linux (a
// shared library) print it too.
#include <cstdio>
#include <stdexcept>
#include <string>

struct LibError : std::runtime_error {
	int code;
	LibError(const std::string &what, int c) : std::runtime_error(what), code(c) {}
};
void lib_throw(int n);
int lib_call(void (*cb)(int), int n);

struct Trace {
	const char *name;
	explicit Trace(const char *n) : name(n) { std::printf("  exe enter %s\n", name); }
	~Trace() { std::printf("  exe leave %s\n", name); }
};

static void callback(int n)
{
	Trace t("callback");
	if (n > 0)
		throw std::runtime_error("callback refused " + std::to_string(n));
}

int main()
{
	std::printf("caught by type:\n");
	try {
		Trace t("try");
		lib_throw(2);
	} catch (const LibError &e) {
		std::printf("  caught LibError %d: %s\n", e.code, e.what());
	}
	std::printf("caught by base class:\n");
	try {
		lib_throw(5);
	} catch (const std::exception &e) {
		std::printf("  caught std::exception: %s\n", e.what());
	}
	std::printf("no exception:\n");
	lib_throw(1);
	std::printf("  returned %d\n", lib_call(callback, 0));
	std::printf("through a callback:\n");
	try {
		lib_call(callback, 7);
	} catch (const std::logic_error &e) {
		std::printf("  caught std::logic_error: %s\n", e.what());
	}
	return 0;
}
