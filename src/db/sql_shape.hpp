#pragma once
// What a SQL text makes the database do, as text that compares equal for two texts that
// differ only in spacing, comments, keyword case or line endings. Drift detection compares
// an applied migration's stored SQL with its file by this, so that a comment added to an
// applied migration is not "changed since it was applied".
#include <string>
#include <string_view>

#include "core/dialect.hpp"

namespace migrator::db {

// PostgreSQL: the parse tree of PostgreSQL's own grammar (libpg_query) without the source
// positions. SQLite: SQLite's tokens without comments and blanks (sqlite_tokens). Text that
// does not parse is its own shape, so that any edit to it counts.
std::string sql_shape(std::string_view sql, core::Dialect dialect);

}  // namespace migrator::db
