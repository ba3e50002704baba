#include "bench/concurrency_bench.hpp"

#include <fmt/format.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <thread>

#include "bench/benchmarks_parts.hpp"
#include "bench/progress_only.hpp"
#include "bench/traffic.hpp"
#include "core/error.hpp"
#include "db/scratch.hpp"
#include "generate/statistics.hpp"
#include "plan/loader.hpp"
#include "plan/scenario_dir.hpp"
#include "report/text_bar.hpp"
#include "report/text_observer.hpp"
#include "report/text_table.hpp"
#include "runner/runner.hpp"
#include "util/interrupt.hpp"
#include "util/terminal.hpp"

namespace migrator::bench {
namespace {

constexpr int k_writers = 2;
constexpr int k_readers = 2;
// Each connection's pace, far below what the database sustains, so that what holds the
// traffic up is the migration: 250 operations a second on PostgreSQL (1,000 in all); 50 on
// SQLite, where every commit takes the one write lock and readers wait out its commit.
std::chrono::microseconds traffic_interval(core::Dialect dialect) {
  return std::chrono::microseconds(dialect == core::Dialect::postgres ? 4000 : 20000);
}

struct Phase {
  std::string key;   // for the JSON document
  std::string name;  // for a person
  std::function<void()> migrate;  // timed, with the traffic running; may fail (the one-liner does)
};

void in_one_transaction(db::Connection& db, std::initializer_list<std::string_view> statements) {
  auto tx = db.begin();
  for (const auto sql : statements) {
    db.exec(sql);
  }
  tx->commit();
}

// The traffic's receipts are the only ones dated January 2026 (the data set spans 2023 and
// 2024 at every scale), so they can be found again after a run that was killed.
constexpr std::string_view k_traffic_month = "2026-01";

std::vector<Phase> phases(db::Connection& db, runner::Runner& runner, const plan::Plan& safe_plan,
                          double quiet_seconds) {
  const bool postgres = db.dialect() == core::Dialect::postgres;
  std::vector<Phase> out;
  out.push_back({"quiet", fmt::format("no migration ({:.1f} s of the traffic alone)", quiet_seconds),
                 [=] {
                   const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                                       std::chrono::duration<double>(quiet_seconds));
                   while (Clock::now() < end) {
                     util::stop_if_interrupted();
                     std::this_thread::sleep_for(std::chrono::milliseconds(20));
                   }
                 }});
  out.push_back({"unsafe_one_liner", "the one-liner: ADD COLUMN tax_amount ... NOT NULL",
                 [&db] { db.exec("ALTER TABLE receipts ADD COLUMN tax_amount DECIMAL(10,2) NOT NULL"); }});
  if (postgres) {
    out.push_back({"one_transaction", "ADD COLUMN, UPDATE every row, SET NOT NULL in one transaction", [&db] {
                     in_one_transaction(db, {"ALTER TABLE receipts ADD COLUMN tax_amount NUMERIC(10,2)",
                                             "UPDATE receipts SET tax_amount = round(total_amount * 0.08, 2)",
                                             "ALTER TABLE receipts ALTER COLUMN tax_amount SET NOT NULL"});
                   }});
    out.push_back({"type_change", "a type change that rewrites: payment_method TYPE varchar(20)",
                   [&db] { db.exec("ALTER TABLE receipts ALTER COLUMN payment_method TYPE varchar(20)"); }});
  } else {
    out.push_back({"one_transaction", "ADD COLUMN, UPDATE every row in one transaction", [&db] {
                     in_one_transaction(db, {"ALTER TABLE receipts ADD COLUMN tax_amount NUMERIC(10,2)",
                                             "UPDATE receipts SET tax_amount = round(total_amount * 0.08, 2)"});
                   }});
  }
  // The application deploys the code that writes tax_amount once the column exists: the
  // first migration, a moment for the traffic to notice, then the backfill and the constraint.
  out.push_back({"safe_plan", "scenarios/tax_amount: nullable, batched backfill, constraint", [&runner, &safe_plan] {
                   runner::ApplyOptions first;
                   first.to = safe_plan.migrations.front().version;
                   runner.apply(safe_plan, first);
                   std::this_thread::sleep_for(std::chrono::milliseconds(100));
                   runner.apply(safe_plan, {});
                 }});
  out.push_back({"create_index", "CREATE INDEX on receipts (payment_method, total_amount)",
                 [&db] { db.exec("CREATE INDEX receipts_traffic_test ON receipts (payment_method, total_amount)"); }});
  if (postgres) {
    out.push_back({"create_index_concurrently", "CREATE INDEX CONCURRENTLY, the same index", [&db] {
                     db.exec("CREATE INDEX CONCURRENTLY receipts_traffic_test ON receipts (payment_method, total_amount)");
                   }});
  }
  return out;
}

// Puts receipts back as the data set had it, whatever a phase (or a measurement interrupted
// or killed half way) left: the safe plan rolled back, the one-transaction column dropped,
// payment_method text again (no rewrite when it is), the index dropped (an invalid one from
// an interrupted CONCURRENTLY too), the traffic's receipts deleted. Each is a no-op when
// there is nothing to undo, so it runs before the measurement, after each phase and at the end.
void put_back(db::Connection& db, runner::Runner& runner, const plan::Plan& safe_plan) {
  const bool postgres = db.dialect() == core::Dialect::postgres;
  runner.rollback(safe_plan.name, {});
  const auto column = db.query(postgres ? "SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                                          "current_schema() AND table_name = 'receipts' AND column_name = 'tax_amount'"
                                        : "SELECT count(*) FROM pragma_table_info('receipts') WHERE name = 'tax_amount'");
  if (column.rows.at(0).at(0).value_or("0") != "0") {
    db.exec("ALTER TABLE receipts DROP COLUMN tax_amount");
  }
  if (postgres) {
    db.exec("ALTER TABLE receipts ALTER COLUMN payment_method TYPE text");
  }
  db.exec("DROP INDEX IF EXISTS receipts_traffic_test");
  db.exec(fmt::format("DELETE FROM receipts WHERE purchase_date >= '{0}-01' AND purchase_date <= '{0}-31'",
                      k_traffic_month));
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// Below this a phase's operations per second are a count of two or three divided by almost
// nothing (the one-liner fails in a millisecond): the table shows "-" instead.
constexpr double k_shortest_rate_window_seconds = 0.1;

struct PhaseResult {
  std::string key;
  std::string name;
  double seconds = 0;
  std::string error;  // the migration's, when it failed
  TrafficFigures traffic;
};

// Each phase with the traffic running, receipts put back after each; put back also when a
// phase is interrupted (Ctrl-C) or fails in an unexpected way, before the error goes on.
std::vector<PhaseResult> run_phases(BenchContext& ctx, db::Connection& db, double quiet_seconds) {
  const auto safe_plan = plan::load(plan::scenario_dir("tax_amount"), {db.dialect()});
  runner::Observer silent;
  runner::Runner runner(db, silent);
  put_back(db, runner, safe_plan);  // a demo database may have tax_amount applied, or a killed run's leftovers
  std::vector<PhaseResult> results;
  try {
    Traffic traffic(ctx.url, k_writers, k_readers, traffic_interval(db.dialect()));
    const auto all = phases(db, runner, safe_plan, quiet_seconds);
    for (const auto& phase : all) {
      ctx.observer.on_progress("migrations, traffic", results.size(), all.size());
      PhaseResult result{phase.key, phase.name, 0, "", {}};
      traffic.settle(Clock::now());  // nothing held up by the last phase's putting back counts here
      const auto start = Clock::now();
      try {
        phase.migrate();
      } catch (const std::exception& e) {
        if (util::interrupted()) {
          throw;
        }
        result.error = first_line(e.what());
      }
      const auto end = Clock::now();
      result.seconds = std::chrono::duration<double>(end - start).count();
      result.traffic = traffic.between(start, end);
      put_back(db, runner, safe_plan);
      results.push_back(std::move(result));
    }
  } catch (...) {
    util::wait_for_cancellers();
    try {
      put_back(db, runner, safe_plan);
    } catch (const std::exception&) {
      // The first error is the one to report; the next run puts back what is left.
    }
    throw;
  }
  put_back(db, runner, safe_plan);  // the receipts written after the last phase's putting back
  return results;
}

void print_phases(BenchContext& ctx, const std::vector<PhaseResult>& results, core::Dialect dialect,
                  std::uint64_t receipts) {
  report::TextTable table({{"WHILE THIS RUNS"},
                           {"TOOK S", report::Align::right},
                           {"WRITES/S", report::Align::right},
                           {"LONGEST WRITE MS", report::Align::right},
                           {"READS/S", report::Align::right},
                           {"LONGEST READ MS", report::Align::right},
                           {"FAILED", report::Align::right}});
  std::vector<report::BarRow> bars;
  std::vector<std::string> notes;
  bool any_too_short = false;
  for (const auto& r : results) {
    const bool too_short = r.seconds < k_shortest_rate_window_seconds;
    any_too_short = any_too_short || too_short;
    const auto rate = [too_short](double per_second) {
      return too_short ? std::string("-") : generate::format_count(static_cast<std::uint64_t>(per_second));
    };
    const auto label = r.error.empty() ? r.name : r.name + " (failed)";
    table.add_row({label, fmt::format("{:.2f}", r.seconds), rate(r.traffic.writes_per_second),
                   benchmarks::milliseconds(r.traffic.longest_write_ms / 1000), rate(r.traffic.reads_per_second),
                   benchmarks::milliseconds(r.traffic.longest_read_ms / 1000), std::to_string(r.traffic.failed)});
    bars.push_back({label, r.traffic.longest_write_ms, benchmarks::milliseconds(r.traffic.longest_write_ms / 1000) + " ms"});
    if (!r.error.empty()) {
      notes.push_back(fmt::format("{} failed after {:.2f} s: {}", r.name, r.seconds, r.error));
    }
    if (r.traffic.failed > 0) {
      notes.push_back(fmt::format("{}: {} operations of the traffic failed, the first with: {}", r.name,
                                  r.traffic.failed, first_line(r.traffic.first_error)));
    }
  }
  ctx.print(fmt::format("Concurrency: {} writers inserting receipts and {} readers running a monthly report, each on "
                        "its own connection at {} operations a second, while each migration runs on {} receipts",
                        k_writers, k_readers, 1'000'000 / traffic_interval(dialect).count(),
                        generate::format_count(receipts)));
  ctx.print(table.render());
  if (any_too_short) {
    notes.push_back(fmt::format("-: over less than {:.1f} s there is no rate to count", k_shortest_rate_window_seconds));
  }
  for (const auto& note : notes) {
    ctx.print("  " + note);
  }
  ctx.print("\nThe longest any insert waited, by migration:");
  ctx.print(report::bar_rows(bars, benchmarks::k_bar_width, util::utf8_locale()));
  if (dialect == core::Dialect::sqlite) {
    ctx.print(report::wrap("SQLite has one writer at a time: every migration here is a write transaction, and each "
                           "insert waits for its commit, the safe plan's included (its backfill is one UPDATE on "
                           "SQLite). Readers wait too, while a writer commits, even with no migration running: with "
                           "the rollback journal migrator keeps (a killed run leaves a journal SQLite replays), a busy "
                           "connection retries after sleeps of up to 100 ms, so these waits vary from run to run. What "
                           "the safe plan buys on SQLite is a database that is never half-migrated, not writes that go "
                           "on; PostgreSQL's row locks are what let them go on (--db postgresql://...).",
                           100, "") + "\n");
  }
}

}  // namespace

void measure_concurrency(BenchContext& ctx, db::Connection& db, double quiet_seconds) {
  const auto results = run_phases(ctx, db, quiet_seconds);
  const auto receipts = std::stoull(db.query("SELECT count(*) FROM receipts").rows.at(0).at(0).value_or("0"));
  print_phases(ctx, results, db.dialect(), receipts);
  auto phases_json = nlohmann::json::array();
  for (const auto& r : results) {
    phases_json.push_back({{"phase", r.key},
                           {"name", r.name},
                           {"migration_seconds", r.seconds},
                           {"migration_error", r.error.empty() ? nlohmann::json() : nlohmann::json(r.error)},
                           {"writes_per_second", r.traffic.writes_per_second},
                           {"reads_per_second", r.traffic.reads_per_second},
                           {"longest_write_ms", r.traffic.longest_write_ms},
                           {"longest_read_ms", r.traffic.longest_read_ms},
                           {"failed_operations", r.traffic.failed}});
  }
  ctx.results["writers"] = k_writers;
  ctx.results["readers"] = k_readers;
  ctx.results["receipts"] = receipts;
  ctx.results["phases"] = phases_json;
}

void run_concurrency_bench(BenchContext& ctx) {
  const auto data_plan = plan::load(plan::scenario_dir("construction_receipts"), {ctx.url.dialect});
  db::ScratchDatabase scratch(ctx.url, "bench_concurrency");
  auto db = db::open(scratch.url());
  apply_with_progress(ctx, *db, data_plan);
  BenchContext on_scratch{scratch.url(), ctx.scale, ctx.observer, ctx.print, ctx.results, ctx.runs, ctx.history};
  measure_concurrency(on_scratch, *db, 2.0);
}

}  // namespace migrator::bench
