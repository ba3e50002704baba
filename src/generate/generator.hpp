#pragma once
// The construction data set, row by row. Every row is a pure function of (seed, table, row
// number): nothing is kept between rows, so memory stays flat at any count, and a row can be
// drawn again on its own (a receipt's items after the receipts; an inventory item for its
// valuation), which lets one table be streamed completely before the next (PostgreSQL runs
// one COPY at a time per connection).
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "db/value.hpp"
#include "generate/calendar.hpp"
#include "generate/config.hpp"

namespace migrator::generate {

class Random;

enum class Table {
  vendors,
  product_categories,
  products,
  job_sites,
  receipts,
  receipt_items,
  inventory,
  market_valuations,
  asset_movements,
};

struct TableSpec {
  Table table;
  std::string_view name;
  std::span<const std::string_view> columns;
};

// Every table the generator fills, parents before children (the load order).
std::span<const TableSpec> tables();
const TableSpec& table_spec(Table table);

// Receives rows. The values live only during the call, but any text they point to is static
// (reference data and literals), so a copy of the values stays valid: the load's pipeline
// (pipeline.hpp) hands rows between threads that way.
class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual void row(std::span<const db::Value> values) = 0;
};

// Money the data set adds up to, in cents, summed while the rows are generated.
struct Totals {
  std::int64_t total_spent = 0;      // every receipt's total_amount
  std::int64_t inventory_cost = 0;   // every inventory item's total_cost
  std::int64_t inventory_value = 0;  // every inventory item's book_value
  std::int64_t inflation_gains = 0;  // every valuation's market_value - the item's total_cost
};

class Generator {
 public:
  explicit Generator(const Config& config);

  const Config& config() const { return m_config; }
  // Rows `write(table, ...)` will produce. For receipt_items this draws every receipt's line
  // count, a fast pass.
  std::uint64_t expected_rows(Table table) const;
  // Writes every row of `table` in id order (ids 1..n) and returns how many. Adds to totals().
  std::uint64_t write(Table table, RowSink& sink);
  const Totals& totals() const { return m_totals; }

  struct Line {
    int product = 0;  // index into products()
    std::int64_t quantity = 0;
    std::int64_t unit_cents = 0;
  };
  static constexpr int k_max_lines = 6;
  struct Receipt {
    int vendor = 0;
    int job_site = 0;
    int payment = 0;
    bool bulk = false;
    Day day = 0;
    int line_count = 0;
    std::array<Line, k_max_lines> lines{};
    std::int64_t total_cents = 0;
  };
  struct InventoryItem {
    int product = 0;
    int job_site = 0;
    Day acquired = 0;
    std::int64_t quantity = 0;
    std::int64_t unit_cents = 0;
    std::int64_t total_cents = 0;
    std::int64_t book_cents = 0;
  };
  // Row `index` (0-based; its id is index + 1).
  Receipt receipt(std::uint64_t index) const;
  InventoryItem inventory_item(std::uint64_t index) const;

 private:
  static void draw_header(Random& rng, Receipt& r);
  Day receipt_day(std::uint64_t index) const;
  Day seasonal_day(std::int64_t position) const;

  std::uint64_t write_reference(Table table, RowSink& sink) const;
  std::uint64_t write_receipts(RowSink& sink);
  std::uint64_t write_receipt_items(RowSink& sink) const;
  std::uint64_t write_inventory(RowSink& sink);
  std::uint64_t write_valuations(RowSink& sink);
  std::uint64_t write_movements(RowSink& sink) const;

  Config m_config;
  Totals m_totals;
  // Running sum of day weights over the history window (seasons and weekdays), for turning
  // a receipt's position into its date: a few hundred entries, whatever the row count.
  std::vector<std::int64_t> m_cumulative_weight;
};

}  // namespace migrator::generate
