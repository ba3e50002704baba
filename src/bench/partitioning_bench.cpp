#include "bench/partitioning_bench.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "bench/benchmarks_parts.hpp"
#include "bench/progress_only.hpp"
#include "db/scratch.hpp"
#include "plan/loader.hpp"
#include "plan/scenario_dir.hpp"
#include "report/text_table.hpp"
#include "runner/runner.hpp"

namespace migrator::bench {
namespace {

constexpr std::string_view k_one_year =
    "SELECT count(*), sum(total_amount) FROM {} WHERE purchase_date >= DATE '2024-01-01' "
    "AND purchase_date < DATE '2025-01-01'";

// EXPLAIN ANALYZE's lines that say what was read (the scans and what pruning removed),
// without the timing noise of the rest.
std::string scans(db::Connection& db, const std::string& sql) {
  const auto result = db.query("EXPLAIN (ANALYZE, COSTS OFF, SUMMARY OFF) " + sql);
  std::string text;
  for (const auto& row : result.rows) {
    const auto line = row.back().value_or("");
    if (line.find("Scan") != std::string::npos || line.find("Subplans Removed") != std::string::npos) {
      text += (text.empty() ? "" : "\n") + line;
    }
  }
  return text;
}

}  // namespace

void run_partitioning_bench(BenchContext& ctx) {
  if (ctx.url.dialect != core::Dialect::postgres) {
    ctx.print("Partitioning applies to PostgreSQL only (SQLite has no partitioned tables): give --db "
              "postgresql://... to measure it");
    ctx.results["applies"] = false;
    return;
  }
  const auto plan = plan::load(plan::scenario_dir("partitioning"), {ctx.url.dialect});
  db::ScratchDatabase scratch(ctx.url, "bench_partitioning");
  auto db = db::open(scratch.url());
  const auto report = apply_with_progress(ctx, *db, plan);
  std::vector<std::pair<std::string, double>> move_seconds;  // in the order they ran
  for (const auto& m : report.migrations) {
    if (m.plan == plan.name) {
      move_seconds.emplace_back(m.name, std::chrono::duration<double>(m.duration).count());
    }
  }
  db->exec("ANALYZE receipts; ANALYZE receipts_unpartitioned");
  const auto receipts = db->query("SELECT count(*) FROM receipts").rows.at(0).at(0).value_or("0");
  ctx.print(fmt::format("{} receipts moved into yearly partitions; median of {} runs, milliseconds\n", receipts,
                        ctx.runs));

  struct Case {
    std::string label;
    std::string table;
    bool pruning;
  };
  const std::vector<Case> cases{{"partitioned, with pruning", "receipts", true},
                                {"partitioned, pruning off", "receipts", false},
                                {"unpartitioned (the old table)", "receipts_unpartitioned", true}};
  report::TextTable table({{"ONE YEAR'S SPEND"}, {"MS", report::Align::right}, {"VS PRUNED", report::Align::right}});
  auto rows = nlohmann::json::array();
  double pruned = 0;
  std::string plans;
  for (const auto& c : cases) {
    db->exec(std::string("SET enable_partition_pruning = ") + (c.pruning ? "on" : "off"));
    const auto sql = fmt::format(fmt::runtime(k_one_year), c.table);
    const double seconds = benchmarks::time_query(*db, sql, ctx.runs);
    pruned = pruned > 0 ? pruned : seconds;
    table.add_row({c.label, benchmarks::milliseconds(seconds), benchmarks::times_faster(seconds, pruned)});
    const auto read = scans(*db, sql);
    plans += c.label + ":\n" + benchmarks::indented(read) + "\n";
    rows.push_back({{"case", c.label}, {"seconds", seconds}, {"plan", read}});
  }
  db->exec("RESET enable_partition_pruning");
  ctx.print(table.render());
  ctx.print("What EXPLAIN ANALYZE says each read:\n" + plans);
  std::string moved;
  for (const auto& [name, seconds] : move_seconds) {
    moved += (moved.empty() ? "" : ", ") + fmt::format("{} {:.2f} s", name, seconds);
  }
  ctx.print("The move: " + moved);
  ctx.results["applies"] = true;
  ctx.results["receipts"] = std::stoll(receipts);
  ctx.results["one_year_query"] = rows;
  auto moves = nlohmann::json::array();
  for (const auto& [name, seconds] : move_seconds) {
    moves.push_back({{"migration", name}, {"seconds", seconds}});
  }
  ctx.results["move"] = moves;
}

}  // namespace migrator::bench
