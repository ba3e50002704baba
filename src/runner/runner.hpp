#pragma once
// Applies, rolls back, verifies and reports plans on one database. History, step order,
// checks, preserve and undo-on-failure are written once here, for every backend.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "core/migration_version.hpp"
#include "history/store.hpp"
#include "plan/model.hpp"
#include "runner/definition_changes.hpp"
#include "runner/observer.hpp"

namespace migrator::runner {

struct ApplyOptions {
  std::optional<core::Version> to;            // apply up to and including this version
  bool dry_run = false;                       // print the SQL, touch nothing
  double scale = 1.0;                         // multiplies generated data (generate steps)
  // Apply a pending version below the newest applied one (else refused); the plan's
  // allow_out_of_order: true says the same.
  bool allow_out_of_order = false;
  std::chrono::milliseconds lock_wait{std::chrono::seconds(60)};
};

struct BaselineOptions {
  // Record every version <= to as applied; without it, what the plan's own tool recorded in
  // its history table (runner/foreign_history.hpp), read from `history_table` if named.
  std::optional<core::Version> to;
  std::string history_table;
  std::chrono::milliseconds lock_wait{std::chrono::seconds(60)};
};

struct RollbackOptions {
  core::Version to = 0;                       // keep versions <= to
  bool dry_run = false;
  // Applied plans that require this one are rolled back to 0 first (deepest first);
  // without it, rollback refuses while any is applied.
  bool cascade = false;
  std::chrono::milliseconds lock_wait{std::chrono::seconds(60)};
};

struct RepairOptions {
  bool dry_run = false;                       // say what would be recorded, record nothing
  std::chrono::milliseconds lock_wait{std::chrono::seconds(60)};
};

struct MigrationRun {
  std::string plan;
  core::Version version = 0;
  std::string name;
  std::chrono::milliseconds duration{0};
};

struct RunReport {
  std::vector<MigrationRun> migrations;       // applied (or rolled back), in order
  std::vector<MigrationRun> repeatables;      // repeatable migrations run (or undone, put back)
  std::optional<core::Version> from_version;  // the plan's newest applied version before
  std::optional<core::Version> to_version;    // ... and after
  bool dry_run = false;

  // The whole run's time once the migration lock is held: every migration, its checks, the
  // history. Not the sum of the migrations' durations, which are whole milliseconds each
  // (10,000 migrations of 0.3 ms would sum to nothing).
  std::chrono::milliseconds elapsed{0};
};

// baseline's: what it recorded, and when it read another tool's history, what that said.
struct BaselineReport : RunReport {
  std::string tool;                         // "dbmate", or empty when --to said
  std::string table;
  std::vector<std::string> unknown;         // versions the tool recorded that the plan lacks
  std::vector<core::Version> left_pending;  // older than its newest, never applied by it
};

// incomplete: a transaction: false migration whose run died part way (apply finishes it);
// in_progress: one that a live run, which holds the migration lock, is applying right now.
// changed: a repeatable migration whose file changed since it ran (apply runs it again).
enum class VersionState { applied, pending, drifted, missing_file, incomplete, in_progress, out_of_order, changed };
std::string_view to_string(VersionState state);

struct VersionStatus {
  core::Version version = 0;
  std::string name;
  VersionState state = VersionState::pending;
  std::string applied_at;                     // empty unless in history
  std::optional<std::chrono::milliseconds> duration;
  std::string applied_by;
  std::string file;
  history::Origin origin = history::Origin::run;  // baseline, out of order: said by status
  bool repeatable = false;                        // no version: listed after the versions, by name
};

struct CheckReport {
  core::Version version = 0;       // 0 for a repeatable migration's check
  std::string name;                // the migration's
  bool repeatable = false;
  std::string step;
  std::string check;
  CheckOutcome outcome;
};

struct DriftReport {
  core::Version version = 0;
  std::string name;
  std::string problem;                        // "file changed since it was applied", ...
  std::vector<DefinitionChange> changes;      // for a changed file: what it runs differently
};

struct RepairReport {
  std::vector<DriftReport> recorded;          // files whose definition is now the history's
  std::vector<DriftReport> skipped;           // changed files left alone, and why
  bool dry_run = false;
};

struct VerifyReport {
  std::vector<CheckReport> checks;
  std::vector<DriftReport> drift;
  // Migrations a live run is applying now: not verified, and no problem.
  std::vector<DriftReport> in_flight;
  bool ok() const;
};

// The one migration lock every run of this database takes (apply and rollback; status and verify look at it).
inline constexpr std::string_view k_lock_key = "migrator";

class Runner {
 public:
  Runner(db::Connection& db, Observer& observer);

  // Applies pending migrations of `plan` (after the plans it requires), one transaction each.
  // Throws core::MigrationFailed (exit 1) with the database at the last good version.
  RunReport apply(const plan::Plan& plan, const ApplyOptions& options);
  // Records the plan's versions up to options.to as applied without running them, for a
  // database whose schema is already there; refused when the plan has history here.
  BaselineReport baseline(const plan::Plan& plan, const BaselineOptions& options);
  // Rolls back every applied version above options.to, newest first, from the history alone.
  RunReport rollback(std::string_view plan_name, const RollbackOptions& options);
  // Records the current file of every applied migration whose file changed (its checksum and
  // definition, as reviewed by a person); runs nothing against the schema.
  RepairReport repair(const plan::Plan& plan, const RepairOptions& options);
  // Re-runs the checks of every applied migration, and of each repeatable migration as it
  // last ran; `files` (may be null) adds drift detection.
  VerifyReport verify(std::string_view plan_name, const plan::Plan* files);
  // One row per version known to the files or the history.
  std::vector<VersionStatus> status(std::string_view plan_name, const plan::Plan* files);

 private:
  RunReport apply_locked(const plan::Plan& plan, const ApplyOptions& options);
  RunReport rollback_locked(std::string_view plan_name, const RollbackOptions& options);
  // Who holds the migration lock now, when someone does: an unfinished history row is then
  // a migration in flight, not the remains of a run that died.
  std::optional<std::string> lock_holder();
  // The applied plans that require `plan_name`, directly or not, those deepest in the chain
  // first: the order to roll them back in.
  std::vector<std::string> applied_dependents(std::string_view plan_name);
  void recover(std::string_view plan_name);
  void run_checks(const plan::Migration& m, bool repeatable, core::Version version,
                  std::unique_ptr<db::Transaction>& tx, VerifyReport& report);

  // Repeatable migrations (runner/repeatables.cpp).
  void apply_repeatables(const plan::Plan& plan, const ApplyOptions& options, RunReport& report);
  // Runs `r` in its own transaction and records it as definition `seq` (dropping the rows
  // from `drop_from_seq` on, in the same transaction).
  void run_repeatable(const std::string& plan_name, const plan::Migration& r, const plan::Timeouts& defaults, int seq,
                      core::Version after, std::optional<int> drop_from_seq, bool restoring);
  // Before the versions roll back: puts back the definitions current at options.to, and
  // undoes those first run after it.
  void undo_repeatables(std::string_view plan_name, const RollbackOptions& options, RunReport& report);

  db::Connection& m_db;
  history::Store m_history;
  Observer& m_observer;
};

}  // namespace migrator::runner
