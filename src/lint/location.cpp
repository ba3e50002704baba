#include "lint/location.hpp"

#include <fstream>
#include <string>

namespace migrator::lint {

core::SourceLoc top_level_key_loc(const std::filesystem::path& file, std::string_view key) {
  std::ifstream in(file);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.rfind(key, 0) == 0 && line.size() > key.size() && line[key.size()] == ':') {
      return {file, number, 1};
    }
  }
  return {file, 1, 1};
}

}  // namespace migrator::lint
