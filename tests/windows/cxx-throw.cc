// C++ exceptions with g++'s SEH unwinder (libgcc: RaiseException, RtlUnwindEx, RtlVirtualUnwind,
// RtlLookupFunctionEntry, RtlCaptureContext): throws across several frames, catch by base class,
// rethrow, catch(...), destructors running during unwinding (the RAII trace), standard exceptions
// from the library itself, and std::string, vector, map and iostream in the same program. The
// expected output is what the C++ standard requires; the same source built for Linux prints it
// too.
#include <cstdio>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

struct Trace {
	std::string name;
	explicit Trace(std::string n) : name(std::move(n)) { std::printf("  enter %s\n", name.c_str()); }
	~Trace() { std::printf("  leave %s\n", name.c_str()); }
};

struct Error : std::runtime_error {
	int code;
	Error(const std::string &what, int c) : std::runtime_error(what), code(c) {}
};

__attribute__((noinline)) static void level3(int n)
{
	Trace t("level3");
	std::vector<int> v(n, 7);
	if (n > 2)
		throw Error("too deep: " + std::to_string(n), n);
}

__attribute__((noinline)) static void level2(int n)
{
	Trace t("level2");
	level3(n + 1);
	std::printf("  not reached\n");
}

__attribute__((noinline)) static int level1(int n)
{
	Trace t("level1");
	try {
		level2(n + 1);
	} catch (const std::logic_error &) {
		std::printf("  wrong handler\n");
	}
	return 0;
}

static int destroyed;
struct Counted {
	~Counted() { destroyed++; }
};

__attribute__((noinline)) static void quiet_thrower(int n)
{
	Counted c;
	std::vector<int> v(n, 7);
	if (n > 2)
		throw Error("again", n);
}

__attribute__((noinline)) static void rethrower()
{
	try {
		throw 42;
	} catch (int &x) {
		std::printf("  caught int %d, rethrowing\n", x);
		x++;
		throw;
	}
}

int main()
{
	std::printf("by base class:\n");
	try {
		level1(1);
	} catch (const std::exception &e) {
		const Error *err = dynamic_cast<const Error *>(&e);
		std::printf("  caught std::exception: %s (code %d)\n", e.what(), err ? err->code : -1);
	}
	std::printf("rethrow:\n");
	try {
		rethrower();
	} catch (int x) {
		std::printf("  caught rethrown int %d\n", x);
	}
	std::printf("catch (...):\n");
	try {
		Trace t("block");
		throw std::string("a string");
	} catch (...) {
		std::printf("  caught something\n");
	}
	std::printf("from the library:\n");
	try {
		std::vector<int> v(3);
		v.at(10) = 1;
	} catch (const std::out_of_range &) {
		std::printf("  caught std::out_of_range from vector::at\n");
	}
	try {
		std::map<std::string, int> m{{"one", 1}};
		std::printf("  m.at(\"one\") = %d\n", m.at("one"));
		m.at("two");
	} catch (const std::out_of_range &) {
		std::printf("  caught std::out_of_range from map::at\n");
	}
	std::printf("many times:\n");
	int caught = 0;
	for (int i = 0; i < 1000; i++) {
		try {
			quiet_thrower(3 + i % 5);
		} catch (const Error &e) {
			caught += e.code >= 3;
		}
	}
	std::cout << "  caught " << caught << " of 1000, " << destroyed << " destructors" << std::endl;
	return 0;
}
