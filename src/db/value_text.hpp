#pragma once
// Exact text forms of Values, shared by both backends' bulk loaders and SQLite's reader.
#include <string>

#include "db/value.hpp"

namespace migrator::db {

// Exact: {1250, 2} -> "12.50", {-5, 2} -> "-0.05", {7, 0} -> "7", {7, -2} -> "700".
std::string decimal_text(const Decimal& value);
// The same, appended to `out`: the bulk loaders' per-value path, which must not allocate.
void append_decimal_text(std::string& out, const Decimal& value);

// YYYY-MM-DD (years below 1000 zero-padded, as both databases read them).
std::string date_text(const Date& value);
void append_date_text(std::string& out, const Date& value);

// The shortest text that reads back as the same double; "Infinity", "-Infinity", "NaN".
std::string double_text(double value);

}  // namespace migrator::db
