#pragma once
// "1 migration", "3 migrations": a count with its noun, for messages.
#include <cstddef>
#include <string>

namespace migrator::util {

inline std::string counted(std::size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

}  // namespace migrator::util
