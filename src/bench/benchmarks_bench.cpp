#include "bench/benchmarks_bench.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "bench/benchmarks_parts.hpp"
#include "bench/progress_only.hpp"
#include "db/scratch.hpp"
#include "generate/statistics.hpp"
#include "plan/loader.hpp"
#include "plan/scenario_dir.hpp"
#include "runner/runner.hpp"

namespace migrator::bench {
namespace {

std::uint64_t count_rows(db::Connection& db, const std::string& table) {
  const auto result = db.query("SELECT count(*) FROM " + table);
  return std::stoull(result.rows.at(0).at(0).value_or("0"));
}

}  // namespace

namespace benchmarks {

void measure_all(BenchContext& ctx, db::Connection& db, const generate::Config& config) {
  // Each section shows on the terminal while it measures (seconds at --scale 10).
  const auto section = [&](std::string_view name) { ctx.observer.on_progress(name, 0, 0); };
  section("measuring the reports");
  measure_queries(ctx, db);
  section("measuring inserts");
  measure_inserts(ctx, db, config);
  section("measuring index against scan");
  measure_index(ctx, db);
  section("measuring the refresh");
  measure_refresh(ctx, db);
  // Before the migration steps, which leave dead rows behind on PostgreSQL.
  section("measuring storage");
  measure_storage(ctx, db);
  section("measuring migration steps");
  measure_migration_steps(ctx, db);
}

std::string times_faster(double slow, double fast) {
  return slow > 0 && fast > 0 ? fmt::format("{:.1f}x", slow / fast) : "-";
}

std::string milliseconds(double seconds) {
  return seconds < 0.001 ? fmt::format("{:.3f}", seconds * 1000) : fmt::format("{:.2f}", seconds * 1000);
}

}  // namespace benchmarks

void run_benchmarks_bench(BenchContext& ctx) {
  const auto plan = plan::load(plan::scenario_dir("benchmarks"), {ctx.url.dialect});
  if (plan.requires_plans.empty()) {
    throw core::UsageError("scenarios/benchmarks requires no plan", "it must require ../construction_receipts");
  }
  const auto data_plan = plan::load(plan.requires_plans.front(), {ctx.url.dialect});
  const auto load = generate::find_generate_step(data_plan, ctx.scale);
  if (!load) {
    throw core::UsageError("scenarios/construction_receipts has no generate step");
  }

  db::ScratchDatabase scratch(ctx.url, "bench_benchmarks");
  auto db = db::open(scratch.url());
  const auto start = std::chrono::steady_clock::now();
  apply_with_progress(ctx, *db, plan);
  const double apply_seconds = seconds_since(start);

  const auto receipts = count_rows(*db, "receipts");
  const auto items = count_rows(*db, "receipt_items");
  ctx.print(fmt::format("{} receipts with {} lines; construction_receipts and benchmarks applied in {:.1f} s; "
                        "median of {} runs, milliseconds\n",
                        generate::format_count(receipts), generate::format_count(items), apply_seconds,
                        ctx.runs));
  ctx.results["receipts"] = receipts;
  ctx.results["receipt_items"] = items;
  ctx.results["runs"] = ctx.runs;
  ctx.results["apply_seconds"] = apply_seconds;

  benchmarks::measure_all(ctx, *db, load->config);
}

}  // namespace migrator::bench
