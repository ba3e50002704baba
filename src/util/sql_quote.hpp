#pragma once
#include <string>
#include <string_view>

namespace migrator::util {

// 'text' as a SQL string literal, quotes doubled; valid for SQLite and for PostgreSQL with
// standard_conforming_strings on (the default since 9.1).
inline std::string sql_quote(std::string_view text, char quote = '\'') {
  std::string out(1, quote);
  for (const char c : text) {
    out += c;
    if (c == quote) {
      out += quote;
    }
  }
  out += quote;
  return out;
}

// "name" as a quoted SQL identifier, quotes doubled (both databases).
inline std::string sql_identifier(std::string_view name) { return sql_quote(name, '"'); }

}  // namespace migrator::util
