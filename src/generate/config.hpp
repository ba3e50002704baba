#pragma once
// What one `generate` step produces: counts, seed and history window. The defaults are the
// seed document's data set (100,000 receipts, 50,000 inventory items, valuations for 30% of
// them, movements for 20%, two years of history).
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "db/value.hpp"
#include "generate/calendar.hpp"
#include "core/migration_version.hpp"
#include "plan/model.hpp"

namespace migrator::generate {

struct Config {
  std::uint64_t receipts = 100'000;
  std::uint64_t inventory = 50'000;
  int valuation_percent = 30;  // of the inventory items, each valued once
  int movement_percent = 20;   // of the inventory items, each moved once
  std::uint64_t seed = 42;
  db::Date start_date{2023, 1, 1};
  int years = 2;

  std::uint64_t valuations() const { return percent_of(inventory, valuation_percent); }
  std::uint64_t movements() const { return percent_of(inventory, movement_percent); }
  Day first_day() const { return to_day(start_date); }
  // The last day of the history, also the "as of" day of depreciation.
  Day last_day() const {
    return to_day(db::Date{start_date.year + years, start_date.month, start_date.day}) - 1;
  }

 private:
  static std::uint64_t percent_of(std::uint64_t n, int percent) {
    return (n * static_cast<std::uint64_t>(percent) + 50) / 100;
  }
};

// The step's arguments (all optional; see plan/operation_spec.cpp), with receipt and inventory
// counts multiplied by `scale` (apply --scale). Throws core::UsageError naming the argument.
Config config_from_args(const std::map<std::string, std::string>& args, double scale);

// The first `generate` step of a plan and the version of its migration; nullopt if none.
struct PlanGenerate {
  core::Version version = 0;
  Config config;
};
std::optional<PlanGenerate> find_generate_step(const plan::Plan& plan, double scale);

}  // namespace migrator::generate
