// migrator rollback --to V: the stored rollbacks of every version above V, newest first, each
// migration in its own transaction with the removal of its history row.
#include <algorithm>
#include <functional>

#include "runner/dotted_keys.hpp"
#include "runner/failure.hpp"
#include "runner/runner.hpp"
#include "runner/steps.hpp"
#include "util/interrupt.hpp"

namespace migrator::runner {

std::vector<std::string> Runner::applied_dependents(std::string_view plan_name) {
  const auto pairs = m_history.requirements();
  std::vector<std::string> order;
  std::vector<std::string> visiting{std::string(plan_name)};
  // Depth first over "who requires it": a plan is listed after every plan that requires
  // it, so the list read from the front undoes the deepest first.
  const std::function<void(const std::string&)> visit = [&](const std::string& required) {
    for (const auto& [plan, needs] : pairs) {
      if (needs != required || std::find(order.begin(), order.end(), plan) != order.end() ||
          std::find(visiting.begin(), visiting.end(), plan) != visiting.end()) {
        continue;
      }
      visiting.push_back(plan);
      visit(plan);
      visiting.pop_back();
      if (!m_history.entries(plan, history::Store::Definitions::none).empty()) {
        order.push_back(plan);
      }
    }
  };
  visit(std::string(plan_name));
  return order;
}

namespace {

// A baselined version was never run here: its down SQL was never tried against this schema,
// which another tool (or a person) made. Undoing it is not migrator's to promise.
void refuse_below_baseline(std::string_view plan_name, const std::vector<history::Entry>& entries, core::Version to) {
  const auto baselined = std::find_if(entries.rbegin(), entries.rend(), [](const history::Entry& e) {
    return e.origin == history::Origin::baseline;
  });
  if (baselined != entries.rend() && baselined->version > to) {
    throw core::UsageError("version " + core::version_text(baselined->version) + " of \"" + std::string(plan_name) +
                               "\" was recorded by `migrator baseline` on " + baselined->applied_at +
                               ", not run by migrator: its rollback never ran on this schema; nothing was rolled back",
                           "roll back to " + core::version_text(baselined->version) +
                               " at most (--to " + core::version_text(baselined->version) +
                               "); below it, undo the schema by hand and delete its rows from migrator_history");
  }
}

}  // namespace

RunReport Runner::rollback(std::string_view plan_name, const RollbackOptions& given) {
  std::unique_ptr<db::Lock> lock;
  if (!given.dry_run) {
    lock = m_db.lock(k_lock_key, given.lock_wait, [&](const std::string& holder) {
      m_observer.on_message("waiting for the migration lock, held by " + holder);
    });
  }
  const auto entries = m_history.entries(plan_name, history::Store::Definitions::none);
  auto options = given;
  options.to = history_key(entries, given.to);
  // `--to 1` on a plan numbered by time (20240101120000, ...) keeps nothing: everything would
  // go while the user never said 0. Only --to 0 undoes every version.
  // diesel's initial setup is version 0, which --to 0 keeps too: the oldest above it counts.
  const auto oldest = std::find_if(entries.begin(), entries.end(), [](const history::Entry& e) { return e.version > 0; });
  if (options.to > 0 && oldest != entries.end() && options.to < oldest->version) {
    throw core::UsageError("--to " + core::version_text(options.to) + " is below every applied version of \"" +
                               std::string(plan_name) + "\" (the oldest is " +
                               core::version_text(oldest->version) +
                               "): it would roll back everything; nothing was rolled back",
                           "name a version to keep (`migrator status` lists them), or --to 0 to undo them all");
  }
  refuse_below_baseline(plan_name, entries, options.to);
  const bool undoes_something = std::any_of(entries.begin(), entries.end(),
                                            [&](const history::Entry& e) { return e.version > options.to; });
  const auto dependents = undoes_something ? applied_dependents(plan_name) : std::vector<std::string>{};
  if (!dependents.empty() && !options.cascade) {
    // Undoing what they stand on would leave them applied over nothing (their checks fail,
    // their rows are gone with the ones they referenced).
    std::string listed;
    for (const auto& dependent : dependents) {
      const auto theirs = m_history.entries(dependent, history::Store::Definitions::none);
      listed += (listed.empty() ? "" : ", ") + dependent + " (at version " + core::version_text(theirs.back().version) + ")";
    }
    throw core::UsageError("\"" + std::string(plan_name) + "\" is required by applied plans: " + listed +
                               "; nothing was rolled back",
                           "roll them back first (migrator rollback " + dependents.front() +
                               " --to 0), or add --cascade to roll them back to 0 first, deepest first");
  }
  for (const auto& dependent : dependents) {  // --cascade takes them to 0: checked before any runs
    refuse_below_baseline(dependent, m_history.entries(dependent, history::Store::Definitions::none), 0);
  }
  const auto started = std::chrono::steady_clock::now();
  RunReport report;
  report.dry_run = options.dry_run;
  for (const auto& dependent : dependents) {
    RollbackOptions all = options;
    all.to = 0;
    auto sub = rollback_locked(dependent, all);
    report.migrations.insert(report.migrations.end(), sub.migrations.begin(), sub.migrations.end());
    report.repeatables.insert(report.repeatables.end(), sub.repeatables.begin(), sub.repeatables.end());
  }
  auto own = rollback_locked(plan_name, options);
  report.migrations.insert(report.migrations.end(), own.migrations.begin(), own.migrations.end());
  report.repeatables.insert(report.repeatables.end(), own.repeatables.begin(), own.repeatables.end());
  report.from_version = own.from_version;
  report.to_version = own.to_version;
  report.elapsed = elapsed_since(started);
  return report;
}

RunReport Runner::rollback_locked(std::string_view plan_name, const RollbackOptions& options) {
  RunReport report;
  report.dry_run = options.dry_run;
  if (!options.dry_run) {
    recover(plan_name);
  }
  auto entries = m_history.entries_to_roll_back(plan_name, options.to);
  if (!entries.empty()) {
    report.from_version = entries.back().version;
  }
  m_observer.on_plan_start(plan_name, report.from_version);
  // Newest first, each with the version the database is at once it is undone.
  std::vector<std::pair<const history::Entry*, std::optional<core::Version>>> targets;
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->version > options.to) {
      const auto below = std::next(it);
      targets.emplace_back(&*it, below == entries.rend() ? std::nullopt : std::optional(below->version));
    }
  }
  // Refuse before touching anything when one of them cannot be undone.
  for (const auto& [entry, below] : targets) {
    for (const auto& step : entry->definition().steps) {
      if (!step.rollback) {
        throw core::MigrationFailed(
            "migration " + core::version_text(entry->version) + " step \"" + step.name +
                "\" is irreversible: " + step.irreversible.value_or("no rollback"),
            "nothing was rolled back; " + at_version_hint(report.from_version));
      }
    }
  }
  undo_repeatables(plan_name, options, report);
  Session session{m_db, m_history, m_observer, 1.0};
  std::optional<core::Version> at = report.from_version;
  for (const auto& [entry, below] : targets) {
    if (util::interrupted()) {
      core::Interrupted stop(util::interrupt_name(util::interrupt_signal()), util::interrupt_signal());
      stop.set_hint("stopped before the rollback of migration " + core::version_text(entry->version) + "; " +
                    at_version_hint(at));
      throw stop;
    }
    const auto& m = entry->definition();
    const auto started = std::chrono::steady_clock::now();
    m_observer.on_migration_start(plan_name, m, true);
    const int top = static_cast<int>(m.steps.size()) - 1;
    int in_place = top + 1;  // steps 0..in_place-1 still in place
    if (options.dry_run) {
      show_rollback_sql(m_observer, m, m_db.dialect());
    } else {
      try {
        if (m.transaction) {
          auto tx = m_db.begin();
          undo_and_commit(session, m, *tx, [&](bool) { return m_history.remove_sql(plan_name, entry->version); });
        } else {
          m_history.set_progress(plan_name, entry->version, history::Status::rolling_back,
                                 top + 1);
          in_place = top + 1;
          undo_steps(session, m, top, false, [&](int i) {
            m_history.set_progress(plan_name, entry->version, history::Status::rolling_back, i);
            in_place = i;
          });
          m_history.remove(plan_name, entry->version);
        }
      } catch (core::Error& e) {
        if (m.transaction) {
          e.set_hint("the rollback of migration " + core::version_text(entry->version) + " was undone; " +
                     at_version_hint(at));
          throw;
        }
        // A lost connection or a Ctrl-C: whether the statement ran is unknown, so the row stays
        // "rolling back", as after a kill, and the next run may find that step done.
        if (dynamic_cast<const core::ConnectError*>(&e) != nullptr || util::interrupted()) {
          e.set_hint("the rollback of migration " + core::version_text(entry->version) +
                     " stopped part way; run it again to go on; " + at_version_hint(at));
          throw;
        }
        // The step's rollback failed, so that step is still in place: the next run must run it
        // and see it succeed, never take it as done (recovery.cpp).
        m_history.set_progress(plan_name, entry->version, history::Status::rollback_failed, in_place);
        e.set_hint("the rollback of migration " + core::version_text(entry->version) + " stopped at step " +
                   std::to_string(in_place) + " of " + std::to_string(top + 1) +
                   ", which is still in place (status: incomplete); the next rollback or apply runs it again. "
                   "If its rollback is wrong, fix the file and run `migrator repair`, or fix the database so that "
                   "it runs; " + at_version_hint(at));
        throw;
      }
      m_observer.on_migration_done(m, elapsed_since(started));
    }
    report.migrations.push_back({std::string(plan_name), entry->version, entry->name,
                                 elapsed_since(started)});
    at = below;
  }
  report.to_version = at;
  return report;
}

}  // namespace migrator::runner
