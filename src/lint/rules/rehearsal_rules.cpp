// The findings of check --rehearse. They come from running the plan on a scratch database
// (lint/rehearse.cpp), not from reading it: listed here for their ids, severities and docs.
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class RehearsalRule : public Rule {
 public:
  using Rule::Rule;
  bool rehearsal() const override { return true; }
};

class MeasuredRule final : public RehearsalRule {
 public:
  using RehearsalRule::RehearsalRule;
  bool measured() const override { return true; }
};

}  // namespace

const Rule& rehearse_failed() {
  static const RehearsalRule rule("rehearse-failed", Severity::error,
                                  "--rehearse: a migration, one of its checks, or its rollback fails on a "
                                  "scratch database");
  return rule;
}

const Rule& rollback_leaves_objects() {
  static const RehearsalRule rule("rollback-leaves-objects", Severity::error,
                                  "--rehearse: after the rollback, objects the migration created are still "
                                  "there (a forgotten index, column, constraint...)");
  return rule;
}

const Rule& rollback_removes_objects() {
  static const RehearsalRule rule("rollback-removes-objects", Severity::error,
                                  "--rehearse: the rollback removes objects that existed before the "
                                  "migration");
  return rule;
}

const Rule& rollback_reorders_columns() {
  static const RehearsalRule rule("rollback-reorders-columns", Severity::warning,
                                  "--rehearse: after the rollback, a table has all its columns back but in "
                                  "another order (a dropped column added back comes last)");
  return rule;
}

const Rule& lock_held_long() {
  static const MeasuredRule rule("lock-held-long", Severity::warning,
                                 "--rehearse on PostgreSQL: a statement held ACCESS EXCLUSIVE on an existing table "
                                 "longer than check.max_lock_ms (measured)");
  return rule;
}

const Rule& table_rewritten() {
  static const RehearsalRule rule("table-rewritten", Severity::warning,
                                  "--rehearse on PostgreSQL: a statement rewrote a table that has rows (its "
                                  "relfilenode changed)");
  return rule;
}

const Rule& traffic_blocked() {
  static const MeasuredRule rule("traffic-blocked", Severity::warning,
                                 "--rehearse on PostgreSQL: a one-row read or write on an existing table waited "
                                 "longer than check.max_blocked_ms while the migration ran (probed)");
  return rule;
}

const Rule& lock_without_timeout() {
  static const RehearsalRule rule("lock-without-timeout", Severity::warning,
                                  "--rehearse on PostgreSQL: a statement took ACCESS EXCLUSIVE on an existing "
                                  "table with no lock_timeout in force (observed)");
  return rule;
}

}  // namespace migrator::lint::rules
