// Repeatable migrations (Flyway's R__ scripts; R__name.yaml with repeatable: true): run
// again after the versioned ones whenever their checksum changed, each in its own
// transaction, every definition kept in migrator_repeatables. Rolling back to a version puts
// back the definition that was current at it, before the versions are undone: the newer
// schema still has what that definition used (a later version rarely drops it), while the
// newer definition often uses what the versions' rollbacks drop (a view of a new column).
// One first run after that version is undone by its own rollback SQL; without one
// (Flyway's R__ have none) it is left as it is, and said so.
#include <algorithm>
#include <map>

#include "runner/runner.hpp"
#include "runner/steps.hpp"

namespace migrator::runner {
namespace {

// The definitions of each repeatable run after `to`, and the one to put back, if any.
struct RepeatableChange {
  const history::RepeatableEntry* current = nullptr;
  const history::RepeatableEntry* restore = nullptr;  // current at `to`; null: none was
};

std::vector<RepeatableChange> changes_after(const std::vector<history::RepeatableEntry>& entries,
                                            core::Version to) {
  std::vector<RepeatableChange> out;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const bool last_of_name = i + 1 == entries.size() || entries[i + 1].name != entries[i].name;
    if (!last_of_name || entries[i].after_version <= to) {
      continue;
    }
    RepeatableChange change{&entries[i], nullptr};
    for (std::size_t j = i; j-- > 0 && entries[j].name == entries[i].name;) {
      if (entries[j].after_version <= to) {
        change.restore = &entries[j];
        break;
      }
    }
    out.push_back(change);
  }
  return out;
}

}  // namespace

void Runner::apply_repeatables(const plan::Plan& plan, const ApplyOptions& options, RunReport& report) {
  std::map<std::string, const history::RepeatableEntry*> current;
  const auto recorded = m_history.repeatable_entries(plan.name);
  for (const auto& entry : recorded) {
    current[entry.name] = &entry;  // ordered by seq: the last one stays
  }
  for (const auto& r : plan.repeatables) {
    const auto it = current.find(r.name);
    if (it != current.end() && it->second->checksum == r.sha256) {
      continue;
    }
    const auto started = std::chrono::steady_clock::now();
    if (options.dry_run) {
      m_observer.on_migration_start(plan.name, r, false);
      show_sql(m_observer, r, m_db.dialect(), options.scale);
    } else {
      run_repeatable(plan.name, r, plan.timeouts, it == current.end() ? 1 : it->second->seq + 1,
                     report.to_version.value_or(0), std::nullopt, false);
    }
    report.repeatables.push_back({plan.name, 0, r.name, elapsed_since(started)});
  }
}

void Runner::run_repeatable(const std::string& plan_name, const plan::Migration& r, const plan::Timeouts& defaults,
                            int seq, core::Version after, std::optional<int> drop_from_seq, bool restoring) {
  Session session{m_db, m_history, m_observer, 1.0};
  const auto started = std::chrono::steady_clock::now();
  m_history.ensure_repeatables_table();
  m_observer.on_migration_start(plan_name, r, restoring);
  apply_timeouts(m_db, r, defaults);
  history::RepeatableEntry entry;
  entry.plan = plan_name;
  entry.name = r.name;
  entry.seq = seq;
  entry.checksum = r.sha256;
  entry.after_version = after;
  entry.applied_at = history::utc_now();
  entry.applied_by = history::current_user();
  entry.file = r.file.filename().string();
  entry.definition = r;
  std::size_t done = 0;
  try {
    auto tx = r.transaction ? m_db.begin() : nullptr;
    for (const auto& step : r.steps) {
      bool action_failed = false;
      run_step(session, r, step, action_failed);
      ++done;
    }
    entry.duration_ms = elapsed_since(started).count();
    auto sql = drop_from_seq ? m_history.remove_repeatables_sql(plan_name, r.name, *drop_from_seq) + ";\n" : "";
    sql += m_history.insert_repeatable_sql(entry);
    if (tx) {
      tx->commit_after(sql);
    } else {
      m_db.exec(sql);
    }
  } catch (core::Error& e) {
    e.set_hint("repeatable migration \"" + r.name + "\" " +
               (r.transaction ? "was rolled back"
                              : "ran outside a transaction and stopped after " + std::to_string(done) + " of " +
                                    std::to_string(r.steps.size()) + " steps") +
               (restoring ? "; putting back its earlier definition failed before any version was rolled back: "
                            "the database is as it was"
                          : "; the versioned migrations before it stay applied, and the next `migrator apply` runs "
                            "it again"));
    throw;
  }
  m_observer.on_migration_done(r, elapsed_since(started));
}

void Runner::undo_repeatables(std::string_view plan_name, const RollbackOptions& options, RunReport& report) {
  const auto recorded = m_history.repeatable_entries(plan_name);
  for (const auto& change : changes_after(recorded, options.to)) {
    const auto& current = change.current->definition;
    const auto started = std::chrono::steady_clock::now();
    if (change.restore == nullptr) {
      const bool reversible = std::all_of(current.steps.begin(), current.steps.end(),
                                          [](const plan::Step& step) { return step.rollback.has_value(); });
      if (!reversible) {
        m_observer.on_message("repeatable migration \"" + current.name + "\" was first run after version " +
                              core::version_text(options.to) + " and has no rollback SQL: left as it is");
        continue;
      }
      m_observer.on_migration_start(plan_name, current, true);
      if (options.dry_run) {
        show_rollback_sql(m_observer, current, m_db.dialect());
      } else {
        const int top = static_cast<int>(current.steps.size()) - 1;
        Session session{m_db, m_history, m_observer, 1.0};
        auto tx = current.transaction ? m_db.begin() : nullptr;
        undo_steps(session, current, top, false, [](int) {});
        const auto sql = m_history.remove_repeatables_sql(plan_name, current.name, 1);
        if (tx) {
          tx->commit_after(sql);
        } else {
          m_db.exec(sql);
        }
        m_observer.on_migration_done(current, elapsed_since(started));
      }
    } else {
      const auto& previous = change.restore->definition;
      if (options.dry_run) {
        m_observer.on_migration_start(plan_name, previous, true);
        show_sql(m_observer, previous, m_db.dialect(), 1.0);
      } else {
        // Run again as it was then, and recorded as it was: the rows after it go.
        run_repeatable(std::string(plan_name), previous, {}, change.restore->seq, change.restore->after_version,
                       change.restore->seq, true);
      }
    }
    report.repeatables.push_back({std::string(plan_name), 0, current.name, elapsed_since(started)});
  }
}

}  // namespace migrator::runner
