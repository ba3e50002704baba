#pragma once
// Where the statements of a multi-statement text begin, as PostgreSQL's own grammar splits
// it (libpg_query): a failing statement's index becomes a position in the text.
#include <optional>
#include <string>

namespace migrator::db::postgres {

// The byte offset in `sql` where statement `index` (0-based) begins, leading whitespace and
// comments included; nullopt when `sql` does not split or has fewer statements.
std::optional<std::size_t> statement_offset(const std::string& sql, int index);

}  // namespace migrator::db::postgres
