// migrator apply: pending migrations, one transaction each, checks after every step,
// preserve invariants around the whole migration, the history row in the same transaction.
#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "plan/loader.hpp"
#include "plan/requirements.hpp"
#include "runner/action.hpp"
#include "runner/definition_changes.hpp"
#include "runner/dotted_keys.hpp"
#include "runner/foreign_history.hpp"
#include "runner/failure.hpp"
#include "runner/history_entry.hpp"
#include "runner/runner.hpp"
#include "runner/steps.hpp"
#include "util/interrupt.hpp"

namespace migrator::runner {

std::string history_file(const plan::Plan& plan, const plan::Migration& m) {
  const auto relative = m.file.lexically_relative(plan.dir);
  return relative.empty() || *relative.begin() == ".." ? m.file.filename().string() : relative.string();
}

history::Entry new_entry(const plan::Plan& plan, const plan::Migration& m, core::Dialect dialect,
                         history::Status status, history::Origin origin) {
  history::Entry e;
  e.origin = origin;
  e.plan = plan.name;
  e.version = m.version;
  e.name = m.name;
  e.checksum = m.sha256;
  e.status = status;
  e.applied_at = history::utc_now();
  e.applied_by = history::current_user();
  e.file = history_file(plan, m);
  e.set_definition(m, dialect);
  return e;
}

namespace {

std::optional<core::Version> newest(const std::vector<history::Entry>& entries) {
  std::optional<core::Version> out;
  for (const auto& e : entries) {
    if (e.status == history::Status::applied) {
      out = std::max(out.value_or(e.version), e.version);
    }
  }
  return out;
}

// Refuses to go on when an applied file changed, or a pending version sits below the newest
// applied one: both mean the plan and the database disagree, and guessing would be unsafe.
void check_consistency(const plan::Plan& plan, const std::vector<history::Entry>& entries, core::Dialect dialect,
                       bool allow_out_of_order) {
  core::Diagnostics problems;
  const auto top = newest(entries);
  std::map<core::Version, const history::Entry*> applied;
  for (const auto& e : entries) {
    applied[e.version] = &e;
  }
  for (const auto& m : plan.migrations) {
    const auto it = applied.find(m.version);
    const auto changes = it != applied.end() && it->second->status == history::Status::applied
                             ? changes_since_applied(*it->second, m, dialect)
                             : std::vector<DefinitionChange>{};
    if (!changes.empty()) {
      // Edits that leave what runs alone (comments, descriptions, names) are no drift.
      problems.push_back({m.loc, "", "migration " + core::version_text(m.version) +
                                         " changed since it was applied on " + it->second->applied_at +
                                         ", in what it runs:\n" + describe_changes(changes, "    "),
                          changed_migration_hint(plan.dir.string())});
    } else if (it == applied.end() && top && m.version < *top && !allow_out_of_order) {
      problems.push_back({m.loc, "", "migration " + core::version_text(m.version) +
                                         " is pending but version " + std::to_string(*top) +
                                         " is already applied",
                          "renumber it above " + std::to_string(*top) +
                              ", or roll back below it first; if it does not depend on what came after it, "
                              "--allow-out-of-order (or allow_out_of_order: true in plan.yaml) applies it "
                              "where it is, and records that"});
    }
  }
  if (!problems.empty()) {
    throw core::PlanError(std::move(problems));
  }
}

// A plan that has no history here but whose migrations do, under another plan's name, is a
// renamed or copied directory (a plan without plan.yaml is named after its directory):
// applying it as new would run every migration again (a seed row inserted twice).
void refuse_renamed_plan(const plan::Plan& plan, history::Store& history) {
  std::map<std::string, core::Version> versions_by_checksum;
  for (const auto& m : plan.migrations) {
    versions_by_checksum[m.sha256] = m.version;
  }
  for (const auto& other : history.plans()) {
    if (other == plan.name) {
      continue;
    }
    std::string matched;
    for (const auto& entry : history.entries(other, history::Store::Definitions::none)) {
      if (const auto it = versions_by_checksum.find(entry.checksum); it != versions_by_checksum.end()) {
        matched += (matched.empty() ? "" : ", ") + std::to_string(it->second);
      }
    }
    if (!matched.empty()) {
      throw core::UsageError(
          "plan \"" + plan.name + "\" is new to this database, but its migrations " + matched +
              " are already applied here as the plan \"" + other + "\" (the same checksums); nothing was applied",
          "a renamed or copied plan directory? name the plan in its plan.yaml (name: " + other +
              ") to go on with it; if it really is another plan, its files must differ");
    }
  }
}

// The plan's first migration finds what it makes already there: most likely a database
// another tool (or a person) brought up to date, which baseline adopts.
std::string adopt_hint(const core::Error& error, const plan::Plan& plan) {
  const auto& point = error.failure_point();
  if (!point) {
    return "";
  }
  static const std::set<std::string> k_duplicate{"42P07", "42710", "42701", "42P06", "42723", "42P04"};
  const bool exists = k_duplicate.count(point->code) > 0 ||
                      (point->code.starts_with("SQLITE") && point->database_message.find("already exists") != std::string::npos);
  if (!exists) {
    return "";
  }
  const auto baseline = "`migrator baseline " + plan.dir.string() + " --to V` adopts the database";
  return plan.format == plan::PlanFormat::migrator
             ? ". What it makes is already here: if another tool or a person made it, " + baseline
             : ". What it makes is already here: if another tool ran these migrations, " + baseline +
                   " (or --history-table NAME, where that tool keeps its history)";
}

class Applier {
 public:
  Applier(Session& session, const plan::Plan& plan) : m_s(session), m_plan(plan) {}

