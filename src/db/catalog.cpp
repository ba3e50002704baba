#include "db/catalog.hpp"

#include <string>

#include "util/sql_quote.hpp"

namespace migrator::db {

bool table_exists(Connection& db, std::string_view table) {
  const auto sql = db.dialect() == core::Dialect::sqlite
                       ? "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = " + util::sql_quote(table)
                       : "SELECT 1 FROM pg_catalog.pg_tables WHERE tablename = " + util::sql_quote(table) +
                             " AND schemaname = ANY (current_schemas(false))";
  return !db.query(sql).rows.empty();
}

}  // namespace migrator::db
