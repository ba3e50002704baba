#pragma once
// The SQL dialects migrator speaks. A plan's SQL field may hold one variant per dialect.
#include <optional>
#include <string_view>

namespace migrator::core {

enum class Dialect { sqlite, postgres };

constexpr std::string_view to_string(Dialect d) {
  return d == Dialect::sqlite ? "sqlite" : "postgres";
}

// Accepts the names used in plan files ("sqlite", "postgres"; "postgresql" too).
constexpr std::optional<Dialect> dialect_from_string(std::string_view name) {
  if (name == "sqlite") {
    return Dialect::sqlite;
  }
  if (name == "postgres" || name == "postgresql") {
    return Dialect::postgres;
  }
  return std::nullopt;
}

}  // namespace migrator::core
