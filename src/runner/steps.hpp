#pragma once
// The pieces apply, rollback and recovery share: running a step with its checks, reading
// preserve values, undoing steps in reverse.
#include <chrono>
#include <string>
#include <vector>

#include "history/store.hpp"
#include "plan/model.hpp"
#include "runner/operation.hpp"

namespace migrator::runner {

struct Session {
  db::Connection& db;
  history::Store& history;
  Observer& observer;
  double scale = 1.0;

  OperationContext operation_context() { return {db, observer, scale}; }
};

// Runs the step's action, then its verify checks. Throws core::MigrationFailed /
// core::CheckFailed with file, line, step and SQL. `action_failed` tells the caller which
// of the two went wrong (a failed action may have left part of its work behind).
void run_step(Session& s, const plan::Migration& m, const plan::Step& step, bool& action_failed);

// For the last action of a transaction when nothing has to be read after it before the
// commit (no verify check of the step, no preserve check; the caller's to know): runs it as
// run_step would (without run_step's look for Ctrl-C: undoing goes on after it), with the
// history statement `record` gives and the COMMIT in the same message on PostgreSQL
// (db::Transaction::commit_after_step). `action` is the step's own or its rollback. Returns
// false, having run nothing, when the action is not SQL.
bool run_step_and_commit(Session& s, const plan::Migration& m, const plan::Step& step, const plan::Action& action,
                         db::Transaction& tx, const db::Transaction::RecordSql& record);

// The values of the preserve checks, in order.
std::vector<db::ResultSet> read_preserve(Session& s, const plan::Migration& m);
// Throws core::CheckFailed on the first invariant whose value changed.
void compare_preserve(Session& s, const plan::Migration& m, const std::vector<db::ResultSet>& before);

// Runs the rollbacks of steps top..0, newest first. When `tolerate_top`, a failure of the
// top step's rollback is reported and passed over (that step may have done nothing).
// `on_undone(i)` is called after step i is undone (to record progress).
void undo_steps(Session& s, const plan::Migration& m, int top, bool tolerate_top,
                const std::function<void(int)>& on_undone);

// A transaction: true migration's rollback: every step undone, newest first, then `record`
// (its history row's removal) and the commit, the last rollback in the same message as them
// on PostgreSQL. Failures as undo_steps reports them.
void undo_and_commit(Session& s, const plan::Migration& m, db::Transaction& tx,
                     const db::Transaction::RecordSql& record);

// --dry-run: what each step would run, in order, or its rollback, the last step first.
void show_sql(Observer& observer, const plan::Migration& m, core::Dialect dialect, double scale);
void show_rollback_sql(Observer& observer, const plan::Migration& m, core::Dialect dialect);

// Sets the effective lock/statement timeouts of `m` (its own, else the plan's defaults).
void apply_timeouts(db::Connection& db, const plan::Migration& m, const plan::Timeouts& defaults);

std::chrono::milliseconds elapsed_since(std::chrono::steady_clock::time_point start);

}  // namespace migrator::runner
