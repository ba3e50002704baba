#pragma once
// Editing one column's definition inside SQLite's stored CREATE TABLE text, for the
// operations SQLite's ALTER TABLE cannot do (SET / DROP NOT NULL).
#include <optional>
#include <string>
#include <string_view>

namespace migrator::runner::operations {

// The CREATE TABLE text with `column` NOT NULL (or without it when !not_null); nullopt when
// the column is not found. Quotes, comments and nested parentheses are respected.
std::optional<std::string> with_not_null(std::string_view create_sql, std::string_view column,
                                         bool not_null);

}  // namespace migrator::runner::operations
