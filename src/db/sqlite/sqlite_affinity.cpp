#include "db/sqlite/sqlite_affinity.hpp"

#include <algorithm>
#include <cctype>

#include "util/sql_quote.hpp"

namespace migrator::db::sqlite {
namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

bool same_name(std::string_view a, std::string_view b) { return upper(a) == upper(b); }

}  // namespace

TableName split_table_name(std::string_view name) {
  const auto unquote = [](std::string_view part) {
    if (part.size() >= 2 && part.front() == '"' && part.back() == '"') {
      part = part.substr(1, part.size() - 2);
    }
    return std::string(part);
  };
  const auto dot = name.find('.');
  if (dot == std::string_view::npos) {
    return {"main", unquote(name)};
  }
  return {unquote(name.substr(0, dot)), unquote(name.substr(dot + 1))};
}

Affinity affinity_of(std::string_view declared_type) {
  // The rules apply in this order: "INT" wins over "CHAR", and so on.
  const std::string type = upper(declared_type);
  const auto has = [&](std::string_view part) { return type.find(part) != std::string::npos; };
  if (has("INT")) {
    return Affinity::integer;
  }
  if (has("CHAR") || has("CLOB") || has("TEXT")) {
    return Affinity::text;
  }
  if (has("BLOB") || type.empty()) {
    return Affinity::blob;
  }
  if (has("REAL") || has("FLOA") || has("DOUB")) {
    return Affinity::real;
  }
  return Affinity::numeric;
}

std::vector<bool> numeric_affinity(Connection& db, std::string_view table,
                                   const std::vector<std::string>& columns) {
  std::vector<bool> numeric(columns.size(), false);
  const auto name = split_table_name(table);
  const auto result = db.query("SELECT name, type FROM pragma_table_info(" +
                               util::sql_quote(name.table) + ", " + util::sql_quote(name.schema) +
                               ")");
  for (const auto& row : result.rows) {
    const Affinity affinity = affinity_of(row[1].value_or(""));
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (row[0] && same_name(columns[i], *row[0])) {
        numeric[i] = affinity != Affinity::text && affinity != Affinity::blob;
      }
    }
  }
  return numeric;
}

}  // namespace migrator::db::sqlite
