// migrator status [PLAN]: one row per version.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "cli/commands/commands.hpp"
#include "cli/fleet_run.hpp"
#include "cli/plan_ref.hpp"
#include "plan/sql_formats.hpp"
#include "report/json_report.hpp"
#include "report/text_table.hpp"
#include "runner/foreign_history.hpp"
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
    case runner::VersionState::changed:
      return util::Style::cyan;
    default:
      return util::Style::red;
  }
}

// "applied", and how it came to be when migrator did not simply run it.
std::string state_text(const runner::VersionStatus& row) {
  const auto state = std::string(runner::to_string(row.state));
  if (row.state != runner::VersionState::applied) {
    return state;
  }
  switch (row.origin) {
    case history::Origin::baseline:
      return "baseline";
    case history::Origin::out_of_order:
      return "applied out of order";
    case history::Origin::run:
      break;
  }
  return state;
}

// How many versions are in each kind of state, for the summary line, JSON and --exit-code.
struct Summary {
  int applied = 0;
  int pending = 0;
  int in_progress = 0;
  int attention = 0;  // drifted, missing file, incomplete, out of order
};

Summary summarize(const std::vector<runner::VersionStatus>& rows) {
  Summary out;
  for (const auto& row : rows) {
    switch (row.state) {
      case runner::VersionState::applied:
        ++out.applied;
        break;
      case runner::VersionState::pending:
      case runner::VersionState::changed:  // a repeatable apply runs again
        ++out.pending;
        break;
      case runner::VersionState::in_progress:
        ++out.in_progress;
        break;
      default:
        ++out.attention;
    }
  }
  return out;
}

void print_text(Context& ctx, const PlanRef& ref, const db::Connection& db,
                const std::vector<runner::VersionStatus>& rows, const Summary& summary) {
  const bool colour = ctx.text_options().colour;
  ctx.say("Plan \"" + ref.name + "\" on " + db.describe() + ref.source_note() + "\n");
  report::TextTable table({{"VERSION", report::Align::right},
                           {"NAME"},
                           {"STATE"},
                           {"APPLIED AT"},
                           {"DURATION", report::Align::right},
                           {"BY"}});
  for (const auto& row : rows) {
    // A diesel migration by its stamp, as diesel and --to write it (its key may differ).
    table.add_row({row.repeatable ? "R" : plan::diesel_stamp(row.file).value_or(core::version_text(row.version)), row.name,
                   util::styled(state_text(row), state_style(row.state), colour),
                   row.applied_at, row.duration ? report::format_duration(*row.duration) : "",
                   row.applied_by});
  }
  if (util::is_terminal(fileno(stdout))) {
    table.fit(static_cast<std::size_t>(util::terminal_width(fileno(stdout))), 1);  // the names give way
  }
  if (rows.empty()) {
    ctx.say("No migrations in the plan or the database.");
    return;
  }
  auto text = table.render(colour);
  text.pop_back();
  ctx.say(text);
  // An interrupted run is apply's to finish; drift and missing files want verify's detail.
  const bool only_interrupted =
      std::all_of(rows.begin(), rows.end(), [](const runner::VersionStatus& row) {
        return row.state == runner::VersionState::applied ||
               row.state == runner::VersionState::pending ||
               row.state == runner::VersionState::changed ||
               row.state == runner::VersionState::incomplete;
      });
  const std::string next = only_interrupted
                               ? "run `migrator apply` to finish undoing the interrupted run"
                               : "run `migrator verify` for the details";
  ctx.say("\n" + std::to_string(summary.applied) + " applied, " + std::to_string(summary.pending) + " pending" +
          (summary.in_progress > 0
               ? ", " + std::to_string(summary.in_progress) + " being applied now by a live run"
               : "") +
          (summary.attention > 0 ? ", " + std::to_string(summary.attention) + " need attention (" + next + ")"
                                 : ""));
}

// Before migrator's first run on a database the plan's own tool manages: what that tool
// recorded, so that status says how to adopt it rather than that everything is pending.
std::optional<runner::ForeignHistory> tool_history(db::Connection& db, const PlanRef& ref) {
  if (!ref.files) {
    return std::nullopt;
  }
  try {
    auto history = runner::read_foreign_history(db, *ref.files);
    return history && !history->applied.empty() ? history : std::nullopt;
  } catch (const core::UsageError&) {
    return std::nullopt;  // a table of that name and another shape
  }
}

}  // namespace

void run_status(Context& ctx, const std::string& plan_arg, bool exit_code) {
  auto db = ctx.connect_existing(ctx.url());
  const auto ref = resolve_plan(ctx, plan_arg, *db);
  runner::Observer silent;
  runner::Runner runner(*db, silent);
  const auto rows = runner.status(ref.name, ref.plan_files());
  const auto summary = summarize(rows);
  const auto adoptable = summary.applied == 0 ? tool_history(*db, ref) : std::nullopt;
  // dbmate's --exit-code: a deploy script asks "is anything left to do or wrong?".
  const bool fail = exit_code && summary.pending + summary.in_progress + summary.attention > 0;
  if (ctx.json()) {
    nlohmann::json out{{"ok", !fail},
                       {"plan", ref.name},
                       {"database", db->describe()},
                       {"versions", report::to_json(rows)},
                       {"summary",
                        {{"applied", summary.applied},
                         {"pending", summary.pending},
                         {"in_progress", summary.in_progress},
                         {"need_attention", summary.attention}}}};
    if (adoptable) {
      out["adoptable"] = {{"tool", adoptable->tool},
                          {"table", adoptable->table},
                          {"versions", adoptable->applied.size()},
                          {"newest", report::version_json(adoptable->applied.back())}};
    }
    ctx.print_json(out);
  } else {
    print_text(ctx, ref, *db, rows, summary);
    if (adoptable) {
      ctx.say(adoptable->tool + "'s " + adoptable->table + " here records " + std::to_string(adoptable->applied.size()) +
              " of these versions (up to " + core::version_text(adoptable->applied.back()) +
              "): `migrator baseline " + ref.files->dir.string() + "` adopts them without running anything");
    }
  }
  if (fail) {
    ctx.exit_code = core::exit_failed;
  }
}

void add_status(CLI::App& app, Context& ctx) {
  auto plan = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("status", "Show every version: applied, pending or drifted");
  cmd->add_option("plan", *plan, "Plan directory or plan name (default: ./migrations, else the database's plan)")
      ->type_name(value_kind::plan);
  auto exit_code = std::make_shared<bool>(false);
  cmd->add_flag("--exit-code", *exit_code,
                "Exit 1 when anything is pending, being applied, drifted, missing or incomplete (for scripts)");
  add_fleet_options(*cmd, ctx);
  cmd->callback([&ctx, plan, exit_code] {
    if (const auto targets = fleet_targets(ctx)) {
      status_fleet(ctx, *targets, *plan, *exit_code);
    } else {
      run_status(ctx, *plan, *exit_code);
    }
  });
}

}  // namespace migrator::cli::commands
