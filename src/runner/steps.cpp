#include "runner/steps.hpp"

#include "runner/action.hpp"
#include "runner/checks.hpp"
#include "runner/failure.hpp"
#include "util/interrupt.hpp"

namespace migrator::runner {

std::chrono::milliseconds elapsed_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start);
}

void run_step(Session& s, const plan::Migration& m, const plan::Step& step, bool& action_failed) {
  action_failed = false;
  util::stop_if_interrupted();  // no new step once asked to stop; undoing goes on
  const auto started = std::chrono::steady_clock::now();
  s.observer.on_step_start(m, step);
  action_failed = true;
  try {
    auto ctx = s.operation_context();
    run_action(step.action, ctx);
  } catch (const core::ConnectError&) {
    throw;  // a lost connection keeps its exit code (3)
  } catch (const core::Error& e) {
    throw step_failed(m, step, step.action, e, s.db.dialect());
  }
  action_failed = false;
  for (const auto& notice : s.db.take_notices()) {
    s.observer.on_server_notice(notice);
  }
  const auto key = step_key(m, step);
  for (std::size_t i = 0; i < step.verify.size(); ++i) {
    const auto& check = step.verify[i];
    const auto check_key = key + ".verify[" + std::to_string(i) + "]";
    CheckOutcome outcome;
    s.observer.on_check_start(check);
    try {
      outcome = run_check(s.db, check);
    } catch (const core::ConnectError&) {
      throw;
    } catch (const core::Error& e) {
      throw check_query_failed(m, &step, check_key, check, e, s.db.dialect());
    }
    s.observer.on_check(check, outcome);
    if (!outcome.passed) {
      throw check_failed(m, step, check_key, check, outcome, s.db.dialect());
    }
  }
  s.observer.on_step_done(m, step, elapsed_since(started));
}

bool run_step_and_commit(Session& s, const plan::Migration& m, const plan::Step& step, const plan::Action& action,
                         db::Transaction& tx, const db::Transaction::RecordSql& record) {
  const auto* sql = plain_sql(action, s.db.dialect());
  if (sql == nullptr) {
    return false;
  }
  const auto started = std::chrono::steady_clock::now();
  s.observer.on_step_start(m, step);
  try {
    tx.commit_after_step(*sql, record);
  } catch (const core::ConnectError&) {
    throw;
  } catch (const core::Error& e) {
    throw step_failed(m, step, action, e, s.db.dialect());
  }
  for (const auto& notice : s.db.take_notices()) {
    s.observer.on_server_notice(notice);
  }
  s.observer.on_step_done(m, step, elapsed_since(started));
  return true;
}

std::vector<db::ResultSet> read_preserve(Session& s, const plan::Migration& m) {
  std::vector<db::ResultSet> values;
  for (std::size_t i = 0; i < m.preserve.size(); ++i) {
    const auto& check = m.preserve[i];
    s.observer.on_check_start(check);
    try {
      values.push_back(s.db.query(check.sql.for_dialect(s.db.dialect())->text));
    } catch (const core::ConnectError&) {
      throw;
    } catch (const core::Error& e) {
      throw check_query_failed(m, nullptr, "preserve[" + std::to_string(i) + "]", check, e, s.db.dialect());
    }
  }
  return values;
}

void compare_preserve(Session& s, const plan::Migration& m, const std::vector<db::ResultSet>& before) {
  const auto after = read_preserve(s, m);
  for (std::size_t i = 0; i < m.preserve.size(); ++i) {
    const auto& check = m.preserve[i];
    const auto before_text = render_result(before[i]);
    const auto after_text = render_result(after[i]);
    const bool at_least = check.compare == plan::Compare::at_least;
    const bool passed = at_least ? result_at_least(after[i], before[i]) : values_equal(before_text, after_text);
    CheckOutcome outcome{passed, after_text, before_text, true};
    s.observer.on_check(check, outcome);
    if (!outcome.passed) {
      throw preserve_broken(m, i, check, before_text, after_text, s.db.dialect());
    }
  }
}