  void apply(const plan::Migration& m, const std::optional<core::Version>& at_version,
             history::Origin origin = history::Origin::run) {
    m_origin = origin;
    const auto started = std::chrono::steady_clock::now();
    m_s.observer.on_migration_start(m_plan.name, m, false);
    try {
      if (m.transaction) {
        apply_in_transaction(m, started);
      } else {
        apply_step_by_step(m, started);
      }
    } catch (core::Error& e) {
      e.set_hint(m_left_incomplete ? incomplete_hint(m)
                                   : "migration " + core::version_text(m.version) + " was rolled back; " +
                                         at_version_hint(at_version) + (at_version ? "" : adopt_hint(e, m_plan)));
      throw;
    }
    m_s.observer.on_migration_done(m, elapsed_since(started));
  }

 private:
  void apply_in_transaction(const plan::Migration& m, std::chrono::steady_clock::time_point started) {
    auto tx = m_s.db.begin();
    apply_timeouts(m_s.db, m, m_plan.timeouts);
    const auto before = read_preserve(m_s, m);
    const auto record = [&](bool sent_with_step) {
      auto entry = new_entry(m_plan, m, m_s.db.dialect(), history::Status::applied, m_origin);
      entry.duration_ms = elapsed_since(started).count();
      return m_s.history.insert_sql(entry, sent_with_step);
    };
    // Nothing to read after the last step: it goes with the history row and the COMMIT.
    const bool last_ends = !m.steps.empty() && m.steps.back().verify.empty() && m.preserve.empty();
    for (std::size_t i = 0; i < m.steps.size(); ++i) {
      const auto& step = m.steps[i];
      if (last_ends && i + 1 == m.steps.size()) {
        util::stop_if_interrupted();  // no new step once asked to stop
        if (run_step_and_commit(m_s, m, step, step.action, *tx, record)) {
          return;
        }
      }
      bool action_failed = false;
      run_step(m_s, m, step, action_failed);
    }
    compare_preserve(m_s, m, before);
    tx->commit_after(record(false));
  }

  // A transaction: false migration whose run stopped with its history row still "applying"
  // (the connection was lost, or undoing its steps failed): not rolled back, but incomplete,
  // which the next apply finishes (Runner::recover), as `status` says.
  std::string incomplete_hint(const plan::Migration& m) const {
    return "migration " + core::version_text(m.version) + " was interrupted with " + std::to_string(m_steps_recorded) +
           " of its " + std::to_string(m.steps.size()) +
           " steps done and is recorded as incomplete (see `migrator status`); the next `migrator apply` "
           "undoes those steps and runs it again";
  }

  void record_progress(const plan::Migration& m, int steps_done) {
    m_s.history.set_progress(m_plan.name, m.version, history::Status::applying, steps_done);
    m_steps_recorded = steps_done;
  }

  // transaction: false. The history row is written first and advanced after every step, so
  // a run killed in between is finished by the next one (Runner::recover).
  void apply_step_by_step(const plan::Migration& m, std::chrono::steady_clock::time_point started) {
    apply_timeouts(m_s.db, m, m_plan.timeouts);
    const auto before = read_preserve(m_s, m);
    m_s.history.insert(new_entry(m_plan, m, m_s.db.dialect(), history::Status::applying, m_origin));
    m_left_incomplete = true;  // until the row is marked applied or removed
    m_steps_recorded = 0;
    int done = 0;
    try {
      for (const auto& step : m.steps) {
        bool action_failed = false;
        try {
          run_step(m_s, m, step, action_failed);
        } catch (const core::ConnectError&) {
          throw;
        } catch (const core::Error&) {
          if (action_failed && all_or_nothing(step.action)) {
            undo(m, done - 1, false);  // the failed step left nothing to undo
          } else {
            undo(m, done, action_failed);
          }
          throw;
        }
        record_progress(m, ++done);
      }
      compare_preserve(m_s, m, before);
    } catch (const core::CheckFailed&) {
      if (done == static_cast<int>(m.steps.size())) {
        undo(m, done - 1, false);  // preserve broke after the last step
      }
      throw;
    }
    m_s.history.set_applied(m_plan.name, m.version, elapsed_since(started).count());
    m_left_incomplete = false;
  }

