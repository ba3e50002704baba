#include "bench/runner_bench.hpp"

#include "bench/bare_sql.hpp"
#include "bench/external_tool.hpp"
#include "bench/median.hpp"

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
// Bare SQL and migrator take turns, a tenth of the migrations each, so that a burst of the
// disk's or another process's noise falls on one turn of each, not on one whole side.
constexpr int k_turns = 5;

std::filesystem::path write_plan() {
  const auto dir = make_temp_dir("migrator-bench");
  for (int i = 1; i <= k_migrations; ++i) {
    std::ofstream(dir / fmt::format("{:03}_table_{}.yaml", i, i))
        << "steps:\n  - name: create\n    sql: " << create_sql(i) << "\n    rollback: " << drop_sql(i)
        << "\n";
  }
  return dir;
}

// The same statements, bare (bench/bare_sql): migrations first..last, or back from last.
double bare(db::Connection& db, int first, int last, bool forward) {
  return bare_migrations(db, first, last, !forward, forward ? create_sql : drop_sql);
}

int turn_end(int turn) { return k_migrations * turn / k_turns; }

struct Sides {
  double bare = 0;
  double migrator = 0;
  std::vector<double> ratios;  // per turn
  void add(double bare_turn, double migrator_turn) {
    bare += bare_turn;
    migrator += migrator_turn;
    ratios.push_back(migrator_turn / bare_turn);
  }
};

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

  // The history's tables are made before anything is timed (once per database in real use).
  runner::ApplyOptions nothing;
  nothing.to = 0;
  runner.apply(plan, nothing);
  Sides apply;
  for (int turn = 1; turn <= k_turns; ++turn) {
    const double bare_turn = bare(*bare_conn, turn_end(turn - 1) + 1, turn_end(turn), true);
    const auto start = std::chrono::steady_clock::now();
    runner::ApplyOptions up_to;
    up_to.to = turn_end(turn);
    runner.apply(plan, up_to);
    apply.add(bare_turn, seconds_since(start));
  }
  Sides rollback;
  for (int turn = k_turns; turn >= 1; --turn) {
    const double bare_turn = bare(*bare_conn, turn_end(turn - 1) + 1, turn_end(turn), false);
    const auto start = std::chrono::steady_clock::now();
    runner::RollbackOptions down_to;
    down_to.to = turn_end(turn - 1);
    runner.rollback(plan.name, down_to);
    rollback.add(bare_turn, seconds_since(start));
  }

  report::TextTable table({{"OPERATION"},
                           {"BARE SQL", report::Align::right},
                           {"MIGRATOR", report::Align::right},
                           {"RATIO", report::Align::right},
                           {"GOAL", report::Align::right},
                           {"MIGRATIONS/S", report::Align::right}});
  auto row = [&](const char* what, const Sides& sides, double goal) {
    const double ratio = median(sides.ratios);
    table.add_row({what, fmt::format("{:.3f} s", sides.bare), fmt::format("{:.3f} s", sides.migrator),
                   fmt::format("{:.2f}x", ratio), fmt::format("<= {:.1f}x", goal),
                   fmt::format("{:.0f}", k_migrations / sides.migrator)});
    ctx.results[what] = {{"bare_seconds", sides.bare},
                         {"migrator_seconds", sides.migrator},
                         {"ratio", ratio},
                         {"goal_ratio", goal}};
  };
  row("apply 500", apply, 1.1);
  row("rollback 500", rollback, 1.5);
  ctx.print(table.render());
  ctx.print(fmt::format("bare SQL and migrator take turns, {} migrations each, {} turns: the times their sums, the "
                        "ratio the median of the turns' ratios; the history's tables made before timing",
                        k_migrations / k_turns, k_turns));
}

}  // namespace migrator::bench
