#pragma once
#include <string>
#include <string_view>

namespace migrator::util {

// 'text' as a SQL string literal, quotes doubled; valid for SQLite and for PostgreSQL with
// standard_conforming_strings on (the default since 9.1).
inline std::string sql_quote(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    out += c;
    if (c == '\'') {
      out += '\'';
    }
  }
  out += '\'';
  return out;
}

}  // namespace migrator::util
