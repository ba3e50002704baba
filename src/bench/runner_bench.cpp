#include "bench/runner_bench.hpp"

#include "bench/bare_sql.hpp"
#include "bench/external_tool.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <stdlib.h>

#include "db/connection.hpp"
#include "db/scratch.hpp"
#include "plan/loader.hpp"
#include "report/text_table.hpp"
#include "runner/runner.hpp"

namespace migrator::bench {
namespace {

constexpr int k_migrations = 500;

std::filesystem::path write_plan() {
  const auto dir = make_temp_dir("migrator-bench");
  for (int i = 1; i <= k_migrations; ++i) {
    std::ofstream(dir / fmt::format("{:03}_table_{}.yaml", i, i))
        << "steps:\n  - name: create\n    sql: " << create_sql(i) << "\n    rollback: " << drop_sql(i)
        << "\n";
  }
  return dir;
}

// The same statements, bare (bench/bare_sql).
double bare(db::Connection& db, bool forward) {
  return bare_migrations(db, 1, k_migrations, !forward, forward ? create_sql : drop_sql);
}

}  // namespace

void run_runner_bench(BenchContext& ctx) {
  const auto dir = write_plan();
  const auto plan = plan::load(dir, {ctx.url.dialect});
  std::filesystem::remove_all(dir);

  db::ScratchDatabase bare_db(ctx.url, "bench_bare");
  db::ScratchDatabase runner_db(ctx.url, "bench_runner");
  auto bare_conn = db::open(bare_db.url());
  auto runner_conn = db::open(runner_db.url());
  runner::Observer silent;
  runner::Runner runner(*runner_conn, silent);

  // Interleaved, so that both see the same machine noise.
  const double bare_apply = bare(*bare_conn, true);
  auto start = std::chrono::steady_clock::now();
  runner.apply(plan, {});
  const double runner_apply = seconds_since(start);
  const double bare_rollback = bare(*bare_conn, false);
  start = std::chrono::steady_clock::now();
  runner::RollbackOptions to_zero;
  runner.rollback(plan.name, to_zero);
  const double runner_rollback = seconds_since(start);

  report::TextTable table({{"OPERATION"},
                           {"BARE SQL", report::Align::right},
                           {"MIGRATOR", report::Align::right},
                           {"RATIO", report::Align::right},
                           {"GOAL", report::Align::right},
                           {"MIGRATIONS/S", report::Align::right}});
  auto row = [&](const char* what, double bare_s, double ours, double goal) {
    table.add_row({what, fmt::format("{:.3f} s", bare_s), fmt::format("{:.3f} s", ours),
                   fmt::format("{:.2f}x", ours / bare_s), fmt::format("<= {:.1f}x", goal),
                   fmt::format("{:.0f}", k_migrations / ours)});
    ctx.results[what] = {{"bare_seconds", bare_s},
                         {"migrator_seconds", ours},
                         {"ratio", ours / bare_s},
                         {"goal_ratio", goal}};
  };
  row("apply 500", bare_apply, runner_apply, 1.1);
  row("rollback 500", bare_rollback, runner_rollback, 1.5);
  ctx.print(table.render());
}

}  // namespace migrator::bench
