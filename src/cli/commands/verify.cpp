// migrator verify [PLAN]: re-run the checks of every applied migration and report drift.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/commands/commands.hpp"
#include "cli/fleet_run.hpp"
#include "cli/plan_ref.hpp"
#include "report/json_report.hpp"
#include "runner/runner.hpp"
#include "util/terminal.hpp"
#include "util/json_text.hpp"

namespace migrator::cli::commands {

void run_verify(Context& ctx, const std::string& plan_arg) {
  auto db = ctx.connect_existing(ctx.url());
  const auto ref = resolve_plan(ctx, plan_arg, *db);
  runner::Observer silent;
  runner::Runner runner(*db, silent);
  const auto report = runner.verify(ref.name, ref.plan_files());
  if (ctx.json()) {
    ctx.print_json(report::to_json(report));
  } else {
    const bool colour = ctx.text_options().colour;
    ctx.say("Verifying \"" + ref.name + "\" on " + db->describe() +
            ref.source_note());
    std::string last_heading;
    int failed = 0;
    for (const auto& c : report.checks) {
      // A repeatable migration has no version: its heading is R and its name, as in status.
      const auto heading = c.repeatable ? "R " + c.name : core::version_heading(c.version);
      if (heading != last_heading) {
        ctx.say("\n" + heading);
        last_heading = heading;
      }
      const auto mark = c.outcome.passed ? util::styled("ok    ", util::Style::green, colour)
                                         : util::styled("not ok", util::Style::red, colour);
      failed += c.outcome.passed ? 0 : 1;
      const auto detail = c.outcome.passed
                              ? c.outcome.observed
                              : "expected " + c.outcome.expected + ", got " + c.outcome.observed;
      ctx.say(fmt::format("  {} {} / {}: {}", mark, c.step, c.check, detail));
    }
    if (!report.drift.empty()) {
      ctx.say("\nDrift:");
      for (const auto& d : report.drift) {
        ctx.say(fmt::format("  {} {} {}: {}", util::styled("not ok", util::Style::red, colour),
                            core::version_heading(d.version), d.name, d.problem));
        if (!d.changes.empty()) {
          ctx.say(runner::describe_changes(d.changes, "           "));
        }
      }
    }
    for (const auto& d : report.in_flight) {
      ctx.say(fmt::format("\n{} {}: {}", core::version_heading(d.version), d.name, d.problem));
    }
    ctx.say(fmt::format("\n{} checks: {} passed, {} failed; {} drift problem{}",
                        report.checks.size(), report.checks.size() - static_cast<std::size_t>(failed),
                        failed, report.drift.size(), report.drift.size() == 1 ? "" : "s"));
  }
  if (!report.ok()) {
    throw core::CheckFailed("verify found " +
                                std::string(report.drift.empty() ? "failing checks" : "problems") +
                                " in \"" + ref.name + "\"",
                            "nothing was changed; see the lines marked \"not ok\" above");
  }
}

void add_verify(CLI::App& app, Context& ctx) {
  auto plan = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("verify", "Re-run the checks of applied migrations and look for drift");
  cmd->add_option("plan", *plan, "Plan directory or plan name (default: ./migrations, else the database's plan)")
      ->type_name(value_kind::plan);
  add_fleet_options(*cmd, ctx);
  cmd->callback([&ctx, plan] {
    if (const auto targets = fleet_targets(ctx)) {
      verify_fleet(ctx, *targets, *plan);
    } else {
      run_verify(ctx, *plan);
    }
  });
}

}  // namespace migrator::cli::commands
