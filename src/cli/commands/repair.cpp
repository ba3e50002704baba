// migrator repair [PLAN] [--dry-run]: record the reviewed current files of applied migrations.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/commands/commands.hpp"
#include "report/json_report.hpp"
#include "runner/runner.hpp"
#include "util/json_text.hpp"

namespace migrator::cli::commands {
namespace {

nlohmann::json repair_json(const runner::RepairReport& report) {
  const auto items = [](const std::vector<runner::DriftReport>& list) {
    auto out = nlohmann::json::array();
    for (const auto& item : list) {
      out.push_back({{"version", report::version_json(item.version)},
                     {"name", item.name},
                     {"note", item.problem},
                     {"changes", report::to_json(item.changes)}});
    }
    return out;
  };
  return {{"ok", true}, {"dry_run", report.dry_run}, {"recorded", items(report.recorded)},
          {"skipped", items(report.skipped)}};
}

}  // namespace

void run_repair(Context& ctx, const std::string& plan_arg, bool dry_run) {
  const auto url = ctx.url();
  const auto plan = ctx.load_plan(ctx.plan_dir(plan_arg), url.dialect);
  auto db = ctx.connect_existing(url);
  ctx.say((dry_run ? "Dry run of repairing \"" : "Repairing \"") + plan.name + "\" on " + db->describe());
  report::TextObserver text(stdout, ctx.text_options());
  runner::Runner runner(*db, text);
  runner::RepairOptions options;
  options.dry_run = dry_run;
  options.lock_wait = ctx.lock_wait();
  const auto report = runner.repair(plan, options);
  if (ctx.json()) {
    ctx.print_json(repair_json(report));
    return;
  }
  for (const auto& item : report.recorded) {
    ctx.say(fmt::format("\n{}  {}: {}", core::version_heading(item.version), item.name, item.problem));
    if (!item.changes.empty()) {
      ctx.say(runner::describe_changes(item.changes, "     "));
    }
  }
  for (const auto& item : report.skipped) {
    ctx.say(fmt::format("\n{}  {}: left as it is: {}", core::version_heading(item.version), item.name,
                        item.problem));
  }
  const auto count = report.recorded.size();
  const auto noun = std::to_string(count) + (count == 1 ? " migration" : " migrations");
  if (count == 0) {
    ctx.say("\nNothing to repair: every applied migration of \"" + plan.name + "\" matches its file");
  } else if (dry_run) {
    ctx.say("\nDry run: would record the current files of " + noun + "; nothing was changed");
  } else {
    ctx.say("\nRecorded the current files of " + noun +
            " in the history; no SQL was run (`migrator verify` re-runs their checks)");
  }
}

void add_repair(CLI::App& app, Context& ctx) {
  auto plan = std::make_shared<std::string>();
  auto dry_run = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand(
      "repair", "Record the reviewed current files of applied migrations whose files changed (runs no SQL)");
  cmd->add_option("plan", *plan, "Plan directory (default: plan: in migrator.yaml, else ./migrations)")
      ->type_name(value_kind::plan);
  cmd->add_flag("--dry-run", *dry_run, "Show what would be recorded; change nothing");
  cmd->callback([&ctx, plan, dry_run] { run_repair(ctx, *plan, *dry_run); });
}

}  // namespace migrator::cli::commands
