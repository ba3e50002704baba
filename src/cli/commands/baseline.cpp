// migrator baseline PLAN --to V: record versions up to V as applied without running them, so
// that a database whose schema another tool (or a person) made adopts the plan.
#include <nlohmann/json.hpp>

#include "cli/commands/commands.hpp"
#include "report/json_report.hpp"
#include "report/text_observer.hpp"
#include "runner/runner.hpp"

namespace migrator::cli::commands {

void run_baseline(Context& ctx, const std::string& plan_arg, core::Version to) {
  const auto url = ctx.url();
  const auto plan = ctx.load_plan(ctx.plan_dir(plan_arg), url.dialect);
  auto db = ctx.connect(url);
  report::TextObserver text(stdout, ctx.text_options());
  runner::Observer silent;
  runner::Runner runner(*db, ctx.json() ? silent : static_cast<runner::Observer&>(text));
  runner::BaselineOptions options;
  options.to = to;
  options.lock_wait = ctx.lock_wait();
  if (!ctx.json()) {
    ctx.say("Baselining \"" + plan.name + "\" on " + db->describe() + "\n");
  }
  const auto report = runner.baseline(plan, options);
  if (ctx.json()) {
    auto versions = nlohmann::json::array();
    for (const auto& m : report.migrations) {
      versions.push_back({{"version", report::version_json(m.version)}, {"name", m.name}});
    }
    ctx.print_json({{"ok", true}, {"plan", plan.name}, {"database", db->describe()}, {"to_version", to},
                    {"recorded", versions}});
    return;
  }
  for (const auto& m : report.migrations) {
    ctx.say("  " + core::version_text(m.version) + "  " + m.name);
  }
  const auto count = report.migrations.size();
  ctx.say("\nRecorded " + std::to_string(count) + (count == 1 ? " version" : " versions") + " up to " +
          core::version_text(to) + " as applied (baseline); no SQL was run. `migrator apply` goes on from " +
          core::version_text(to) + "; rollback stops at it.");
}

void add_baseline(CLI::App& app, Context& ctx) {
  auto plan = std::make_shared<std::string>();
  auto to = std::make_shared<core::Version>(0);
  auto* cmd = app.add_subcommand(
      "baseline", "Record versions up to --to as applied without running them (a database that has their schema)");
  cmd->add_option("plan", *plan, "Plan directory (default: plan: in migrator.yaml, else ./migrations)")
      ->type_name(value_kind::plan);
  cmd->add_option("--to", *to, "The newest version the database already has")
      ->type_name(value_kind::version)
      ->required()
      ->transform(version_from(0, "a version of the plan"));
  cmd->callback([&ctx, plan, to] { run_baseline(ctx, *plan, *to); });
}

}  // namespace migrator::cli::commands