namespace {

const plan::Step& reversible_step(const plan::Migration& m, int i) {
  const auto& step = m.steps[static_cast<std::size_t>(i)];
  if (!step.rollback) {
    throw core::MigrationFailed("step \"" + step.name + "\" of migration " + core::version_text(m.version) +
                                " is irreversible: " + step.irreversible.value_or("no rollback"));
  }
  return step;
}

// Undoes steps top..bottom, newest first.
void undo_range(Session& s, const plan::Migration& m, int top, int bottom, bool tolerate_top,
                const std::function<void(int)>& on_undone) {
  for (int i = top; i >= bottom; --i) {
    const auto& step = reversible_step(m, i);
    const auto started = std::chrono::steady_clock::now();
    s.observer.on_step_start(m, step);
    try {
      auto ctx = s.operation_context();
      run_action(*step.rollback, ctx);
    } catch (const core::ConnectError&) {
      throw;
    } catch (const core::Error& e) {
      if (i == top && tolerate_top) {
        s.observer.on_message("rollback of the interrupted step \"" + step.name +
                              "\" did not run cleanly (it may have done nothing): " + e.what());
      } else {
        throw rollback_failed(step_failed(m, step, *step.rollback, e, s.db.dialect()));
      }
    }
    s.observer.on_step_done(m, step, elapsed_since(started));
    on_undone(i);
  }
}

}  // namespace

void undo_steps(Session& s, const plan::Migration& m, int top, bool tolerate_top,
                const std::function<void(int)>& on_undone) {
  // After Ctrl-C or SIGTERM, the cancellation of the statement in flight may still be on its
  // way (kill trials saw it cancel the undo instead, leaving the migration incomplete).
  util::wait_for_cancellers();
  undo_range(s, m, top, 0, tolerate_top, on_undone);
}

void undo_and_commit(Session& s, const plan::Migration& m, db::Transaction& tx,
                     const db::Transaction::RecordSql& record) {
  util::wait_for_cancellers();
  const int top = static_cast<int>(m.steps.size()) - 1;
  if (top < 0) {
    tx.commit_after(record(false));
    return;
  }
  undo_range(s, m, top, 1, false, [](int) {});
  // The first step's rollback is the transaction's last statement: it goes with the record.
  const auto& first = reversible_step(m, 0);
  try {
    if (run_step_and_commit(s, m, first, *first.rollback, tx, record)) {
      return;
    }
  } catch (const core::ConnectError&) {
    throw;
  } catch (const core::MigrationFailed& e) {
    throw rollback_failed(e);
  }
  undo_range(s, m, 0, 0, false, [](int) {});
  tx.commit_after(record(false));
}

void show_sql(Observer& observer, const plan::Migration& m, core::Dialect dialect, double scale) {
  for (const auto& step : m.steps) {
    observer.on_dry_run_sql(step, describe_action(step.action, dialect, scale));
  }
}

void show_rollback_sql(Observer& observer, const plan::Migration& m, core::Dialect dialect) {
  for (auto step = m.steps.rbegin(); step != m.steps.rend(); ++step) {
    observer.on_dry_run_sql(*step, describe_action(*step->rollback, dialect));
  }
}

void apply_timeouts(db::Connection& db, const plan::Migration& m, const plan::Timeouts& defaults) {
  db::Timeouts t;
  if (const auto lock = m.timeouts.lock_timeout ? m.timeouts.lock_timeout : defaults.lock_timeout) {
    t.lock_timeout = *lock;
  }
  if (const auto statement =
          m.timeouts.statement_timeout ? m.timeouts.statement_timeout : defaults.statement_timeout) {
    t.statement_timeout = *statement;
  }
  db.set_timeouts(t);
}

}  // namespace migrator::runner
