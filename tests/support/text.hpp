#pragma once
// Small questions tests ask of output text.
#include <cstddef>
#include <string>

namespace migrator::test {

// How many times `part` occurs in `text` (overlapping occurrences counted).
inline std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

}  // namespace migrator::test
