#include "generate/statistics.hpp"

#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "generate/generator.hpp"

namespace migrator::generate {
namespace {

std::int64_t integer_cell(const db::ResultSet& result, std::string_view what) {
  if (result.rows.empty() || result.rows[0].empty() || !result.rows[0][0]) {
    return 0;  // sum() of no rows is NULL
  }
  const auto& text = *result.rows[0][0];
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    throw db::SqlError("statistics: " + std::string(what) + " returned \"" + text +
                           "\", not a whole number",
                       "", 0);
  }
  return value;
}

}  // namespace

std::string sum_cents_sql(std::string_view expr) {
  return fmt::format("coalesce(sum(CAST(round(({}) * 100) AS BIGINT)), 0)", expr);
}

Statistics collect_statistics(db::Connection& db) {
  Statistics stats;
  std::vector<std::string_view> names;
  for (const auto& spec : tables()) {
    names.push_back(spec.name);
  }
  names.emplace_back("dim_date");
  for (const auto name : names) {
    const auto sql = fmt::format("SELECT count(*) FROM {}", name);
    stats.tables.push_back({std::string(name),
                            static_cast<std::uint64_t>(integer_cell(db.query(sql), sql))});
  }
  const auto money = [&](const std::string& sql) { return integer_cell(db.query(sql), sql); };
  stats.total_spent = money("SELECT " + sum_cents_sql("total_amount") + " FROM receipts");
  stats.inventory_value = money("SELECT " + sum_cents_sql("book_value") + " FROM inventory");
  stats.inflation_gains =
      money("SELECT " + sum_cents_sql("v.market_value") + " - " + sum_cents_sql("i.total_cost") +
            " FROM market_valuations v JOIN inventory i ON i.id = v.inventory_id");
  return stats;
}

std::string format_count(std::uint64_t n) {
  auto digits = std::to_string(n);
  for (auto pos = static_cast<std::ptrdiff_t>(digits.size()) - 3; pos > 0; pos -= 3) {
    digits.insert(static_cast<std::size_t>(pos), ",");
  }
  return digits;
}

std::string format_money(std::int64_t cents) {
  const auto magnitude = cents < 0 ? 0 - static_cast<std::uint64_t>(cents)
                                   : static_cast<std::uint64_t>(cents);
  return fmt::format("{}${}.{:02}", cents < 0 ? "-" : "", format_count(magnitude / 100),
                     magnitude % 100);
}

std::string format_decimal(std::int64_t cents) {
  const auto magnitude = cents < 0 ? 0 - static_cast<std::uint64_t>(cents)
                                   : static_cast<std::uint64_t>(cents);
  return fmt::format("{}{}.{:02}", cents < 0 ? "-" : "", magnitude / 100, magnitude % 100);
}

std::vector<std::string> render_text(const Statistics& stats) {
  std::vector<std::string> lines{"DATABASE STATISTICS", std::string(40, '=')};
  for (const auto& t : stats.tables) {
    lines.push_back(fmt::format("{:<20}{:>15} records", t.table, format_count(t.rows)));
  }
  lines.emplace_back("");
  lines.push_back(fmt::format("{:<20}{:>21}", "Total Spent:", format_money(stats.total_spent)));
  lines.push_back(
      fmt::format("{:<20}{:>21}", "Inventory Value:", format_money(stats.inventory_value)));
  lines.push_back(
      fmt::format("{:<20}{:>21}", "Inflation Gains:", format_money(stats.inflation_gains)));
  return lines;
}

nlohmann::json to_json(const Statistics& stats) {
  auto tables = nlohmann::json::array();
  for (const auto& t : stats.tables) {
    tables.push_back({{"table", t.table}, {"rows", t.rows}});
  }
  return {{"tables", tables},
          {"total_spent", format_decimal(stats.total_spent)},
          {"inventory_value", format_decimal(stats.inventory_value)},
          {"inflation_gains", format_decimal(stats.inflation_gains)}};
}

}  // namespace migrator::generate