  // Undoes steps top..0 and removes the history row. A failure here leaves the row as
  // "applying" with the steps still in place, so the next run tries again.
  void undo(const plan::Migration& m, int top, bool tolerate_top) {
    undo_steps(m_s, m, top, tolerate_top, [&](int i) { record_progress(m, i); });
    m_s.history.remove(m_plan.name, m.version);
    m_left_incomplete = false;
  }

  Session& m_s;
  const plan::Plan& m_plan;
  bool m_left_incomplete = false;
  int m_steps_recorded = 0;
  history::Origin m_origin = history::Origin::run;
};

}  // namespace

Runner::Runner(db::Connection& db, Observer& observer)
    : m_db(db), m_history(db), m_observer(observer) {}

RunReport Runner::apply(const plan::Plan& plan, const ApplyOptions& options) {
  // The lock before anything touches the database: a run that is writing may hold SQLite's
  // EXCLUSIVE lock, and only the migration lock's wait says who and honours --lock-timeout.
  std::unique_ptr<db::Lock> lock;
  if (!options.dry_run) {
    lock = m_db.lock(k_lock_key, options.lock_wait, [&](const std::string& holder) {
      m_observer.on_message("waiting for the migration lock, held by " + holder);
    });
    m_history.ensure_table();
  }
  const auto started = std::chrono::steady_clock::now();
  RunReport report;
  // Every plan it stands on, however deep, each after what it requires itself.
  const auto required_plans = plan::required_plans(plan, {m_db.dialect()});
  for (const auto& required_plan : required_plans) {
    ApplyOptions required = options;
    required.to.reset();
    auto sub = apply_locked(required_plan, required);
    report.migrations.insert(report.migrations.end(), sub.migrations.begin(), sub.migrations.end());
    report.repeatables.insert(report.repeatables.end(), sub.repeatables.begin(), sub.repeatables.end());
    if (!options.dry_run) {
      m_history.record_requires(required_plan.name, plan::direct_requirements(required_plan, required_plans));
    }
  }
  auto own = apply_locked(plan, options);
  if (!options.dry_run) {
    m_history.record_requires(plan.name, plan::direct_requirements(plan, required_plans));
  }
  report.migrations.insert(report.migrations.end(), own.migrations.begin(), own.migrations.end());
  report.repeatables.insert(report.repeatables.end(), own.repeatables.begin(), own.repeatables.end());
  report.from_version = own.from_version;
  report.to_version = own.to_version;
  report.dry_run = options.dry_run;
  report.elapsed = elapsed_since(started);
  return report;
}

RunReport Runner::apply_locked(const plan::Plan& plan, const ApplyOptions& options) {
  if (!options.dry_run) {
    recover(plan.name);
  }
  const auto entries = plan_entries(m_history, plan, !options.dry_run);
  // The newest version to apply: all of them without --to.
  const auto to = options.to ? plan_key(plan, *options.to) : std::numeric_limits<core::Version>::max();
  const bool out_of_order_allowed = options.allow_out_of_order || plan.allow_out_of_order;
  check_consistency(plan, entries, m_db.dialect(), out_of_order_allowed);
  if (entries.empty()) {
    refuse_renamed_plan(plan, m_history);
    refuse_foreign_history(m_db, plan);
  }
  RunReport report;
  report.from_version = newest(entries);
  report.to_version = report.from_version;
  report.dry_run = options.dry_run;
  m_observer.on_plan_start(plan.name, report.from_version);
  Session session{m_db, m_history, m_observer, options.scale};
  Applier applier(session, plan);
  std::set<core::Version> recorded;  // not a scan of the history per migration: histories run long
  for (const auto& e : entries) {
    recorded.insert(e.version);
  }
  for (const auto& m : plan.migrations) {
    const bool applied = recorded.count(m.version) > 0;
    if (applied || m.version > to) {
      continue;
    }
    if (options.dry_run) {
      m_observer.on_migration_start(plan.name, m, false);
      show_sql(m_observer, m, m_db.dialect(), options.scale);
      report.migrations.push_back({plan.name, m.version, m.name, {}});
      report.to_version = std::max(report.to_version.value_or(m.version), m.version);
      continue;
    }
    // Below a version applied before this run: allowed, said and recorded, never silent.
    const bool out_of_order = report.from_version && m.version < *report.from_version;
    if (out_of_order) {
      m_observer.on_message("applying " + core::version_text(m.version) + " out of order: version " +
                            core::version_text(*report.from_version) + " is already applied (" +
                            (options.allow_out_of_order ? "--allow-out-of-order" : "allow_out_of_order in plan.yaml") +
                            "); recorded as such");
    }
    const auto started = std::chrono::steady_clock::now();
    applier.apply(m, report.to_version, out_of_order ? history::Origin::out_of_order : history::Origin::run);
    report.migrations.push_back({plan.name, m.version, m.name, elapsed_since(started)});
    report.to_version = std::max(report.to_version.value_or(m.version), m.version);
  }
  // Written for the newest schema: run once the plan is there, not below an --to.
  if (plan.migrations.empty() || to >= plan.migrations.back().version) {
    apply_repeatables(plan, options, report);
  }
  return report;
}

}  // namespace migrator::runner
