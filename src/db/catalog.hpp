#pragma once
// Questions to a database's catalog that more than one layer asks.
#include <string_view>

#include "db/connection.hpp"

namespace migrator::db {

// Whether a table of that name is there: on SQLite in the main schema, on PostgreSQL in a
// schema of the search path (where an unqualified name would find it), or in the schema a
// qualified name (app.flyway_schema_history) gives.
bool table_exists(Connection& db, std::string_view table);

}  // namespace migrator::db
