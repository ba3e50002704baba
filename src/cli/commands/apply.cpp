// migrator apply [PLAN] [--to V] [--dry-run] [--scale N] [--allow-out-of-order]
#include <nlohmann/json.hpp>

#include "cli/commands/commands.hpp"
#include "report/json_report.hpp"
#include "runner/runner.hpp"
#include "util/terminal.hpp"
#include "util/json_text.hpp"

namespace migrator::cli::commands {
namespace {

std::string version_text(const std::optional<core::Version>& v) {
  return v ? "version " + std::to_string(*v) : "no version";
}

}  // namespace

runner::RunReport run_apply(Context& ctx, const ApplyArgs& args) {
  const auto url = ctx.url();
  const auto plan = ctx.load_plan(ctx.plan_dir(args.plan), url.dialect);
  auto db = ctx.connect(url);
  ctx.say((args.dry_run ? "Dry run of \"" : "Applying \"") + plan.name + "\" to " +
          db->describe() + " (" + db->server_version() + ")");
  report::TextObserver text(stdout, ctx.text_options());
  report::JsonRecorder recorder;
  runner::Runner runner(*db, ctx.json() ? static_cast<runner::Observer&>(recorder) : text);
  runner::ApplyOptions options;
  options.to = args.to;
  options.dry_run = args.dry_run;
  options.scale = args.scale;
  options.allow_out_of_order = args.allow_out_of_order;
  options.lock_wait = ctx.lock_wait();
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
  const auto noun = count == 1 ? " migration" : " migrations";
  if (count == 0) {
    ctx.say("\nNothing to apply: \"" + plan.name + "\" is at " + version_text(report.to_version) +
            (args.to && report.to_version && *report.to_version > *args.to
                 ? " (above " + std::to_string(*args.to) + ": use `migrator rollback --to " +
                       std::to_string(*args.to) + "` to go down)"
                 : ""));
  } else if (args.dry_run) {
    ctx.say("\nDry run: would apply " + std::to_string(count) + noun + ", up to " +
            version_text(report.to_version) + "; nothing was changed");
  } else {
    const bool colour = ctx.text_options().colour;
    const auto checks = text.checks_passed();
    ctx.say("\n" + util::styled("Applied " + std::to_string(count) + noun, util::Style::green, colour) +
            " in " + report::format_duration(report.total_duration()) + ", " + std::to_string(checks) +
            (checks == 1 ? " check" : " checks") + " passed; \"" + plan.name + "\" is at " +
            version_text(report.to_version));
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
      ->check(whole_number_from(1, "a version of the plan"));
  cmd->add_flag("--dry-run", args->dry_run, "Print the SQL that would run; change nothing");
  cmd->add_flag("--allow-out-of-order", args->allow_out_of_order,
                "Apply pending versions below the newest applied one (said, and recorded in the history)");
  add_scale_option(*cmd, args->scale);
  cmd->callback([&ctx, args] { run_apply(ctx, *args); });
}

}  // namespace migrator::cli::commands
