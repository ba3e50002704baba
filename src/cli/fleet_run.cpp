#include "cli/fleet_run.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>

#include "cli/validators.hpp"
#include "cli/value_kind.hpp"
#include "db/connection.hpp"
#include "report/fleet_report.hpp"
#include "util/counted.hpp"
#include "util/terminal.hpp"

namespace migrator::cli {
namespace {

using fleet::Target;
using fleet::TargetResult;

// Tells the fleet display what a target's run is doing, and the summary where it started
// (known before a failure, which throws the run's report away).
class ActivityObserver : public runner::Observer {
 public:
  ActivityObserver(const fleet::Activity& activity, std::string_view plan, TargetResult& result)
      : m_activity(activity), m_plan(plan), m_result(result) {}
  void on_plan_start(std::string_view plan, std::optional<core::Version> from) override {
    if (plan == m_plan) {
      m_result.from = from;
    }
  }
  void on_migration_start(std::string_view, const plan::Migration& m, bool rollback) override {
    m_activity((rollback ? "rolling back " : "applying ") + core::version_heading(m.version) + " " + m.name);
  }

 private:
  const fleet::Activity& m_activity;
  std::string_view m_plan;
  TargetResult& m_result;
};

// The plan once per dialect the targets use, loaded (and its warnings printed) before any
// target starts: a plan error stops the run with nothing changed anywhere.
std::map<core::Dialect, plan::Plan> load_plans(Context& ctx, const std::vector<Target>& targets,
                                               const std::string& plan_arg) {
  const auto dir = ctx.plan_dir(plan_arg);
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw core::UsageError("no plan directory \"" + dir.string() + "\"",
                           "a run on several databases reads the plan from its directory: name it, e.g. "
                           "migrator apply scenarios/vendor_normalization --targets targets.yaml");
  }
  std::map<core::Dialect, plan::Plan> plans;
  for (const auto& target : targets) {
    if (!plans.contains(target.url.dialect)) {
      plans.emplace(target.url.dialect, ctx.load_plan(dir, target.url.dialect));
    }
  }
  return plans;
}

// As one run opens its database: apply creates a SQLite file, the others read a missing
// one as empty and leave it missing. From the targets' threads: ctx.config() is read by then.
std::unique_ptr<db::Connection> open_target(Context& ctx, const Target& target, bool create) {
  return create ? ctx.connect(target.url) : ctx.connect_existing(target.url);
}

std::optional<core::Version> newest_applied(const std::vector<runner::VersionStatus>& rows) {
  std::optional<core::Version> newest;
  for (const auto& row : rows) {
    if (!row.repeatable && row.state != runner::VersionState::pending && row.state != runner::VersionState::in_progress) {
      newest = std::max(newest.value_or(row.version), row.version);
    }
  }
  return newest;
}

// After a failed run: where the target was left (the runner undid the failing migration).
void note_where_left(runner::Runner& runner, const plan::Plan& plan, TargetResult& result) {
  try {
    result.to = newest_applied(runner.status(plan.name, &plan));
  } catch (const core::Error&) {
    result.to.reset();  // the connection is gone: the summary shows "-"
  }
}

// Runs `work` over the targets with the display and summary every fleet command shares, and
// sets the exit code.
fleet::FleetReport run(Context& ctx, const std::string& command, const std::string& plan_name,
                       const std::vector<Target>& targets, const fleet::TargetWork& work) {
  static const std::map<std::string, std::string> k_headings{
      {"apply", "Applying"}, {"apply --dry-run", "Dry run of applying"}, {"rollback", "Rolling back"},
      {"rollback --dry-run", "Dry run of rolling back"}, {"verify", "Verifying"}, {"status", "Status of"}};
  const auto& heading = k_headings.at(command);
  const bool colour = ctx.text_options().colour;
  report::FleetProgress progress(stdout, targets, util::is_terminal(STDOUT_FILENO),
                                 ctx.global.quiet || ctx.json(), colour);
  fleet::FleetOptions options;
  options.parallel = ctx.fleet.parallel;
  options.canary = ctx.fleet.canary;
  options.on_error = ctx.fleet.on_error == "continue" ? fleet::OnError::cont : fleet::OnError::stop;
  ctx.say(fmt::format("{} \"{}\" on {} (at most {} at once{})", heading, plan_name,
                      util::counted(targets.size(), "target"), options.parallel,
                      options.canary > 0 ? ", " + util::counted(static_cast<std::size_t>(options.canary), "canary") +
                                               " first"
                                         : ""));
  const auto report = fleet::run_fleet(targets, options, work, progress);
  progress.finish();
  if (ctx.json()) {
    ctx.print_json(report::fleet_json(command, plan_name, targets, report));
  } else if (!ctx.global.quiet) {
    std::fputs(report::fleet_summary(command, targets, report, colour).c_str(), stdout);
  } else {
    for (std::size_t i = 0; i < targets.size(); ++i) {
      if (!report.results[i].ok() && report.results[i].state != fleet::TargetState::skipped) {
        std::fprintf(stderr, "migrator: %s\n", report::fleet_line(targets[i], report.results[i], false).c_str());
      }
    }
  }
  ctx.exit_code = report.exit_code();
  return report;
}

}  // namespace

