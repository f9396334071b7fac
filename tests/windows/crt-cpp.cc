// A C++ program that does not throw: iostream, string, vector, map, sort, to_string, stod, stoi,
// ostringstream. windows-crt.sh checks that every C runtime import it has (static and with
// libstdc++-6.dll) is implemented, apart from the ones other parts of xabi own.
#include <algorithm>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

int main()
{
	std::vector<int> v{ 5, 3, 9, 1 };
	std::sort(v.begin(), v.end());
	std::map<std::string, int> m{ { "b", 2 }, { "a", 1 } };
	for (auto &p : m)
		std::cout << p.first << "=" << p.second << "\n";
	for (int x : v)
		std::cout << x << ' ';
	std::cout << std::to_string(3.25) << " " << std::stod("2.5e3") << " " << std::stoi("42") << std::endl;
	std::ostringstream os;
	os << 1.5 << ' ' << 1e20 << ' ' << std::hex << 255;
	std::cout << os.str() << std::endl;
	std::string s = "hello";
	s += " world";
	std::cout << s.size() << s.substr(5) << std::endl;
	return 0;
}
