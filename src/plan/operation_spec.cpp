#include "plan/operation_spec.hpp"

#include <array>

namespace migrator::plan {
namespace {

constexpr std::array k_column_args{
    ArgSpec{"table", ArgType::identifier, true, "the table"},
    ArgSpec{"column", ArgType::identifier, true, "the column"},
};

// The construction-receipts data set (generate/config.hpp); every argument has a default.
constexpr std::uint64_t k_max_count = 1'000'000'000;
constexpr std::array k_generate_args{
    ArgSpec{"receipts", ArgType::integer, false, "receipts to generate (default 100000)", 0, k_max_count},
    ArgSpec{"inventory", ArgType::integer, false, "inventory items (default 50000)", 0, k_max_count},
    ArgSpec{"valuation_percent", ArgType::integer, false,
            "percent of the inventory with a market valuation (default 30)", 0, 100},
    ArgSpec{"movement_percent", ArgType::integer, false,
            "percent of the inventory moved between job sites (default 20)", 0, 100},
    ArgSpec{"seed", ArgType::integer, false, "the random seed: same seed, same rows (default 42)"},
    ArgSpec{"start_date", ArgType::date, false, "first day of the history (default 2023-01-01)"},
    ArgSpec{"years", ArgType::integer, false, "years of purchase history, 1 to 10 (default 2)", 1, 10},
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
    OperationSpec{"generate",
                  "loads the construction data set (vendors, products, job sites, receipts, "
                  "inventory, valuations, movements); apply --scale multiplies the counts",
                  k_generate_args},
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

const ArgSpec* find_arg_spec(std::string_view kind, std::string_view name) {
  const auto* spec = find_operation_spec(kind);
  if (spec == nullptr) {
    return nullptr;
  }
  for (const auto& arg : spec->args) {
    if (arg.name == name) {
      return &arg;
    }
  }
  return nullptr;
}

}  // namespace migrator::plan