void add_fleet_options(CLI::App& cmd, Context& ctx) {
  cmd.add_option("--targets", ctx.fleet.targets_file,
                 "Run on every database listed in this YAML file ({name, url, group} each; ${ENV} in a url)")
      ->type_name(value_kind::file);
  cmd.add_option("--parallel", ctx.fleet.parallel, "Targets run at once, each on its own connection (default 1)")
      ->type_name(value_kind::number)
      ->check(whole_number(1, 256, "targets at once"));
  cmd.add_option("--canary", ctx.fleet.canary, "Run the first N targets first; if any fails, start no other")
      ->type_name(value_kind::number)
      ->check(whole_number(0, 1000000, "targets run first"));
  with_choices(cmd.add_option("--on-error", ctx.fleet.on_error,
                              "After a target fails: stop starting others (default), or continue"),
               {"stop", "continue"}, "what to do after a failure");
}

std::optional<std::vector<Target>> fleet_targets(Context& ctx) {
  std::optional<std::vector<Target>> targets;
  if (!ctx.fleet.targets_file.empty()) {
    if (!ctx.global.dbs.empty()) {
      throw core::UsageError("--targets and --db both name the databases", "give one of them");
    }
    targets = fleet::load_targets(ctx.fleet.targets_file);
  } else if (ctx.global.dbs.size() > 1) {
    targets = fleet::targets_from_urls(ctx.global.dbs);
  } else if (ctx.global.dbs.empty() && std::getenv("DATABASE_URL") == nullptr && !ctx.config().targets.empty()) {
    targets = ctx.config().targets;
  }
  if (!targets && (ctx.fleet.parallel != 1 || ctx.fleet.canary != 0 || ctx.fleet.on_error != "stop")) {
    throw core::UsageError("--parallel, --canary and --on-error are for runs on several databases",
                           "name them with --targets FILE, or give --db more than once");
  }
  return targets;
}

namespace {

// apply and rollback on each target: `change` runs the one or the other; `unchanged` is the
// note of a target where there was nothing to do.
void change_fleet(Context& ctx, const std::vector<Target>& targets, const std::string& plan_arg,
                  const std::string& command, bool create, const std::string& unchanged,
                  const std::function<runner::RunReport(runner::Runner&, const plan::Plan&)>& change) {
  const auto plans = load_plans(ctx, targets, plan_arg);
  run(ctx, command, plans.begin()->second.name, targets,
      [&](const Target& target, TargetResult& result, const fleet::Activity& activity) {
        const auto& plan = plans.at(target.url.dialect);
        auto db = open_target(ctx, target, create);
        ActivityObserver observer(activity, plan.name, result);
        runner::Runner runner(*db, observer);
        try {
          const auto report = change(runner, plan);
          result.from = report.from_version;
          result.to = report.to_version;
          result.migrations = report.migrations.size();
          result.note = report.migrations.empty() ? unchanged : "";
        } catch (const core::Error&) {
          note_where_left(runner, plan, result);
          throw;
        }
      });
}

// verify and status on each target: they read and change nothing. `read` does the work on a
// target's runner.
fleet::FleetReport read_fleet(Context& ctx, const std::vector<Target>& targets, const std::string& plan_arg,
                              const std::string& command, const std::string& activity_text,
                              const std::function<void(runner::Runner&, const plan::Plan&, TargetResult&)>& read) {
  const auto plans = load_plans(ctx, targets, plan_arg);
  ctx.lock_wait();  // migrator.yaml read before the threads start (open_target)
  return run(ctx, command, plans.begin()->second.name, targets,
             [&](const Target& target, TargetResult& result, const fleet::Activity& activity) {
               const auto& plan = plans.at(target.url.dialect);
               auto db = open_target(ctx, target, false);
               runner::Observer silent;
               runner::Runner runner(*db, silent);
               activity(activity_text);
               read(runner, plan, result);
             });
}

}  // namespace

