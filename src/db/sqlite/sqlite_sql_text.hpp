#pragma once
// SQLite's stored CREATE texts, normalized so that two schemas compare equal whatever their
// spacing, comments, keyword case and identifier quoting (ALTER TABLE RENAME rewrites a
// name as "t", the original said t).
#include <string>
#include <string_view>
#include <vector>

namespace migrator::db::sqlite {

// Words lowercased, simple quoted identifiers unquoted ("T" -> t), string literals kept
// verbatim, comments dropped, tokens joined by single spaces.
std::string normalized_sql(std::string_view sql);

// The CHECK constraints of a CREATE TABLE text, normalized: "check ( a > 0 )", with its
// "constraint name" prefix when it has one.
std::vector<std::string> check_clauses(std::string_view create_table_sql);

}  // namespace migrator::db::sqlite
