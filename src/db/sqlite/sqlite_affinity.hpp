#pragma once
// Column affinity as SQLite derives it from a declared type (sqlite.org/datatype3.html, 3.1).
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"

namespace migrator::db::sqlite {

enum class Affinity { integer, text, blob, real, numeric };

Affinity affinity_of(std::string_view declared_type);

// "main.receipts" or "\"receipts\"" as the schema ("main" when none) and the table name.
struct TableName {
  std::string schema;
  std::string table;
};
TableName split_table_name(std::string_view name);

// Per column of `table`: whether its affinity turns a decimal's text into a number (INTEGER,
// REAL, NUMERIC). A column SQLite does not report (no such table yet) counts as not numeric.
std::vector<bool> numeric_affinity(Connection& db, std::string_view table,
                                   const std::vector<std::string>& columns);

}  // namespace migrator::db::sqlite
