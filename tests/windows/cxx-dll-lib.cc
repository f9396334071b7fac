// The DLL half of cxx-dll: C++ exceptions crossing a module boundary in both directions, with
// destructors of this module's frames running during the unwinding.
#include <cstdio>
#include <stdexcept>
#include <string>

#ifdef _WIN32
#define EXPORT __declspec(dllexport)
#else
#define EXPORT __attribute__((visibility("default")))
#endif

struct LibTrace {
	const char *name;
	explicit LibTrace(const char *n) : name(n) { std::printf("  lib enter %s\n", name); }
	~LibTrace() { std::printf("  lib leave %s\n", name); }
};

struct EXPORT LibError : std::runtime_error {
	int code;
	LibError(const std::string &what, int c) : std::runtime_error(what), code(c) {}
};

__attribute__((noinline)) static void lib_deep(int n)
{
	LibTrace t("deep");
	if (n > 1)
		throw LibError("from the DLL, n=" + std::to_string(n), n);
}

EXPORT void lib_throw(int n)
{
	LibTrace t("lib_throw");
	lib_deep(n);
}

// Calls back into the program; an exception from the callback is caught here, counted and thrown
// on as a different type.
EXPORT int lib_call(void (*cb)(int), int n)
{
	LibTrace t("lib_call");
	try {
		cb(n);
	} catch (const std::exception &e) {
		std::printf("  lib caught: %s\n", e.what());
		throw std::logic_error(std::string("rethrown by the DLL: ") + e.what());
	}
	return n;
}
