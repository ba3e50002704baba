#include "bench/dbmate_bench.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <memory>

#include "bench/bare_sql.hpp"
#include "bench/external_tool.hpp"
#include "bench/median.hpp"
#include "bench/peak_memory.hpp"
#include "db/connection.hpp"
#include "db/scratch.hpp"
#include "plan/loader.hpp"
#include "report/text_table.hpp"
#include "runner/runner.hpp"

namespace migrator::bench {
namespace {

// Migration i's version: a time, as `dbmate new` numbers them; 0 is before the first.
core::Version version_of(int i) { return i == 0 ? 0 : 20240101000000LL + i; }

std::string file_name(int i) { return fmt::format("{}_create_table_{}.sql", version_of(i), i); }

// A plan.yaml that lets a dbmate directory run on SQLite too (dbmate reads only .sql files).
void write_plan_yaml(const std::filesystem::path& dir) {
  std::ofstream(dir / "plan.yaml") << "dialects: [postgres, sqlite]\n";
}

// dbmate's files, numbered by time as `dbmate new` numbers them.
void write_plan(const std::filesystem::path& dir, int count) {
  write_plan_yaml(dir);
  for (int i = 1; i <= count; ++i) {
    std::ofstream(dir / file_name(i)) << "-- migrate:up\n"
                                      << create_sql(i) << "\n\n-- migrate:down\n"
                                      << drop_sql(i) << "\n";
  }
}

// Files first..last of `from`, linked into `to` (copied where links cannot be made).
void add_files(const std::filesystem::path& from, const std::filesystem::path& to, int first, int last) {
  for (int i = first; i <= last; ++i) {
    std::error_code linked;
    std::filesystem::create_hard_link(from / file_name(i), to / file_name(i), linked);
    if (linked) {
      std::filesystem::copy_file(from / file_name(i), to / file_name(i));
    }
  }
}

// The same statements, bare (bench/bare_sql).
double bare(db::Connection& db, int first, int last, bool forward) {
  return bare_migrations(db, first, last, !forward, forward ? create_sql : drop_sql);
}

// The disk's noise is large beside the runner's cost: bare SQL and migrator take turns,
// a tenth of the migrations each time, and the turns are summed.
constexpr int k_turns = 10;

// dbmate's URL: lib/pq asks for TLS unless told, which a local server seldom offers, and
// sends a setting it does not know (gssencmode, which migrator adds for local hosts) to the
// server, which refuses it.
std::string dbmate_url(const db::Url& url) {
  if (url.dialect == core::Dialect::sqlite) {
    return "sqlite:" + url.sqlite_path;  // dbmate's driver would not know migrator's ?synchronous=
  }
  auto text = db::url_text(url);
  for (const auto* separator : {"?", "&"}) {
    const auto at = text.find(std::string(separator) + "gssencmode=");
    if (at != std::string::npos) {
      const auto end = text.find('&', at + 1);
      text.erase(at + (end == std::string::npos ? 0 : 1), end == std::string::npos ? std::string::npos : end - at);
      break;
    }
  }
  if (url.dialect == core::Dialect::postgres && text.find("sslmode=") == std::string::npos) {
    text += (text.find('?') == std::string::npos ? "?" : "&") + std::string("sslmode=disable");
  }
  return text;
}

// A run made of turns: their times summed, the first failure's exit code kept.
void add_turn(ToolRun& sum, const ToolRun& turn) {
  sum.seconds += turn.seconds;
  if (sum.exit_code == 0) {
    sum.exit_code = turn.exit_code;
  }
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
  // What the commands see: the same files, a tenth more each turn, as a team's directory grows.
  const auto growing = dir / "growing";
  std::filesystem::create_directory(growing);
  write_plan_yaml(growing);
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
  // dbmate's SQLite syncs a commit's journal once (synchronous=normal), migrator's twice
  // (SQLite's default, full): the command runs once more at dbmate's setting, like for like.
  std::optional<db::ScratchDatabase> normal_db;
  if (!dbmate.empty() && ctx.url.dialect == core::Dialect::sqlite && ctx.url.sqlite_synchronous != "normal") {
    auto normal = ctx.url;
    normal.sqlite_synchronous = "normal";
    normal_db.emplace(normal, "bench_command_normal");
  }

  // Interleaved, so that each sees the same machine noise. Progress: the run under way.
  std::uint64_t runs_done = 0;
  const auto next_run = [&](std::string_view what) { ctx.observer.on_progress(what, runs_done++, 4); };
  next_run("apply: bare SQL and migrator in process, in turns");
  const auto turn_end = [&](int turn) { return count * turn / k_turns; };
  std::optional<db::ScratchDatabase> dbmate_db;
  if (!dbmate.empty()) {
    dbmate_db.emplace(ctx.url, "bench_dbmate");
  }
  double bare_apply = 0;
  double runner_apply = 0;
  ToolRun command_apply;
  command_apply.exit_code = 0;
  std::optional<ToolRun> dbmate_apply;
  std::vector<double> apply_ratios;   // per turn: a writeback burst in one turn moves the sums
  std::vector<double> versus_dbmate;  // per turn: the command's time over dbmate up's
  ToolRun normal_apply{0, 0, 0};
  std::vector<double> normal_versus_dbmate;
  reset_peak_rss();
  auto start = std::chrono::steady_clock::now();
  const auto plan = plan::load(dir, {ctx.url.dialect});
  const double load = seconds_since(start);
  for (int turn = 1; turn <= k_turns; ++turn) {
    const double bare_turn = bare(*bare_conn, turn_end(turn - 1) + 1, turn_end(turn), true);
    start = std::chrono::steady_clock::now();
    runner::ApplyOptions up_to;
    up_to.to = version_of(turn_end(turn));
    runner.apply(plan, up_to);
    const double runner_turn = seconds_since(start) + (turn == 1 ? load : 0.0);
    bare_apply += bare_turn;
    runner_apply += runner_turn - (turn == 1 ? load : 0.0);
    apply_ratios.push_back(runner_turn / bare_turn);
  }
  const double peak_mb = static_cast<double>(peak_rss_bytes()) / (1024.0 * 1024.0);
  // The commands in turns of their own: in the same turns as the pair above, their writes
  // (10,000 more tables each) left the disk and autovacuum busy for whichever came next, and
  // the pair's ratio moved from 1.1x to 1.4x between runs.
  next_run("apply: the migrator command and dbmate up, in turns");
  for (int turn = 1; turn <= k_turns; ++turn) {
    // Each a process that reads the directory and its history, then applies the tenth that is new.
    add_files(dir, growing, turn_end(turn - 1) + 1, turn_end(turn));
    const auto command_turn = run_tool({self, "apply", growing.string(), "-q"}, command_env);
    add_turn(command_apply, command_turn);
    if (dbmate_db) {
      const auto dbmate_turn = run_tool({dbmate, "--no-dump-schema", "--migrations-dir", growing.string(), "up"},
                                        {"DATABASE_URL=" + dbmate_url(dbmate_db->url())});
      if (!dbmate_apply) {
        dbmate_apply = ToolRun{0, 0, 0};
      }
      add_turn(*dbmate_apply, dbmate_turn);
      versus_dbmate.push_back(command_turn.seconds / dbmate_turn.seconds);
      if (normal_db) {
        const auto normal_turn = run_tool({self, "apply", growing.string(), "-q"},
                                          {"DATABASE_URL=" + db::url_text(normal_db->url())});
        add_turn(normal_apply, normal_turn);
        normal_versus_dbmate.push_back(normal_turn.seconds / dbmate_turn.seconds);
      }
    }
  }
  next_run("rollback: bare SQL and migrator in process, in turns");
  double bare_rollback = 0;
  double runner_rollback = 0;
  std::vector<double> rollback_ratios;
  for (int turn = k_turns; turn >= 1; --turn) {
    const double bare_turn = bare(*bare_conn, turn_end(turn - 1) + 1, turn_end(turn), false);
    start = std::chrono::steady_clock::now();
    runner::RollbackOptions down_to;
    down_to.to = version_of(turn_end(turn - 1));
    runner.rollback(plan.name, down_to);
    const double runner_turn = seconds_since(start);
    bare_rollback += bare_turn;
    runner_rollback += runner_turn;
    rollback_ratios.push_back(runner_turn / bare_turn);
  }
  next_run("rollback: the migrator command");
  const auto command_rollback = run_tool({self, "rollback", growing.string(), "--to", "0", "-q"}, command_env);
  ctx.observer.on_progress("done", 4, 4);

  const auto failed = [](const ToolRun& run) { return run.exit_code != 0; };
  if (failed(command_apply) || failed(command_rollback) || failed(normal_apply) ||
      (dbmate_apply && failed(*dbmate_apply))) {
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
  const double apply_ratio = median(apply_ratios);
  const double rollback_ratio = median(rollback_ratios);
  const auto row = [&](const std::string& what, double baseline, double ours, double ratio, const std::string& goal) {
    table.add_row({what, fmt::format("{:.2f} s", baseline), fmt::format("{:.2f} s", ours),
                   fmt::format("{:.2f}x", ratio), goal, fmt::format("{:.0f}", count / ours)});
  };
  row("apply, in process (load included)", bare_apply, runner_apply + load, apply_ratio, "<= 1.10x");
  row(fmt::format("apply, the command ({} runs)", k_turns), bare_apply, command_apply.seconds,
      command_apply.seconds / bare_apply, "");
  row("rollback, in process", bare_rollback, runner_rollback, rollback_ratio, "<= 1.50x");
  row("rollback, the command", bare_rollback, command_rollback.seconds, command_rollback.seconds / bare_rollback, "");
  ctx.print(table.render());
  ctx.print(fmt::format("in process: the median of {} turns' ratios (bare SQL and migrator take turns, a tenth of "
                        "the migrations each; the plan's load counted in the first), the times their sums; the "
                        "command: apply, one process a turn, each reading the directory and the history again; "
                        "rollback --to 0, one run; both against the sums of bare SQL's turns",
                        k_turns));
  if (dbmate_apply) {
    report::TextTable versus({{"UP"}, {"TIME", report::Align::right}, {"MIGRATIONS/S", report::Align::right},
                              {"VS DBMATE", report::Align::right}, {"GOAL", report::Align::right}});
    versus.add_row({"dbmate up", fmt::format("{:.2f} s", dbmate_apply->seconds),
                    fmt::format("{:.0f}", count / dbmate_apply->seconds), "1.00x", ""});
    const auto command_row = [&](const std::string& what, const ToolRun& run, double ratio, const std::string& goal) {
      versus.add_row({what, fmt::format("{:.2f} s", run.seconds), fmt::format("{:.0f}", count / run.seconds),
                      fmt::format("{:.2f}x", ratio), goal});
    };
    if (normal_db) {
      command_row("migrator apply (synchronous=full, the default)", command_apply, median(versus_dbmate), "");
      command_row("migrator apply (synchronous=normal, as dbmate)", normal_apply, median(normal_versus_dbmate),
                  "<= 1.00x");
    } else {
      command_row("migrator apply", command_apply, median(versus_dbmate), "<= 1.00x");
    }
    ctx.print(versus.render());
    ctx.print(fmt::format("as commands on the same directory, a tenth of the migrations added before each of {} "
                          "turns: the times their sums, the ratio the median of the turns' ratios",
                          k_turns));
    if (normal_db) {
      ctx.print("dbmate's SQLite syncs a commit's journal once (synchronous=normal), migrator's twice (SQLite's "
                "default, full): one fsync a migration more by default; --db sqlite:PATH?synchronous=normal "
                "chooses dbmate's setting");
    }
  } else {
    ctx.print("dbmate not found: install it (npm install dbmate) and put it on PATH or in $MIGRATOR_DBMATE");
  }
  ctx.print(fmt::format("{} migrations in dbmate form; plan loaded in {:.2f} s; peak memory in process {:.0f} MB "
                        "(goal: under 100 MB); rollback compared with bare SQL only (dbmate rolls back one "
                        "migration per run)",
                        count, load, peak_mb));
  ctx.results["migrations"] = count;
  ctx.results["bare_apply_seconds"] = bare_apply;
  ctx.results["migrator_apply_seconds"] = runner_apply + load;
  ctx.results["migrator_load_seconds"] = load;
  ctx.results["command_apply_seconds"] = command_apply.seconds;
  ctx.results["bare_rollback_seconds"] = bare_rollback;
  ctx.results["migrator_rollback_seconds"] = runner_rollback;
  ctx.results["command_rollback_seconds"] = command_rollback.seconds;
  ctx.results["apply_ratio"] = apply_ratio;
  ctx.results["rollback_ratio"] = rollback_ratio;
  ctx.results["peak_memory_mb"] = peak_mb;
  ctx.results["dbmate_up_seconds"] = dbmate_apply ? nlohmann::json(dbmate_apply->seconds) : nlohmann::json(nullptr);
  ctx.results["command_over_dbmate"] = dbmate_apply ? nlohmann::json(median(versus_dbmate)) : nlohmann::json(nullptr);
  const bool normal_measured = dbmate_apply && normal_db;
  ctx.results["command_normal_apply_seconds"] =
      normal_measured ? nlohmann::json(normal_apply.seconds) : nlohmann::json(nullptr);
  ctx.results["command_normal_over_dbmate"] =
      normal_measured ? nlohmann::json(median(normal_versus_dbmate)) : nlohmann::json(nullptr);
}

}  // namespace migrator::bench
