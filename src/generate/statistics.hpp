#pragma once
// The seed document's "DATABASE STATISTICS": rows per table and three money figures, read
// from the database (so `migrator stats` shows what is really there), exact to the cent.
//
//   Total Spent      sum of receipts.total_amount: everything paid on every receipt.
//   Inventory Value  sum of inventory.book_value: what the items on hand are worth on the books,
//                    their total_cost less straight-line depreciation at their category's
//                    annual rate up to the last day of the history.
//   Inflation Gains  sum over market_valuations of market_value - inventory.total_cost: how much
//                    more the valued items would cost to buy at today's market prices than was
//                    paid for them (the +20% to +50% market inflation, in dollars).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "db/connection.hpp"

namespace migrator::generate {

struct TableRows {
  std::string table;
  std::uint64_t rows = 0;
};

struct Statistics {
  std::vector<TableRows> tables;  // the scenario's tables, in load order, then dim_date
  std::int64_t total_spent = 0;   // cents
  std::int64_t inventory_value = 0;
  std::int64_t inflation_gains = 0;
};

// Reads the statistics of the construction_receipts tables. Throws db::SqlError when they are
// missing (the scenario is not applied).
Statistics collect_statistics(db::Connection& db);

// The SQL that sums a money column exactly on both dialects: each value rounded to whole cents
// first (on SQLite a NUMERIC column holds a REAL, whose plain sum() drifts), then summed as
// integers. `expr` is a money expression such as "total_amount".
std::string sum_cents_sql(std::string_view expr);

// "$242,156,743.25" ("-$5.00" below zero).
std::string format_money(std::int64_t cents);
// "242156743.25": the exact decimal, for JSON.
std::string format_decimal(std::int64_t cents);
// "1,234,567"
std::string format_count(std::uint64_t n);

// The report as the seed document prints it, one line per element (no trailing newline).
std::vector<std::string> render_text(const Statistics& stats);
// {"tables": [{"table": "vendors", "rows": 14}, ...], "total_spent": "242156743.25", ...}:
// money as exact decimal strings, never floating point.
nlohmann::json to_json(const Statistics& stats);

}  // namespace migrator::generate
