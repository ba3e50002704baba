#pragma once
// A list as a sentence names it: "a", "a and b", "a, b and c".
#include <string>
#include <vector>

namespace migrator::util {

inline std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  }
  return out;
}

}  // namespace migrator::util
