#include "plan/operation_spec.hpp"

#include <array>

namespace migrator::plan {
namespace {

constexpr std::array k_column_args{
    ArgSpec{"table", ArgType::identifier, true, "the table"},
    ArgSpec{"column", ArgType::identifier, true, "the column"},
};

// Add a new operation here and its implementation in runner/operations/.
constexpr std::array k_specs{
    OperationSpec{"set_not_null",
                  "makes a column NOT NULL (ALTER COLUMN on PostgreSQL, a table rebuild on SQLite)",
                  k_column_args},
    OperationSpec{"drop_not_null",
                  "makes a column nullable again (ALTER COLUMN on PostgreSQL, a table rebuild on "
                  "SQLite)",
                  k_column_args},
};

}  // namespace

const OperationSpec* find_operation_spec(std::string_view kind) {
  for (const auto& spec : k_specs) {
    if (spec.kind == kind) {
      return &spec;
    }
  }
  return nullptr;
}

std::span<const OperationSpec> operation_specs() { return k_specs; }

}  // namespace migrator::plan
