#pragma once
// "Add users (v2)" -> "add_users_v2": what a migration file name may hold after its version.
#include <cctype>
#include <string>
#include <string_view>

namespace migrator::util {

inline std::string snake_case(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 0x80) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') {
    out.pop_back();
  }
  return out;
}

}  // namespace migrator::util
