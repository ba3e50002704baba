// migrator baseline PLAN [--to V]: record versions as applied without running them, so that a
// database whose schema another tool (or a person) made adopts the plan. Without --to, the
// versions the plan's own tool recorded in the database are the ones recorded.
#include <nlohmann/json.hpp>

#include "cli/commands/commands.hpp"
#include "report/json_report.hpp"
#include "report/text_observer.hpp"
#include "runner/runner.hpp"
#include "util/joined.hpp"

namespace migrator::cli::commands {
namespace {

std::vector<std::string> texts(const std::vector<core::Version>& versions) {
  std::vector<std::string> out;
  for (const auto v : versions) {
    out.push_back(core::version_text(v));
  }
  return out;
}

// "a, b, c and 12 more"
std::string some(const std::vector<std::string>& items) {
  constexpr std::size_t k_shown = 5;
  if (items.size() <= k_shown) {
    return util::joined(items);
  }
  std::string out;
  for (std::size_t i = 0; i < k_shown; ++i) {
    out += items[i] + ", ";
  }
  return out.substr(0, out.size() - 2) + " and " + std::to_string(items.size() - k_shown) + " more";
}

void print_text(Context& ctx, const runner::BaselineReport& report) {
  for (const auto& m : report.migrations) {
    ctx.say("  " + core::version_text(m.version) + "  " + m.name);
  }
  const auto count = report.migrations.size();
  const auto to = core::version_text(*report.to_version);
  const auto what = std::to_string(count) + (count == 1 ? " version" : " versions");
  ctx.say("\nRecorded " + what +
          (report.tool.empty() ? " up to " + to : " that " + report.tool + " recorded in " + report.table + " (up to " +
                                                      to + ")") +
          " as applied (baseline); no SQL was run. `migrator apply` goes on from " + to +
          "; rollback stops at it.");
  if (!report.left_pending.empty()) {
    ctx.say("Left pending, older than " + to + " but never applied by " + report.tool + ": " +
            some(texts(report.left_pending)) + ". `migrator apply --allow-out-of-order` runs them.");
  }
  if (!report.unknown.empty()) {
    ctx.say("Not in the plan, though " + report.tool + " recorded them: " + some(report.unknown) +
            " (a file removed or renamed since); nothing was recorded for them.");
  }
}

void run_baseline(Context& ctx, const std::string& plan_arg, std::optional<core::Version> to,
                  const std::string& history_table) {
  const auto url = ctx.url();
  const auto plan = ctx.load_plan(ctx.plan_dir(plan_arg), url.dialect);
  auto db = ctx.connect(url);
  report::TextObserver text(stdout, ctx.text_options());
  runner::Observer silent;
  runner::Runner runner(*db, ctx.json() ? silent : static_cast<runner::Observer&>(text));
  runner::BaselineOptions options;
  options.to = to;
  options.history_table = history_table;
  options.lock_wait = ctx.lock_wait();
  if (!ctx.json()) {
    ctx.say("Baselining \"" + plan.name + "\" on " + db->describe() + "\n");
  }
  const auto report = runner.baseline(plan, options);
  if (!ctx.json()) {
    print_text(ctx, report);
    return;
  }
  auto versions = nlohmann::json::array();
  for (const auto& m : report.migrations) {
    versions.push_back({{"version", report::version_json(m.version)}, {"name", m.name}});
  }
  auto pending = nlohmann::json::array();
  for (const auto v : report.left_pending) {
    pending.push_back(report::version_json(v));
  }
  nlohmann::json out{{"ok", true},
                     {"plan", plan.name},
                     {"database", db->describe()},
                     {"to_version", report::version_json(*report.to_version)},
                     {"recorded", versions}};
  if (!report.tool.empty()) {
    out["from"] = {{"tool", report.tool}, {"table", report.table}};
    out["left_pending"] = pending;
    out["not_in_plan"] = report.unknown;
  }
  ctx.print_json(out);
}

}  // namespace

void add_baseline(CLI::App& app, Context& ctx) {
  auto plan = std::make_shared<std::string>();
  auto to = std::make_shared<core::Version>(0);
  auto history_table = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "baseline",
      "Record versions as applied without running them (a database that has their schema): up to --to, or "
      "what the plan's own tool (dbmate, golang-migrate, Flyway, diesel) recorded there");
  cmd->add_option("plan", *plan, "Plan directory (default: plan: in migrator.yaml, else ./migrations)")
      ->type_name(value_kind::plan);
  auto* to_option = cmd->add_option("--to", *to, "The newest version the database already has")
                        ->type_name(value_kind::version)
                        ->transform(version_from(0, "a version of the plan"));
  cmd->add_option("--history-table", *history_table,
                  "Without --to: the table the plan's tool keeps its history in, when not its default "
                  "(schema_migrations, flyway_schema_history, __diesel_schema_migrations); schema.table on "
                  "PostgreSQL")
      ->type_name(value_kind::name)
      ->excludes(to_option);
  cmd->callback([&ctx, plan, to, to_option, history_table] {
    run_baseline(ctx, *plan, to_option->count() > 0 ? std::optional<core::Version>(*to) : std::nullopt,
                 *history_table);
  });
}

}  // namespace migrator::cli::commands
