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

// schema.table as "schema"."table" (a name a person typed, such as a tool's history table
// in a schema of its own); a name without a dot as sql_identifier.
inline std::string sql_qualified_identifier(std::string_view name) {
  const auto dot = name.find('.');
  return dot == std::string_view::npos ? sql_identifier(name)
                                       : sql_identifier(name.substr(0, dot)) + "." + sql_identifier(name.substr(dot + 1));
}

}  // namespace migrator::util
