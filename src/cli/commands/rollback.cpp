// migrator rollback [PLAN] --to V [--dry-run] [--cascade]
#include <nlohmann/json.hpp>

#include "cli/commands/commands.hpp"
#include "cli/fleet_run.hpp"
#include "cli/plan_ref.hpp"
#include "plan/sql_formats.hpp"
#include "report/json_report.hpp"
#include "runner/runner.hpp"
#include "util/counted.hpp"
#include "util/json_text.hpp"

namespace migrator::cli::commands {

namespace {

runner::RollbackOptions rollback_options(Context& ctx, const RollbackArgs& args) {
  runner::RollbackOptions options;
  options.to = args.to;
  options.dry_run = args.dry_run;
  options.cascade = args.cascade;
  options.lock_wait = ctx.lock_wait();
  return options;
}

}  // namespace

void run_rollback(Context& ctx, const RollbackArgs& args) {
  auto db = ctx.connect_existing(ctx.url());
  const auto ref = resolve_plan(ctx, args.plan, *db);
  ctx.say((args.dry_run ? "Dry run of rolling back \"" : "Rolling back \"") + ref.name +
          "\" to version " + core::version_text(args.to) + " on " + db->describe());
  report::TextObserver text(stdout, ctx.text_options());
  report::JsonRecorder recorder;
  runner::Runner runner(*db, ctx.json() ? static_cast<runner::Observer&>(recorder) : text);
  const auto options = rollback_options(ctx, args);
  runner::RunReport report;
  try {
    report = runner.rollback(ref.name, options);
  } catch (const core::Error& e) {
    if (ctx.json()) {
      ctx.print_json(report::run_json(ref.name, args.dry_run, recorder, nullptr, &e));
    }
    throw;
  }
  if (ctx.json()) {
    ctx.print_json(report::run_json(ref.name, args.dry_run, recorder, &report, nullptr));
    return;
  }
  const auto count = report.migrations.size();
  // Repeatable migrations first run above the version are undone, the others put back.
  const auto noun = util::counted(count, "migration") +
                    (report.repeatables.empty()
                         ? ""
                         : " (and " + util::counted(report.repeatables.size(), "repeatable migration") + ")");
  const auto at = report.to_version ? "at version " + (ref.files ? plan::version_label(*ref.files, *report.to_version)
                                                                  : core::version_text(*report.to_version))
                                    : "back to nothing applied";
  if (count == 0) {
    ctx.say("\nNothing to roll back: \"" + ref.name + "\" is " + at);
  } else if (args.dry_run) {
    ctx.say("\nDry run: would roll back " + noun + "; nothing was changed");
  } else {
    ctx.say("\nRolled back " + noun + " in " + report::format_duration(report.elapsed) + "; \"" + ref.name +
            "\" is " + at);
  }
}

void add_rollback(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<RollbackArgs>();
  auto* cmd = app.add_subcommand("rollback", "Undo applied migrations above a version, newest first");
  cmd->add_option("plan", args->plan, "Plan directory or plan name (default: the only plan in the database)")
      ->type_name(value_kind::plan);
  cmd->add_option("--to", args->to, "Keep this version and below (0 undoes everything)")
      ->required()
      ->type_name(value_kind::version)
      ->transform(version_from(0, "the version to keep; 0 undoes everything"));
  cmd->add_flag("--dry-run", args->dry_run, "Print the rollback SQL; change nothing");
  cmd->add_flag("--cascade", args->cascade,
                "First roll back, to 0, the applied plans that require this one (deepest first)");
  add_fleet_options(*cmd, ctx);
  cmd->callback([&ctx, args] {
    if (const auto targets = fleet_targets(ctx)) {
      rollback_fleet(ctx, *targets, args->plan, rollback_options(ctx, *args));
    } else {
      run_rollback(ctx, *args);
    }
  });
}

}  // namespace migrator::cli::commands
