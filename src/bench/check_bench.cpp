#include "bench/check_bench.hpp"

#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "bench/external_tool.hpp"
#include "bench/median.hpp"
#include "lint/format.hpp"
#include "lint/linter.hpp"
#include "lint/rehearse.hpp"
#include "plan/scenario_dir.hpp"
#include "bench/bench.hpp"
#include "plan/loader.hpp"
#include "report/text_table.hpp"

namespace migrator::bench {
namespace {

constexpr int k_files = 500;
constexpr int k_runs = 3;

// One migration of three steps on one of 20 tables; one in five builds an index without
// CONCURRENTLY, so both tools have findings to report.
struct Generated {
  std::string yaml;
  std::string sql;  // every statement of the YAML's SQL fields, for squawk
};

Generated migration(int i) {
  const auto t = fmt::format("receipts_{}", i % 20);
  const auto c = fmt::format("note_{}", i);
  const auto add = fmt::format("ALTER TABLE {} ADD COLUMN {} TEXT;", t, c);
  const auto drop = fmt::format("ALTER TABLE {} DROP COLUMN {};", t, c);
  const auto check = fmt::format("SELECT count(*) FROM {} WHERE {} IS NOT NULL", t, c);
  const auto fill = fmt::format("UPDATE {} SET {} = 'n' WHERE id BETWEEN 1 AND 10000;", t, c);
  const auto unfill = fmt::format("UPDATE {} SET {} = NULL WHERE id BETWEEN 1 AND 10000;", t, c);
  const auto index = fmt::format("CREATE INDEX {}_{} ON {} ({});", t, c, t, c);
  const auto unindex = fmt::format("DROP INDEX {}_{};", t, c);
  Generated g;
  g.yaml = fmt::format(
      "name: note {i}\nlock_timeout: 5s\nsteps:\n"
      "  - name: add a column\n    sql: {add}\n    verify:\n      - name: empty\n        sql: {check}\n"
      "        expect: 0\n    rollback: {drop}\n"
      "  - name: backfill\n    sql: |\n      {fill}\n    rollback: |\n      {unfill}\n",
      fmt::arg("i", i), fmt::arg("add", add), fmt::arg("check", check), fmt::arg("drop", drop),
      fmt::arg("fill", fill), fmt::arg("unfill", unfill));
  g.sql = add + "\n" + check + ";\n" + drop + "\n" + fill + "\n" + unfill + "\n";
  if (i % 5 == 0) {
    g.yaml += fmt::format("  - name: index\n    sql: {}\n    rollback: {}\n", index, unindex);
    g.sql += index + "\n" + unindex + "\n";
  }
  return g;
}

// The rehearsal of scenarios/tax_amount (on the construction data its requires: loads) with and
// without the trace, taking turns: what tracing every statement and probing the tables costs.
void measure_traced_rehearsal(BenchContext& ctx) {
  const auto plan = plan::load(plan::scenario_dir("tax_amount"), {ctx.url.dialect});
  runner::Observer silent;
  std::vector<double> plain;
  std::vector<double> traced;
  for (int turn = 0; turn < 2; ++turn) {
    ctx.observer.on_progress("rehearsing tax_amount", static_cast<std::uint64_t>(turn * 2), 4);
    auto start = std::chrono::steady_clock::now();
    lint::rehearse(plan, ctx.url, silent);
    plain.push_back(seconds_since(start));
    ctx.observer.on_progress("rehearsing tax_amount, traced", static_cast<std::uint64_t>(turn * 2 + 1), 4);
    lint::Trace trace;
    start = std::chrono::steady_clock::now();
    lint::rehearse(plan, ctx.url, silent, {&trace, {}, "", nullptr});
    traced.push_back(seconds_since(start));
  }
  const double p = *std::min_element(plain.begin(), plain.end());
  const double t = *std::min_element(traced.begin(), traced.end());
  report::TextTable table({{"REHEARSAL OF scenarios/tax_amount (100,000 RECEIPTS LOADED FIRST)"},
                           {"TIME", report::Align::right},
                           {"RATIO", report::Align::right}});
  table.add_row({"without the trace", fmt::format("{:.2f} s", p), "1.00x"});
  table.add_row({"traced: every statement read after, tables probed", fmt::format("{:.2f} s", t),
                 fmt::format("{:.2f}x", t / p)});
  ctx.print("\n" + table.render());
  ctx.print("the faster of two turns each, taking turns; goal: traced within 1.3x");
  ctx.results["rehearsal_seconds"] = p;
  ctx.results["traced_rehearsal_seconds"] = t;
  ctx.results["traced_over_plain"] = t / p;
}

// Runs a shell command, its output discarded; its exit status does not matter here (both
// tools exit non-zero when they find something).
void shell(const std::string& command) { [[maybe_unused]] const int status = std::system((command + " >/dev/null 2>&1").c_str()); }

// bench check --history DIR: `migrator check DIR` as a new user runs it on a history that
// exists, beside squawk on every .sql file under DIR (the same SQL, up and down files).
void measure_history(BenchContext& ctx, const std::string& squawk) {
  std::vector<std::string> sql_files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(ctx.history)) {
    if (entry.is_regular_file() && entry.path().extension() == ".sql") {
      sql_files.push_back(entry.path().string());
    }
  }
  std::sort(sql_files.begin(), sql_files.end());
  const auto plan = plan::load(ctx.history);  // not a plan: said before anything is timed
  // Run without a shell: a path may hold any character.
  const double command = median_seconds(k_runs, [&] { run_tool({self_path(), "check", ctx.history.string()}); });
  ctx.print(fmt::format("\nA real history: {} ({} migrations, {} .sql files)", ctx.history.string(),
                        plan.migrations.size() + plan.repeatables.size(), sql_files.size()));
  report::TextTable table({{"RUN"}, {"TIME", report::Align::right}, {"VS SQUAWK", report::Align::right}});
  double squawk_s = 0;
  if (!squawk.empty() && !sql_files.empty()) {
    std::vector<std::string> argv{squawk};
    argv.insert(argv.end(), sql_files.begin(), sql_files.end());
    squawk_s = median_seconds(k_runs, [&] { run_tool(argv); });
  }
  const auto ratio = squawk_s > 0 ? fmt::format("{:.2f}x", command / squawk_s) : std::string("-");
  table.add_row({"migrator check (the command)", fmt::format("{:.3f} s", command), ratio});
  if (squawk_s > 0) {
    table.add_row({"squawk (its .sql files)", fmt::format("{:.3f} s", squawk_s), "1.00x"});
  }
  ctx.print(table.render());
  ctx.results["history"] = {{"dir", ctx.history.string()},
                            {"migrations", plan.migrations.size() + plan.repeatables.size()},
                            {"sql_files", sql_files.size()},
                            {"command_seconds", command}};
  if (squawk_s > 0) {
    ctx.results["history"]["squawk_seconds"] = squawk_s;
    ctx.results["history"]["command_vs_squawk"] = command / squawk_s;
  }
}

}  // namespace

