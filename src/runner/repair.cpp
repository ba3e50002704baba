// migrator repair: after a person has reviewed how an applied migration's file changed,
// record the file's current definition (checksum, SQL, checks, rollbacks) in the history,
// as Flyway's repair realigns checksums. Nothing is run against the schema.
#include "runner/dotted_keys.hpp"
#include "runner/history_entry.hpp"
#include "runner/runner.hpp"

namespace migrator::runner {

RepairReport Runner::repair(const plan::Plan& plan, const RepairOptions& options) {
  std::unique_ptr<db::Lock> lock;
  if (!options.dry_run) {
    lock = m_db.lock(k_lock_key, options.lock_wait, [&](const std::string& holder) {
      m_observer.on_message("waiting for the migration lock, held by " + holder);
    });
  }
  RepairReport report;
  report.dry_run = options.dry_run;
  for (auto entry : plan_entries(m_history, plan, !options.dry_run)) {
    const auto* file = plan.find(entry.version);
    if (file == nullptr || entry.checksum == file->sha256) {
      continue;
    }
    // A rollback that failed may take a rollback fixed in its file, step for step.
    const bool fixable = entry.status == history::Status::rollback_failed &&
                         entry.definition().steps.size() == file->steps.size();
    if (entry.status != history::Status::applied && !fixable) {
      // Its stored rollbacks are what undoes the steps it got through: keep them.
      report.skipped.push_back({entry.version, entry.name, "an interrupted run; `migrator apply` finishes it first",
                                {}});
      continue;
    }
    auto changes = definition_changes(entry.definition(), *file, m_db.dialect());
    entry.name = file->name;
    entry.checksum = file->sha256;
    entry.file = history_file(plan, *file);  // as apply names it
    entry.set_definition(*file, m_db.dialect());
    if (!options.dry_run) {
      m_history.record_definition(entry);
    }
    report.recorded.push_back({entry.version, entry.name,
                               changes.empty() ? "comments, names or descriptions only" : "what it runs changed",
                               std::move(changes)});
  }
  return report;
}

}  // namespace migrator::runner
