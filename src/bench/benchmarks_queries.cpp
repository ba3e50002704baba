// Reads: the reports on the normalized tables against spend_summary, and one selective query
// without and with its index.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "bench/benchmarks_parts.hpp"
#include "bench/median.hpp"
#include "report/text_bar.hpp"
#include "report/text_table.hpp"
#include "util/terminal.hpp"

namespace migrator::bench::benchmarks {
namespace {

struct Report {
  std::string_view name;
  std::string_view label;       // short, beside its bars
  std::string_view normalized;  // on the normalized tables
  std::string_view summary;     // the same figures from spend_summary
};

// Money in whole cents on both sides, so the two answers can be compared exactly.
constexpr Report k_reports[] = {
    {"simple aggregation: spend per vendor", "per vendor",
     "SELECT v.name, sum(CAST(round(r.total_amount * 100) AS BIGINT)) "
     "FROM receipts r JOIN vendors v ON v.id = r.vendor_id GROUP BY v.name",
     "SELECT vendor_name, sum(total_cents) FROM spend_summary GROUP BY vendor_name"},
    {"5-table join: spend per category and job site state", "per category and state",
     "SELECT c.name, s.state, sum(CAST(round(i.line_total * 100) AS BIGINT)) "
     "FROM receipt_items i JOIN products p ON p.id = i.product_id "
     "JOIN product_categories c ON c.id = p.category_id "
     "JOIN receipts r ON r.id = i.receipt_id JOIN job_sites s ON s.id = r.job_site_id "
     "GROUP BY c.name, s.state",
     "SELECT category_name, job_site_state, sum(total_cents) FROM spend_summary "
     "GROUP BY category_name, job_site_state"},
    {"date analysis: spend per quarter", "per quarter",
     "SELECT d.year, d.quarter, sum(CAST(round(r.total_amount * 100) AS BIGINT)) "
     "FROM receipts r JOIN dim_date d ON d.full_date = r.purchase_date GROUP BY d.year, d.quarter",
     "SELECT year, quarter, sum(total_cents) FROM spend_summary GROUP BY year, quarter"},
};

// The rows sorted on the client: the databases return groups in their own order.
std::vector<std::vector<db::Cell>> sorted_rows(db::Connection& db, std::string_view sql) {
  auto rows = db.query(sql).rows;
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace

// The median time of `sql`, after one untimed run that warms the caches.
double time_query(db::Connection& db, std::string_view sql, int runs) {
  db.query(sql);
  return median_seconds(runs, [&] { db.query(sql); });
}

std::string query_plan(db::Connection& db, const std::string& sql) {
  const bool postgres = db.dialect() == core::Dialect::postgres;
  const auto result = db.query((postgres ? "EXPLAIN ANALYZE " : "EXPLAIN QUERY PLAN ") + sql);
  std::string text;
  for (const auto& row : result.rows) {
    // PostgreSQL: one column of plan lines; SQLite: (id, parent, notused, detail).
    text += (text.empty() ? "" : "\n") + row.back().value_or("");
  }
  return text;
}

std::string indented(const std::string& text) {
  std::string out = "  ";
  for (const char c : text) {
    out += c;
    if (c == '\n') {
      out += "  ";
    }
  }
  return out;
}

void measure_queries(BenchContext& ctx, db::Connection& db) {
  report::TextTable table({{"QUERY"},
                           {"ROWS", report::Align::right},
                           {"NORMALIZED MS", report::Align::right},
                           {"SUMMARY MS", report::Align::right},
                           {"SPEEDUP", report::Align::right},
                           {"SAME ANSWER"}});
  auto out = nlohmann::json::array();
  std::vector<report::BarRow> bars;
  for (const auto& r : k_reports) {
    const auto normalized_rows = sorted_rows(db, r.normalized);
    const bool same = normalized_rows == sorted_rows(db, r.summary);
    const double normalized = time_query(db, r.normalized, ctx.runs);
    const double summary = time_query(db, r.summary, ctx.runs);
    table.add_row({std::string(r.name), std::to_string(normalized_rows.size()), milliseconds(normalized),
                   milliseconds(summary), times_faster(normalized, summary), same ? "yes" : "NO"});
    out.push_back({{"query", r.name},
                   {"rows", normalized_rows.size()},
                   {"normalized_ms", normalized * 1000},
                   {"summary_ms", summary * 1000},
                   {"same_result", same}});
    bars.push_back({fmt::format("{}, normalized", r.label), normalized, milliseconds(normalized) + " ms"});
    bars.push_back({fmt::format("{}, summary", r.label), summary, milliseconds(summary) + " ms"});
  }
  ctx.print("Queries: the normalized tables against spend_summary (precomputed; stale until refreshed)");
  ctx.print(table.render());
  ctx.print(report::bar_rows(bars, k_bar_width, util::utf8_locale()));
  ctx.results["queries"] = out;
}

void measure_index(BenchContext& ctx, db::Connection& db) {
  const bool postgres = db.dialect() == core::Dialect::postgres;
  // A copy of receipts without the scenario's indexes, so that "without" is a real scan.
  db.exec("CREATE TABLE bench_receipts_scan AS SELECT * FROM receipts");
  db.exec("ANALYZE bench_receipts_scan");
  const std::string sql =
      "SELECT count(*), sum(CAST(round(total_amount * 100) AS BIGINT)) FROM bench_receipts_scan "
      "WHERE vendor_id = 1 AND purchase_date >= '2024-03-01' AND purchase_date < '2024-04-01'";
  const auto matched = db.query(sql).rows.at(0).at(0).value_or("0");
  const double without = time_query(db, sql, ctx.runs);
  const auto plan_without = query_plan(db, sql);

  const auto start = std::chrono::steady_clock::now();
  db.exec("CREATE INDEX bench_receipts_scan_vendor_date ON bench_receipts_scan (vendor_id, purchase_date)");
  const double build = seconds_since(start);
  db.exec("ANALYZE bench_receipts_scan");
  const double with = time_query(db, sql, ctx.runs);
  const auto plan_with = query_plan(db, sql);
  db.exec("DROP TABLE bench_receipts_scan");

  report::TextTable table({{"RECEIPTS OF VENDOR 1 IN MARCH 2024"},
                           {"ROWS", report::Align::right},
                           {"MEDIAN MS", report::Align::right}});
  table.add_row({"without an index", matched, milliseconds(without)});
  table.add_row({"with an index on (vendor_id, purchase_date)", matched, milliseconds(with)});
  table.add_row({"building that index", "", milliseconds(build)});
  ctx.print(fmt::format("Index against sequential scan, on a copy of receipts: {} faster with the index",
                        times_faster(without, with)));
  ctx.print(table.render());
  ctx.print(std::string(postgres ? "EXPLAIN ANALYZE" : "EXPLAIN QUERY PLAN") + " without the index:");
  ctx.print(indented(plan_without));
  ctx.print("with it:");
  ctx.print(indented(plan_with) + "\n");
  ctx.results["index_scan"] = {{"query", sql},
                               {"rows_matched", std::stoll(matched)},
                               {"without_index_ms", without * 1000},
                               {"with_index_ms", with * 1000},
                               {"index_build_ms", build * 1000},
                               {"plan_without_index", plan_without},
                               {"plan_with_index", plan_with}};
}

}  // namespace migrator::bench::benchmarks