void apply_fleet(Context& ctx, const std::vector<Target>& targets, const std::string& plan_arg,
                 const runner::ApplyOptions& options) {
  change_fleet(ctx, targets, plan_arg, options.dry_run ? "apply --dry-run" : "apply", true, "up to date",
               [&](runner::Runner& runner, const plan::Plan& plan) { return runner.apply(plan, options); });
}

void rollback_fleet(Context& ctx, const std::vector<Target>& targets, const std::string& plan_arg,
                    const runner::RollbackOptions& options) {
  change_fleet(ctx, targets, plan_arg, options.dry_run ? "rollback --dry-run" : "rollback", false,
               "nothing to roll back",
               [&](runner::Runner& runner, const plan::Plan& plan) { return runner.rollback(plan.name, options); });
}

void verify_fleet(Context& ctx, const std::vector<Target>& targets, const std::string& plan_arg) {
  read_fleet(ctx, targets, plan_arg, "verify", "verifying",
             [](runner::Runner& runner, const plan::Plan& plan, TargetResult& result) {
               const auto report = runner.verify(plan.name, &plan);
               result.to = result.from = newest_applied(runner.status(plan.name, &plan));
               result.migrations = report.checks.size();
               const auto failed = static_cast<std::size_t>(std::count_if(
                   report.checks.begin(), report.checks.end(), [](const auto& c) { return !c.outcome.passed; }));
               result.note = util::counted(report.checks.size(), "check") + " passed";
               if (!report.ok()) {
                 const auto what = failed > 0 ? util::counted(failed, "check") + " failed" : std::string();
                 const auto drift = report.drift.empty()
                                        ? std::string()
                                        : util::counted(report.drift.size(), "drift problem") + ": " +
                                              core::version_heading(report.drift.front().version) + " " +
                                              report.drift.front().problem;
                 throw core::CheckFailed(what + (what.empty() || drift.empty() ? "" : ", ") + drift,
                                         "run migrator verify --db URL on it for the details");
               }
             });
}

void status_fleet(Context& ctx, const std::vector<Target>& targets, const std::string& plan_arg, bool exit_code) {
  const auto report = read_fleet(ctx, targets, plan_arg, "status", "reading its history",
      [](runner::Runner& runner, const plan::Plan& plan, TargetResult& result) {
        const auto rows = runner.status(plan.name, &plan);
        result.to = result.from = newest_applied(rows);
        std::map<runner::VersionState, std::size_t> counts;
        for (const auto& row : rows) {
          ++counts[row.state];
        }
        result.pending = counts[runner::VersionState::pending] + counts[runner::VersionState::changed];
        std::vector<std::string> notes;
        for (const auto state : {runner::VersionState::drifted, runner::VersionState::missing_file,
                                 runner::VersionState::incomplete, runner::VersionState::in_progress,
                                 runner::VersionState::out_of_order}) {
          if (counts[state] > 0) {
            notes.push_back(std::to_string(counts[state]) + " " + std::string(runner::to_string(state)));
          }
        }
        for (const auto& note : notes) {
          result.note += (result.note.empty() ? "" : ", ") + note;
        }
        if (result.note.empty()) {
          result.note = result.pending == 0 ? "at head" : "behind";
        }
      });
  // --exit-code: 1 when any target is not simply at the head (as for one database).
  const bool all_at_head = std::all_of(report.results.begin(), report.results.end(),
                                       [](const TargetResult& r) { return r.ok() && r.note == "at head"; });
  if (exit_code && ctx.exit_code == core::exit_ok && !all_at_head) {
    ctx.exit_code = core::exit_failed;
  }
}

}  // namespace migrator::cli
