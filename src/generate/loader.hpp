#pragma once
// Loads the generated data set into the scenario's (empty) tables through db::BulkWriter,
// one table at a time, streaming: memory stays flat whatever the counts. All or nothing: in
// the caller's transaction when one is open (a failure leaves no rows once that rolls back),
// else in a bulk_load transaction of its own (db/connection.hpp), committed at the end.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "generate/config.hpp"
#include "generate/generator.hpp"
#include "generate/statistics.hpp"

namespace migrator::generate {

// `done` of `total` rows of `table` written; called with 0 as a table starts, every few
// thousand rows, and at its end. May throw to cancel the load.
using Progress =
    std::function<void(std::string_view table, std::uint64_t done, std::uint64_t total)>;

struct TableLoad {
  std::string table;
  std::uint64_t rows = 0;
  std::chrono::nanoseconds elapsed{0};
};

struct LoadReport {
  std::vector<TableLoad> tables;  // in load order
  // After the last row: ANALYZE (PostgreSQL), the cross-check below, and when the load had
  // its own transaction the foreign key check (SQLite) and the commit.
  std::chrono::nanoseconds finishing{0};
  Totals totals;                  // what the generator summed
  Statistics statistics;          // what the database holds afterwards (equal, or it threw)
};

// Throws core::MigrationFailed when a table already has rows, db::SqlError from the database,
// and core::CheckFailed when the database does not hold exactly what was generated (counts
// per table, and the money totals to the cent).
LoadReport load(db::Connection& db, const Config& config, const Progress& progress);

}  // namespace migrator::generate
