#include "db/sql_shape.hpp"

#include <pg_query.h>

#include <array>

#include "db/sqlite/sqlite_sql_text.hpp"

namespace migrator::db {
namespace {

// The source positions libpg_query writes into its JSON: they move whenever a comment or a
// blank is added before them, and say nothing about what runs.
constexpr std::array<std::string_view, 3> k_position_keys{"\"location\":", "\"stmt_location\":",
                                                          "\"stmt_len\":"};

// `tree` without its position members. A scan rather than a JSON parse: the tree of deep SQL
// nests thousands of levels, and a recursive parser would overflow the stack on it.
std::string without_positions(std::string_view tree) {
  std::string out;
  out.reserve(tree.size());
  bool in_string = false;
  for (std::size_t i = 0; i < tree.size(); ++i) {
    const char c = tree[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < tree.size()) {
        out += tree[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    bool skipped = false;
    for (const auto key : k_position_keys) {
      if (tree.compare(i, key.size(), key) == 0) {
        std::size_t end = i + key.size();
        while (end < tree.size() && (tree[end] == '-' || (tree[end] >= '0' && tree[end] <= '9'))) {
          ++end;
        }
        if (end < tree.size() && tree[end] == ',') {
          ++end;
        }
        i = end - 1;
        skipped = true;
        break;
      }
    }
    if (!skipped) {
      in_string = c == '"';
      out += c;
    }
  }
  return out;
}

std::string postgres_shape(std::string_view sql) {
  const std::string text(sql);
  PgQueryParseResult result = pg_query_parse(text.c_str());
  std::string shape = result.error == nullptr && result.parse_tree != nullptr
                          ? "tree " + without_positions(result.parse_tree)
                          : "text " + text;
  pg_query_free_parse_result(result);
  return shape;
}

}  // namespace

std::string sql_shape(std::string_view sql, core::Dialect dialect) {
  return dialect == core::Dialect::postgres ? postgres_shape(sql) : sqlite::normalized_sql(sql);
}

}  // namespace migrator::db
