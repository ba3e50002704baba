#pragma once
// Typed values for bulk loads, and the exact text form every query result is read as.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace migrator::db {

// An exact decimal: units / 10^scale (12.50 is {1250, 2}). Money never goes through double.
struct Decimal {
  std::int64_t units = 0;
  int scale = 0;
};

// A calendar date.
struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;
};

using Null = std::monostate;
using Value = std::variant<Null, bool, std::int64_t, double, std::string_view, Decimal, Date>;

// A query result cell: the database's own text rendering, or nullopt for NULL.
using Cell = std::optional<std::string>;

struct ResultSet {
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
};

}  // namespace migrator::db
