// migrator apply [PLAN] [--to V] [--dry-run] [--scale N] [--allow-out-of-order]
#include <nlohmann/json.hpp>

#include "cli/commands/commands.hpp"
#include "cli/fleet_run.hpp"
#include "plan/sql_formats.hpp"
#include "report/json_report.hpp"
#include "runner/runner.hpp"
#include "util/counted.hpp"
#include "util/json_text.hpp"
#include "util/terminal.hpp"

namespace migrator::cli::commands {
namespace {

std::string version_phrase(const plan::Plan& plan, const std::optional<core::Version>& v) {
  return v ? "version " + plan::version_label(plan, *v) : "no version";
}

runner::ApplyOptions apply_options(Context& ctx, const ApplyArgs& args) {
  runner::ApplyOptions options;
  options.to = args.to;
  options.dry_run = args.dry_run;
  options.scale = args.scale;
  options.allow_out_of_order = args.allow_out_of_order;
  options.lock_wait = ctx.lock_wait();
  return options;
}

}  // namespace

runner::RunReport run_apply(Context& ctx, const ApplyArgs& args) {
  const auto url = ctx.url();
  auto [plan, db] = ctx.load_plan_and_connect(ctx.plan_dir(args.plan), url);
  ctx.say((args.dry_run ? "Dry run of \"" : "Applying \"") + plan.name + "\" to " +
          db->describe() + " (" + db->server_version() + ")");
  report::TextObserver text(stdout, ctx.text_options());
  report::JsonRecorder recorder;
  runner::Runner runner(*db, ctx.json() ? static_cast<runner::Observer&>(recorder) : text);
  const auto options = apply_options(ctx, args);
  runner::RunReport report;
  try {
    report = runner.apply(plan, options);
  } catch (const core::Error& e) {
    if (ctx.json()) {
      ctx.print_json(report::run_json(plan.name, args.dry_run, recorder, nullptr, &e));
    }
    throw;
  }
  if (ctx.json()) {
    ctx.print_json(report::run_json(plan.name, args.dry_run, recorder, &report, nullptr));
    return report;
  }
  const auto count = report.migrations.size();
  // "2 migrations", "2 migrations and 1 repeatable migration", "1 repeatable migration"
  const auto repeatables = report.repeatables.size();
  const auto what = repeatables == 0 ? util::counted(count, "migration")
                    : count == 0     ? util::counted(repeatables, "repeatable migration")
                                     : util::counted(count, "migration") + " and " +
                                       util::counted(repeatables, "repeatable migration");
  if (count == 0 && repeatables == 0) {
    ctx.say("\nNothing to apply: \"" + plan.name + "\" is at " + version_phrase(plan, report.to_version) +
            (args.to && report.to_version && *report.to_version > *args.to
                 ? " (above " + core::version_text(*args.to) + ": use `migrator rollback --to " +
                       core::version_text(*args.to) + "` to go down)"
                 : ""));
  } else if (args.dry_run) {
    ctx.say("\nDry run: would apply " + what + ", up to " +
            version_phrase(plan, report.to_version) + "; nothing was changed");
  } else {
    const bool colour = ctx.text_options().colour;
    const auto checks = text.checks_passed();
    ctx.say("\n" + util::styled("Applied " + what, util::Style::green, colour) +
            " in " + report::format_duration(report.elapsed) + ", " + std::to_string(checks) +
            (checks == 1 ? " check" : " checks") + " passed; \"" + plan.name + "\" is at " +
            version_phrase(plan, report.to_version));
  }
  return report;
}

void add_apply(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ApplyArgs>();
  auto* cmd = app.add_subcommand("apply", "Apply pending migrations, checking each step");
  cmd->add_option("plan", args->plan, "Plan directory (default: plan: in migrator.yaml, else ./migrations)")
      ->type_name(value_kind::plan);
  cmd->add_option("--to", args->to, "Apply up to and including this version")
      ->type_name(value_kind::version)
      ->transform(version_from(1, "a version of the plan"));
  cmd->add_flag("--dry-run", args->dry_run, "Print the SQL that would run; change nothing");
  cmd->add_flag("--allow-out-of-order", args->allow_out_of_order,
                "Apply pending versions below the newest applied one (said, and recorded in the history)");
  add_scale_option(*cmd, args->scale);
  add_fleet_options(*cmd, ctx);
  cmd->callback([&ctx, args] {
    if (const auto targets = fleet_targets(ctx)) {
      apply_fleet(ctx, *targets, args->plan, apply_options(ctx, *args));
    } else {
      run_apply(ctx, *args);
    }
  });
}

}  // namespace migrator::cli::commands
