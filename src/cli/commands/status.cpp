// migrator status [PLAN]: one row per version.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "cli/commands/commands.hpp"
#include "cli/plan_ref.hpp"
#include "report/json_report.hpp"
#include "report/text_table.hpp"
#include "runner/runner.hpp"
#include "util/terminal.hpp"
#include "util/json_text.hpp"

namespace migrator::cli::commands {
namespace {

util::Style state_style(runner::VersionState state) {
  switch (state) {
    case runner::VersionState::applied:
      return util::Style::green;
    case runner::VersionState::pending:
    case runner::VersionState::in_progress:
      return util::Style::cyan;
    default:
      return util::Style::red;
  }
}

}  // namespace

void run_status(Context& ctx, const std::string& plan_arg) {
  auto db = ctx.connect_existing(ctx.url());
  const auto ref = resolve_plan(ctx, plan_arg, *db);
  runner::Observer silent;
  runner::Runner runner(*db, silent);
  const auto rows = runner.status(ref.name, ref.plan_files());
  if (ctx.json()) {
    ctx.print_json(util::json_text(report::to_json(rows)));
    return;
  }
  const bool colour = ctx.text_options().colour;
  ctx.say("Plan \"" + ref.name + "\" on " + db->describe() +
          ref.source_note() + "\n");
  report::TextTable table({{"VERSION", report::Align::right},
                           {"NAME"},
                           {"STATE"},
                           {"APPLIED AT"},
                           {"DURATION", report::Align::right},
                           {"BY"}});
  int applied = 0;
  int pending = 0;
  int in_progress = 0;
  for (const auto& row : rows) {
    applied += row.state == runner::VersionState::applied ? 1 : 0;
    pending += row.state == runner::VersionState::pending ? 1 : 0;
    in_progress += row.state == runner::VersionState::in_progress ? 1 : 0;
    table.add_row({std::to_string(row.version), row.name,
                   util::styled(std::string(runner::to_string(row.state)), state_style(row.state), colour),
                   row.applied_at, row.duration ? report::format_duration(*row.duration) : "",
                   row.applied_by});
  }
  if (rows.empty()) {
    ctx.say("No migrations in the plan or the database.");
    return;
  }
  auto text = table.render(colour);
  text.pop_back();
  ctx.say(text);
  const auto problems = rows.size() - static_cast<std::size_t>(applied + pending + in_progress);
  // An interrupted run is apply's to finish; drift and missing files want verify's detail.
  const bool only_interrupted =
      std::all_of(rows.begin(), rows.end(), [](const runner::VersionStatus& row) {
        return row.state == runner::VersionState::applied ||
               row.state == runner::VersionState::pending ||
               row.state == runner::VersionState::incomplete;
      });
  const std::string next = only_interrupted
                               ? "run `migrator apply` to finish undoing the interrupted run"
                               : "run `migrator verify` for the details";
  ctx.say("\n" + std::to_string(applied) + " applied, " + std::to_string(pending) + " pending" +
          (in_progress > 0 ? ", " + std::to_string(in_progress) + " being applied now by a live run" : "") +
          (problems > 0 ? ", " + std::to_string(problems) + " need attention (" + next + ")" : ""));
}

void add_status(CLI::App& app, Context& ctx) {
  auto plan = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("status", "Show every version: applied, pending or drifted");
  cmd->add_option("plan", *plan, "Plan directory or plan name (default: ./migrations, else the database's plan)")
      ->type_name(value_kind::plan);
  cmd->callback([&ctx, plan] { run_status(ctx, *plan); });
}

}  // namespace migrator::cli::commands
