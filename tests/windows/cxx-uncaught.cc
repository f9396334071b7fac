// An exception no handler catches: libgcc's RaiseException returns (mingw-w64's unhandled-
// exception filter continues GCC's exceptions), so std::terminate runs, libstdc++'s verbose
// handler names the exception on stderr and calls abort(): msvcrt's message and exit status 3.
// Destructors need not run (the standard leaves it to the implementation; g++ does not).
#include <cstdio>
#include <stdexcept>

int main()
{
	std::setvbuf(stdout, nullptr, _IONBF, 0);
	std::printf("start\n");
	throw std::runtime_error("fatal");
}
