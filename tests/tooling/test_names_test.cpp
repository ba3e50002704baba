// CTest's test discovery splits a Catch test name at ';' (a CMake list separator): each half
// then matches no test, runs nothing and passes. No test name may hold one.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "support/temp_dir.hpp"

TEST_CASE("test names: none holds a semicolon, which would make CTest run nothing and pass", "[tooling]") {
  const std::regex test_case(R"re(TEST_CASE\(\s*"((?:[^"\\]|\\.)*)")re");
  int names = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(MIGRATOR_SOURCE_DIR) + "/tests")) {
    if (entry.path().extension() != ".cpp") {
      continue;
    }
    const auto text = migrator::test::read_text(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), test_case), end; it != end; ++it) {
      ++names;
      INFO(entry.path().string() << ": " << (*it)[1].str());
      CHECK((*it)[1].str().find(';') == std::string::npos);
    }
  }
  CHECK(names > 200);
}
