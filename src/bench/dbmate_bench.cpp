#include "bench/dbmate_bench.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <memory>

#include "bench/external_tool.hpp"
#include "bench/peak_memory.hpp"
#include "db/connection.hpp"
#include "db/scratch.hpp"
#include "plan/loader.hpp"
#include "report/text_table.hpp"
#include "runner/runner.hpp"

namespace migrator::bench {
namespace {

std::string create_sql(int i) { return "CREATE TABLE bench_t" + std::to_string(i) + " (id integer);"; }
std::string drop_sql(int i) { return "DROP TABLE bench_t" + std::to_string(i) + ";"; }

// dbmate's files, numbered by time as `dbmate new` numbers them, and a plan.yaml that lets
// the plan run on SQLite too (dbmate reads only the .sql files).
void write_plan(const std::filesystem::path& dir, int count) {
  std::ofstream(dir / "plan.yaml") << "dialects: [postgres, sqlite]\n";
  for (int i = 1; i <= count; ++i) {
    std::ofstream(dir / fmt::format("{}_create_table_{}.sql", 20240101000000LL + i, i))
        << "-- migrate:up\n" << create_sql(i) << "\n\n-- migrate:down\n" << drop_sql(i) << "\n";
  }
}

// The same statements, one transaction per migration, no history, no lock, no checks.
double bare(db::Connection& db, int count, bool forward) {
  const auto start = std::chrono::steady_clock::now();
  for (int n = 1; n <= count; ++n) {
    const int i = forward ? n : count + 1 - n;
    auto tx = db.begin();
    db.exec(forward ? create_sql(i) : drop_sql(i));
    tx->commit();
  }
  return seconds_since(start);
}

// dbmate's URL: lib/pq asks for TLS unless told, which a local server seldom offers.
std::string dbmate_url(const db::Url& url) {
  auto text = db::url_text(url);
  if (url.dialect == core::Dialect::postgres && text.find("sslmode=") == std::string::npos) {
    text += (text.find('?') == std::string::npos ? "?" : "&") + std::string("sslmode=disable");
  }
  return text;
}

}  // namespace

void run_dbmate_bench(BenchContext& ctx) {
  const int count = std::max(10, static_cast<int>(std::lround(10'000 * ctx.scale)));
  const auto dir = make_temp_dir("migrator-bench-dbmate");
  const std::unique_ptr<const std::filesystem::path, void (*)(const std::filesystem::path*)> remove_dir(
      &dir, [](const std::filesystem::path* p) {
        std::error_code ignored;
        std::filesystem::remove_all(*p, ignored);
      });
  write_plan(dir, count);
  const auto dbmate = find_tool("dbmate", "MIGRATOR_DBMATE");
  const auto self = self_path();

  db::ScratchDatabase bare_db(ctx.url, "bench_bare");
  db::ScratchDatabase runner_db(ctx.url, "bench_runner");
  db::ScratchDatabase command_db(ctx.url, "bench_command");
  auto bare_conn = db::open(bare_db.url());
  auto runner_conn = db::open(runner_db.url());
  runner::Observer silent;
  runner::Runner runner(*runner_conn, silent);
  const auto command_env = std::vector<std::string>{"DATABASE_URL=" + db::url_text(command_db.url())};

  // Interleaved, so that each sees the same machine noise. Progress: the run under way.
  std::uint64_t runs_done = 0;
  const auto next_run = [&](std::string_view what) { ctx.observer.on_progress(what, runs_done++, 7); };
  next_run("apply: bare SQL");
  const double bare_apply = bare(*bare_conn, count, true);
  next_run("apply: migrator in process");
  reset_peak_rss();
  auto start = std::chrono::steady_clock::now();
  const auto plan = plan::load(dir, {ctx.url.dialect});
  const double load = seconds_since(start);
  runner.apply(plan, {});
  const double runner_apply = seconds_since(start);
  const double peak_mb = static_cast<double>(peak_rss_bytes()) / (1024.0 * 1024.0);
  next_run("apply: the migrator command");
  const auto command_apply = run_tool({self, "apply", dir.string(), "-q"}, command_env);
  std::optional<ToolRun> dbmate_apply;
  std::optional<db::ScratchDatabase> dbmate_db;
  if (!dbmate.empty()) {
    next_run("apply: dbmate up");
    dbmate_db.emplace(ctx.url, "bench_dbmate");
    dbmate_apply = run_tool({dbmate, "--no-dump-schema", "--migrations-dir", dir.string(), "up"},
                            {"DATABASE_URL=" + dbmate_url(dbmate_db->url())});
  }
  next_run("rollback: bare SQL");
  const double bare_rollback = bare(*bare_conn, count, false);
  next_run("rollback: migrator in process");
  start = std::chrono::steady_clock::now();
  runner.rollback(plan.name, runner::RollbackOptions{});
  const double runner_rollback = seconds_since(start);
  next_run("rollback: the migrator command");
  const auto command_rollback = run_tool({self, "rollback", dir.string(), "--to", "0", "-q"}, command_env);
  ctx.observer.on_progress("done", 7, 7);

  const auto failed = [](const ToolRun& run) { return run.exit_code != 0; };
  if (failed(command_apply) || failed(command_rollback) || (dbmate_apply && failed(*dbmate_apply))) {
    throw core::MigrationFailed(fmt::format("a command of the benchmark failed (migrator apply: exit {}, rollback: "
                                            "exit {}, dbmate up: exit {}); run it by hand to see why",
                                            command_apply.exit_code, command_rollback.exit_code,
                                            dbmate_apply ? dbmate_apply->exit_code : 0));
  }

  report::TextTable table({{"RUN"},
                           {"BARE SQL", report::Align::right},
                           {"MIGRATOR", report::Align::right},
                           {"RATIO", report::Align::right},
                           {"GOAL", report::Align::right},
                           {"MIGRATIONS/S", report::Align::right}});
  const auto row = [&](const std::string& what, double baseline, double ours, const std::string& goal) {
    table.add_row({what, fmt::format("{:.2f} s", baseline), fmt::format("{:.2f} s", ours),
                   fmt::format("{:.2f}x", ours / baseline), goal, fmt::format("{:.0f}", count / ours)});
  };
  row("apply, in process (load included)", bare_apply, runner_apply, "<= 1.10x");
  row("apply, the command", bare_apply, command_apply.seconds, "");
  row("rollback, in process", bare_rollback, runner_rollback, "<= 1.50x");
  row("rollback, the command", bare_rollback, command_rollback.seconds, "");
  ctx.print(table.render());
  if (dbmate_apply) {
    report::TextTable versus({{"UP"}, {"TIME", report::Align::right}, {"MIGRATIONS/S", report::Align::right},
                              {"VS DBMATE", report::Align::right}, {"GOAL", report::Align::right}});
    versus.add_row({"dbmate up", fmt::format("{:.2f} s", dbmate_apply->seconds),
                    fmt::format("{:.0f}", count / dbmate_apply->seconds), "1.00x", ""});
    versus.add_row({"migrator apply", fmt::format("{:.2f} s", command_apply.seconds),
                    fmt::format("{:.0f}", count / command_apply.seconds),
                    fmt::format("{:.2f}x", command_apply.seconds / dbmate_apply->seconds), "<= 1.00x"});
    ctx.print(versus.render());
  } else {
    ctx.print("dbmate not found: install it (npm install dbmate) and put it on PATH or in $MIGRATOR_DBMATE");
  }
  ctx.print(fmt::format("{} migrations in dbmate form; plan loaded in {:.2f} s; peak memory in process {:.0f} MB "
                        "(goal: under 100 MB); rollback compared with bare SQL only (dbmate rolls back one "
                        "migration per run)",
                        count, load, peak_mb));
  ctx.results["migrations"] = count;
  ctx.results["bare_apply_seconds"] = bare_apply;
  ctx.results["migrator_apply_seconds"] = runner_apply;
  ctx.results["migrator_load_seconds"] = load;
  ctx.results["command_apply_seconds"] = command_apply.seconds;
  ctx.results["bare_rollback_seconds"] = bare_rollback;
  ctx.results["migrator_rollback_seconds"] = runner_rollback;
  ctx.results["command_rollback_seconds"] = command_rollback.seconds;
  ctx.results["apply_ratio"] = runner_apply / bare_apply;
  ctx.results["rollback_ratio"] = runner_rollback / bare_rollback;
  ctx.results["peak_memory_mb"] = peak_mb;
  ctx.results["dbmate_up_seconds"] = dbmate_apply ? nlohmann::json(dbmate_apply->seconds) : nlohmann::json(nullptr);
}

}  // namespace migrator::bench
