#pragma once
// Where something stands in a plan file: file, 1-based line and column (0 = unknown).
#include <filesystem>
#include <string>

namespace migrator::core {

struct SourceLoc {
  std::filesystem::path file;
  int line = 0;
  int column = 0;

  // "path:line" (or just "path" when the line is unknown), the prefix of every diagnostic.
  std::string str() const {
    std::string out = file.string();
    if (line > 0) {
      out += ":" + std::to_string(line);
    }
    return out;
  }
};

}  // namespace migrator::core