void run_check_bench(BenchContext& ctx) {
  const auto dir = make_temp_dir("migrator-bench-check");
  const auto plan_dir = dir / "plan";
  const auto sql_dir = dir / "sql";
  std::filesystem::create_directories(plan_dir);
  std::filesystem::create_directories(sql_dir);
  for (int i = 1; i <= k_files; ++i) {
    const auto g = migration(i);
    std::ofstream(plan_dir / fmt::format("{:03}_note_{}.yaml", i, i)) << g.yaml;
    std::ofstream(sql_dir / fmt::format("{:03}_note_{}.sql", i, i)) << g.sql;
  }

  std::size_t findings = 0;
  const double in_process = median_seconds(k_runs, [&] {
    const auto found = lint::Linter().lint(plan::load(plan_dir));
    findings = found.size();
    [[maybe_unused]] const auto text = lint::format_text(found, k_files, false);
  });
  const auto quoted_dir = "'" + dir.string() + "'";
  const double command = median_seconds(k_runs, [&] { shell("'" + self_path() + "' check " + quoted_dir + "/plan"); });
  const auto squawk = find_tool("squawk", "MIGRATOR_SQUAWK");
  const double squawk_s = squawk.empty() ? 0.0 : median_seconds(k_runs, [&] { shell(squawk + " " + quoted_dir + "/sql/*.sql"); });
  std::filesystem::remove_all(dir);

  report::TextTable table({{"RUN"}, {"TIME", report::Align::right}, {"FILES/S", report::Align::right},
                           {"VS SQUAWK", report::Align::right}});
  const auto ratio = [&](double s) { return squawk.empty() ? std::string("-") : fmt::format("{:.2f}x", s / squawk_s); };
  table.add_row({"migrator check (in process: load, lint, format)", fmt::format("{:.3f} s", in_process),
                 fmt::format("{:.0f}", k_files / in_process), ratio(in_process)});
  table.add_row({"migrator check (the command)", fmt::format("{:.3f} s", command),
                 fmt::format("{:.0f}", k_files / command), ratio(command)});
  if (!squawk.empty()) {
    table.add_row({"squawk (the same SQL as .sql files)", fmt::format("{:.3f} s", squawk_s),
                   fmt::format("{:.0f}", k_files / squawk_s), "1.00x"});
  }
  ctx.print(table.render());
  ctx.print(fmt::format("{} files, {} findings; median of {} runs; goal: the command within 1.0x squawk", k_files,
                        findings, k_runs));
  if (squawk.empty()) {
    ctx.print("squawk not found: install it (npm install squawk-cli) and put it on PATH or in $MIGRATOR_SQUAWK");
  }
  ctx.results["files"] = k_files;
  ctx.results["findings"] = findings;
  ctx.results["in_process_seconds"] = in_process;
  ctx.results["command_seconds"] = command;
  if (!squawk.empty()) {
    ctx.results["squawk_seconds"] = squawk_s;
    ctx.results["command_vs_squawk"] = command / squawk_s;
  }
  if (!ctx.history.empty()) {
    measure_history(ctx, squawk);
  }
  if (ctx.url.dialect == core::Dialect::postgres) {
    measure_traced_rehearsal(ctx);
  }
}

}  // namespace migrator::bench
