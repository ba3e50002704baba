#pragma once
// Where the statements of a multi-statement text begin, as PostgreSQL's own grammar splits
// it (libpg_query): a failing statement's index becomes a position in the text.
#include <optional>
#include <string>

namespace migrator::db::postgres {

// The byte offset in `sql` where statement `index` (0-based) begins, leading whitespace and
// comments included; nullopt when `sql` does not split or has fewer statements.
std::optional<std::size_t> statement_offset(const std::string& sql, int index);

// True when PostgreSQL's scanner reads `sql` to its end with no string, quoted name, dollar
// quote or block comment left open, so that text appended after a newline is read as SQL of
// its own. (The scanner assumes standard_conforming_strings, the default since 9.1.)
bool scans_whole(const std::string& sql);

}  // namespace migrator::db::postgres
