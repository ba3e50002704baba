#include "db/catalog.hpp"

#include <string>

#include "util/sql_quote.hpp"

namespace migrator::db {

bool table_exists(Connection& db, std::string_view table) {
  if (db.dialect() == core::Dialect::sqlite) {
    return !db.query("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = " + util::sql_quote(table))
                .rows.empty();
  }
  const auto dot = table.find('.');
  const auto schema = dot == std::string_view::npos ? "ANY (current_schemas(false))"
                                                    : util::sql_quote(table.substr(0, dot));
  const auto name = dot == std::string_view::npos ? table : table.substr(dot + 1);
  return !db.query("SELECT 1 FROM pg_catalog.pg_tables WHERE tablename = " + util::sql_quote(name) +
                   " AND schemaname = " + schema)
              .rows.empty();
}

}  // namespace migrator::db
