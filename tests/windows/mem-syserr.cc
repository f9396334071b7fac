// std::system_category().message: libstdc++ asks FormatMessageA (FROM_SYSTEM, ALLOCATE_BUFFER)
// for Windows' text and frees it with LocalFree; the text is Microsoft's, its line break trimmed.
#include <cstdio>
#include <system_error>

int main()
{
	for (int code : { 2, 5, 87 })
		std::printf("%d: %s\n", code, std::system_category().message(code).c_str());
	std::error_code e(3, std::system_category());
	std::printf("error_code: %s\n", e.message().c_str());
	return 0;
}
