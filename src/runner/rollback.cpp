// migrator rollback --to V: the stored rollbacks of every version above V, newest first, each
// migration in its own transaction with the removal of its history row.
#include "runner/action.hpp"
#include "runner/failure.hpp"
#include "runner/runner.hpp"
#include "runner/steps.hpp"

namespace migrator::runner {

RunReport Runner::rollback(std::string_view plan_name, const RollbackOptions& options) {
  RunReport report;
  report.dry_run = options.dry_run;
  std::unique_ptr<db::Lock> lock;
  if (!options.dry_run) {
    lock = m_db.lock("migrator", options.lock_wait, [&](const std::string& holder) {
      m_observer.on_message("waiting for the migration lock, held by " + holder);
    });
    recover(plan_name);
  }
  auto entries = m_history.entries(plan_name);
  if (!entries.empty()) {
    report.from_version = entries.back().version;
  }
  std::vector<const history::Entry*> targets;
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->version > options.to) {
      targets.push_back(&*it);
    }
  }
  // Refuse before touching anything when one of them cannot be undone.
  for (const auto* entry : targets) {
    for (const auto& step : entry->definition.steps) {
      if (!step.rollback) {
        throw core::MigrationFailed(
            "migration " + std::to_string(entry->version) + " step \"" + step.name +
                "\" is irreversible: " + step.irreversible.value_or("no rollback"),
            "nothing was rolled back; " + at_version_hint(report.from_version));
      }
    }
  }
  Session session{m_db, m_history, m_observer, 1.0};
  std::optional<int> at = report.from_version;
  for (const auto* entry : targets) {
    const auto& m = entry->definition;
    const auto started = std::chrono::steady_clock::now();
    m_observer.on_migration_start(m, true);
    const int top = static_cast<int>(m.steps.size()) - 1;
    if (options.dry_run) {
      for (int i = top; i >= 0; --i) {
        const auto& step = m.steps[static_cast<std::size_t>(i)];
        m_observer.on_dry_run_sql(step, describe_action(*step.rollback, m_db.dialect()));
      }
    } else {
      try {
        if (m.transaction) {
          auto tx = m_db.begin();
          undo_steps(session, m, top, false, [](int) {});
          m_history.remove(plan_name, entry->version);
          tx->commit();
        } else {
          m_history.set_progress(plan_name, entry->version, history::Status::rolling_back,
                                 top + 1);
          undo_steps(session, m, top, false, [&](int i) {
            m_history.set_progress(plan_name, entry->version, history::Status::rolling_back, i);
          });
          m_history.remove(plan_name, entry->version);
        }
      } catch (core::Error& e) {
        e.set_hint("the rollback of migration " + std::to_string(entry->version) +
                   (m.transaction ? " was undone; " : " stopped part way; run it again to go on; ") +
                   at_version_hint(at));
        throw;
      }
      m_observer.on_migration_done(m, elapsed_since(started));
    }
    report.migrations.push_back({std::string(plan_name), entry->version, entry->name,
                                 elapsed_since(started)});
    at.reset();
    for (const auto& e : entries) {
      if (e.version < entry->version) {
        at = e.version;
      }
    }
  }
  report.to_version = at;
  return report;
}

}  // namespace migrator::runner
